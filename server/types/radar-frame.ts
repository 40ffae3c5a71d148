import { Field, ObjectType } from 'type-graphql';
import { Sweep } from './sweep.js';

@ObjectType({ description: 'One animation frame: the sweep of one volume nearest the requested elevation angle.' })
export class RadarFrame {
  @Field(() => Date, { description: "The sweep's start time." })
  time: Date;

  @Field(() => Sweep)
  sweep: Sweep;
}
