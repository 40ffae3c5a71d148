import { isRadarSiteId, type RadarSiteId } from '../../core/vocabulary/index.js';
import type { TimeWindow } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Keys of the public Level 2 archive bucket: `YYYY/MM/DD/SITE/SITEYYYYMMDD_HHMMSS[_V0x][.gz]`.
 * `_MDM` objects hold metadata only and are not volumes.
 */
const LEVEL2_KEY = /^(\d{4})\/(\d{2})\/(\d{2})\/([A-Z0-9]{4})\/\4(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})(?:_V\d{2})?(?:\.gz)?$/;

export interface Level2Key {
  site: RadarSiteId;
  /** Volume start the name states, epoch ms UTC. */
  time: number;
}

/** Site and time of a Level 2 archive key, or null when the key is not a volume. */
export function parseLevel2Key(key: string): Level2Key | null {
  const m = LEVEL2_KEY.exec(key);
  if (!m) return null;
  const [, , , , site, y, mo, d, h, mi, s] = m;
  if (!isRadarSiteId(site!)) return null;
  const time = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +s!);
  return Number.isNaN(time) ? null : { site: site!, time };
}

/** Archive file names: `SITEYYYYMMDD_HHMMSS` then anything (`_V06`, `.gz`, `.Z`…). */
const LEVEL2_FILE_NAME = /^([A-Za-z0-9]{4})\d{8}_\d{6}/;

/**
 * The radar site a Level 2 file's key or path names: the archive key's `SITE/` folder, else a file
 * name in the archive's form. Null when neither names a valid site.
 */
export function level2SiteFromName(key: string): RadarSiteId | null {
  const parsed = parseLevel2Key(key);
  if (parsed) return parsed.site;
  const name = key.slice(Math.max(key.lastIndexOf('/'), key.lastIndexOf('\\')) + 1);
  // A file name is the user's: any case (ktlx19950601_000209.gz) names the same radar.
  const site = LEVEL2_FILE_NAME.exec(name)?.[1]?.toUpperCase();
  return site && isRadarSiteId(site) ? site : null;
}

/** `YYYY/MM/DD/SITE/` prefixes of every UTC day the window touches, in order. */
export function level2DayPrefixes(site: string, window: TimeWindow): string[] {
  const prefixes: string[] = [];
  const last = window.to - 1;
  for (let day = Math.floor(window.from / DAY_MS) * DAY_MS; day <= last; day += DAY_MS) {
    const d = new Date(day);
    const ymd = `${d.getUTCFullYear()}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${String(d.getUTCDate()).padStart(2, '0')}`;
    prefixes.push(`${ymd}/${site}/`);
  }
  return prefixes;
}

/** The key a volume file has in the public layout: parseLevel2Key's inverse (tests stage files with it). */
export function level2KeyFor(site: string, time: number, suffix = '_V06'): string {
  const iso = new Date(time).toISOString(); // 2022-03-17T00:08:42.000Z
  const ymd = iso.slice(0, 10).replaceAll('-', '');
  const hms = iso.slice(11, 19).replaceAll(':', '');
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${site}/${site}${ymd}_${hms}${suffix}`;
}
