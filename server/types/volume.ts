import { Field, ID, Int, ObjectType } from 'type-graphql';
import type { RadarSiteId, VolumeId } from '../../core/vocabulary/index.js';
import type { VolumeRow } from '../../store/catalog/index.js';
import { Node } from './node.js';

@ObjectType({ description: 'One Level 2 volume scan: every sweep of one Archive II file.', implements: Node })
export class Volume {
  @Field(() => ID, { description: 'e.g. KLOT20220317_000842.' })
  id: VolumeId;

  @Field(() => Date)
  scanStart: Date;

  @Field(() => Date)
  scanEnd: Date;

  @Field(() => Int, { nullable: true, description: 'Volume coverage pattern, when the file states it.' })
  vcp: number | null;

  @Field(() => Int)
  sweepCount: number;

  @Field(() => String, { description: 'Key (or path) of the source file in its source.' })
  sourceKey: string;

  /** ICAO id of the site; exposed as the `site` object by VolumeResolver. */
  siteId: RadarSiteId;

  /** Prefix of the volume's sweep store; exposed as `zarrUrl` by VolumeResolver. */
  zarrKey: string | null;
}

export function volumeFromRow(row: VolumeRow): Volume {
  return {
    id: row.id,
    scanStart: new Date(row.scanStart),
    scanEnd: new Date(row.scanEnd),
    vcp: row.vcp,
    sweepCount: row.sweepCount,
    sourceKey: row.sourceKey,
    siteId: row.site,
    zarrKey: row.zarrKey,
  };
}
