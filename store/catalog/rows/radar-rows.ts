import { type BBox, bboxCorners, type Corners } from '../../../core/geo.js';
import type { SweepRow, VolumeRow } from '../radar.js';
import { rowTable } from './row-table.js';

// Row reads are raw (StatementCache.prepareRaw): each *_COLUMNS list and its *FromValues decoder
// come from one rowTable. Ids are read back as the branded types they were written as: only
// checked ids reach the catalog.

const VOLUMES = rowTable<VolumeRow>([
  ['id', 'id'],
  ['site', 'site'],
  ['scan_start', 'scanStart'],
  ['scan_end', 'scanEnd'],
  ['vcp', 'vcp'],
  ['sweep_count', 'sweepCount'],
  ['source', 'source'],
  ['source_key', 'sourceKey'],
  ['source_size', 'sourceSize'],
  ['source_fingerprint', 'sourceFingerprint'],
  ['ingested_at', 'ingestedAt'],
  ['zarr_key', 'zarrKey'],
]);

export const VOLUME_COLUMNS = VOLUMES.columns;
export const VOLUME_COLUMN_COUNT = VOLUMES.count;
export const volumeFromValues = VOLUMES.fieldsOf;

const SWEEPS = rowTable<SweepRow>(
  [
    ['id', 'id'],
    ['volume_id', 'volumeId'],
    ['site', 'site'],
    ['elevation_number', 'elevationNumber'],
    ['elevation_angle', 'elevationAngle'],
    ['moment', 'moment'],
    ['start_time', 'startTime'],
    ['end_time', 'endTime'],
    ['radial_count', 'radialCount'],
    ['gate_count', 'gateCount'],
    ['first_gate_km', 'firstGateKm'],
    ['gate_spacing_km', 'gateSpacingKm'],
    ['image_key', 'imageKey'],
    ['metadata_key', 'metadataKey'],
    ['west', null],
    ['south', null],
    ['east', null],
    ['north', null],
    ['corners', null],
    ['sweep_index', 'sweepIndex'],
  ],
  ['bbox', 'corners'],
);

export const SWEEP_COLUMNS = SWEEPS.columns;
export const SWEEP_COLUMN_COUNT = SWEEPS.count;

/** Positions of the columns read here rather than by the table's decoder. */
const [SWEEP_WEST, SWEEP_SOUTH, SWEEP_EAST, SWEEP_NORTH, SWEEP_CORNERS] = ['west', 'south', 'east', 'north', 'corners'].map((c) => SWEEPS.at(c));

export function sweepFromValues(v: unknown[]): SweepRow {
  const row = SWEEPS.fieldsOf(v);
  const west = v[SWEEP_WEST!] as number;
  const south = v[SWEEP_SOUTH!] as number;
  const east = v[SWEEP_EAST!] as number;
  const north = v[SWEEP_NORTH!] as number;
  row.bbox = [west, south, east, north];
  row.corners = cornersOf(west, south, east, north, v[SWEEP_CORNERS!] as string);
  return row;
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
  return SWEEPS.paramsOf(s, { west, south, east, north, corners: storedCorners(s.bbox, s.corners) });
}

/** Named parameters of the volumes INSERT. */
export function volumeParams(v: VolumeRow): Record<string, unknown> {
  return VOLUMES.paramsOf(v);
}
