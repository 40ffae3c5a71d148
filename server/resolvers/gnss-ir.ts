import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { dayString } from '../../store/gnss/snr-keys.js';
import type { RadomeContext } from '../context.js';
import { dailyReflectorHeights, reflectorHeights } from '../gnss-ir/reflector-height-query.js';
import { snrByElevation } from '../gnss-ir/snr-by-elevation.js';
import { DailyReflectorHeight, DailyReflectorHeightArgs, ReflectorHeightArc, ReflectorHeightArgs, SnrByElevationArgs, SnrElevationBin } from '../types/gnss-ir.js';

const range = (a: { from: Date; to: Date }) => ({ from: a.from.getTime(), to: a.to.getTime() });

@Resolver()
export class GnssIrResolver {
  @Query(() => [ReflectorHeightArc], {
    description:
      "Reflector heights (GNSS-IR) per rising or setting arc, computed on demand as gnssrefl's gnssir does, from the stored SNR and its satellite geometry, with the station's gnssir settings (ingest its gnssrefl json) and these overrides. Cached per station-day and settings.",
  })
  async reflectorHeights(@Args(() => ReflectorHeightArgs) args: ReflectorHeightArgs, @Ctx() ctx: RadomeContext): Promise<ReflectorHeightArc[]> {
    const arcs = await reflectorHeights(ctx.catalog, ctx.objects, { ...args, ...range(args) });
    return arcs.map((a) => ({ ...a, time: new Date(a.time) }));
  }

  @Query(() => [DailyReflectorHeight], { description: "One row per GPS day of the range: gnssrefl's daily_avg of that day's reflector heights, or why there is none." })
  async dailyReflectorHeights(@Args(() => DailyReflectorHeightArgs) args: DailyReflectorHeightArgs, @Ctx() ctx: RadomeContext): Promise<DailyReflectorHeight[]> {
    const rows = await dailyReflectorHeights(ctx.catalog, ctx.objects, { ...args, ...range(args) });
    return rows.map((r) => ({ ...r, day: dayString(r.day) }));
  }

  @Query(() => [SnrElevationBin], { description: 'Mean SNR per elevation bin (the SNR-versus-elevation curve), per satellite, constellation or code as asked, from the stored geometry.' })
  async snrByElevation(@Args(() => SnrByElevationArgs) args: SnrByElevationArgs, @Ctx() ctx: RadomeContext): Promise<SnrElevationBin[]> {
    return snrByElevation(ctx.catalog, ctx.objects, { ...args, ...range(args) });
  }
}
