import type { BBox, Corners } from '../../ingest/render/types.js';
import type { SweepRow, VolumeRow } from '../types.js';

/** SELECT lists whose aliases give the row types' field names directly. */
export const SITE_COLUMNS =
  'id, latitude, longitude, height_m AS heightM, first_volume_at AS firstVolumeAt, last_volume_at AS lastVolumeAt';

export const VOLUME_COLUMNS = `id, site, scan_start AS scanStart, scan_end AS scanEnd, vcp, sweep_count AS sweepCount,
  source, source_key AS sourceKey, source_size AS sourceSize, source_fingerprint AS sourceFingerprint, ingested_at AS ingestedAt`;

export const SWEEP_COLUMNS = `id, volume_id AS volumeId, site, elevation_number AS elevationNumber,
  elevation_angle AS elevationAngle, moment, start_time AS startTime, end_time AS endTime,
  radial_count AS radialCount, gate_count AS gateCount, first_gate_km AS firstGateKm,
  gate_spacing_km AS gateSpacingKm, image_key AS imageKey, metadata_key AS metadataKey,
  west, south, east, north, corners`;

export const FAILURE_COLUMNS = `source, key, fingerprint, attempts, first_failed_at AS firstFailedAt,
  last_failed_at AS lastFailedAt, error_code AS errorCode, error_message AS errorMessage,
  quarantine_key AS quarantineKey`;

export type SweepRecord = Omit<SweepRow, 'bbox' | 'corners'> & { west: number; south: number; east: number; north: number; corners: string };

export function sweepFromRecord(r: SweepRecord): SweepRow {
  const { west, south, east, north, corners, ...rest } = r;
  return { ...rest, bbox: [west, south, east, north] as BBox, corners: JSON.parse(corners) as Corners };
}

/** Named parameters of the sweeps INSERT. */
export function sweepParams(s: SweepRow): Record<string, unknown> {
  const [west, south, east, north] = s.bbox;
  return {
    id: s.id,
    volumeId: s.volumeId,
    site: s.site,
    elevationNumber: s.elevationNumber,
    elevationAngle: s.elevationAngle,
    moment: s.moment,
    startTime: s.startTime,
    endTime: s.endTime,
    radialCount: s.radialCount,
    gateCount: s.gateCount,
    firstGateKm: s.firstGateKm,
    gateSpacingKm: s.gateSpacingKm,
    imageKey: s.imageKey,
    metadataKey: s.metadataKey,
    west,
    south,
    east,
    north,
    corners: JSON.stringify(s.corners),
  };
}

/** Named parameters of the volumes INSERT. */
export function volumeParams(v: VolumeRow): Record<string, unknown> {
  return {
    id: v.id,
    site: v.site,
    scanStart: v.scanStart,
    scanEnd: v.scanEnd,
    vcp: v.vcp,
    sweepCount: v.sweepCount,
    source: v.source,
    sourceKey: v.sourceKey,
    sourceSize: v.sourceSize,
    sourceFingerprint: v.sourceFingerprint,
    ingestedAt: v.ingestedAt,
  };
}
