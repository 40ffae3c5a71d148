import { GraphQLError } from 'graphql';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { RadomeError } from '../../core/errors.js';
import type { RadomeContext } from '../context.js';
import { tileJsonUrls } from '../http/tiles.js';
import { CONUS_BBOX, DEFAULT_TOLERANCE_MINUTES } from '../tiles/mosaic.js';
import { RadarMoment } from '../types/enums.js';
import { Mosaic, MosaicArgs } from '../types/mosaic.js';
import { sweepFromRow } from '../types/sweep.js';
import { volumeFromRow } from '../types/volume.js';
import { siteOf } from './site-of.js';

@Resolver()
export class MosaicResolver {
  @Query(() => Mosaic, { nullable: true, description: 'The national REF mosaic at a time (default now): the sites and volumes it uses, its tiles and its CONUS frame.' })
  async mosaic(@Args(() => MosaicArgs) args: MosaicArgs, @Ctx() ctx: RadomeContext): Promise<Mosaic | null> {
    if (!ctx.mosaics) throw new GraphQLError('this server makes no mosaic', { extensions: { code: 'CONFIG' } });
    if (args.moment !== RadarMoment.REF) throw new RadomeError('BAD_INPUT', `moment: the mosaic is made of REF only, not ${args.moment}`);
    // Whole seconds: the time is part of the tile URLs.
    const time = Math.floor((args.time?.getTime() ?? Date.now()) / 1000) * 1000;
    const c = await ctx.mosaics.composite(time, args.toleranceMinutes);
    const iso = new Date(time).toISOString().replace('.000Z', 'Z');
    const layerPath = `mosaic/REF/${iso}`;
    const query = args.toleranceMinutes === DEFAULT_TOLERANCE_MINUTES ? '' : `?toleranceMinutes=${args.toleranceMinutes}`;
    const [w, s, e, n] = CONUS_BBOX;
    return {
      time: new Date(time),
      toleranceMinutes: args.toleranceMinutes,
      moment: RadarMoment.REF,
      sites: await Promise.all(c.volumes.map((v) => siteOf(v.site, ctx))),
      volumes: c.volumes.map(volumeFromRow),
      sweeps: c.sweeps.map((row) => sweepFromRow(row, ctx.objectUrl)),
      ...tileJsonUrls(ctx.baseUrl, layerPath, query),
      imageUrl: `${ctx.baseUrl}tiles/${layerPath}/frame.png${query}`,
      metadataUrl: `${ctx.baseUrl}tiles/${layerPath}/frame.json${query}`,
      bbox: [...CONUS_BBOX],
      corners: [
        [w, n],
        [e, n],
        [e, s],
        [w, s],
      ],
    };
  }
}
