import { ArgsType, Field, Float, ID, InputType, Int } from 'type-graphql';
import { RadarMoment, SortOrder } from './enums.js';

export const DEFAULT_PAGE_SIZE = 50;
export const MAX_PAGE_SIZE = 500;

@ArgsType()
export class PageArgsInput {
  @Field(() => Int, { nullable: true, defaultValue: DEFAULT_PAGE_SIZE, description: `Page size, 1 to ${MAX_PAGE_SIZE}.` })
  first: number | null;

  @Field(() => String, { nullable: true, description: '`pageInfo.endCursor` of the previous page.' })
  after: string | null;

  @Field(() => SortOrder, { nullable: true, defaultValue: SortOrder.DESC })
  order: SortOrder | null;
}

@InputType('VolumeFilter')
export class VolumeFilterInput {
  @Field(() => String, { nullable: true, description: '4-letter ICAO site id (case-insensitive).' })
  site: string | null;

  @Field(() => Date, { nullable: true, description: 'Volumes whose scan overlaps [from, to).' })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;
}

@ArgsType()
export class VolumesArgs extends PageArgsInput {
  @Field(() => VolumeFilterInput, { nullable: true })
  filter: VolumeFilterInput | null;
}

@ArgsType()
export class SiteVolumesArgs extends PageArgsInput {
  @Field(() => Date, { nullable: true, description: 'Volumes whose scan overlaps [from, to).' })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;
}

/**
 * Moment and elevation selection: the arguments of `Volume.sweeps`, and fields SweepFilter inherits
 * (an input type too for that; referenced by no field, it is not in the schema itself).
 */
@ArgsType()
@InputType()
export class VolumeSweepsArgs {
  @Field(() => RadarMoment, { nullable: true })
  moment: RadarMoment | null;

  @Field(() => [RadarMoment], { nullable: true, description: 'Any of these moments (combined with `moment`).' })
  moments: RadarMoment[] | null;

  @Field(() => Float, { nullable: true, description: 'Degrees, inclusive.' })
  minElevation: number | null;

  @Field(() => Float, { nullable: true, description: 'Degrees, inclusive.' })
  maxElevation: number | null;
}

@InputType('SweepFilter')
export class SweepFilterInput extends VolumeSweepsArgs {
  @Field(() => String, { nullable: true, description: '4-letter ICAO site id (case-insensitive).' })
  site: string | null;

  @Field(() => ID, { nullable: true })
  volumeId: string | null;

  @Field(() => Date, { nullable: true, description: 'Sweeps whose [startTime, endTime] overlaps [from, to).' })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;
}

@ArgsType()
export class SweepsArgs extends PageArgsInput {
  @Field(() => SweepFilterInput, { nullable: true })
  filter: SweepFilterInput | null;
}
