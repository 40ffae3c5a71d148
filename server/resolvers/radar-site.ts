import { parseRadarSiteId } from '../../core/vocabulary/index.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RadomeContext } from '../context.js';
import { parsePageArgs, toVolumeFilter } from '../filters.js';
import { connectionFromPage, type Connection } from '../types/connection.js';
import { VolumeConnection } from '../types/connections.js';
import { SiteVolumesArgs } from '../types/inputs.js';
import { LonLatBoxInput } from '../types/radar-coverage.js';
import { RadarSite } from '../types/radar-site.js';
import { Volume, volumeFromRow } from '../types/volume.js';

@Resolver(() => RadarSite)
export class RadarSiteResolver {
  @Query(() => [RadarSite], { description: 'Every radar site in the catalog, by id; only those inside `bbox` when it is given.' })
  radarSites(@Arg('bbox', () => LonLatBoxInput, { nullable: true }) bbox: LonLatBoxInput | null, @Ctx() ctx: RadomeContext): Promise<RadarSite[]> {
    return bbox ? ctx.catalog.radar.sitesInBox(bbox) : ctx.catalog.radar.sites();
  }

  @Query(() => RadarSite, { nullable: true })
  async radarSite(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): Promise<RadarSite | null> {
    return ctx.loaders.site.load(parseRadarSiteId(id, 'id'));
  }

  @FieldResolver(() => VolumeConnection, { description: 'Volumes of this site, newest first by default.' })
  async volumes(@Root() site: RadarSite, @Args(() => SiteVolumesArgs) args: SiteVolumesArgs, @Ctx() ctx: RadomeContext): Promise<Connection<Volume>> {
    const filter = toVolumeFilter({ site: site.id, from: args.from, to: args.to }, args.order);
    return connectionFromPage(await ctx.catalog.radar.volumes(filter, parsePageArgs(args)), volumeFromRow);
  }

  @FieldResolver(() => Volume, { nullable: true, description: 'The volume with the latest scan start.' })
  async latestVolume(@Root() site: RadarSite, @Ctx() ctx: RadomeContext): Promise<Volume | null> {
    const row = await ctx.loaders.latestVolume.load(site.id);
    return row && volumeFromRow(row);
  }
}
