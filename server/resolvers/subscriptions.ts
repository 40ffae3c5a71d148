import { isProductId, isVolumeId, parseRadarMoment, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { Arg, Ctx, Int, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import type { CatalogEventRow, ProductRow, SweepRow } from '../../store/catalog/index.js';
import type { RadomeContext } from '../context.js';
import { parseProductCodes } from '../product-filters.js';
import { CatalogEvent, catalogEventFromRow } from '../types/catalog-event.js';
import { RadarMoment } from '../types/enums.js';
import { Product, productFromRow } from '../types/product.js';
import { Sweep, sweepFromRow } from '../types/sweep.js';

type Data = SubscribeResolverData<unknown, Record<string, unknown>, RadomeContext>;

/** Each subscription filters the server's one catalog event feed; selections run once per event, at poll time. */
@Resolver()
export class SubscriptionResolver {
  @Subscription(() => Sweep, {
    description: 'Each sweep of every volume committed from now on at `site` (only of `moment` when given). Volumes committed again after a re-ingest are sent again.',
    subscribe: ({ args, context }: Data) => {
      const site = parseRadarSiteId(String(args.site), 'site');
      const moments = args.moment ? [parseRadarMoment(String(args.moment), 'moment')] : undefined;
      return context.events.subscribe(async (e: CatalogEventRow) =>
        e.kind === 'LEVEL2_VOLUME' && e.site === site && isVolumeId(e.subjectId) ? (await context.catalog.radar.sweepsForVolumes([e.subjectId], { moments }))[0]! : [],
      );
    },
  })
  sweepAdded(
    @Root() row: SweepRow,
    @Arg('site', () => String, { description: '4-letter ICAO site id (case-insensitive).' }) _site: string,
    @Arg('moment', () => RadarMoment, { nullable: true }) _moment: RadarMoment | null,
    @Ctx() ctx: RadomeContext,
  ): Sweep {
    return sweepFromRow(row, ctx.objectUrl);
  }

  @Subscription(() => Product, {
    description: 'Each Level 3 product committed from now on at `site` (only of `codes` when given).',
    subscribe: ({ args, context }: Data) => {
      const site = parseRadarSiteId(String(args.site), 'site');
      const codes = parseProductCodes(args.codes as number[] | null | undefined, 'codes');
      return context.events.subscribe(async (e: CatalogEventRow) => {
        if (e.kind !== 'LEVEL3_PRODUCT' || e.site !== site || !isProductId(e.subjectId) || (codes && !codes.includes(e.code ?? -1))) return [];
        const row = (await context.catalog.products.byIds([e.subjectId]))[0];
        return row ? [row] : [];
      });
    },
  })
  productAdded(
    @Root() row: ProductRow,
    @Arg('site', () => String, { description: '4-letter ICAO site id (case-insensitive).' }) _site: string,
    @Arg('codes', () => [Int], { nullable: true }) _codes: number[] | null,
    @Ctx() ctx: RadomeContext,
  ): Product {
    return productFromRow(row, ctx.objectUrl);
  }

  @Subscription(() => CatalogEvent, {
    description: 'Every commit of the ingest from now on (optionally only at `sites`): a live ingest log, also when the daemon runs in another process.',
    subscribe: ({ args, context }: Data) => {
      const sites = Array.isArray(args.sites) && args.sites.length > 0 ? new Set<string>(args.sites.map((s) => parseRadarSiteId(String(s), 'sites'))) : null;
      return context.events.subscribe((e: CatalogEventRow) => (sites && !sites.has(e.site ?? '') ? [] : [e]));
    },
  })
  ingestEvents(@Root() row: CatalogEventRow, @Arg('sites', () => [String], { nullable: true }) _sites: string[] | null): CatalogEvent {
    return catalogEventFromRow(row);
  }
}
