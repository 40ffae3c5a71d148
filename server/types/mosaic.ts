import { ArgsType, Field, Float, Int, ObjectType } from 'type-graphql';
import { RadarMoment } from './enums.js';
import { RadarSite } from './radar-site.js';
import { Sweep } from './sweep.js';
import { Volume } from './volume.js';

@ObjectType({
  description:
    'A national mosaic: at `time`, the lowest-elevation reflectivity of every site with a volume within ±toleranceMinutes, each pixel from the nearest radar whose beam covers it. Served as XYZ tiles (value tiles mark "no echo" apart from "no radar") and as one CONUS frame at 0.01° (EPSG:4326, as MRMS grids it).',
})
export class Mosaic {
  @Field(() => Date)
  time: Date;

  @Field(() => Int)
  toleranceMinutes: number;

  @Field(() => RadarMoment)
  moment: RadarMoment;

  @Field(() => [RadarSite], { description: 'Sites used, by id.' })
  sites: RadarSite[];

  @Field(() => [Volume], { description: 'The volume used of each site (the nearest to `time`).' })
  volumes: Volume[];

  @Field(() => [Sweep], { description: 'The sweep used of each volume (its lowest-elevation REF).' })
  sweeps: Sweep[];

  @Field(() => String, { description: 'TileJSON 3.0 of the mosaic as XYZ tiles (colours), zoom 0–14.' })
  tileJsonUrl: string;

  @Field(() => String, { description: 'TileJSON 3.0 of value tiles: RGB encodes dBZ; alpha 128 = covered without echo, 0 = no radar.' })
  valueTileJsonUrl: string;

  @Field(() => String, { description: 'The CONUS frame PNG at 0.01° (130°W–60°W, 20°N–55°N; EPSG:4326, placed by `corners`); made on first request.' })
  imageUrl: string;

  @Field(() => String, { description: "The frame's JSON: grid, legend, coverage convention, sites, volumes and sweeps." })
  metadataUrl: string;

  @Field(() => [Float], { description: "The frame's bounds [west, south, east, north], WGS84 degrees." })
  bbox: number[];

  @Field(() => [[Float]], { description: "The frame's corners as [lon, lat]: top-left, top-right, bottom-right, bottom-left (MapLibre image source order)." })
  corners: number[][];
}

@ArgsType()
export class MosaicArgs {
  @Field(() => RadarMoment, { defaultValue: RadarMoment.REF, description: 'Only REF is mosaicked.' })
  moment: RadarMoment;

  @Field(() => Date, { nullable: true, description: 'Default: now.' })
  time: Date | null;

  @Field(() => Int, { defaultValue: 5 })
  toleranceMinutes: number;
}
