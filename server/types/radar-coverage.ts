import { ArgsType, Field, Float, InputType, Int, ObjectType } from 'type-graphql';
import { Product } from './product.js';
import { RadarSite } from './radar-site.js';

@InputType('LonLatBox', { description: 'A longitude/latitude box, WGS84 degrees; west > east crosses the antimeridian.' })
export class LonLatBoxInput {
  @Field(() => Float)
  west: number;

  @Field(() => Float)
  south: number;

  @Field(() => Float)
  east: number;

  @Field(() => Float)
  north: number;
}

@ArgsType()
export class RadarRangeArgs {
  @Field(() => [String], { nullable: true, description: '4-letter ICAO site ids (case-insensitive); default every site.' })
  sites: string[] | null;

  @Field(() => Date, { description: 'Start of the range (inclusive).' })
  from: Date;

  @Field(() => Date, { description: 'End of the range (exclusive).' })
  to: Date;
}

@ArgsType()
export class RadarCoverageArgs extends RadarRangeArgs {
  @Field(() => String, { defaultValue: 'PT1H', description: 'Bucket width as an ISO 8601 duration (PT10M, PT1H, P1D); buckets align to multiples of it since 1970-01-01Z.' })
  interval: string;
}

@ObjectType({ description: 'What one site recorded in one bucket: items whose scan started in it.' })
export class RadarCoverageBucket {
  @Field(() => Date)
  start: Date;

  @Field(() => Int, { description: 'Level 2 volumes.' })
  volumes: number;

  @Field(() => Int, { description: 'Level 2 sweeps (one per moment and cut).' })
  sweeps: number;

  @Field(() => Int, { description: 'Level 3 products.' })
  products: number;
}

@ObjectType({ description: 'A time span, [from, to).' })
export class TimeSpan {
  @Field(() => Date)
  from: Date;

  @Field(() => Date)
  to: Date;
}

@ObjectType({ description: 'Coverage of one radar site over a range: counts per bucket, totals and gaps.' })
export class RadarSiteCoverage {
  @Field(() => RadarSite)
  site: RadarSite;

  @Field(() => String)
  interval: string;

  @Field(() => [RadarCoverageBucket], { description: 'Every bucket of the range, empty ones included, oldest first.' })
  buckets: RadarCoverageBucket[];

  @Field(() => [TimeSpan], { description: 'Runs of consecutive buckets with neither a volume nor a product (clipped to the range).' })
  gaps: TimeSpan[];

  @Field(() => Int)
  volumes: number;

  @Field(() => Int)
  sweeps: number;

  @Field(() => Int)
  products: number;
}

@ObjectType({
  description: 'Precipitation products of one code and mnemonic at one site in a range: the newest, how many the range has, and the one stating the largest accumulation.',
})
export class LatestPrecipitation {
  @Field(() => RadarSite)
  site: RadarSite;

  @Field(() => Product, { description: 'The newest product in the range.' })
  product: Product;

  @Field(() => Int, { description: 'Products of this code and mnemonic at this site in the range.' })
  count: number;

  @Field(() => Float, { nullable: true, description: 'Largest accumulation any of these products states, inches (maxProduct.maxAccumulationIn); null when none states one.' })
  maxAccumulationIn: number | null;

  @Field(() => Product, { nullable: true, description: 'The product stating maxAccumulationIn (the newest of equals); null when none states one.' })
  maxProduct: Product | null;
}
