import { isGnssStationId } from '../../core/vocabulary/index.js';
import { Arg, Args, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { dayString } from '../../store/gnss/snr-keys.js';
import { snrSeries, snrSummary } from '../../store/gnss/snr-series.js';
import type { RadomeContext } from '../context.js';
import { GnssStation, gnssStationFromRow, SnrSelectionArgs, SnrSeries, SnrSeriesArgs, SnrSummary, snrPointFromRow } from '../types/gnss.js';

@Resolver(() => GnssStation)
export class GnssResolver {
  @Query(() => [GnssStation], { description: 'Every GNSS station in the catalog, by id.' })
  async gnssStations(@Ctx() ctx: RadomeContext): Promise<GnssStation[]> {
    return (await ctx.catalog.gnss.stations()).map(gnssStationFromRow);
  }

  @Query(() => GnssStation, { nullable: true })
  async gnssStation(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): Promise<GnssStation | null> {
    const station = id.trim().toUpperCase();
    // An id of no station's shape names no station: null, as node(id) answers.
    const row = isGnssStationId(station) ? (await ctx.catalog.gnss.stationsByIds([station]))[0] : null;
    return row ? gnssStationFromRow(row) : null;
  }

  @FieldResolver(() => [String], {
    description:
      'GPS days (YYYY-MM-DD) of the station whose SNR has no satellite geometry (elevation, azimuth, edot) because no orbits (RINEX navigation or SP3) were ingested for them; oldest first, at most `limit`.',
  })
  async daysWithoutGeometry(@Root() station: GnssStation, @Arg('limit', () => Int, { defaultValue: 100 }) limit: number, @Ctx() ctx: RadomeContext): Promise<string[]> {
    const rows = await ctx.catalog.gnss.days(station.id, -1e6, 1e6);
    return rows
      .filter((d) => !d.geometry)
      .slice(0, Math.max(0, limit))
      .map((d) => dayString(d.day));
  }

  @Query(() => SnrSeries, {
    description: 'Signal-to-noise statistics of a station per interval, from rollups (15 min and 1 day) with the edges of a range that cuts a bucket read exactly from the raw Parquet observations.',
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
