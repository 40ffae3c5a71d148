import { Arg, Ctx, ID, Query, Resolver } from 'type-graphql';
import { isGnssStationId, isProductId, isRadarSiteId, isSweepId, isVolumeId } from '../../core/vocabulary/index.js';
import type { RadomeContext } from '../context.js';
import { apiError } from '../errors.js';
import { gnssStationFromRow } from '../types/gnss.js';
import { Node } from '../types/node.js';
import { productFromRow } from '../types/product.js';
import { sweepFromRow } from '../types/sweep.js';
import { volumeFromRow } from '../types/volume.js';

const MAX_NODES = 100;

/**
 * The object an id names. Catalog ids of different types never share a shape (a sweep id has a
 * "/", a volume id is site+date_time, a product id has three "_"), except the 4-character ids of
 * radar sites and GNSS stations: there the radar site wins and the station stays reachable as
 * gnssStation(id). Each branch goes through a per-request DataLoader, so `nodes` costs one
 * statement per type.
 */
async function resolveNode(id: string, ctx: RadomeContext): Promise<Node | null> {
  if (isSweepId(id)) {
    const row = await ctx.loaders.sweep.load(id);
    return row && sweepFromRow(row, ctx.objectUrl);
  }
  if (isVolumeId(id)) {
    const row = await ctx.loaders.volume.load(id);
    return row && volumeFromRow(row);
  }
  if (isProductId(id)) {
    const row = await ctx.loaders.product.load(id);
    return row && productFromRow(row, ctx.objectUrl);
  }
  if (isGnssStationId(id)) {
    const [site, station] = await Promise.all([isRadarSiteId(id) ? ctx.loaders.site.load(id) : null, ctx.loaders.gnssStation.load(id)]);
    if (site) return site;
    return station && gnssStationFromRow(station);
  }
  return null;
}

@Resolver()
export class NodeResolver {
  @Query(() => Node, { nullable: true, description: 'The object with this id (any type implementing Node), or null when there is none.' })
  node(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): Promise<Node | null> {
    return resolveNode(id, ctx);
  }

  @Query(() => [Node], { nullable: 'items', description: `Several objects by id (at most ${MAX_NODES}), in the order asked; null for unknown ids.` })
  nodes(@Arg('ids', () => [ID]) ids: string[], @Ctx() ctx: RadomeContext): Promise<(Node | null)[]> {
    if (ids.length > MAX_NODES) throw apiError('BAD_USER_INPUT', `ids: at most ${MAX_NODES} ids per request; got ${ids.length}. Split them over several requests`);
    return Promise.all(ids.map((id) => resolveNode(id, ctx)));
  }
}
