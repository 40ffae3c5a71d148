import { ArgsType, Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { SnrStatistics, StationWindowArgs } from './gnss.js';

@ObjectType({ description: "One rising or setting arc's reflector height (GNSS-IR), as gnssrefl's gnssir reports it." })
export class ReflectorHeightArc {
  @Field(() => Date, { description: "Mean time of the arc's points (GPS time)." })
  time: Date;

  @Field(() => String, { description: 'RINEX satellite id, e.g. G07, E11.' })
  satellite: string;

  @Field(() => Int, { description: 'gnssrefl frequency code: 1, 2, 20 (L2C), 5 GPS; 101, 102 GLONASS; 201, 205–208 Galileo; 301, 302, 305–308 BeiDou.' })
  frequency: number;

  @Field(() => Float, { description: 'Reflector height, metres (antenna phase centre above the reflecting surface).' })
  height: number;

  @Field(() => Float, { description: 'Periodogram peak amplitude, volts/volts.' })
  amplitude: number;

  @Field(() => Float, { description: 'Peak amplitude over the mean amplitude of the noise region.' })
  peakToNoise: number;

  @Field(() => Float, { description: "Azimuth at the arc's lowest elevation, degrees." })
  azimuth: number;

  @Field(() => Float, { description: "Lowest elevation of the arc's points (refraction-corrected), degrees." })
  minElevation: number;

  @Field(() => Float, { description: "Highest elevation of the arc's points, degrees." })
  maxElevation: number;

  @Field(() => Boolean, { description: 'True for a rising arc, false for a setting one.' })
  rising: boolean;

  @Field(() => Float)
  durationMinutes: number;

  @Field(() => Int, { description: 'Observations in the periodogram.' })
  points: number;
}

@ObjectType({ description: "One day's reflector height after gnssrefl's daily_avg median filter." })
export class DailyReflectorHeight {
  @Field(() => String, { description: 'GPS day, YYYY-MM-DD.' })
  day: string;

  @Field(() => Float, { nullable: true, description: "Median of the day's arcs, metres." })
  median: number | null;

  @Field(() => Float, { nullable: true, description: 'Mean of the arcs within medianFilter of the median, metres; null when fewer than requiredTracks.' })
  mean: number | null;

  @Field(() => Float, { nullable: true, description: 'Their population standard deviation, metres.' })
  stddev: number | null;

  @Field(() => Int, { description: 'Arcs within medianFilter of the median.' })
  count: number;

  @Field(() => String, { nullable: true, description: 'Why the day has no mean: no observations, no satellite geometry (no orbits ingested), or too few arcs.' })
  reason: string | null;
}

@ArgsType()
export class ReflectorHeightArgs extends StationWindowArgs {
  @Field(() => [Int], { nullable: true, description: "gnssrefl frequency codes; default the station's settings (else 1, 20, 5)." })
  frequencies: number[] | null;

  @Field(() => Float, { nullable: true, description: "e1, degrees; default the station's settings (else 5)." })
  minElevation: number | null;

  @Field(() => Float, { nullable: true, description: "e2, degrees; default the station's settings (else 25)." })
  maxElevation: number | null;

  @Field(() => [[Float!]!], { nullable: true, description: "Azimuth ranges [from, to] in degrees that an arc's lowest point must lie in, e.g. [[0, 90], [270, 360]]; default all." })
  azimuths: number[][] | null;

  @Field(() => Float, { nullable: true, description: "minH, metres; default the station's settings (else 0.5)." })
  minHeight: number | null;

  @Field(() => Float, { nullable: true, description: "maxH, metres; default the station's settings (else 8)." })
  maxHeight: number | null;

  @Field(() => Float, { nullable: true, description: "PkNoise; default the station's settings (else 2.8)." })
  peakToNoise: number | null;

  @Field(() => Float, { nullable: true, description: "reqAmp for every frequency, volts/volts; default the station's settings (else 5)." })
  requiredAmplitude: number | null;
}

@ArgsType()
export class DailyReflectorHeightArgs extends ReflectorHeightArgs {
  @Field(() => Float, { defaultValue: 0.25, description: "daily_avg medfilter: arcs farther than this from the day's median are dropped, metres." })
  medianFilter: number;

  @Field(() => Int, { defaultValue: 10, description: 'daily_avg ReqTracks: arcs a day needs after the median filter.' })
  requiredTracks: number;
}

export enum SnrElevationGroupBy {
  SATELLITE = 'SATELLITE',
  CONSTELLATION = 'CONSTELLATION',
  OBS_CODE = 'OBS_CODE',
}

registerEnumType(SnrElevationGroupBy, { name: 'SnrElevationGroupBy', description: 'A dimension the SNR-versus-elevation curve is kept apart by.' });

@ObjectType({ description: 'SNR statistics of one elevation bin (and group).' })
export class SnrElevationBin extends SnrStatistics {
  @Field(() => Float, { description: 'Lower edge of the bin, degrees.' })
  elevation: number;
}

@ArgsType()
export class SnrByElevationArgs extends StationWindowArgs {
  @Field(() => Float, { defaultValue: 5, description: 'Bin width, degrees.' })
  binWidth: number;

  @Field(() => Float, { nullable: true })
  minElevation: number | null;

  @Field(() => Float, { nullable: true })
  maxElevation: number | null;

  @Field(() => [[Float!]!], {
    nullable: true,
    description:
      'Azimuth ranges [from, to), degrees (from > to wraps through north). With bins of a multiple of 5°, elevations on multiples of 5° and azimuths on multiples of 10°, whole days come from elevation rollups; other days from raw observations, up to 31.',
  })
  azimuths: number[][] | null;

  @Field(() => [String], { nullable: true })
  obsCodes: string[] | null;

  @Field(() => [String], { nullable: true })
  constellations: string[] | null;

  @Field(() => [String], { nullable: true })
  satellites: string[] | null;

  @Field(() => [SnrElevationGroupBy], { nullable: true })
  groupBy: SnrElevationGroupBy[] | null;
}
