import type { TimeWindow } from './types.js';

const DAY_MS = 86_400_000;

/**
 * Names of the public Level 3 bucket: `SSS_PPP_YYYY_MM_DD_HH_MM_SS` — 3-letter radar id (the ICAO
 * without its first letter), product mnemonic, scan time. Some archives keep the 4-letter id and
 * drop the seconds (`KLOT_NSS_2022_01_16_09_31`); both are accepted.
 */
const LEVEL3_NAME = /^([A-Z0-9]{3,4})_([A-Z0-9]{3})_(\d{4})_(\d{2})_(\d{2})_(\d{2})_(\d{2})(?:_(\d{2}))?$/;

export interface Level3Key {
  /** Radar id as the name states it (3 letters, sometimes 4). */
  radarId: string;
  mnemonic: string;
  /** Scan time the name states, epoch ms UTC. */
  time: number;
}

/** Radar id, mnemonic and time of a Level 3 object name (the last path segment), or null. */
export function parseLevel3Key(key: string): Level3Key | null {
  const name = key.slice(key.lastIndexOf('/') + 1);
  const m = LEVEL3_NAME.exec(name);
  if (!m) return null;
  const [, radarId, mnemonic, y, mo, d, h, mi, s] = m;
  const time = Date.UTC(+y!, +mo! - 1, +d!, +h!, +mi!, +(s ?? 0));
  return Number.isNaN(time) ? null : { radarId: radarId!, mnemonic: mnemonic!, time };
}

/** The 3-letter Level 3 id of a 4-letter ICAO (KLOT → LOT, PABC → ABC, TJUA → JUA). */
export function level3RadarId(icao: string): string {
  return icao.toUpperCase().slice(-3);
}

const ymd = (t: number): string => new Date(t).toISOString().slice(0, 10).replaceAll('-', '_');

/** `SSS_PPP_YYYY_MM_DD` prefixes of every UTC day the window touches, in order. */
export function level3DayPrefixes(icao: string, mnemonic: string, window: TimeWindow): string[] {
  const prefixes: string[] = [];
  for (let day = Math.floor(window.from / DAY_MS) * DAY_MS; day <= window.to - 1; day += DAY_MS) {
    prefixes.push(`${level3RadarId(icao)}_${mnemonic.toUpperCase()}_${ymd(day)}`);
  }
  return prefixes;
}

/** The key a product has in the public layout, built with this module's id and date helpers (tests stage files with it). */
export function level3KeyFor(icao: string, mnemonic: string, time: number): string {
  const hms = new Date(time).toISOString().slice(11, 19).replaceAll(':', '_');
  return `${level3RadarId(icao)}_${mnemonic.toUpperCase()}_${ymd(time)}_${hms}`;
}
