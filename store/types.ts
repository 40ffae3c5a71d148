import type { BBox, Corners } from '../ingest/render/types.js';

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

/** One interface for S3 (any S3-compatible endpoint) and the local filesystem. */
export interface ObjectStore {
  /** Human-readable location, e.g. `file:/abs/var/objects` or `s3://bucket/prefix`. */
  readonly url: string;
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
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
  /** Cursor of each row, same order as rows. */
  cursors: string[];
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
