import { isVolumeId } from '../../core/vocabulary/index.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RadomeContext } from '../context.js';
import { parsePageArgs, toSweepSelection, toVolumeFilter } from '../filters.js';
import { connectionFromPage, type Connection } from '../types/connection.js';
import { VolumeConnection } from '../types/connections.js';
import { VolumeSweepsArgs, VolumesArgs } from '../types/inputs.js';
import { RadarSite } from '../types/radar-site.js';
import { Sweep, sweepFromRow } from '../types/sweep.js';
import { Volume, volumeFromRow } from '../types/volume.js';
import { siteOf } from './site-of.js';

@Resolver(() => Volume)
export class VolumeResolver {
  @Query(() => VolumeConnection, { description: 'Volumes matching the filter, newest first by default.' })
  async volumes(@Args(() => VolumesArgs) args: VolumesArgs, @Ctx() ctx: RadomeContext): Promise<Connection<Volume>> {
    const filter = toVolumeFilter(args.filter ?? { site: null, from: null, to: null }, args.order);
    return connectionFromPage(await ctx.catalog.radar.volumes(filter, parsePageArgs(args)), volumeFromRow);
  }

  @Query(() => Volume, { nullable: true })
  async volume(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): Promise<Volume | null> {
    // An id of no volume's shape names no volume: null, as node(id) answers.
    const row = isVolumeId(id) ? await ctx.loaders.volume.load(id) : null;
    return row && volumeFromRow(row);
  }

  @FieldResolver(() => RadarSite)
  site(@Root() volume: Volume, @Ctx() ctx: RadomeContext): Promise<RadarSite> {
    return siteOf(volume.siteId, ctx);
  }

  @FieldResolver(() => String, {
    nullable: true,
    description:
      'Absolute URL of the analysis-ready sweep store: Zarr v2 with consolidated metadata (.zmetadata), laid out as FM-301 / CfRadial 2.1 ' +
      '(root: site latitude/longitude/altitude, sweep_group_name, sweep_fixed_angle; groups sweep_0, sweep_1, … in elevation order with ' +
      'azimuth, elevation, time, range and DBZH, VRADH, WRADH, ZDR, PHIDP, RHOHV, CCORH as packed codes with scale_factor/add_offset). ' +
      "Open it with xarray: xr.open_zarr(url, group='sweep_0'). Null for volumes ingested before sweep stores existed.",
  })
  zarrUrl(@Root() volume: Volume, @Ctx() ctx: RadomeContext): string | null {
    return volume.zarrKey === null ? null : ctx.objectUrl(volume.zarrKey);
  }

  @FieldResolver(() => [Sweep], { description: 'Sweeps of this volume by elevation number, then moment.' })
  async sweeps(@Root() volume: Volume, @Args(() => VolumeSweepsArgs) args: VolumeSweepsArgs, @Ctx() ctx: RadomeContext): Promise<Sweep[]> {
    const rows = await ctx.loaders.sweepsOfVolume(volume.id, toSweepSelection(args));
    return rows.map((row) => sweepFromRow(row, ctx.objectUrl));
  }
}
