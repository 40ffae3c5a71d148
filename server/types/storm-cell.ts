import { Field, Float, Int, ObjectType, registerEnumType } from 'type-graphql';
import { stormCellScalars, type MergedStormCell } from '../radar-time/storm-cells.js';
import { Product } from './product.js';

export enum VortexSignature {
  TVS = 'TVS',
  ETVS = 'ETVS',
}
registerEnumType(VortexSignature, { name: 'VortexSignature', description: 'Tornado vortex signature (NTV): TVS, or elevated TVS (ETVS).' });

@ObjectType({ description: 'A forecast cell position (NST), minutes after the volume scan.' })
export class StormCellForecast {
  @Field(() => Int, { description: '15, 30, 45 or 60.' })
  minutes: number;

  @Field(() => Float)
  lon: number;

  @Field(() => Float)
  lat: number;
}

@ObjectType({ description: 'A past cell centroid (NST SCIT past positions), most recent first.' })
export class StormCellPast {
  @Field(() => Date, { nullable: true, description: "The past volume scan's time, when the same volume's NSS states it (its cell trend times); else null." })
  time: Date | null;

  @Field(() => Float)
  lon: number;

  @Field(() => Float)
  lat: number;
}

@ObjectType({
  description: 'A storm cell of one volume scan, merged from the NST, NSS, NHI, NTV and NMD products of that volume (ICD 2620001). Fields the ingested products do not state are null.',
})
export class StormCell {
  @Field(() => String, { description: 'SCIT storm id, e.g. "B4".' })
  cellId: string;

  @Field(() => Date, { description: 'Volume scan time.' })
  time: Date;

  @Field(() => Float, { description: 'WGS84 longitude of the cell.' })
  lon: number;

  @Field(() => Float)
  lat: number;

  @Field(() => Float, { description: 'Azimuth from the radar, degrees clockwise from north.' })
  azimuth: number;

  @Field(() => Float, { description: 'Ground range from the radar, km.' })
  rangeKm: number;

  @Field(() => Float, { nullable: true, description: 'Direction the cell moves from, degrees (NST); null for new cells.' })
  movementFromDeg: number | null;

  @Field(() => Float, { nullable: true, description: 'Cell speed, kt (NST).' })
  movementSpeedKt: number | null;

  @Field(() => Float, { nullable: true, description: 'Maximum reflectivity, dBZ (NSS, NST).' })
  maxReflectivity: number | null;

  @Field(() => Float, { nullable: true, description: 'Height of the maximum reflectivity, km (NSS, NST).' })
  maxReflectivityHeightKm: number | null;

  @Field(() => Float, { nullable: true, description: 'Cell top, km (NSS).' })
  topKm: number | null;

  @Field(() => Float, { nullable: true, description: 'Cell base, km (NSS); see baseBelowLowestElevation.' })
  baseKm: number | null;

  @Field(() => Boolean, { nullable: true, description: 'The base is at or below the lowest elevation scanned ("<" in NSS): baseKm is an upper bound.' })
  baseBelowLowestElevation: boolean | null;

  @Field(() => Float, { nullable: true, description: 'Cell-based VIL, kg/m² (NSS).' })
  vil: number | null;

  @Field(() => Int, { nullable: true, description: 'Probability of hail, % (NHI); null where HDA computed none.' })
  poh: number | null;

  @Field(() => Int, { nullable: true, description: 'Probability of severe hail, % (NHI).' })
  posh: number | null;

  @Field(() => Float, { nullable: true, description: 'Maximum expected hail size, inches (NHI); an upper bound when maxHailSizeBelow.' })
  maxHailSizeIn: number | null;

  @Field(() => Boolean, { nullable: true, description: 'NHI states the size as "<0.50": less than maxHailSizeIn.' })
  maxHailSizeBelow: boolean | null;

  @Field(() => Int, { nullable: true, description: 'Strength rank of the strongest MDA circulation of the cell (NMD); 5 and up are mesocyclones.' })
  mesocyclone: number | null;

  @Field(() => VortexSignature, { nullable: true, description: 'TVS or ETVS of the cell (NTV).' })
  tvs: VortexSignature | null;

  @Field(() => [StormCellForecast], { description: 'Forecast positions (NST), 15 to 60 min; empty for new cells.' })
  forecast: StormCellForecast[];

  @Field(() => [StormCellPast], { description: 'Past positions (NST), most recent first.' })
  past: StormCellPast[];

  @Field(() => Product, { description: 'The product the position comes from (NST first, then NSS, NHI, NTV, NMD).' })
  product: Product;

  @Field(() => [Product], { description: 'Every product stating this cell in this volume.' })
  products: Product[];
}

/** `products` are the rows of `cell.productIds`, in that order. */
export function stormCellFrom(cell: MergedStormCell, products: Product[]): StormCell {
  return {
    ...stormCellScalars(cell),
    time: new Date(cell.time),
    lon: cell.position.lon,
    lat: cell.position.lat,
    tvs: cell.tvs as VortexSignature | null,
    forecast: cell.forecast.map((f) => ({ minutes: f.minutes, lon: f.lon, lat: f.lat })),
    past: cell.past.map((p) => ({ time: p.time === null ? null : new Date(p.time), lon: p.lon, lat: p.lat })),
    product: products[0]!,
    products,
  };
}
