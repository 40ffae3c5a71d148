// The GNSS domain of the catalog: stations, station-days and their SNR rollups. Times are ms since
// 1970-01-01 in the RINEX file's time system (GPS time for almost all files), not UTC; days are
// GPS days (days since 1970-01-01 in that time system).
import type { GnssStationId } from '../../core/vocabulary/index.js';
import type { SourceFileRow } from './ingest.js';

export interface GnssStationRow {
  /** 4-character site code, upper case: CEDA, YORK. */
  id: GnssStationId;
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
  /** Whether the day's elevation rollups are stored (filled on reads; days given geometry before they existed have none). */
  elevationRollups?: boolean;
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
  geometry: { station: string; day: number; geometry: GnssOrbitKind; codes: string[]; elevationRollups: SnrElevationRollupRows }[];
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

/**
 * Elevation rollup rows of one station-day as columns (store/gnss/elevation-bins.ts): sums per
 * code, satellite, 5° elevation bin and 10° azimuth bin, in thousandths of a dB-Hz.
 */
export interface SnrElevationRollupRows {
  count: number;
  /** Index into the day's `codes`. */
  codeIndex: Uint8Array;
  /** Constellation index × 100 + PRN. */
  satellite: Uint16Array;
  /** floor(elevation / 5). */
  elevationBin: Int8Array;
  /** floor(azimuth / 10). */
  azimuthBin: Uint8Array;
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
  /** Present when the day's observations have geometry. */
  elevationRollups?: SnrElevationRollupRows;
}

export interface CommitGnssDaysInput {
  file: SourceFileRow;
  station: GnssStationRow;
  days: GnssDayCommit[];
}

/** One rollup aggregate as the catalog returns it (values in thousandths of a dB-Hz). */
export interface SnrRollupQuery {
  station: GnssStationId;
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

/** Elevation rollups of days [fromDay, toDay] summed into the requested groups. */
export interface SnrElevationQuery {
  station: GnssStationId;
  /** Catalog code ids (from gnssSignals). */
  codeIds: number[];
  fromDay: number;
  toDay: number;
  /** Satellite keys to keep; null = all. */
  satellites: number[] | null;
  /** Constellation indexes to keep; null = all. */
  constellations: number[] | null;
  /** Elevation bins [first, end) to keep. */
  elevationBins: [number, number];
  /** Azimuth bins to keep; null = all. */
  azimuthBins: number[] | null;
  groupByDay: boolean;
  groupByElevation: boolean;
  groupByCode: boolean;
  groupBySatellite: boolean;
  groupByConstellation: boolean;
}

/** [day or 0, elevation bin or 0, satelliteKey or constellation×100 or 0, codeId or 0, n, sum, sumSquares, min, max] */
export type SnrElevationAggregate = [number, number, number, number, number, number, number, number, number];

export interface GnssSignalRow {
  constellation: string;
  code: string;
  codeId: number;
}

export interface GnssReader {
  /** Every station, by id. */
  stations(): Promise<GnssStationRow[]>;
  /** In the order of `ids`, null where an id matched nothing. */
  stationsByIds(ids: readonly GnssStationId[]): Promise<(GnssStationRow | null)[]>;
  /** Constellation × code pairs the station has data for, by constellation then code. */
  signals(station: GnssStationId): Promise<GnssSignalRow[]>;
  /** Days of a station in [fromDay, toDay], oldest first. */
  days(station: GnssStationId, fromDay: number, toDay: number): Promise<GnssDayRow[]>;
  /** Rollup rows of one level summed into `intervalS` buckets and the requested groups. */
  snrRollupAggregates(query: SnrRollupQuery): Promise<SnrRollupAggregate[]>;
  /** Elevation rollup rows summed into the requested groups. */
  snrElevationAggregates(query: SnrElevationQuery): Promise<SnrElevationAggregate[]>;
  /** Every station's row for one day. */
  daysOn(day: number): Promise<GnssDayRow[]>;
  /** Orbit files stored for days in [fromDay, toDay]. */
  orbits(fromDay: number, toDay: number): Promise<GnssOrbitRow[]>;
  /** A station's ingested gnssir settings (gnssrefl json, refraction file), or null. */
  stationSettings(station: GnssStationId): Promise<GnssStationSettingsRow | null>;
}

export interface GnssWriter {
  /**
   * Records one ingested RINEX file in ONE transaction: the station (upserted), each GPS day it
   * covers with its rollups, and the source file; a day that arrives again is replaced.
   */
  commitDays(input: CommitGnssDaysInput): Promise<void>;
  /** An orbit file's rows per day and the station-days whose geometry it filled, in one transaction. */
  commitOrbits(input: CommitGnssOrbitsInput): Promise<void>;
  /** Stores a station's gnssrefl json or refraction file (with its source file row). */
  commitStationSettings(input: CommitGnssStationSettingsInput): Promise<void>;
}
