import { Field, ObjectType } from 'type-graphql';
import { Sweep } from './sweep.js';

@ObjectType({ description: 'One animation frame: the sweep of one volume nearest the requested elevation angle.' })
export class RadarFrame {
  @Field(() => Date, { description: "The sweep's start time." })
  time: Date;

  @Field(() => Sweep)
  sweep: Sweep;

  @Field(() => String, { description: "TileJSON 3.0 of the frame's sweep as XYZ tiles (colours); the same as sweep.tileJsonUrl." })
  tileJsonUrl: string;

  @Field(() => String, { description: "TileJSON 3.0 of the frame's value tiles." })
  valueTileJsonUrl: string;
}
