// The week-sized catalog's builder at small scale: its rows are shaped as ingest's (beside the real
// KLOT sample's plan), bulk loading leaves what the writer's commits leave, retention in batches
// removes exactly what is older than the cutoff and dooms its objects, and a schema-9 catalog with
// data upgrades to the per-minute counts.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { NATIONAL_WEEK, productObjectKeys, weekItems, type WeekItem, type WeekShape } from '../../bench/_catalog-week-rows.js';
import { isSweepId, isVolumeId } from '../../core/vocabulary/index.js';
import { planArchiveII } from '../../ingest/level2/plan.js';
import { removeRowsOlderThan } from '../../ingest/retention.js';
import { bulkLoadSqliteCatalog, CATALOG_SCHEMA_VERSION, type CommitLevel2VolumeInput, type CommitLevel3ProductInput, openCatalog, type RadarBucketCount } from '../../store/catalog/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { tempDbPath } from './catalog-fixtures.js';
import { readBack } from './catalog-week-readback.js';
import { bulkAndCommitted, commitWeekItems, siteIdsOf, upgradedCatalog } from '../support/week-catalogs.js';

const HOUR = 3_600_000;
const shape = (hours: number, sites: number): WeekShape => ({ ...NATIONAL_WEEK, days: hours / 24, sites });

/** Counts per site and hour the rows should give, for starts in [from, to). */
function expectedCounts(volumes: CommitLevel2VolumeInput[], products: CommitLevel3ProductInput[], from: number, to: number, width = HOUR): RadarBucketCount[] {
  const counts = new Map<string, RadarBucketCount>();
  const add = (site: string, t: number, field: 'volumes' | 'sweeps' | 'products') => {
    if (t < from || t >= to) return;
    const start = Math.floor(t / width) * width;
    const key = `${site} ${start}`;
    if (!counts.has(key)) counts.set(key, { site, start, volumes: 0, sweeps: 0, products: 0 });
    counts.get(key)![field]++;
  };
  for (const v of volumes) {
    add(v.site.id, v.volume.scanStart, 'volumes');
    for (const s of v.sweeps) add(s.site, s.startTime, 'sweeps');
  }
  for (const p of products) add(p.product.site, p.product.scanTime, 'products');
  return [...counts.values()].sort((a, b) => (a.site < b.site ? -1 : a.site > b.site ? 1 : a.start - b.start));
}

/** Counts of all the items' rows. */
const countsOf = (items: WeekItem[], from: number, to: number, width = HOUR) =>
  expectedCounts(
    items.map((i) => i.volume),
    items.flatMap((i) => i.products),
    from,
    to,
    width,
  );

describe('week catalog builder', () => {
  it('is deterministic and sized like the network (~92 sweep rows and 14 products a volume)', () => {
    const a = [...weekItems(shape(1, 4))];
    expect([...weekItems(shape(1, 4))]).toEqual(a);
    expect(a).toHaveLength(12 * 4);
    const rows = a.reduce((n, i) => n + i.volume.sweeps.length, 0) / a.length;
    expect(rows).toBeGreaterThanOrEqual(66);
    expect(rows).toBeLessThanOrEqual(109);
    expect(a.every((i) => i.products.length === 14)).toBe(true);
  });

  const klot = sampleFile('nexrad/level2/KLOT20220317_000842_V06');
  it.skipIf(!klot)(`rows are shaped as ingest's of the real KLOT sample ${klot ? '' : skipReason('nexrad/level2/KLOT20220317_000842_V06')}`, () => {
    const bytes = readFileSync(klot!);
    const real = planArchiveII(
      bytes,
      { source: 'level2:noaa-nexrad-level2', key: '2022/03/17/KLOT/KLOT20220317_000842_V06', size: bytes.length, fingerprint: '"e"' },
      { renderSize: 64, ingestedAt: 5 },
    );
    const made = [...weekItems(shape(1, 20))].find((i) => i.volume.volume.vcp === real.volume.vcp)!;
    expect(made, 'the builder makes VCP 35 volumes').toBeDefined();
    const typesOf = (o: object) => Object.fromEntries(Object.entries(o).map(([k, v]) => [k, Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v]));
    expect(typesOf(made.volume.volume)).toEqual(typesOf(real.volume));
    expect(typesOf(made.volume.sweeps[0]!)).toEqual(typesOf(real.sweeps[0]!));
    // The same cuts and moments per cut, in the same row order.
    const cuts = (sweeps: { elevationNumber: number; moment: string }[]) => sweeps.map((s) => `${s.elevationNumber}:${s.moment}`);
    expect(cuts(made.volume.sweeps)).toEqual(cuts(real.sweeps));
    expect(made.volume.volume.sweepCount).toBe(made.volume.sweeps.length);
    const shapeOf = (key: string) => key.replace(/[A-Z]{4}(?=[/\d])/g, 'SITE').replace(/\d/g, '9');
    for (const [m, r] of [[made.volume, real] as const]) {
      expect(isVolumeId(m.volume.id)).toBe(true);
      expect(shapeOf(m.volume.zarrKey!)).toBe(shapeOf(r.volume.zarrKey!));
      expect(shapeOf(m.volume.sourceKey)).toBe(shapeOf(r.volume.sourceKey));
      m.sweeps.forEach((s, i) => {
        expect(isSweepId(s.id)).toBe(true);
        expect(shapeOf(s.imageKey)).toBe(shapeOf(r.sweeps[i]!.imageKey));
        expect(shapeOf(s.metadataKey)).toBe(shapeOf(r.sweeps[i]!.metadataKey));
        expect(s.corners).toEqual([
          [s.bbox[0], s.bbox[3]],
          [s.bbox[2], s.bbox[3]],
          [s.bbox[2], s.bbox[1]],
          [s.bbox[0], s.bbox[1]],
        ]);
      });
    }
  });

  it("bulk loading leaves what the writer's commits leave, as the reader reads them", async () => {
    const items = [...weekItems(shape(2, 4))];
    const { loaded, bulk, committed } = await bulkAndCommitted(items);
    try {
      expect(loaded).toEqual({
        volumes: items.length,
        sweeps: items.reduce((n, i) => n + i.volume.sweeps.length, 0),
        products: items.reduce((n, i) => n + i.products.length, 0),
      });
      const fromBulk = await readBack(bulk.reader, items);
      expect(fromBulk).toEqual(await readBack(committed.reader, items));
      expect(fromBulk.counts).toEqual(countsOf(items, NATIONAL_WEEK.start, NATIONAL_WEEK.start + 6 * HOUR));
      expect(fromBulk.unalignedCounts).toEqual(countsOf(items, NATIONAL_WEEK.start + 1_812_345, NATIONAL_WEEK.start + 5_401_234));
      expect(fromBulk.oddCounts).toEqual(countsOf(items, NATIONAL_WEEK.start, NATIONAL_WEEK.start + 6 * HOUR, 90_000));
      expect(fromBulk.volumes.every((v) => v !== null)).toBe(true);
    } finally {
      await committed.close();
      await bulk.close();
    }
  });

  it('retention in batches removes exactly what started before the cutoff and dooms its objects', async () => {
    const items = [...weekItems(shape(6, 3))];
    const path = tempDbPath();
    bulkLoadSqliteCatalog(path, items);
    const cutoff = NATIONAL_WEEK.start + 3 * HOUR;
    const gone = items.filter((i) => i.volume.volume.scanStart < cutoff);
    const kept = items.filter((i) => i.volume.volume.scanStart >= cutoff);
    const goneProducts = items.flatMap((i) => i.products).filter((p) => p.product.scanTime < cutoff);
    const keptProducts = items.flatMap((i) => i.products).filter((p) => p.product.scanTime >= cutoff);
    expect(gone.length).toBeGreaterThan(20); // several batches
    const catalog = await openCatalog(path);
    try {
      const result = await removeRowsOlderThan(catalog, cutoff, Date.now());
      const doomed = new Set([
        ...gone.flatMap((i) => [...i.volume.sweeps.flatMap((s) => [s.imageKey, s.metadataKey]), `${i.volume.volume.zarrKey}/`]),
        ...goneProducts.flatMap((p) => productObjectKeys(p.product)),
      ]);
      expect(result).toMatchObject({ volumes: gone.length, products: goneProducts.length, objects: doomed.size });
      // 1 to 20 volumes a batch, sized by how long the last held the lock (nextBatchVolumes).
      expect(result.batches).toBeGreaterThanOrEqual(Math.ceil(gone.length / 20));
      expect(result.batches).toBeLessThanOrEqual(gone.length);
      expect(new Set(await catalog.writer.retention.doomedKeys(10_000_000))).toEqual(doomed);

      const r = catalog.reader;
      expect((await r.radar.volumesByIds(gone.map((i) => i.volume.volume.id))).every((v) => v === null)).toBe(true);
      expect((await r.radar.sweepsByIds(gone.flatMap((i) => i.volume.sweeps.map((s) => s.id)))).every((s) => s === null)).toBe(true);
      expect((await r.products.byIds(goneProducts.map((p) => p.product.id))).every((p) => p === null)).toBe(true);
      expect(await r.radar.sweepsForVolumes(kept.map((i) => i.volume.volume.id))).toEqual(
        (await Promise.all(kept.map((i) => r.radar.sweepsByIds(i.volume.sweeps.map((s) => s.id))))).map((sweeps) =>
          sweeps.sort((a, b) => a!.elevationNumber - b!.elevationNumber || (a!.moment < b!.moment ? -1 : 1)),
        ),
      );
      expect((await r.radar.volumes({}, { first: 10_000 })).rows).toHaveLength(kept.length);
      expect((await r.products.list({}, { first: 10_000 })).rows).toHaveLength(keptProducts.length);
      const sites = siteIdsOf(items);
      const window = [NATIONAL_WEEK.start, NATIONAL_WEEK.start + 7 * HOUR] as const;
      const expected = expectedCounts(
        kept.map((i) => i.volume),
        keptProducts,
        ...window,
      );
      expect(await r.radar.bucketCounts({ sites, from: window[0], to: window[1], bucketMs: HOUR })).toEqual(expected);
      for (const site of await r.radar.sites()) {
        expect(site.firstVolumeAt).toBe(Math.min(...kept.filter((i) => i.volume.site.id === site.id).map((i) => i.volume.volume.scanStart)));
      }
    } finally {
      await catalog.close();
    }
  });

  it('a schema-9 catalog with data upgrades to per-minute counts that stay exact', async () => {
    const items = [...weekItems(shape(2, 3))];
    const [before, after] = [items.slice(0, 40), items.slice(40)];
    const catalog = await upgradedCatalog(9, before);
    try {
      expect(catalog.schemaVersion).toBe(CATALOG_SCHEMA_VERSION);
      const sites = siteIdsOf(items);
      const counts = (from: number, to: number) => catalog.reader.radar.bucketCounts({ sites, from, to, bucketMs: HOUR });
      const start = NATIONAL_WEEK.start;
      expect(await counts(start, start + 3 * HOUR)).toEqual(countsOf(before, start, start + 3 * HOUR));
      // Rows written before the upgrade (corners as JSON) read as they were written.
      const old = before[5]!.volume.sweeps[3]!;
      expect((await catalog.reader.radar.sweepsByIds([old.id]))[0]).toEqual(old);
      // Corners that are not the bbox's own are stored and read as given.
      const skewed = after[0]!.volume.sweeps[0]!;
      skewed.corners = [
        [skewed.bbox[0] + 0.25, skewed.bbox[3]],
        [skewed.bbox[2], skewed.bbox[3] - 0.125],
        [skewed.bbox[2] - 0.5, skewed.bbox[1]],
        [skewed.bbox[0], skewed.bbox[1] + 1],
      ];
      // The triggers keep them exact through new commits, a re-ingest that moves a volume and retention.
      await commitWeekItems(catalog.writer, after);
      await catalog.writer.radar.commitVolume(items[0]!.volume);
      expect(await catalog.reader.radar.sweepsByIds([skewed.id, after[0]!.volume.sweeps[1]!.id])).toEqual([skewed, after[0]!.volume.sweeps[1]]);
      expect(await counts(start, start + 3 * HOUR)).toEqual(countsOf(items, start, start + 3 * HOUR));
      const cutoff = start + HOUR;
      await removeRowsOlderThan(catalog, cutoff, Date.now());
      const expected = expectedCounts(
        items.map((i) => i.volume).filter((v) => v.volume.scanStart >= cutoff),
        items.flatMap((i) => i.products).filter((p) => p.product.scanTime >= cutoff),
        start,
        start + 3 * HOUR,
      );
      expect(await counts(start, start + 3 * HOUR)).toEqual(expected);
    } finally {
      await catalog.close();
    }
  });
});
