import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import type { RadomeContext } from '../context.js';
import { stormCellsGeoJsonUrl } from '../http/storm-cells.js';
import { layerPathOf, tileJsonUrls } from '../http/tiles.js';
import { FRAMES_MAX_HOURS, radarFrameSweeps } from '../radar-time/frames.js';
import { readStormCells, STORM_CELLS_MAX_HOURS } from '../radar-time/storm-cells.js';
import { timeWindow } from '../radar-time/window.js';
import { RadarMoment } from '../types/enums.js';
import { productFromRow } from '../types/product.js';
import { RadarFrame } from '../types/radar-frame.js';
import { StormCell, stormCellFrom } from '../types/storm-cell.js';
import { sweepFromRow } from '../types/sweep.js';

@Resolver()
export class RadarTimeResolver {
  @Query(() => [RadarFrame], {
    description: `Animation frames of the volumes of a site that start in [from, to) (at most ${FRAMES_MAX_HOURS} h), in time order: one sweep of the moment per volume, the cut nearest \`elevation\` whatever the volume's VCP. With \`limit\`, the latest \`limit\` frames. No volumes in the window: an empty list.`,
  })
  async radarFrames(
    @Arg('site', () => String) site: string,
    @Arg('moment', () => RadarMoment) moment: RadarMoment,
    @Arg('elevation', () => Float, { defaultValue: 0.5 }) elevation: number,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('limit', () => Int, { nullable: true }) limit: number | null,
    @Ctx() ctx: RadomeContext,
  ): Promise<RadarFrame[]> {
    const window = await timeWindow(ctx.catalog, site, from, to, FRAMES_MAX_HOURS);
    return (await radarFrameSweeps(ctx.catalog, window, moment, elevation, limit ?? null)).map((row) => ({
      time: new Date(row.startTime),
      sweep: sweepFromRow(row, ctx.objectUrl),
      ...tileJsonUrls(ctx.baseUrl, layerPathOf('sweep', row.id)),
    }));
  }

  @Query(() => [StormCell], {
    description: `Storm cells of a site in [from, to) (at most ${STORM_CELLS_MAX_HOURS} h), from its NST, NSS, NHI, NTV and NMD products merged per volume scan and cell id; in time then cell id order. No storm products in the window: an empty list.`,
  })
  async stormCells(@Arg('site', () => String) site: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: RadomeContext): Promise<StormCell[]> {
    const window = await timeWindow(ctx.catalog, site, from, to, STORM_CELLS_MAX_HOURS);
    const cells = await readStormCells(ctx.catalog, ctx.objects, window);
    const ids = [...new Set(cells.flatMap((c) => c.productIds))];
    const rows = new Map<string, ReturnType<typeof productFromRow>>((await ctx.catalog.products.byIds(ids)).flatMap((r) => (r ? [[r.id, productFromRow(r, ctx.objectUrl)] as const] : [])));
    return cells.map((c) =>
      stormCellFrom(
        c,
        c.productIds.map((id) => rows.get(id)!),
      ),
    );
  }

  @Query(() => String, {
    description:
      'URL of the same storm cells as an RFC 7946 GeoJSON FeatureCollection (a Point per cell; forecast and past tracks as LineStrings), ready for a MapLibre GeoJSON source. The arguments are checked as stormCells checks them.',
  })
  async stormCellsGeoJsonUrl(@Arg('site', () => String) site: string, @Arg('from', () => Date) from: Date, @Arg('to', () => Date) to: Date, @Ctx() ctx: RadomeContext): Promise<string> {
    const window = await timeWindow(ctx.catalog, site, from, to, STORM_CELLS_MAX_HOURS);
    return stormCellsGeoJsonUrl(ctx.baseUrl, window.site, from, to);
  }
}
