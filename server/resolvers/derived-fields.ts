import { GraphQLError } from 'graphql';
import { Arg, Ctx, Float, Int, Query, Resolver } from 'type-graphql';
import { parseIsoDuration } from '../../core/iso-duration.js';
import { RadomeError } from '../../core/errors.js';
import { geodesicInverse } from '../../ingest/render/geodesic.js';
import type { RadomeContext } from '../context.js';
import { tileJsonUrls } from '../http/tiles.js';
import { RAINFALL_MAX_HOURS, SWATH_MAX_HOURS, type DerivedField, type DerivedFields, type SiteContribution } from '../radar-time/derived-fields.js';
import { derivedLayerPath, derivedRequest } from '../radar-time/derived-request.js';
import { MOSAIC_FRAMES_MAX_HOURS, mosaicFrameTimes } from '../radar-time/mosaic-frames.js';
import { checkedWindow } from '../radar-time/window.js';
import { checkPoint } from '../tiles/point-values.js';
import { DEFAULT_TOLERANCE_MINUTES, checkTolerance } from '../tiles/mosaic.js';
import { RadarMoment } from '../types/enums.js';
import { LonLatBoxInput } from '../types/radar-coverage.js';
import { DerivedSite, FieldStatistics, MosaicFrame, Rainfall, RainfallMethod, RainfallPoint, Swath } from '../types/rainfall.js';

const RAIN_THRESHOLDS_MM = [1, 10, 25, 50, 100];
const SWATH_THRESHOLDS_DBZ = [40, 50, 60];
/** Sites nearer than this are asked for a point's rainfall, nearest first (rain is estimated to 230 km). */
const POINT_SITE_KM = 240;
const MAX_POINT_BINS = 10_080;

function derivedOf(ctx: RadomeContext): DerivedFields {
  if (!ctx.derived) throw new GraphQLError('this server derives no rainfall or swaths', { extensions: { code: 'CONFIG' } });
  return ctx.derived;
}

function siteOut(s: SiteContribution): DerivedSite {
  return { site: s.site, source: s.source, count: s.ids.length, ids: s.ids, coveredFraction: s.coveredFraction, gaps: s.gaps.map((g) => ({ from: new Date(g.from), to: new Date(g.to) })) };
}

function statisticsOut(derived: DerivedFields, field: DerivedField, bbox: Parameters<DerivedFields['statistics']>[1], thresholds: number[]): FieldStatistics | null {
  const s = derived.statistics(field, bbox, thresholds);
  return s && { ...s, bbox: [...s.bbox] };
}

function reasonOf(field: DerivedField, asked: number): string | null {
  if (field.sites.length > 0) return null;
  if (asked === 0) return 'no catalogued site has a volume (or DPR product) in the window and box';
  return `no site gave data: ${field.missing.map((m) => m.reason).join('; ')}`;
}

function checkThresholds(thresholds: number[]): number[] {
  if (thresholds.length > 20 || thresholds.some((t) => !Number.isFinite(t))) throw new RadomeError('BAD_INPUT', 'thresholds: at most 20 finite numbers');
  return thresholds;
}

@Resolver()
export class DerivedFieldsResolver {
  @Query(() => Rainfall, {
    nullable: true,
    description: `Rainfall accumulated over [from, to) (at most ${RAINFALL_MAX_HOURS} h): per site its precipitation rate per volume (method), integrated with trapezoids between volume times; gaps longer than the limit are reported, never filled. Sites: those named, else every site with data near bbox. Tiles, a coverage and gap report, and statistics over bbox. Results are kept by (sites, window, method).`,
  })
  async rainfall(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('sites', () => [String], { nullable: true }) sites: string[] | null,
    @Arg('bbox', () => LonLatBoxInput, { nullable: true }) bbox: LonLatBoxInput | null,
    @Arg('method', () => RainfallMethod, { defaultValue: RainfallMethod.AUTO }) method: RainfallMethod,
    @Arg('thresholds', () => [Float], { defaultValue: RAIN_THRESHOLDS_MM, description: 'mm; statistics.areaOver gives the area reaching each.' }) thresholds: number[],
    @Ctx() ctx: RadomeContext,
  ): Promise<Rainfall> {
    const derived = derivedOf(ctx);
    const { request, bbox: box } = await derivedRequest(ctx.catalog, 'rainfall', { from, to, sites, bbox, method });
    const field = await derived.field(request);
    return {
      from,
      to,
      method,
      units: 'mm',
      gapLimitMinutes: derived.gapMinutes,
      sites: field.sites.map(siteOut),
      missing: field.missing,
      complete: field.sites.length > 0 && field.missing.length === 0 && field.sites.every((s) => s.gaps.length === 0),
      reason: reasonOf(field, request.sites.length),
      ...tileJsonUrls(ctx.baseUrl, derivedLayerPath(request)),
      statistics: statisticsOut(derived, field, box, checkThresholds(thresholds)),
    };
  }

  @Query(() => [RainfallPoint], {
    description: `Rainfall at a point per interval (an ISO 8601 duration such as PT1H) over [from, to) (at most ${RAINFALL_MAX_HOURS} h), from the nearest site whose data covers the point; gaps are reported per interval. No site covers it: an empty list.`,
  })
  async rainfallAtPoint(
    @Arg('lon', () => Float) lon: number,
    @Arg('lat', () => Float) lat: number,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('interval', () => String) interval: string,
    @Arg('method', () => RainfallMethod, { defaultValue: RainfallMethod.AUTO }) method: RainfallMethod,
    @Ctx() ctx: RadomeContext,
  ): Promise<RainfallPoint[]> {
    const derived = derivedOf(ctx);
    checkPoint(lon, lat);
    const window = checkedWindow(from, to, RAINFALL_MAX_HOURS);
    const intervalMs = parseIsoDuration(interval, 'interval');
    if ((window.to - window.from) / intervalMs > MAX_POINT_BINS) throw new RadomeError('BAD_INPUT', `interval ${interval} gives more than ${MAX_POINT_BINS} values over the window; use a longer one`);
    const inverse = new Float64Array(2);
    const sites = (await ctx.catalog.radar.sites())
      .map((site) => {
        geodesicInverse(site.latitude, site.longitude, lat, lon, inverse);
        return { site, km: inverse[0]! / 1000 };
      })
      .filter((c) => c.km < POINT_SITE_KM)
      .sort((a, b) => a.km - b.km)
      .map((c) => c.site);
    for (const site of sites) {
      const series = await derived.pointSeries(site.id, lon, lat, window.from, window.to, intervalMs, method);
      if (!series) continue;
      return series.bins.map((b) => ({ time: new Date(b.from), end: new Date(b.to), accumulationMm: b.mm, missingMinutes: b.missingMs / 60_000, site: site.id, source: series.source }));
    }
    return [];
  }

  @Query(() => Swath, {
    nullable: true,
    description: `Per-pixel maximum of the lowest-elevation REF of every volume in [from, to) (at most ${SWATH_MAX_HOURS} h): the hail and storm-track swath, as tiles and statistics over bbox (dBZ). Sites: those named, else every site with volumes near bbox.`,
  })
  async reflectivitySwath(
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('sites', () => [String], { nullable: true }) sites: string[] | null,
    @Arg('bbox', () => LonLatBoxInput, { nullable: true }) bbox: LonLatBoxInput | null,
    @Arg('thresholds', () => [Float], { defaultValue: SWATH_THRESHOLDS_DBZ, description: 'dBZ; statistics.areaOver gives the area reaching each.' }) thresholds: number[],
    @Ctx() ctx: RadomeContext,
  ): Promise<Swath> {
    const derived = derivedOf(ctx);
    const { request, bbox: box } = await derivedRequest(ctx.catalog, 'swath', { from, to, sites, bbox });
    const field = await derived.field(request);
    return {
      from,
      to,
      units: 'dBZ',
      sites: field.sites.map(siteOut),
      missing: field.missing,
      reason: reasonOf(field, request.sites.length),
      ...tileJsonUrls(ctx.baseUrl, derivedLayerPath(request)),
      statistics: statisticsOut(derived, field, box, checkThresholds(thresholds)),
    };
  }

  @Query(() => [MosaicFrame], {
    description: `Frames of a national mosaic loop: one every interval (an ISO 8601 duration such as PT5M) over [from, to) (at most ${MOSAIC_FRAMES_MAX_HOURS} h), each with its tiles; times no site has a volume within toleranceMinutes of are left out (none: an empty list).`,
  })
  async mosaicFrames(
    @Arg('moment', () => RadarMoment) moment: RadarMoment,
    @Arg('from', () => Date) from: Date,
    @Arg('to', () => Date) to: Date,
    @Arg('interval', () => String) interval: string,
    @Arg('toleranceMinutes', () => Int, { defaultValue: DEFAULT_TOLERANCE_MINUTES }) toleranceMinutes: number,
    @Ctx() ctx: RadomeContext,
  ): Promise<MosaicFrame[]> {
    if (moment !== RadarMoment.REF) throw new RadomeError('BAD_INPUT', `moment: the mosaic is made of REF only, not ${moment}`);
    checkTolerance(toleranceMinutes);
    const window = checkedWindow(from, to, MOSAIC_FRAMES_MAX_HOURS);
    const query = toleranceMinutes === DEFAULT_TOLERANCE_MINUTES ? '' : `?toleranceMinutes=${toleranceMinutes}`;
    return (await mosaicFrameTimes(ctx.catalog, window.from, window.to, parseIsoDuration(interval, 'interval'), toleranceMinutes)).map(({ time, siteCount }) => {
      const layerPath = `mosaic/REF/${new Date(time).toISOString().replace('.000Z', 'Z')}`;
      return { time: new Date(time), siteCount, ...tileJsonUrls(ctx.baseUrl, layerPath, query), imageUrl: `${ctx.baseUrl}tiles/${layerPath}/frame.png${query}` };
    });
  }
}
