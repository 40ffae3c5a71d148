import { parseRadarSiteId } from '../../core/vocabulary/index.js';
import { Args, Ctx, Query, Resolver } from 'type-graphql';
import { parseIsoDuration } from '../../core/iso-duration.js';
import type { RadarBucketCount, RadarSiteRow } from '../../store/catalog/index.js';
import type { RadomeContext } from '../context.js';
import { apiError } from '../errors.js';
import { timeRange } from '../filters.js';
import { productFromRow } from '../types/product.js';
import { LatestPrecipitation, RadarCoverageArgs, RadarCoverageBucket, RadarRangeArgs, RadarSiteCoverage, type TimeSpan } from '../types/radar-coverage.js';

/** Most buckets (over all sites) one coverage answer may have. */
export const MAX_COVERAGE_BUCKETS = 100_000;

/** The named sites (each must exist), or every site. */
async function sitesOf(names: string[] | null, ctx: RadomeContext): Promise<RadarSiteRow[]> {
  if (names == null || names.length === 0) return ctx.catalog.radar.sites();
  const ids = [...new Set(names.map((n) => parseRadarSiteId(n, 'sites')))];
  const rows = await ctx.loaders.site.loadMany(ids);
  return rows.map((row, i) => {
    if (!row || row instanceof Error) throw apiError('NOT_FOUND', `sites: the catalog has no radar site ${ids[i]}; radarSites lists the sites it has`);
    return row;
  });
}

function range(from: Date, to: Date): { from: number; to: number } {
  const r = timeRange(from, to);
  return { from: r.from!, to: r.to! };
}

/** Runs of buckets with nothing in them, clipped to [from, to). */
function gapsOf(buckets: RadarCoverageBucket[], widthMs: number, from: number, to: number): TimeSpan[] {
  const gaps: TimeSpan[] = [];
  let open: number | null = null;
  for (const b of buckets) {
    const start = b.start.getTime();
    const empty = b.volumes === 0 && b.products === 0;
    if (empty && open === null) open = Math.max(start, from);
    if (!empty && open !== null) {
      gaps.push({ from: new Date(open), to: new Date(start) });
      open = null;
    }
  }
  if (open !== null) gaps.push({ from: new Date(open), to: new Date(Math.min(to, buckets.at(-1)!.start.getTime() + widthMs)) });
  return gaps;
}

@Resolver()
export class RadarCoverageResolver {
  @Query(() => [RadarSiteCoverage], {
    description: `Volumes, sweeps and Level 3 products per interval at each site over [from, to), with totals and gaps: what was recorded and what is missing. At most ${MAX_COVERAGE_BUCKETS} buckets over all sites.`,
  })
  async radarCoverage(@Args(() => RadarCoverageArgs) args: RadarCoverageArgs, @Ctx() ctx: RadomeContext): Promise<RadarSiteCoverage[]> {
    const { from, to } = range(args.from, args.to);
    const width = parseIsoDuration(args.interval, 'interval');
    const sites = await sitesOf(args.sites, ctx);
    const first = Math.floor(from / width) * width;
    const perSite = Math.ceil((to - first) / width);
    if (perSite * Math.max(1, sites.length) > MAX_COVERAGE_BUCKETS) {
      throw apiError(
        'BAD_USER_INPUT',
        `the answer would have ${perSite * sites.length} buckets (${perSite} per site × ${sites.length} sites), more than ${MAX_COVERAGE_BUCKETS}; use a longer interval, a shorter range or fewer sites`,
      );
    }
    const counts = await ctx.catalog.radar.bucketCounts({ sites: sites.map((s) => s.id), from, to, bucketMs: width });
    const bySite = new Map<string, Map<number, RadarBucketCount>>();
    for (const c of counts) {
      let m = bySite.get(c.site);
      if (!m) bySite.set(c.site, (m = new Map()));
      m.set(c.start, c);
    }
    return sites.map((site) => {
      const found = bySite.get(site.id);
      const buckets: RadarCoverageBucket[] = [];
      for (let i = 0; i < perSite; i++) {
        const start = first + i * width;
        const c = found?.get(start);
        buckets.push({ start: new Date(start), volumes: c?.volumes ?? 0, sweeps: c?.sweeps ?? 0, products: c?.products ?? 0 });
      }
      const total = (k: 'volumes' | 'sweeps' | 'products') => buckets.reduce((n, b) => n + b[k], 0);
      return { site, interval: args.interval, buckets, gaps: gapsOf(buckets, width, from, to), volumes: total('volumes'), sweeps: total('sweeps'), products: total('products') };
    });
  }

  @Query(() => [LatestPrecipitation], {
    description:
      'For each site and precipitation product (one-hour, storm-total, user-selectable accumulations …) scanned in [from, to): the newest, how many the range has, and the largest accumulation with the product stating it, by site then code.',
  })
  async latestPrecipitation(@Args(() => RadarRangeArgs) args: RadarRangeArgs, @Ctx() ctx: RadomeContext): Promise<LatestPrecipitation[]> {
    const { from, to } = range(args.from, args.to);
    const sites = await sitesOf(args.sites, ctx);
    const byId = new Map(sites.map((s) => [s.id, s]));
    return (await ctx.catalog.products.latestPrecipitation([...byId.keys()], from, to)).map(({ product, count, maxProduct }) => ({
      site: byId.get(product.site)!,
      product: productFromRow(product, ctx.objectUrl),
      count,
      maxAccumulationIn: maxProduct?.maxAccumulationIn ?? null,
      maxProduct: maxProduct && productFromRow(maxProduct, ctx.objectUrl),
    }));
  }
}
