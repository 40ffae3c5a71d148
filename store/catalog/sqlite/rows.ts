import type { BBox, Corners } from '../../../core/geo.js';
import type { RadarSiteId, SweepId, VolumeId } from '../../../core/vocabulary/index.js';
import type { SweepRow, VolumeRow } from '../radar.js';

/** SELECT lists whose aliases give the row types' field names directly. */
export const SITE_COLUMNS = 'id, latitude, longitude, height_m AS heightM, first_volume_at AS firstVolumeAt, last_volume_at AS lastVolumeAt';

export const FAILURE_COLUMNS = `source, key, fingerprint, attempts, first_failed_at AS firstFailedAt,
  last_failed_at AS lastFailedAt, error_code AS errorCode, error_message AS errorMessage,
  quarantine_key AS quarantineKey`;

// Row reads are raw (StatementCache.prepareRaw): each *_COLUMNS list is read by position by the
// *FromValues function below it, so the two change together. Ids are read back as the branded
// types they were written as: only checked ids reach the catalog.

export const VOLUME_COLUMNS = `id, site, scan_start, scan_end, vcp, sweep_count, source, source_key, source_size,
  source_fingerprint, ingested_at, zarr_key`;

export function volumeFromValues(v: unknown[]): VolumeRow {
  return {
    id: v[0] as VolumeId,
    site: v[1] as RadarSiteId,
    scanStart: v[2] as number,
    scanEnd: v[3] as number,
    vcp: v[4] as number | null,
    sweepCount: v[5] as number,
    source: v[6] as string,
    sourceKey: v[7] as string,
    sourceSize: v[8] as number,
    sourceFingerprint: v[9] as string,
    ingestedAt: v[10] as number,
    zarrKey: v[11] as string | null,
  };
}

export const SWEEP_COLUMNS = `id, volume_id, site, elevation_number, elevation_angle, moment, start_time, end_time,
  radial_count, gate_count, first_gate_km, gate_spacing_km, image_key, metadata_key, west, south, east, north, corners, sweep_index`;

export function sweepFromValues(v: unknown[]): SweepRow {
  const west = v[14] as number;
  const south = v[15] as number;
  const east = v[16] as number;
  const north = v[17] as number;
  return {
    id: v[0] as SweepId,
    volumeId: v[1] as VolumeId,
    site: v[2] as RadarSiteId,
    elevationNumber: v[3] as number,
    elevationAngle: v[4] as number,
    moment: v[5] as string,
    startTime: v[6] as number,
    endTime: v[7] as number,
    radialCount: v[8] as number,
    gateCount: v[9] as number,
    firstGateKm: v[10] as number,
    gateSpacingKm: v[11] as number,
    imageKey: v[12] as string,
    metadataKey: v[13] as string,
    bbox: [west, south, east, north] as BBox,
    corners: cornersOf(west, south, east, north, v[18] as string),
    sweepIndex: v[19] as number | null,
  };
}

/** A bbox's own corners (NW, NE, SE, SW): what a Web Mercator overlay's corners nearly always are. */
function bboxCorners(west: number, south: number, east: number, north: number): Corners {
  return [
    [west, north],
    [east, north],
    [east, south],
    [west, south],
  ];
}

/**
 * The stored corners. '' stands for the bbox's own corners (since schema 10: they are nearly
 * always that, and the JSON was ~40 % of a sweep row). Rows written before hold the JSON, which is
 * built from the bbox instead of parsed when it is the same text (numbers format as
 * JSON.stringify wrote them): the values are the same, and the check costs less than JSON.parse.
 */
export function cornersOf(west: number, south: number, east: number, north: number, stored: string): Corners {
  if (stored === '' || stored === `[[${west},${north}],[${east},${north}],[${east},${south}],[${west},${south}]]`) return bboxCorners(west, south, east, north);
  return JSON.parse(stored) as Corners;
}

/** What the corners column stores for a row: '' for its bbox's own corners, else their JSON. */
export function storedCorners(bbox: BBox, corners: Corners): string {
  const [west, south, east, north] = bbox;
  const own = bboxCorners(west, south, east, north);
  return corners.every((c, i) => c[0] === own[i]![0] && c[1] === own[i]![1]) ? '' : JSON.stringify(corners);
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
    corners: storedCorners(s.bbox, s.corners),
    sweepIndex: s.sweepIndex,
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
    zarrKey: v.zarrKey,
  };
}
