import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import type { RadarSiteId, SweepId, VolumeId } from '../../core/vocabulary/index.js';
import type { SweepRow } from '../../store/catalog/index.js';
import { Node } from './node.js';
import { RadarMoment } from './enums.js';

@ObjectType({ description: 'One moment of one elevation cut, rendered as a Web Mercator PNG overlay.', implements: Node })
export class Sweep {
  @Field(() => ID, { description: 'e.g. KLOT20220317_000842/e01-REF.' })
  id: SweepId;

  @Field(() => Int, { description: 'Elevation number within the volume, from 1.' })
  elevationNumber: number;

  @Field(() => Float, { description: 'Elevation angle, degrees.' })
  elevationAngle: number;

  @Field(() => RadarMoment)
  moment: RadarMoment;

  @Field(() => Date)
  startTime: Date;

  @Field(() => Date)
  endTime: Date;

  @Field(() => Int)
  radialCount: number;

  @Field(() => Int)
  gateCount: number;

  @Field(() => Float, { description: 'Slant range to the centre of the first gate, km.' })
  firstGateKm: number;

  @Field(() => Float, { description: 'Gate spacing, km.' })
  gateSpacingKm: number;

  @Field(() => [Float], { description: 'Image bounds [west, south, east, north], WGS84 degrees.' })
  bbox: number[];

  @Field(() => [[Float]], {
    description: 'Image corners as [lon, lat] in MapLibre image-source order: top-left, top-right, bottom-right, bottom-left.',
  })
  corners: number[][];

  // Plain values set by sweepFromRow, not field resolvers: type-graphql would wrap each in
  // a resolver call per row.
  @Field(() => String, { description: 'Absolute URL of the PNG overlay (EPSG:3857 raster placed by `corners`).' })
  imageUrl: string;

  @Field(() => String, { description: 'Absolute URL of the JSON metadata (legend, geometry, source).' })
  metadataUrl: string;

  // Not fields: resolved into objects by SweepResolver.
  siteId: RadarSiteId;
  volumeId: VolumeId;
}

/** `objectUrl` is the request's (RadomeContext.objectUrl): URLs follow the host the client called. */
export function sweepFromRow(row: SweepRow, objectUrl: (key: string) => string): Sweep {
  return {
    id: row.id,
    elevationNumber: row.elevationNumber,
    elevationAngle: row.elevationAngle,
    moment: row.moment as RadarMoment,
    startTime: new Date(row.startTime),
    endTime: new Date(row.endTime),
    radialCount: row.radialCount,
    gateCount: row.gateCount,
    firstGateKm: row.firstGateKm,
    gateSpacingKm: row.gateSpacingKm,
    bbox: row.bbox,
    corners: row.corners,
    siteId: row.site,
    volumeId: row.volumeId,
    imageUrl: objectUrl(row.imageKey),
    metadataUrl: objectUrl(row.metadataKey),
  };
}
