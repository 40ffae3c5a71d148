import { isSweepId } from '../../core/vocabulary/index.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { GraphQLError } from 'graphql';
import type { RadomeContext } from '../context.js';
import { parsePageArgs, toSweepFilter } from '../filters.js';
import { connectionFromPage, type Connection } from '../types/connection.js';
import { SweepConnection } from '../types/connections.js';
import { SweepsArgs } from '../types/inputs.js';
import { RadarSite } from '../types/radar-site.js';
import { Sweep, sweepFromRow } from '../types/sweep.js';
import { Volume, volumeFromRow } from '../types/volume.js';
import { siteOf } from './site-of.js';
import { layerPathOf, tileJsonUrls } from '../http/tiles.js';

@Resolver(() => Sweep)
export class SweepResolver {
  @Query(() => SweepConnection, { description: 'Sweeps matching the filter, newest first by default.' })
  async sweeps(@Args(() => SweepsArgs) args: SweepsArgs, @Ctx() ctx: RadomeContext): Promise<Connection<Sweep>> {
    const filter = toSweepFilter(args.filter, args.order);
    return connectionFromPage(await ctx.catalog.radar.sweeps(filter, parsePageArgs(args)), (row) => sweepFromRow(row, ctx.objectUrl));
  }

  @Query(() => Sweep, { nullable: true })
  async sweep(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): Promise<Sweep | null> {
    // An id of no sweep's shape names no sweep: null, as node(id) answers.
    const row = isSweepId(id) ? await ctx.loaders.sweep.load(id) : null;
    return row && sweepFromRow(row, ctx.objectUrl);
  }

  @FieldResolver(() => String, { description: 'TileJSON 3.0 of the sweep as XYZ map tiles (the overlay colours), zoom 0–14: a MapLibre raster source is `{ type: "raster", url: tileJsonUrl }`.' })
  tileJsonUrl(@Root() sweep: Sweep, @Ctx() ctx: RadomeContext): string {
    return tileJsonUrls(ctx.baseUrl, layerPathOf('sweep', sweep.id)).tileJsonUrl;
  }

  @FieldResolver(() => String, { description: "TileJSON 3.0 of value tiles: PNGs whose RGB encodes the physical value (the document's `encoding` says how)." })
  valueTileJsonUrl(@Root() sweep: Sweep, @Ctx() ctx: RadomeContext): string {
    return tileJsonUrls(ctx.baseUrl, layerPathOf('sweep', sweep.id)).valueTileJsonUrl;
  }

  @FieldResolver(() => RadarSite)
  site(@Root() sweep: Sweep, @Ctx() ctx: RadomeContext): Promise<RadarSite> {
    return siteOf(sweep.siteId, ctx);
  }

  @FieldResolver(() => Volume)
  async volume(@Root() sweep: Sweep, @Ctx() ctx: RadomeContext): Promise<Volume> {
    const row = await ctx.loaders.volume.load(sweep.volumeId);
    if (!row) throw new GraphQLError(`catalog has sweep ${sweep.id} but not its volume ${sweep.volumeId}`);
    return volumeFromRow(row);
  }
}
