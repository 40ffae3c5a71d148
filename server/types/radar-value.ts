import { ArgsType, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { RadarMoment } from './enums.js';
import { RadarSite } from './radar-site.js';
import { Sweep } from './sweep.js';

@ObjectType({ description: 'The gate of one sweep under a point: its value and where it lies from the radar.' })
export class RadarValue {
  @Field(() => Float, { nullable: true, description: 'Physical value in `units`; null where the radar covers the point but measured nothing (below threshold or range folded).' })
  value: number | null;

  @Field(() => String)
  units: string;

  @Field(() => RadarSite)
  site: RadarSite;

  @Field(() => Sweep)
  sweep: Sweep;

  @Field(() => Float, { description: 'Range along the beam (slant range) to the point, km.' })
  rangeKm: number;

  @Field(() => Float, { description: 'Geodesic ground distance from the radar to the point (WGS84), km.' })
  groundRangeKm: number;

  @Field(() => Float, { description: 'Azimuth of the point from the radar, degrees clockwise from north.' })
  azimuth: number;

  @Field(() => Float, { description: 'Height of the beam centre above the radar antenna at the point (4/3 effective Earth radius), metres.' })
  beamHeightM: number;

  @Field(() => Date, { description: 'Time of the radial the gate belongs to.' })
  time: Date;

  @Field(() => Int, { description: "Index of the radial (in the sweep's order) and of the gate along it, from 0." })
  radial: number;

  @Field(() => Int)
  gate: number;
}

@ArgsType()
export class RadarValueArgs {
  @Field(() => Float, { description: 'WGS84 longitude, degrees.' })
  lon: number;

  @Field(() => Float, { description: 'WGS84 latitude, degrees.' })
  lat: number;

  @Field(() => RadarMoment)
  moment: RadarMoment;

  @Field(() => Date, { nullable: true, description: 'Use the newest volume starting at or before this time; default the newest.' })
  time: Date | null;

  @Field(() => String, { nullable: true, description: '4-letter ICAO site; default the nearest site whose sweep covers the point.' })
  site: string | null;

  @Field(() => Float, { nullable: true, description: 'Elevation angle, degrees (sweeps within 0.3°); default the lowest.' })
  elevation: number | null;

  @Field(() => ID, { nullable: true, description: 'Pins one sweep (its moment must be `moment`); the other defaults are then unused.' })
  sweep: string | null;
}

@ArgsType()
export class RadarPointSeriesArgs {
  @Field(() => Float)
  lon: number;

  @Field(() => Float)
  lat: number;

  @Field(() => RadarMoment)
  moment: RadarMoment;

  @Field(() => Date, { description: 'Volumes whose scan overlaps [from, to).' })
  from: Date;

  @Field(() => Date)
  to: Date;

  @Field(() => String, { nullable: true, description: '4-letter ICAO site; default the nearest site covering the point at `to`.' })
  site: string | null;
}
