import { Arg, Args, Ctx, ID, Query, Resolver } from 'type-graphql';
import { snrSeries, snrSummary } from '../../store/gnss/snr-series.js';
import type { RadomeContext } from '../context.js';
import { GnssStation, gnssStationFromRow, SnrSelectionArgs, SnrSeries, SnrSeriesArgs, SnrSummary, snrPointFromRow } from '../types/gnss.js';

@Resolver(() => GnssStation)
export class GnssResolver {
  @Query(() => [GnssStation], { description: 'Every GNSS station in the catalog, by id.' })
  gnssStations(@Ctx() ctx: RadomeContext): GnssStation[] {
    return ctx.catalog.gnss.stations().map(gnssStationFromRow);
  }

  @Query(() => GnssStation, { nullable: true })
  gnssStation(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): GnssStation | null {
    const row = ctx.catalog.gnss.stationsByIds([id.trim().toUpperCase()])[0];
    return row ? gnssStationFromRow(row) : null;
  }

  @Query(() => SnrSeries, {
    description:
      'Signal-to-noise statistics of a station per interval, from rollups (15 min and 1 day) with the edges of a range that cuts a bucket read exactly from the raw Parquet observations.',
  })
  async snrSeries(@Args(() => SnrSeriesArgs) args: SnrSeriesArgs, @Ctx() ctx: RadomeContext): Promise<SnrSeries> {
    const result = await snrSeries(ctx.catalog.gnss, ctx.objects, { ...args, from: args.from.getTime(), to: args.to.getTime() });
    return { station: result.station, interval: args.interval, points: result.points.map(snrPointFromRow) };
  }

  @Query(() => SnrSummary, { description: 'Signal-to-noise statistics of a station over a range, in total and per group.' })
  async snrSummary(@Args(() => SnrSelectionArgs) args: SnrSelectionArgs, @Ctx() ctx: RadomeContext): Promise<SnrSummary> {
    const result = await snrSummary(ctx.catalog.gnss, ctx.objects, { ...args, from: args.from.getTime(), to: args.to.getTime() });
    return {
      station: result.station,
      from: args.from,
      to: args.to,
      total: result.total && snrPointFromRow(result.total),
      groups: result.groups.map(snrPointFromRow),
    };
  }
}
