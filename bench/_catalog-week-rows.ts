// Catalog rows of a national network's week, made up but shaped like ingest's (ids, object keys,
// sweep × moment rows per cut, Level 3 products per volume): pure and seeded, so every engine's
// bulk loader (SQLite now, PostgreSQL later) is filled with the same rows.
import { type BBox, bboxCorners, type Corners } from '../core/geo.js';
import { nexradSiteIds, nexradSiteLocation } from '../core/nexrad-sites.js';
import { level2SweepId, level2VolumeId, level3ProductId, type VolumeId } from '../core/vocabulary/index.js';
import { productByMnemonic } from '../ingest/decode/level3/products.js';
import { level2ObjectStem, level2ZarrPrefix } from '../ingest/level2/volume-id.js';
import { level3ObjectStem, level3StormCellsKey } from '../ingest/level3/product-id.js';
import type { CommitLevel2VolumeInput, CommitLevel3ProductInput, RadarSiteRow, SweepRow } from '../store/catalog/index.js';
import { seededRandom } from './_seeded-random.js';

/** Bump when the rows change: cached catalogs are keyed by it. */
export const WEEK_ROWS_VERSION = 2;

export interface WeekShape {
  days: number;
  sites: number;
  /** First volume slot, epoch ms UTC (a midnight). */
  start: number;
  seed: number;
}

export const NATIONAL_WEEK: WeekShape = { days: 7, sites: 160, start: Date.UTC(2026, 4, 3), seed: 23 };

/** One volume's commit and the Level 3 products made from it, as the daemon commits them. */
export interface WeekItem {
  volume: CommitLevel2VolumeInput;
  products: CommitLevel3ProductInput[];
}

const DAY_MS = 86_400_000;
/** Volumes start every 5 minutes (VCP 212/215 with SAILS run 4½–6): 288 a day per site. */
const VOLUME_PERIOD_MS = 300_000;

/**
 * Cuts as the RDA numbers them and the moments each carries, as ingest of the real KLOT sample
 * (VCP 35) gives them: a split cut is a surveillance cut (REF and the dual-pol moments with CFP)
 * then a Doppler cut (REF, VEL, SW); batch cuts carry all seven. VCP 212 (precipitation, with one
 * SAILS cut): 19 cuts, 109 rows; VCP 35 (clear air): 12 cuts, 66 rows.
 */
const SURVEILLANCE = ['REF', 'ZDR', 'PHI', 'RHO', 'CFP'] as const;
const DOPPLER = ['REF', 'VEL', 'SW'] as const;
const ALL = ['REF', 'VEL', 'SW', 'ZDR', 'PHI', 'RHO', 'CFP'] as const;
type Cut = { angle: number; moments: readonly string[] };
const split = (angle: number): Cut[] => [
  { angle, moments: SURVEILLANCE },
  { angle, moments: DOPPLER },
];
const batch = (angle: number): Cut => ({ angle, moments: ALL });
const VCP_CUTS: Record<number, readonly Cut[]> = {
  212: [...[0.5, 0.9, 1.3].flatMap(split), ...[1.8, 2.4, 3.1].map(batch), ...split(0.5), ...[4.0, 5.1, 6.4, 8.0, 10.0, 12.5, 15.6, 19.5].map(batch)],
  35: [...[0.5, 0.9, 1.3].flatMap(split), ...[1.8, 2.4, 3.1, 4.0, 5.1, 6.4].map(batch)],
};
/** Share of sites in precipitation mode: the mean volume has ~92 rows, 30 million a national week. */
const PRECIPITATION_SHARE = 0.6;

/** Gates per moment at 250 m (REF to 460 km, Doppler and dual-pol to 300 km). */
const GATES: Record<string, number> = { REF: 1832, VEL: 1192, SW: 1192, ZDR: 1192, PHI: 1192, RHO: 1192, CFP: 1832 };

/** Level 3 products each volume makes (a subset of what NOAA's feed carries). */
const PRODUCT_MNEMONICS = ['N0B', 'N0G', 'N0C', 'N0X', 'N0H', 'HHC', 'DPR', 'DAA', 'DTA', 'OHA', 'NST', 'NMD', 'DVL', 'EET'];

/** The first `count` known NEXRAD sites: the CONUS K sites first, then Alaska, Hawaii, Pacific, Puerto Rico. */
export function weekSites(count: number): RadarSiteRow[] {
  const conusFirst = (id: string) => `${id.startsWith('K') ? 0 : 1}${id}`;
  const ids = nexradSiteIds().sort((a, b) => (conusFirst(a) < conusFirst(b) ? -1 : 1));
  if (count > ids.length) throw new Error(`weekSites: asked for ${count} sites, radome knows ${ids.length}`);
  return ids.slice(0, count).map((id) => {
    const l = nexradSiteLocation(id)!;
    return { id, latitude: l.latitude, longitude: l.longitude, heightM: l.heightM ?? 0 };
  });
}

/** An overlay's lon/lat box: 460 km around the site, axis-aligned as Web Mercator overlays are. */
function overlayBox(site: RadarSiteRow, rangeKm: number): { bbox: BBox; corners: Corners } {
  const dLat = rangeKm / 111.2;
  const dLon = dLat / Math.cos((site.latitude * Math.PI) / 180);
  const round = (v: number) => Math.round(v * 1e6) / 1e6;
  const [west, south, east, north] = [round(site.longitude - dLon), round(site.latitude - dLat), round(site.longitude + dLon), round(site.latitude + dLat)];
  return {
    bbox: [west, south, east, north],
    corners: bboxCorners(west, south, east, north),
  };
}

function hex(next: () => number, digits: number): string {
  let s = '';
  while (s.length < digits)
    s += Math.floor(next() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, digits);
}

/** `20260503/KLOT/KLOT20260503_000512_V06`: the layout of NOAA's Level 2 archive bucket. */
function level2Key(volumeId: string, site: string, start: number): string {
  const iso = new Date(start).toISOString();
  return `${iso.slice(0, 4)}/${iso.slice(5, 7)}/${iso.slice(8, 10)}/${site}/${volumeId}_V06`;
}

/** `KLOT_SDUS53_N0HLOT_202605030005`: a Level 3 file as NOAA's Level 3 bucket names it. */
function level3Key(site: string, mnemonic: string, t: number): string {
  const iso = new Date(t).toISOString();
  const stamp = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}`;
  return `${site.slice(1)}_SDUS5${mnemonic.charCodeAt(0) % 10}_${mnemonic}${site.slice(1)}_${stamp}`;
}

function sweepsOf(site: RadarSiteRow, volumeId: VolumeId, start: number, cuts: readonly Cut[], cutMs: number[]): SweepRow[] {
  const { bbox, corners } = overlayBox(site, 460);
  const sweeps: SweepRow[] = [];
  // The stems differ only in their last part: the date folders once a volume.
  const folder = level2ObjectStem(site.id, start, '');
  let t = start;
  for (const [index, cut] of cuts.entries()) {
    const elevationNumber = index + 1;
    const end = t + cutMs[index]!;
    for (const moment of cut.moments) {
      const id = level2SweepId(volumeId, elevationNumber, moment);
      const stem = `${folder}${id}`;
      sweeps.push({
        id,
        volumeId,
        site: site.id,
        elevationNumber,
        elevationAngle: cut.angle,
        moment,
        startTime: t,
        endTime: end,
        radialCount: cut.angle <= 1.8 ? 720 : 360,
        gateCount: GATES[moment]!,
        firstGateKm: 2.125,
        gateSpacingKm: 0.25,
        imageKey: `${stem}.png`,
        metadataKey: `${stem}.json`,
        bbox: [...bbox],
        corners: corners.map((c) => [...c]) as unknown as Corners,
        sweepIndex: index,
      });
    }
    t = end + 1;
  }
  return sweeps;
}

function productsOf(site: RadarSiteRow, scanTime: number, ingestedAt: number, next: () => number): CommitLevel3ProductInput[] {
  const { bbox, corners } = overlayBox(site, 230);
  const products: CommitLevel3ProductInput[] = [];
  for (const mnemonic of PRODUCT_MNEMONICS) {
    const info = productByMnemonic(mnemonic)!;
    const stem = level3ObjectStem(site.id, mnemonic, scanTime);
    const rendered = info.format === 'radial' || info.format === 'raster';
    const file = { source: 'level3:unidata-nexrad-level3', key: level3Key(site.id, mnemonic, scanTime), fingerprint: `"${hex(next, 32)}"`, size: 2_000 + Math.floor(next() * 60_000), ingestedAt };
    products.push({
      file,
      site,
      product: {
        id: level3ProductId(site.id, mnemonic, scanTime),
        site: site.id,
        code: info.code,
        mnemonic,
        name: info.name,
        category: info.category,
        scanTime,
        elevationAngle: info.hasElevation ? 0.5 : null,
        units: info.units,
        imageKey: rendered ? `${stem}.png` : null,
        metadataKey: `${stem}.json`,
        rawKey: `${stem}.raw`,
        bbox: rendered ? [...bbox] : null,
        corners: rendered ? (corners.map((c) => [...c]) as unknown as Corners) : null,
        source: file.source,
        sourceKey: file.key,
        sourceSize: file.size,
        sourceFingerprint: file.fingerprint,
        ingestedAt,
        maxAccumulationIn: info.category === 'PRECIPITATION' && info.format !== 'graphic' ? Math.round(next() * 300) / 100 : null,
      },
    });
  }
  return products;
}

/** Storm products leave a cells object beside the raw one (what retention dooms with them). */
export function productObjectKeys(p: CommitLevel3ProductInput['product']): string[] {
  const keys = [p.imageKey, p.metadataKey, p.rawKey].filter((k): k is string => k !== null);
  if ([58, 59, 61, 62, 141].includes(p.code)) keys.push(level3StormCellsKey(p.rawKey));
  return keys;
}

/**
 * The shape's volumes in (roughly) time order, as a national ingest commits them: each site starts
 * at its own seeded offset in the 5-minute slot and jitters ±20 s per volume.
 */
export function* weekItems(shape: WeekShape): Generator<WeekItem> {
  const sites = weekSites(shape.sites);
  const next = seededRandom(shape.seed);
  const offsets = sites.map(() => Math.floor(next() * VOLUME_PERIOD_MS));
  const vcps = sites.map(() => (next() < PRECIPITATION_SHARE ? 212 : 35));
  const slots = Math.round((shape.days * DAY_MS) / VOLUME_PERIOD_MS);
  for (let slot = 0; slot < slots; slot++) {
    for (const [i, site] of sites.entries()) {
      const start = shape.start + slot * VOLUME_PERIOD_MS + offsets[i]! + Math.floor((next() - 0.5) * 40_000);
      const volumeStart = Math.floor(start / 1000) * 1000;
      const vcp = vcps[i]!;
      const cuts = VCP_CUTS[vcp]!;
      const cutMs = cuts.map((c) => (c.angle < 2 ? 18_000 : 12_000) + Math.floor(next() * 2_000));
      const volumeId = level2VolumeId(site.id, volumeStart);
      const sweeps = sweepsOf(site, volumeId, volumeStart, cuts, cutMs);
      const scanEnd = sweeps.at(-1)!.endTime;
      const ingestedAt = scanEnd + 20_000 + Math.floor(next() * 30_000);
      const key = level2Key(volumeId, site.id, volumeStart);
      const file = { source: 'level2:noaa-nexrad-level2', key, fingerprint: `"${hex(next, 32)}"`, size: 4_000_000 + Math.floor(next() * 12_000_000), ingestedAt };
      yield {
        volume: {
          file,
          site,
          volume: {
            id: volumeId,
            site: site.id,
            scanStart: volumeStart,
            scanEnd,
            vcp,
            sweepCount: sweeps.length,
            source: file.source,
            sourceKey: key,
            sourceSize: file.size,
            sourceFingerprint: file.fingerprint,
            ingestedAt,
            zarrKey: level2ZarrPrefix(site.id, volumeStart, volumeId),
          },
          sweeps,
        },
        products: productsOf(site, volumeStart + 60_000, ingestedAt, next),
      };
    }
  }
}
