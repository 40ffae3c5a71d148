import { ArgsType, Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { GnssStationId } from '../../core/vocabulary/index.js';
import { dayString } from '../../store/gnss/snr-keys.js';
import type { SnrPoint as SnrPointRow } from '../../store/gnss/snr-accumulator.js';
import type { GnssStationRow } from '../../store/catalog/index.js';
import { Node } from './node.js';

export enum SnrGroupBy {
  SATELLITE = 'SATELLITE',
  CONSTELLATION = 'CONSTELLATION',
  OBS_CODE = 'OBS_CODE',
  BAND = 'BAND',
}

registerEnumType(SnrGroupBy, { name: 'SnrGroupBy', description: 'A dimension SNR points are grouped by; ungrouped dimensions are summed over.' });

@ObjectType({ description: 'A GNSS station (receiver site) with SNR observations in the catalog.', implements: Node })
export class GnssStation {
  @Field(() => ID, { description: '4-character site code, upper case: CEDA, YORK.' })
  id: GnssStationId;

  @Field(() => String, { nullable: true, description: 'MARKER NAME as the RINEX file gives it.' })
  name: string | null;

  @Field(() => String, { nullable: true, description: '9-character RINEX 3 name (CEDA00USA) when known.' })
  longName: string | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 degrees, from APPROX POSITION XYZ.' })
  latitude: number | null;

  @Field(() => Float, { nullable: true, description: 'WGS84 degrees, from APPROX POSITION XYZ.' })
  longitude: number | null;

  @Field(() => Float, { nullable: true, description: 'Ellipsoidal height, metres, from APPROX POSITION XYZ.' })
  height: number | null;

  @Field(() => String, { nullable: true })
  receiverType: string | null;

  @Field(() => String, { nullable: true })
  antennaType: string | null;

  @Field(() => String, { nullable: true, description: 'First GPS day with data, YYYY-MM-DD.' })
  firstDay: string | null;

  @Field(() => String, { nullable: true, description: 'Last GPS day with data, YYYY-MM-DD.' })
  lastDay: string | null;

  @Field(() => Int, { description: 'GPS days with data.' })
  dayCount: number;
}

export function gnssStationFromRow(r: GnssStationRow): GnssStation {
  return {
    id: r.id,
    name: r.name,
    longName: r.longName,
    latitude: r.latitude,
    longitude: r.longitude,
    height: r.heightM,
    receiverType: r.receiverType,
    antennaType: r.antennaType,
    firstDay: r.firstDay == null ? null : dayString(r.firstDay),
    lastDay: r.lastDay == null ? null : dayString(r.lastDay),
    dayCount: r.dayCount ?? 0,
  };
}

/** What an SNR statistic of one group holds, whatever it is bucketed by (time: SnrPoint; elevation: SnrElevationBin); used by no field, so not in the schema itself. */
@ObjectType()
export abstract class SnrStatistics {
  @Field(() => String, { nullable: true, description: 'RINEX constellation letter (G R E C J I S) when grouped by CONSTELLATION.' })
  constellation: string | null;

  @Field(() => String, { nullable: true, description: 'Satellite, e.g. E11, when grouped by SATELLITE.' })
  satellite: string | null;

  @Field(() => String, { nullable: true, description: 'RINEX observable (S1, S1C, …) when grouped by OBS_CODE.' })
  obsCode: string | null;

  @Field(() => Int, { description: 'Observations summed.' })
  count: number;

  @Field(() => Float, { description: 'dB-Hz.' })
  mean: number;

  @Field(() => Float, { description: 'dB-Hz.' })
  min: number;

  @Field(() => Float, { description: 'dB-Hz.' })
  max: number;

  @Field(() => Float, { description: 'Population standard deviation, dB-Hz.' })
  stddev: number;
}

@ObjectType({ description: 'SNR statistics of one bucket (and group). Times are GPS time (the RINEX time system), written as ISO 8601 with Z.' })
export class SnrPoint extends SnrStatistics {
  @Field(() => Date, { description: 'Start of the bucket, or `from` when the range cuts the first bucket.' })
  start: Date;

  @Field(() => Int, { nullable: true, description: 'Frequency band (1 for S1, S1C, S1W …; the digit of the code) when grouped by BAND or OBS_CODE.' })
  band: number | null;
}

export function snrPointFromRow(p: SnrPointRow): SnrPoint {
  return { ...p, start: new Date(p.start) };
}

@ObjectType()
export class SnrSeries {
  @Field(() => String)
  station: string;

  @Field(() => String, { description: 'The interval asked for (ISO 8601 duration).' })
  interval: string;

  @Field(() => [SnrPoint], { description: 'By start, then constellation, satellite and code.' })
  points: SnrPoint[];
}

@ObjectType()
export class SnrSummary {
  @Field(() => String)
  station: string;

  @Field(() => Date)
  from: Date;

  @Field(() => Date)
  to: Date;

  @Field(() => SnrPoint, { nullable: true, description: 'Over everything selected; null when nothing was observed.' })
  total: SnrPoint | null;

  @Field(() => [SnrPoint], { description: 'One per group (start = from).' })
  groups: SnrPoint[];
}

/** A station and a time window: what every GNSS query asks first. */
@ArgsType()
export class StationWindowArgs {
  @Field(() => String, { description: '4-character station code (case-insensitive).' })
  station: string;

  @Field(() => Date, { description: 'Inclusive, GPS time.' })
  from: Date;

  @Field(() => Date, { description: 'Exclusive, GPS time.' })
  to: Date;
}

@ArgsType()
export class SnrSelectionArgs extends StationWindowArgs {
  @Field(() => [String], { nullable: true, description: 'SNR observables as the RINEX files name them (S1, S2, S1C, S5Q …); default all.' })
  obsCodes: string[] | null;

  @Field(() => [Int], {
    nullable: true,
    description:
      'Frequency bands (1, 2, 5, 6, 7, 8, 9: the digit of the code), so one series follows a band whatever the RINEX version named it (S1 in RINEX 2, S1C/S1W/S1X in RINEX 3); with obsCodes, both must match; default all.',
  })
  bands: number[] | null;

  @Field(() => [String], { nullable: true, description: 'Constellation letters G R E C J I S; default all.' })
  constellations: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Satellites such as G07, E11; default all.' })
  satellites: string[] | null;

  @Field(() => [SnrGroupBy], { nullable: true, description: 'Dimensions to keep apart; default none (one point per bucket).' })
  groupBy: SnrGroupBy[] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Only observations whose satellite is at least this high, degrees (needs geometry: the day's orbits ingested). With edges on multiples of 5° (10° for azimuths) and a whole-day interval or a summary, whole days come from elevation rollups; otherwise from the raw observations, up to 7 days.",
  })
  minElevation: number | null;

  @Field(() => Float, { nullable: true, description: 'Only observations whose satellite is below this elevation, degrees (as minElevation).' })
  maxElevation: number | null;

  @Field(() => [[Float!]!], {
    nullable: true,
    description: 'Only observations whose satellite azimuth lies in one of these [from, to) ranges, degrees (from > to wraps through north; as minElevation).',
  })
  azimuths: number[][] | null;
}

@ArgsType()
export class SnrSeriesArgs extends SnrSelectionArgs {
  @Field(() => String, { description: 'ISO 8601 duration: PT15M, PT1H, P1D, P7D … Buckets align to multiples of it since 1970-01-01 (GPS midnight for P1D).' })
  interval: string;
}
