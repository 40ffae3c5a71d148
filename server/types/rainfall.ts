import { Field, Float, Int, InterfaceType, ObjectType, registerEnumType } from 'type-graphql';
import { TimeSpan } from './radar-coverage.js';

export enum RainfallMethod {
  AUTO = 'AUTO',
  DPR = 'DPR',
  ZR = 'ZR',
}

registerEnumType(RainfallMethod, {
  name: 'RainfallMethod',
  description:
    "How a site's precipitation rate is had: DPR, its Level 3 digital instantaneous precipitation rate products (code 176); ZR, its lowest-elevation Level 2 REF through Z = 300 R^1.4 capped at 53 dBZ (103.8 mm/h); AUTO, DPR where the window has some, else ZR.",
});

@ObjectType({ description: "One site's part of a rainfall accumulation or a swath: the volumes or products used and the time they cover." })
export class DerivedSite {
  @Field(() => String)
  site: string;

  @Field(() => String, { description: 'DPR (Level 3 rate products), ZR (Level 2 REF through Z-R) or REF (swath maxima).' })
  source: string;

  @Field(() => Int, { description: 'Volumes or products used.' })
  count: number;

  @Field(() => [String], { description: 'Ids of the sweeps (Level 2) or products (DPR) used, oldest first.' })
  ids: string[];

  @Field(() => Float, { description: 'Fraction of the window integrated (gaps excluded); 1 for a swath with any volume.' })
  coveredFraction: number;

  @Field(() => [TimeSpan], { description: 'Parts of the window without volumes closer than the gap limit: missing, never filled.' })
  gaps: TimeSpan[];
}

@ObjectType({ description: 'A site asked for (or in the box) that gave nothing, and why.' })
export class MissingSite {
  @Field(() => String)
  site: string;

  @Field(() => String)
  reason: string;
}

@ObjectType()
export class AreaOver {
  @Field(() => Float)
  threshold: number;

  @Field(() => Float, { description: 'km² where the value reaches the threshold.' })
  areaKm2: number;
}

@ObjectType({ description: 'Area-weighted statistics over a box, each pixel from the nearest radar covering it (a lon/lat grid of `stepDeg`).' })
export class FieldStatistics {
  @Field(() => [Float], { description: '[west, south, east, north] of the grid, WGS84 degrees.' })
  bbox: number[];

  @Field(() => Float)
  stepDeg: number;

  @Field(() => Float, { description: 'km² of the box a radar covers.' })
  coveredAreaKm2: number;

  @Field(() => Float, { description: 'km² with a value (swath: with an echo).' })
  valueAreaKm2: number;

  @Field(() => Float, { nullable: true })
  mean: number | null;

  @Field(() => Float, { nullable: true })
  max: number | null;

  @Field(() => [AreaOver])
  areaOver: AreaOver[];
}

@InterfaceType('DerivedField', {
  description: 'A field derived from many volumes over a window (a rainfall accumulation, a swath): tiles, the sites used and missing, statistics.',
  // Resolvers hand out plain objects: only a Rainfall has a method.
  resolveType: (value: object) => ('method' in value ? 'Rainfall' : 'Swath'),
})
export abstract class DerivedField {
  @Field(() => Date)
  from: Date;

  @Field(() => Date)
  to: Date;

  @Field(() => String)
  units: string;

  @Field(() => [DerivedSite])
  sites: DerivedSite[];

  @Field(() => [MissingSite])
  missing: MissingSite[];

  @Field(() => String, { nullable: true, description: 'Why the result is empty, when it is.' })
  reason: string | null;

  @Field(() => String)
  tileJsonUrl: string;

  @Field(() => String, { description: 'TileJSON 3.0 of value tiles: RGB encodes the value in `units`.' })
  valueTileJsonUrl: string;

  @Field(() => FieldStatistics, { nullable: true, description: "Over bbox (default the sites' coverage), in `units`; null when no site gave data." })
  statistics: FieldStatistics | null;
}

@ObjectType({ description: 'A rainfall accumulation over a window: tiles, a coverage and gap report and statistics.', implements: DerivedField })
export class Rainfall extends DerivedField {
  @Field(() => RainfallMethod)
  method: RainfallMethod;

  @Field(() => Int, { description: 'A gap between volumes longer than this is missing, not integrated (RADOME_RAINFALL_GAP_MINUTES).' })
  gapLimitMinutes: number;

  @Field(() => Boolean, { description: 'Every site used covers the whole window without gaps.' })
  complete: boolean;

  @Field(() => String, { description: 'TileJSON 3.0 of the accumulation as XYZ tiles (colours).' })
  declare tileJsonUrl: string;

  @Field(() => String, { description: 'TileJSON 3.0 of value tiles: RGB encodes mm.' })
  declare valueTileJsonUrl: string;

  @Field(() => FieldStatistics, { nullable: true, description: "Over bbox (default the sites' coverage), in mm; null when no site gave data." })
  declare statistics: FieldStatistics | null;
}

@ObjectType({ description: 'Rainfall at a point over one interval.' })
export class RainfallPoint {
  @Field(() => Date)
  time: Date;

  @Field(() => Date)
  end: Date;

  @Field(() => Float, { nullable: true, description: 'mm accumulated over the part of the interval covered; null when none is.' })
  accumulationMm: number | null;

  @Field(() => Float, { description: 'Minutes of the interval not integrated (gaps).' })
  missingMinutes: number;

  @Field(() => String)
  site: string;

  @Field(() => String, { description: 'DPR or ZR.' })
  source: string;
}

@ObjectType({ description: 'Per-pixel maximum of the lowest-elevation REF over a window (hail and storm-track swath).', implements: DerivedField })
export class Swath extends DerivedField {
  @Field(() => String, { description: 'TileJSON 3.0 of value tiles: RGB encodes dBZ.' })
  declare valueTileJsonUrl: string;

  @Field(() => FieldStatistics, { nullable: true, description: "Over bbox (default the sites' coverage), in dBZ; null when no site gave data." })
  declare statistics: FieldStatistics | null;
}

@ObjectType({ description: 'One frame of a mosaic loop.' })
export class MosaicFrame {
  @Field(() => Date)
  time: Date;

  @Field(() => Int, { description: 'Sites with a volume within the tolerance of `time`.' })
  siteCount: number;

  @Field(() => String)
  tileJsonUrl: string;

  @Field(() => String)
  valueTileJsonUrl: string;

  @Field(() => String, { description: 'The CONUS frame PNG at 0.01°.' })
  imageUrl: string;
}
