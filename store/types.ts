import type { BBox, Corners } from '../core/geo.js';
import type { ProductCategoryName } from '../core/vocabulary/index.js';

// ---------------------------------------------------------------------------------------------
// Object store
// ---------------------------------------------------------------------------------------------

export interface StoredObject {
  key: string;
  body: Uint8Array;
  contentType: string;
  size: number;
  /** Quoted strong ETag as S3 gives it, e.g. "\"9b2cf535f27731c974343645a3985328\"". */
  etag: string;
  lastModified: Date;
}

export type ObjectHead = Omit<StoredObject, 'body'>;

/** What a listing gives per object: S3 listings carry no content type (that needs a HEAD each). */
export type ObjectSummary = Omit<ObjectHead, 'contentType'>;

/** An object to write. */
export interface ObjectToPut {
  key: string;
  body: Uint8Array;
  contentType: string;
}

/** One interface for S3 (any S3-compatible endpoint) and the local filesystem. */
export interface ObjectStore {
  /** Human-readable location, e.g. `file:/abs/var/objects` or `s3://bucket/prefix`. */
  readonly url: string;
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Puts several objects (e.g. all of one source file's); rejects if any could not be written. */
  putMany(objects: readonly ObjectToPut[]): Promise<void>;
  /** null when the key does not exist. */
  get(key: string): Promise<StoredObject | null>;
  head(key: string): Promise<ObjectHead | null>;
  /** Deleting a missing key is not an error. */
  delete(keys: string[]): Promise<void>;
  /** All keys starting with a prefix ('' = all), in UTF-8 byte order as S3 lists them. */
  list(prefix: string): AsyncIterable<ObjectSummary>;
}

// ---------------------------------------------------------------------------------------------
// Catalog rows. Times are epoch milliseconds UTC.
// ---------------------------------------------------------------------------------------------

export interface RadarSiteRow {
  id: string; // ICAO, e.g. KLOT
  latitude: number;
  longitude: number;
  heightM: number;
  /** Start of the site's earliest / latest catalogued volume; filled on reads, ignored on writes. */
  firstVolumeAt?: number | null;
  lastVolumeAt?: number | null;
}

/** A raw file taken from a source; (source, key, fingerprint) identifies it, so re-ingest is a no-op. */
export interface SourceFileRow {
  source: string; // e.g. "level2:noaa-nexrad-level2" or "local"
  key: string; // bucket key or absolute path
  /** ETag when the source gives one, else `size:<bytes>:<mtimeMs>`. */
  fingerprint: string;
  size: number;
  ingestedAt: number;
}

export interface VolumeRow {
  id: string; // e.g. KLOT20220317_000842
  site: string;
  scanStart: number;
  scanEnd: number;
  vcp: number | null;
  sweepCount: number;
  source: string;
  sourceKey: string;
  sourceSize: number;
  sourceFingerprint: string;
  ingestedAt: number;
  /** Prefix of the volume's sweep store (Zarr v2), e.g. `radar/level2/KLOT/2022/03/17/KLOT20220317_000842.zarr`; null before it existed. */
  zarrKey: string | null;
}

export interface SweepRow {
  id: string; // e.g. KLOT20220317_000842/e01-REF
  volumeId: string;
  site: string;
  elevationNumber: number;
  elevationAngle: number;
  moment: string;
  startTime: number;
  endTime: number;
  radialCount: number;
  gateCount: number;
  firstGateKm: number;
  gateSpacingKm: number;
  imageKey: string;
  metadataKey: string;
  bbox: BBox;
  corners: Corners;
  /** The cut's group in the volume's sweep store (`sweep_<i>`), null when the volume has none. */
  sweepIndex: number | null;
}

/** A source file that failed to ingest; retried later, given up on after a few attempts. */
export interface IngestFailureRow {
  source: string;
  key: string;
  fingerprint: string;
  attempts: number;
  firstFailedAt: number;
  lastFailedAt: number;
  /** RadomeError code of the last attempt. */
  errorCode: string;
  errorMessage: string;
  /** Object key where the raw file was kept for inspection, if it was. */
  quarantineKey: string | null;
}

export interface CommitLevel2VolumeInput {
  file: SourceFileRow;
  site: RadarSiteRow;
  volume: VolumeRow;
  sweeps: SweepRow[];
}

export interface CommitResult {
  /** Object keys (images, metadata) of sweeps this commit replaced and no row uses any more. */
  staleObjectKeys: string[];
}

// ---------------------------------------------------------------------------------------------
// Queries
// ---------------------------------------------------------------------------------------------

export interface PageArgs {
  /** Page size, 0–10000 (BAD_INPUT outside); the server caps it lower. */
  first: number;
  /** Opaque cursor of the last row of the previous page. */
  after?: string | null;
}

export interface Page<T> {
  rows: T[];
  /** Cursor of rows[i] (RangeError outside the page), encoded on demand. */
  cursorAt(i: number): string;
  totalCount: number;
  hasNextPage: boolean;
}

export type SortOrder = 'ASC' | 'DESC';

export interface VolumeFilter {
  site?: string;
  /** Volumes whose scan overlaps [from, to). */
  from?: number;
  to?: number;
  order?: SortOrder; // by scanStart then id; default DESC (newest first)
}

export interface SweepFilter {
  site?: string;
  volumeId?: string;
  /** Sweeps whose [startTime, endTime] overlaps [from, to). */
  from?: number;
  to?: number;
  /** Moments to include, e.g. ['REF', 'VEL']; absent or empty = all. */
  moments?: string[];
  /** Elevation angle bounds in degrees, inclusive. */
  minElevation?: number;
  maxElevation?: number;
  order?: SortOrder; // by startTime then id; default DESC
}

// ---------------------------------------------------------------------------------------------
// Level 3 products
// ---------------------------------------------------------------------------------------------

export type { ProductCategoryName };

/** One Level 3 product: rendered (image, bbox, corners) or, for graphic/tabular ones, not. */
export interface ProductRow {
  id: string; // e.g. KLOT_N0H_20210131_110630
  site: string;
  code: number;
  mnemonic: string;
  name: string;
  category: ProductCategoryName;
  /** Volume scan time the product belongs to. */
  scanTime: number;
  elevationAngle: number | null;
  units: string;
  /** null for products without an image (graphic, tabular, null products). */
  imageKey: string | null;
  metadataKey: string;
  /** The product as received. */
  rawKey: string;
  bbox: BBox | null;
  corners: Corners | null;
  source: string;
  sourceKey: string;
  sourceSize: number;
  sourceFingerprint: string;
  ingestedAt: number;
  /**
   * Largest accumulation the product states, inches (precipitation accumulations: N1P, NTP, DAA,
   * DTA …); null for other products and for null products.
   */
  maxAccumulationIn: number | null;
}

/** One site's products of one code and mnemonic in a time range (latestPrecipitation). */
export interface PrecipitationSummary {
  /** The newest. */
  product: ProductRow;
  count: number;
  /** The one stating the largest maxAccumulationIn (the newest of equals); null if none states one. */
  maxProduct: ProductRow | null;
}

export interface CommitLevel3ProductInput {
  file: SourceFileRow;
  /** Inserted when the catalog does not know the site; an existing site keeps its location. */
  site: RadarSiteRow;
  product: ProductRow;
}

export interface ProductFilter {
  site?: string;
  /** Product codes to include; absent or empty = all. */
  codes?: number[];
  mnemonics?: string[];
  category?: ProductCategoryName;
  /** Products whose scan time lies in [from, to). */
  from?: number;
  to?: number;
  order?: SortOrder; // by scanTime then id; default DESC
}

export interface ProductCodeFilter {
  category?: ProductCategoryName;
  site?: string;
  from?: number;
  to?: number;
}

/** A (code, mnemonic) pair in the catalog and how many products it has under a filter. */
export interface ProductCodeCount {
  code: number;
  mnemonic: string;
  name: string;
  category: ProductCategoryName;
  units: string;
  count: number;
}

// ---------------------------------------------------------------------------------------------
// GNSS. Times are ms since 1970-01-01 in the RINEX file's time system (GPS time for almost all
// files), not UTC; days are GPS days (days since 1970-01-01 in that time system).
// ---------------------------------------------------------------------------------------------

export interface GnssStationRow {
  /** 4-character site code, upper case: CEDA, YORK. */
  id: string;
  /** MARKER NAME as the file gives it. */
  name: string | null;
  /** 9-character RINEX 3 name (CEDA00USA) when known. */
  longName: string | null;
  /** From APPROX POSITION XYZ, WGS84. */
  latitude: number | null;
  longitude: number | null;
  heightM: number | null;
  receiverType: string | null;
  antennaType: string | null;
  /** Coverage; filled on reads, ignored on writes. */
  firstDay?: number | null;
  lastDay?: number | null;
  dayCount?: number;
}

export interface GnssDayRow {
  station: string;
  day: number;
  /** Parquet object of the day's SNR observations. */
  objectKey: string;
  source: string;
  sourceKey: string;
  firstTime: number;
  lastTime: number;
  epochCount: number;
  observationCount: number;
  satelliteCount: number;
  timeSystem: string;
  ingestedAt: number;
  /** Orbits the Parquet object's elevation/azimuth/edot came from; null (or absent) without geometry. */
  geometry?: GnssGeometryKind | null;
}

/** Orbit files by kind: SP3 precise orbits, or broadcast navigation. */
export type GnssOrbitKind = 'precise' | 'broadcast';

/** Where a station-day's geometry came from: the orbits it was computed from, or the ingested file itself (a gnssrefl SNR file). */
export type GnssGeometryKind = GnssOrbitKind | 'file';

/** One orbit file (navigation or SP3) stored for one GPS day it covers. */
export interface GnssOrbitRow {
  day: number;
  kind: GnssOrbitKind;
  objectKey: string;
  source: string;
  sourceKey: string;
  satelliteCount: number;
  /** First and last epoch (SP3) or ephemeris time (navigation), GPS ms. */
  firstTime: number;
  lastTime: number;
  ingestedAt: number;
}

/** An orbit file's rows and the station-days whose geometry it (re)filled, committed together. */
export interface CommitGnssOrbitsInput {
  file: SourceFileRow;
  orbits: GnssOrbitRow[];
  geometry: { station: string; day: number; geometry: GnssOrbitKind }[];
}

/**
 * Rollup rows of one station-day as columns. Values are integer thousandths of a dB-Hz, so sums
 * are exact; `level` is a rollup level id (store/gnss/rollup-levels.ts).
 */
export interface SnrRollupRows {
  count: number;
  level: Uint8Array;
  /** Index into the day's `codes`. */
  codeIndex: Uint8Array;
  /** Bucket start, seconds since 1970 in the file's time system. */
  bucket: Float64Array;
  /** Constellation index × 100 + PRN; PRN 0 in the per-constellation levels. */
  satellite: Uint16Array;
  n: Float64Array;
  sum: Float64Array;
  sumSquares: Float64Array;
  min: Float64Array;
  max: Float64Array;
}

export interface GnssDayCommit {
  row: GnssDayRow;
  /** SNR codes the rollups' codeIndex refers to. */
  codes: string[];
  rollups: SnrRollupRows;
}

export interface CommitGnssDaysInput {
  file: SourceFileRow;
  station: GnssStationRow;
  days: GnssDayCommit[];
}

/** One rollup aggregate as the catalog returns it (values in thousandths of a dB-Hz). */
export interface SnrRollupQuery {
  station: string;
  level: number;
  /** Catalog code ids (from gnssSignals). */
  codeIds: number[];
  /** Bucket range, seconds: [fromS, toS). */
  fromS: number;
  toS: number;
  /** Rows are summed into buckets of this many seconds (a multiple of the level's width). */
  intervalS: number;
  /** Satellite keys to keep (per-satellite levels), or constellation totals (×100) to keep; null = all. */
  satellites: number[] | null;
  /** Constellation indexes to keep (per-satellite levels); null = all. */
  constellations: number[] | null;
  groupByCode: boolean;
  groupBySatellite: boolean;
  groupByConstellation: boolean;
}

/** [bucketStartS, satelliteKey or constellation×100 or 0, codeId or 0, n, sum, sumSquares, min, max] */
export type SnrRollupAggregate = [number, number, number, number, number, number, number, number];

export interface GnssSignalRow {
  constellation: string;
  code: string;
  codeId: number;
}

// ---------------------------------------------------------------------------------------------
// Ingest daemon status, flags, backfills (migration 4)
// ---------------------------------------------------------------------------------------------

/** One daemon source (`level2`, `level2-chunks`, `level3`, `gnss`) as ingestStatus shows it. */
export interface IngestSourceStatusRow {
  name: string;
  paused: boolean;
  running: boolean;
  lastRunAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  /** Files listed but not yet ingested when last counted. */
  backlog: number;
  ingestedCount: number;
  skippedCount: number;
  failedCount: number;
}

export interface IngestFlagRow {
  name: string;
  value: string;
  updatedAt: number;
}

export interface BackfillRequestRow {
  id: number;
  source: string;
  from: number;
  to: number;
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
}

/** What one retention sweep removed from the catalog (objects follow from doomed_objects). */
export interface RetentionResult {
  volumes: number;
  products: number;
  /** Object keys recorded as doomed by this sweep. */
  objects: number;
}

// ---------------------------------------------------------------------------------------------
// Catalog events (migration 5) and radar aggregates, read by the API server.
// ---------------------------------------------------------------------------------------------

export type CatalogEventKind = 'LEVEL2_VOLUME' | 'LEVEL3_PRODUCT';

/** One committed item, in commit order: `seq` only grows. */
export interface CatalogEventRow {
  seq: number;
  /** Commit time, epoch ms. */
  at: number;
  kind: CatalogEventKind;
  site: string | null;
  /** Volume id or product id. */
  subjectId: string;
  /** Product code of LEVEL3_PRODUCT events. */
  code: number | null;
}

/** Longitude/latitude box, WGS84 degrees; west > east crosses the antimeridian. */
export interface LonLatBox {
  west: number;
  south: number;
  east: number;
  north: number;
}

/** Items started in [from, to) counted per `bucketMs` bucket (aligned to multiples of it since 1970). */
export interface RadarCountQuery {
  sites: readonly string[];
  from: number;
  to: number;
  bucketMs: number;
}

export interface RadarBucketCount {
  site: string;
  /** Bucket start, epoch ms. */
  start: number;
  volumes: number;
  sweeps: number;
  products: number;
}

/** A station's ingested gnssir settings: the gnssrefl json and/or its refraction file, as text. */
export interface GnssStationSettingsRow {
  station: string;
  settingsJson: string | null;
  refractionText: string | null;
  updatedAt: number;
}

export interface CommitGnssStationSettingsInput {
  file: SourceFileRow;
  station: string;
  /** Only the parts the file gives; the other stays as stored. */
  settingsJson?: string;
  refractionText?: string;
}
