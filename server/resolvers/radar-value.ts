import { parseRadarSiteId, parseSweepId } from '../../core/vocabulary/index.js';
import { GraphQLError } from 'graphql';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import type { RadomeContext } from '../context.js';
import { OutsideCoverage, radarPointSeriesAt, radarValueAt, type PointValue } from '../tiles/point-values.js';
import type { RadarLayers } from '../tiles/radar-layers.js';
import { RadarPointSeriesArgs, RadarValue, RadarValueArgs } from '../types/radar-value.js';
import { sweepFromRow } from '../types/sweep.js';
import { siteOf } from './site-of.js';

function layersOf(ctx: RadomeContext): RadarLayers {
  if (!ctx.radar) throw new GraphQLError('this server reads no radar data for point values', { extensions: { code: 'CONFIG' } });
  return ctx.radar;
}

async function radarValueOf(v: PointValue, ctx: RadomeContext): Promise<RadarValue> {
  return {
    value: v.value,
    units: v.units,
    site: await siteOf(v.site, ctx),
    sweep: sweepFromRow(v.sweep, ctx.objectUrl),
    rangeKm: v.rangeKm,
    groundRangeKm: v.groundRangeKm,
    azimuth: v.azimuth,
    beamHeightM: v.beamHeightM,
    time: new Date(v.time),
    radial: v.radial,
    gate: v.gate,
  };
}

@Resolver()
export class RadarValueResolver {
  @Query(() => RadarValue, {
    nullable: true,
    description:
      "The gate under a point: by default in the newest sweep at the lowest elevation of the nearest site covering the point. Null outside coverage, with the reason in the error's extensions (code OUT_OF_COVERAGE, reason).",
  })
  async radarValue(@Args(() => RadarValueArgs) args: RadarValueArgs, @Ctx() ctx: RadomeContext): Promise<RadarValue | null> {
    try {
      const v = await radarValueAt(layersOf(ctx), {
        lon: args.lon,
        lat: args.lat,
        moment: args.moment,
        time: args.time?.getTime(),
        site: args.site == null ? undefined : parseRadarSiteId(args.site, 'site'),
        elevation: args.elevation ?? undefined,
        sweep: args.sweep == null ? undefined : parseSweepId(args.sweep, 'sweep'),
      });
      return await radarValueOf(v, ctx);
    } catch (e) {
      if (e instanceof OutsideCoverage) throw new GraphQLError(e.message, { extensions: { code: 'OUT_OF_COVERAGE', reason: e.message } });
      throw e;
    }
  }

  @Query(() => [RadarValue], { description: 'The gate under a point in every volume of one site in [from, to), oldest first (lowest elevation; volumes not covering the point are left out).' })
  async radarPointSeries(@Args(() => RadarPointSeriesArgs) args: RadarPointSeriesArgs, @Ctx() ctx: RadomeContext): Promise<RadarValue[]> {
    try {
      const values = await radarPointSeriesAt(layersOf(ctx), {
        lon: args.lon,
        lat: args.lat,
        moment: args.moment,
        from: args.from.getTime(),
        to: args.to.getTime(),
        site: args.site == null ? undefined : parseRadarSiteId(args.site, 'site'),
      });
      return await Promise.all(values.map((v) => radarValueOf(v, ctx)));
    } catch (e) {
      if (e instanceof OutsideCoverage) throw new GraphQLError(e.message, { extensions: { code: 'OUT_OF_COVERAGE', reason: e.message } });
      throw e;
    }
  }
}
