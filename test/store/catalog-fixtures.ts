import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseGnssStationId, type ProductId, type RadarSiteId, type SweepId, type VolumeId } from '../../core/vocabulary/index.js';
import type {
  CommitGnssDaysInput,
  CommitLevel2VolumeInput,
  CommitLevel3ProductInput,
  GnssDayCommit,
  ProductRow,
  RadarSiteRow,
  SnrElevationRollupRows,
  SnrRollupRows,
  SweepRow,
  VolumeRow,
} from '../../store/catalog/index.js';
import { DAY_SECONDS, ROLLUP_LEVELS } from '../../store/gnss/rollup-levels.js';

// Fixture ids are written out in their shapes; the casts stand for the parsers real input goes through.
const siteId = (id: string) => id as RadarSiteId;

export const SITES: Record<string, RadarSiteRow> = {
  KLOT: { id: siteId('KLOT'), latitude: 41.6044, longitude: -88.0847, heightM: 202 },
  KTLX: { id: siteId('KTLX'), latitude: 35.3331, longitude: -97.2778, heightM: 370 },
  KAMX: { id: siteId('KAMX'), latitude: 25.6111, longitude: -80.4128, heightM: 4 },
};

export const MOMENTS = ['REF', 'VEL', 'SW'] as const;
export const ELEVATIONS = [0.5, 1.5, 2.4];

export function tempDbPath(name = 'catalog.db'): string {
  return join(mkdtempSync(join(tmpdir(), 'radome-catalog-')), 'nested', name);
}

function stamp(t: number): string {
  return new Date(t).toISOString().replace(/[-:]/g, '').replace('T', '_').slice(0, 15);
}

export interface VolumeSpec {
  site: string;
  start: number;
  /** Elevations to include (default all three) × MOMENTS. */
  elevations?: number[];
  /** Source file; default a bucket key derived from the volume id. */
  source?: string;
  key?: string;
  fingerprint?: string;
  /** Seconds per elevation sweep (default 20). */
  sweepSeconds?: number;
}

/**
 * A synthetic but well-formed commit: one volume with elevation × moment sweep rows. Sweeps of the
 * same elevation share a start time, so sorting by time has ties that only the id breaks.
 */
export function makeVolume(spec: VolumeSpec): CommitLevel2VolumeInput {
  const site = SITES[spec.site]!;
  const elevations = spec.elevations ?? ELEVATIONS;
  const sweepMs = (spec.sweepSeconds ?? 20) * 1000;
  const id = `${spec.site}${stamp(spec.start)}` as VolumeId;
  const source = spec.source ?? 'level2:test-bucket';
  const key = spec.key ?? `${stamp(spec.start).slice(0, 8)}/${spec.site}/${id}_V06`;
  const fingerprint = spec.fingerprint ?? `"etag-${id}"`;
  const volume: VolumeRow = {
    id,
    site: site.id,
    scanStart: spec.start,
    scanEnd: spec.start + elevations.length * sweepMs,
    vcp: 212,
    sweepCount: elevations.length,
    source,
    sourceKey: key,
    sourceSize: 1000 + (spec.start % 997),
    sourceFingerprint: fingerprint,
    ingestedAt: 1_700_000_000_000,
    zarrKey: null,
  };
  const sweeps: SweepRow[] = [];
  elevations.forEach((angle, i) => {
    const number = ELEVATIONS.indexOf(angle) + 1;
    for (const moment of MOMENTS) {
      const stem = `radar/level2/${spec.site}/${id}/e${String(number).padStart(2, '0')}-${moment}`;
      sweeps.push({
        id: `${id}/e${String(number).padStart(2, '0')}-${moment}` as SweepId,
        volumeId: id,
        site: site.id,
        elevationNumber: number,
        elevationAngle: angle,
        moment,
        startTime: spec.start + i * sweepMs,
        endTime: spec.start + (i + 1) * sweepMs - 1,
        radialCount: 720,
        gateCount: 1832,
        firstGateKm: 2.125,
        gateSpacingKm: 0.25,
        imageKey: `${stem}.png`,
        metadataKey: `${stem}.json`,
        bbox: [site.longitude - 5, site.latitude - 4, site.longitude + 5, site.latitude + 4],
        corners: [
          [site.longitude - 5, site.latitude + 4],
          [site.longitude + 5, site.latitude + 4],
          [site.longitude + 5, site.latitude - 4],
          [site.longitude - 5, site.latitude - 4],
        ],
        sweepIndex: null,
      });
    }
  });
  return {
    file: { source, key, fingerprint, size: volume.sourceSize, ingestedAt: volume.ingestedAt },
    site,
    volume,
    sweeps,
  };
}

/** Volume start times with deliberate ties across sites (same minute at two radars). */
export function volumeSchedule(count: number, base = Date.UTC(2022, 2, 17, 0, 0, 0)): VolumeSpec[] {
  const specs: VolumeSpec[] = [];
  const sites = Object.keys(SITES);
  for (let i = 0; i < count; i++) {
    specs.push({ site: sites[i % sites.length]!, start: base + Math.floor(i / 2) * 5 * 60_000 });
  }
  return specs;
}

export interface ProductSpec {
  site: string;
  mnemonic: string;
  code: number;
  scanTime: number;
  category?: CommitLevel3ProductInput['product']['category'];
  /** Largest accumulation stated, inches (precipitation products). */
  maxAccumulationIn?: number | null;
  /** Without an image (graphic / null products). */
  imageless?: boolean;
  key?: string;
}

/** A synthetic Level 3 commit: a product with its objects under radar/level3/. */
export function makeProduct(spec: ProductSpec): CommitLevel3ProductInput {
  const site = SITES[spec.site]!;
  const id = `${spec.site}_${spec.mnemonic}_${stamp(spec.scanTime)}` as ProductId;
  const stem = `radar/level3/${spec.site}/${id}`;
  const key = spec.key ?? `${spec.site}_${spec.mnemonic}_${spec.scanTime}`;
  const bbox: [number, number, number, number] = [site.longitude - 2, site.latitude - 2, site.longitude + 2, site.latitude + 2];
  const product: ProductRow = {
    id,
    site: site.id,
    code: spec.code,
    mnemonic: spec.mnemonic,
    name: `product ${spec.code}`,
    category: spec.category ?? 'REFLECTIVITY',
    scanTime: spec.scanTime,
    elevationAngle: 0.5,
    units: 'dBZ',
    imageKey: spec.imageless ? null : `${stem}.png`,
    metadataKey: `${stem}.json`,
    rawKey: `${stem}.raw`,
    bbox: spec.imageless ? null : bbox,
    corners: spec.imageless
      ? null
      : [
          [bbox[0], bbox[3]],
          [bbox[2], bbox[3]],
          [bbox[2], bbox[1]],
          [bbox[0], bbox[1]],
        ],
    source: 'level3:test-bucket',
    sourceKey: key,
    sourceSize: 500,
    sourceFingerprint: `"etag-${key}"`,
    ingestedAt: 1_700_000_000_000,
    maxAccumulationIn: spec.maxAccumulationIn ?? null,
  };
  return { file: { source: product.source, key, fingerprint: product.sourceFingerprint, size: 500, ingestedAt: product.ingestedAt }, site, product };
}

/**
 * A synthetic GNSS commit: one station, `days` GPS days, each with rollups of two codes at every
 * level (per-satellite levels for G01 and G02, constellation totals for GPS).
 */
export function makeGnssDays(station: string, days: number[], key = `${station}-${days.join('-')}.rnx`): CommitGnssDaysInput {
  const levels = ROLLUP_LEVELS;
  const commits: GnssDayCommit[] = days.map((day) => {
    const rows: [number, number, number, number, number][] = []; // level, codeIndex, bucket, satellite, value
    for (const level of levels) {
      for (let codeIndex = 0; codeIndex < 2; codeIndex++) {
        const satellites = level.perSatellite ? [101, 102] : [100];
        const buckets = level.widthSeconds === DAY_SECONDS ? [day * DAY_SECONDS] : [0, 1, 2, 3].map((q) => day * DAY_SECONDS + q * level.widthSeconds);
        for (const bucket of buckets) for (const sat of satellites) rows.push([level.id, codeIndex, bucket, sat, 40_000 + codeIndex * 1000 + (sat % 100) * 10 + (bucket % 7)]);
      }
    }
    const n = rows.length;
    const rollups: SnrRollupRows = {
      count: n,
      level: Uint8Array.from(rows.map((r) => r[0])),
      codeIndex: Uint8Array.from(rows.map((r) => r[1])),
      bucket: Float64Array.from(rows.map((r) => r[2])),
      satellite: Uint16Array.from(rows.map((r) => r[3])),
      n: Float64Array.from(rows.map(() => 2)),
      sum: Float64Array.from(rows.map((r) => 2 * r[4])),
      sumSquares: Float64Array.from(rows.map((r) => 2 * r[4] * r[4])),
      min: Float64Array.from(rows.map((r) => r[4] - 500)),
      max: Float64Array.from(rows.map((r) => r[4] + 500)),
    };
    return {
      row: {
        station,
        day,
        objectKey: `gnss/snr/${station}/${day}.parquet`,
        source: 'gnss:test',
        sourceKey: key,
        firstTime: day * DAY_SECONDS * 1000,
        lastTime: (day + 1) * DAY_SECONDS * 1000 - 15_000,
        epochCount: 5760,
        observationCount: 100_000,
        satelliteCount: 2,
        timeSystem: 'GPS',
        ingestedAt: 1_700_000_000_000,
        geometry: null,
      },
      codes: ['S1C', 'S2W'],
      rollups,
    };
  });
  return {
    file: { source: 'gnss:test', key, fingerprint: `"etag-${key}"`, size: 1234, ingestedAt: 1_700_000_000_000 },
    station: { id: parseGnssStationId(station, 'fixture station'), name: station, longName: null, latitude: 40, longitude: -105, heightM: 1600, receiverType: 'RX', antennaType: 'ANT' },
    days: commits,
  };
}

/**
 * Elevation rollup rows of one station-day for codes 0 and 1: satellites G01 and G02, elevation
 * bins 1..3, azimuth bins 0 and 9; each row's value says where it is, so sums are checkable.
 */
export function makeElevationRollups(): SnrElevationRollupRows {
  const rows: [number, number, number, number][] = []; // codeIndex, satellite, elevationBin, azimuthBin
  for (let codeIndex = 0; codeIndex < 2; codeIndex++) {
    for (const sat of [101, 102]) for (const el of [1, 2, 3]) for (const az of [0, 9]) rows.push([codeIndex, sat, el, az]);
  }
  const value = (r: [number, number, number, number]) => 30_000 + r[0] * 1000 + (r[1] % 100) * 100 + r[2] * 10 + r[3];
  return {
    count: rows.length,
    codeIndex: Uint8Array.from(rows.map((r) => r[0])),
    satellite: Uint16Array.from(rows.map((r) => r[1])),
    elevationBin: Int8Array.from(rows.map((r) => r[2])),
    azimuthBin: Uint8Array.from(rows.map((r) => r[3])),
    n: Float64Array.from(rows.map(() => 3)),
    sum: Float64Array.from(rows.map((r) => 3 * value(r))),
    sumSquares: Float64Array.from(rows.map((r) => 3 * value(r) ** 2)),
    min: Float64Array.from(rows.map((r) => value(r) - 100)),
    max: Float64Array.from(rows.map((r) => value(r) + 100)),
  };
}
