// The Level 2 radar domain of the catalog: sites, volumes and their sweeps. Times are epoch
// milliseconds UTC.
import type { BBox, Corners } from '../../core/geo.js';
import type { Moment, RadarSiteId, SweepId, VolumeId } from '../../core/vocabulary/index.js';
import type { SourceFileRow } from './ingest.js';
import type { Page, PageArgs, SortOrder } from './paging.js';

export interface RadarSiteRow {
  id: RadarSiteId; // ICAO, e.g. KLOT
  latitude: number;
  longitude: number;
  heightM: number;
  /** Start of the site's earliest / latest catalogued volume; filled on reads, ignored on writes. */
  firstVolumeAt?: number | null;
  lastVolumeAt?: number | null;
}

export interface VolumeRow {
  id: VolumeId; // e.g. KLOT20220317_000842
  site: RadarSiteId;
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
  id: SweepId; // e.g. KLOT20220317_000842/e01-REF
  volumeId: VolumeId;
  site: RadarSiteId;
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

export interface CommitLevel2VolumeInput {
  file: SourceFileRow;
  site: RadarSiteRow;
  volume: VolumeRow;
  sweeps: SweepRow[];
}

/** What a commit replaced (Level 2 volumes and Level 3 products). */
export interface CommitResult {
  /** Object keys (images, metadata) of sweeps this commit replaced and no row uses any more. */
  staleObjectKeys: string[];
}

export interface VolumeFilter {
  site?: RadarSiteId;
  /** Volumes whose scan overlaps [from, to). */
  from?: number;
  to?: number;
  order?: SortOrder; // by scanStart then id; default DESC (newest first)
}

export interface SweepFilter {
  site?: RadarSiteId;
  volumeId?: VolumeId;
  /** Sweeps whose [startTime, endTime] overlaps [from, to). */
  from?: number;
  to?: number;
  /** Moments to include, e.g. ['REF', 'VEL']; absent or empty = all. */
  moments?: Moment[];
  /** Elevation angle bounds in degrees, inclusive. */
  minElevation?: number;
  maxElevation?: number;
  order?: SortOrder; // by startTime then id; default DESC
}

export type VolumeSweepFilter = Omit<SweepFilter, 'volumeId' | 'site'>;

export interface NearestSweepQuery {
  site: RadarSiteId;
  moment: Moment;
  /** Elevation angle, degrees. */
  elevation: number;
  /** Volumes whose scan starts in [from, to). */
  from: number;
  to: number;
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
  sites: readonly RadarSiteId[];
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

/** Lists take a filter and a page; `…ByIds` give rows in the order of the ids, null where none matched (what a DataLoader expects). */
export interface RadarReader {
  /** Every site, by id. */
  sites(): Promise<RadarSiteRow[]>;
  sitesByIds(ids: readonly RadarSiteId[]): Promise<(RadarSiteRow | null)[]>;
  /** Sites whose location lies in the box (edges included), by id. */
  sitesInBox(box: LonLatBox): Promise<RadarSiteRow[]>;
  volumes(filter: VolumeFilter, page: PageArgs): Promise<Page<VolumeRow>>;
  volumesByIds(ids: readonly VolumeId[]): Promise<(VolumeRow | null)[]>;
  /** The newest volume of each site, in the order of `siteIds` (null for a site without volumes). */
  latestVolumes(siteIds: readonly RadarSiteId[]): Promise<(VolumeRow | null)[]>;
  sweeps(filter: SweepFilter, page: PageArgs): Promise<Page<SweepRow>>;
  sweepsByIds(ids: readonly SweepId[]): Promise<(SweepRow | null)[]>;
  /** Sweeps of each volume, in the order of `volumeIds`; within one, by elevation then moment. */
  sweepsForVolumes(volumeIds: readonly VolumeId[], filter?: VolumeSweepFilter): Promise<SweepRow[][]>;
  /** Per volume starting in the window, its sweep of the moment nearest the elevation angle, in time order. */
  nearestSweeps(query: NearestSweepQuery): Promise<SweepRow[]>;
  /** Volumes, sweeps and products started in the window per site and bucket; only non-empty buckets. */
  bucketCounts(query: RadarCountQuery): Promise<RadarBucketCount[]>;
}

export interface RadarWriter {
  /**
   * Records one ingested Level 2 file in ONE transaction: site (upserted), volume, its sweeps and
   * the source file; a volume that arrives again has its sweeps replaced.
   */
  commitVolume(input: CommitLevel2VolumeInput): Promise<CommitResult>;
}
