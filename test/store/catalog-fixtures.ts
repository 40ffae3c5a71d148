import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CommitLevel2VolumeInput, RadarSiteRow, SweepRow, VolumeRow } from '../../store/catalog/index.js';

export const SITES: Record<string, RadarSiteRow> = {
  KLOT: { id: 'KLOT', latitude: 41.6044, longitude: -88.0847, heightM: 202 },
  KTLX: { id: 'KTLX', latitude: 35.3331, longitude: -97.2778, heightM: 370 },
  KAMX: { id: 'KAMX', latitude: 25.6111, longitude: -80.4128, heightM: 4 },
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
  const id = `${spec.site}${stamp(spec.start)}`;
  const source = spec.source ?? 'level2:test-bucket';
  const key = spec.key ?? `${stamp(spec.start).slice(0, 8)}/${spec.site}/${id}_V06`;
  const fingerprint = spec.fingerprint ?? `"etag-${id}"`;
  const volume: VolumeRow = {
    id,
    site: spec.site,
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
        id: `${id}/e${String(number).padStart(2, '0')}-${moment}`,
        volumeId: id,
        site: spec.site,
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
