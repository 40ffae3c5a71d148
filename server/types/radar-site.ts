import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { RadarSiteId } from '../../core/vocabulary/index.js';
import { Node } from './node.js';

@ObjectType({ description: 'A NEXRAD radar site.', implements: Node })
export class RadarSite {
  @Field(() => ID, { description: '4-letter ICAO identifier, e.g. KLOT.' })
  id: RadarSiteId;

  @Field(() => Float, { description: 'WGS84 degrees.' })
  latitude: number;

  @Field(() => Float, { description: 'WGS84 degrees.' })
  longitude: number;

  @Field(() => Float, { description: 'Antenna height above sea level, metres.' })
  heightM: number;
}
