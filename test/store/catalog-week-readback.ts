// What the reader says about a week catalog's rows: equal across bulk loads, commits and engines
// (test/store/catalog-week.test.ts, test/store/catalog-week-postgres.test.ts).
import { NATIONAL_WEEK, type WeekItem } from '../../bench/_catalog-week-rows.js';
import type { CatalogReader } from '../../store/catalog/index.js';

const HOUR = 3_600_000;

/** Everything the reader says about the items' rows. */
export async function readBack(reader: CatalogReader, items: WeekItem[]) {
  const volumeIds = items.map((i) => i.volume.volume.id);
  const productIds = items.flatMap((i) => i.products.map((p) => p.product.id));
  const sites = [...new Set(items.map((i) => i.volume.site.id))];
  const from = NATIONAL_WEEK.start;
  return {
    sites: await reader.radar.sites(),
    volumes: await reader.radar.volumesByIds(volumeIds),
    sweeps: await reader.radar.sweepsForVolumes(volumeIds),
    products: await reader.products.byIds(productIds),
    counts: await reader.radar.bucketCounts({ sites, from, to: from + 6 * HOUR, bucketMs: HOUR }),
    // Part-minutes at both ends: the edges are counted from rows, the rest from minute counts.
    unalignedCounts: await reader.radar.bucketCounts({ sites, from: from + 1_812_345, to: from + 5_401_234, bucketMs: HOUR }),
    // Widths that are not whole minutes count rows only.
    oddCounts: await reader.radar.bucketCounts({ sites, from, to: from + 6 * HOUR, bucketMs: 90_000 }),
    codes: await Promise.all(sites.map((site) => reader.products.codeCounts({ site, category: 'PRECIPITATION' }))),
    latest: await Promise.all(sites.map((site) => reader.products.latest(site))),
    events: (await reader.events.after(0, 100_000)).map(({ kind, site, subjectId, code }) => ({ kind, site, subjectId, code })),
  };
}
