// The catalog's contract, run against each engine (SQLite, PostgreSQL): the same calls give the
// same results, keyset cursors' order and ties included.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseRadarSiteId, type VolumeId } from '../../core/vocabulary/index.js';
import { expectRadomeError } from '../support/radome-failure.js';
import { encodeCursor } from '../../store/catalog/index.js';
import type { Catalog, Page, PageArgs, ProductRow, SortOrder, SweepFilter, SweepRow, VolumeFilter, VolumeRow } from '../../store/catalog/index.js';
import { DAY_SECONDS } from '../../store/gnss/rollup-levels.js';
import { makeElevationRollups, makeGnssDays, makeProduct, makeVolume, volumeSchedule } from './catalog-fixtures.js';
import { testMnemonic, testSite, testStation, unchecked } from '../support/ids.js';
import type { ProductId, SweepId } from '../../core/vocabulary/index.js';

/** One fresh, empty catalog of an engine, and what the suite needs to look inside it. */
export interface OpenedCatalog {
  catalog: Catalog;
  /** Every user table's rows, to compare whole catalog states. */
  dump(): Promise<Record<string, unknown[]>>;
  /** Partitions per partitioned table, on engines that partition. */
  partitions?(): Promise<Record<string, number>>;
  /** Another writable connection to the same catalog, as a second process would open (the suite closes it). */
  connect(): Promise<Catalog>;
}

export interface CatalogEngine {
  name: string;
  open(): Promise<OpenedCatalog>;
}

function sortedBy<T extends { id: string }>(rows: T[], time: (r: T) => number, order: SortOrder): T[] {
  const sign = order === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

async function walk<T>(list: (page: PageArgs) => Promise<Page<T>> | Page<T>, first: number) {
  const seen: T[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page: Page<T> = await list({ first, after });
    expect(() => page.cursorAt(page.rows.length)).toThrow(RangeError);
    seen.push(...page.rows);
    totals.add(page.totalCount);
    if (!page.hasNextPage) return { seen, totals };
    expect(page.rows).toHaveLength(first);
    after = page.cursorAt(page.rows.length - 1);
  }
  throw new Error('pagination did not end');
}

/** Walks `list` in pages of `first` and expects exactly `expected`'s ids, in order, and one total; returns how many. */
async function expectPaged<T extends { id: string }>(filter: object, expected: T[], list: (page: PageArgs) => Promise<Page<T>>, first: number) {
  const { seen, totals } = await walk(list, first);
  expect(
    seen.map((r) => r.id),
    JSON.stringify(filter),
  ).toEqual(expected.map((r) => r.id));
  expect([...totals]).toEqual([expected.length]);
  return expected.length;
}

export function describeCatalogConformance(engine: CatalogEngine): void {
  const opened: OpenedCatalog[] = [];
  const connections: Catalog[] = [];
  async function fresh(): Promise<OpenedCatalog> {
    const o = await engine.open();
    opened.push(o);
    return o;
  }
  afterAll(async () => {
    for (const c of connections.splice(0)) await c.close();
    for (const o of opened.splice(0)) await o.catalog.close();
  });

  /** A catalog of 60 volumes at three sites, with ties on time within and across sites. */
  async function populated(): Promise<{ c: Catalog; volumes: VolumeRow[]; sweeps: SweepRow[] }> {
    const { catalog: c } = await fresh();
    const volumes: VolumeRow[] = [];
    const sweeps: SweepRow[] = [];
    for (const spec of volumeSchedule(60)) {
      const input = makeVolume(spec);
      await c.writer.radar.commitVolume(input);
      volumes.push(input.volume);
      sweeps.push(...input.sweeps);
    }
    return { c, volumes, sweeps };
  }

  describe(`${engine.name}: commitLevel2Volume`, () => {
    it('reads back corners exactly, whether they are the bbox corners or not', async () => {
      const { catalog: c } = await fresh();
      const input = makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 17, 0, 8, 42) });
      const [rectangle, skewed, awkward] = input.sweeps;
      // Skewed: not the bbox's corners, so they come from the stored JSON.
      skewed!.corners = [
        [-90.1, 45.2],
        [-84.9, 45.0],
        [-85.0, 38.1],
        [-90.0, 38.3],
      ];
      // Awkward floats: corners built from the bbox must equal the written ones to the last bit.
      awkward!.bbox = [-88.1 / 3, 41.6 + 1e-13, -87.5e-7, 1 / 7];
      awkward!.corners = [
        [-88.1 / 3, 1 / 7],
        [-87.5e-7, 1 / 7],
        [-87.5e-7, 41.6 + 1e-13],
        [-88.1 / 3, 41.6 + 1e-13],
      ];
      await c.writer.radar.commitVolume(input);
      const ids = [rectangle!.id, skewed!.id, awkward!.id];
      expect(await c.reader.radar.sweepsByIds(ids)).toEqual([rectangle, skewed, awkward]);
      const listed = (await c.reader.radar.sweeps({ volumeId: input.volume.id }, { first: 100 })).rows;
      expect(ids.map((id) => listed.find((s) => s.id === id))).toEqual([rectangle, skewed, awkward]);
      const grouped = (await c.reader.radar.sweepsForVolumes([input.volume.id]))[0]!;
      expect(ids.map((id) => grouped.find((s) => s.id === id))).toEqual([rectangle, skewed, awkward]);
    });

    it('stores site, volume, sweeps and source file; committing again changes nothing', async () => {
      const { catalog: c, dump } = await fresh();
      const input = makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 17, 0, 8, 42) });
      expect(await c.reader.ingest.isIngested(input.file.source, input.file.key, input.file.fingerprint)).toBe(false);
      expect(await c.writer.radar.commitVolume(input)).toEqual({ staleObjectKeys: [] });
      expect(await c.reader.ingest.isIngested(input.file.source, input.file.key, input.file.fingerprint)).toBe(true);
      expect(await c.reader.ingest.isIngested(input.file.source, input.file.key, '"other-etag"')).toBe(false);

      expect(await c.reader.radar.volumesByIds([input.volume.id])).toEqual([input.volume]);
      const stored = (await c.reader.radar.sweepsForVolumes([input.volume.id]))[0]!;
      expect(stored).toHaveLength(9);
      expect(new Set(stored)).toEqual(new Set(input.sweeps.map((s) => expect.objectContaining(s))));
      expect(await c.reader.radar.sweepsByIds([input.sweeps[4]!.id])).toEqual([input.sweeps[4]]);
      expect(await c.reader.radar.sites()).toEqual([{ ...input.site, firstVolumeAt: input.volume.scanStart, lastVolumeAt: input.volume.scanStart }]);

      const before = await dump();
      expect(await c.writer.radar.commitVolume(input)).toEqual({ staleObjectKeys: [] });
      expect(await c.writer.radar.commitVolume(structuredClone(input))).toEqual({ staleObjectKeys: [] });
      expect(await dump()).toEqual(before);
    });

    it('the same volume from another file replaces its sweeps and reports the keys no row uses', async () => {
      const { catalog: c } = await fresh();
      const start = Date.UTC(2022, 2, 17, 0, 8, 42);
      const first = makeVolume({ site: testSite('KLOT'), start });
      await c.writer.radar.commitVolume(first);
      const again = makeVolume({ site: testSite('KLOT'), start, elevations: [0.5, 2.4], key: 'mirror/KLOT_V06', fingerprint: '"mirror"' });
      const { staleObjectKeys } = await c.writer.radar.commitVolume(again);

      expect(staleObjectKeys).toEqual(
        first.sweeps
          .filter((s) => s.elevationNumber === 2)
          .flatMap((s) => [s.imageKey, s.metadataKey])
          .sort(),
      );
      const sweeps = (await c.reader.radar.sweepsForVolumes([first.volume.id]))[0]!;
      expect(sweeps.map((s) => s.id)).toEqual(again.sweeps.map((s) => s.id).sort());
      expect((await c.reader.radar.volumesByIds([first.volume.id]))[0]).toEqual(again.volume);
      expect((await c.reader.radar.volumes({}, { first: 10 })).totalCount).toBe(1);
      expect((await c.reader.radar.sweeps({}, { first: 100 })).totalCount).toBe(6);
      expect(await c.reader.ingest.isIngested(first.file.source, first.file.key, first.file.fingerprint)).toBe(true);
      expect(await c.reader.ingest.isIngested(again.file.source, again.file.key, again.file.fingerprint)).toBe(true);
    });

    it('keeps the site up to date and tracks its first and last volume', async () => {
      const { catalog: c } = await fresh();
      const t = Date.UTC(2022, 2, 17);
      await c.writer.radar.commitVolume(makeVolume({ site: testSite('KLOT'), start: t + 600_000 }));
      const moved = makeVolume({ site: testSite('KLOT'), start: t });
      moved.site = { ...moved.site, heightM: 250 };
      await c.writer.radar.commitVolume(moved);
      await c.writer.radar.commitVolume(makeVolume({ site: testSite('KTLX'), start: t + 60_000 }));
      expect(await c.reader.radar.sitesByIds([testSite('KTLX'), testSite('NOPE'), testSite('KLOT'), testSite('KTLX')])).toEqual([
        expect.objectContaining({ id: 'KTLX', firstVolumeAt: t + 60_000, lastVolumeAt: t + 60_000 }),
        null,
        expect.objectContaining({ id: 'KLOT', heightM: 250, firstVolumeAt: t, lastVolumeAt: t + 600_000 }),
        expect.objectContaining({ id: 'KTLX' }),
      ]);
      expect(await c.reader.radar.sitesByIds([])).toEqual([]);
    });

    it('rejects inconsistent input with BAD_INPUT and writes nothing', async () => {
      const { catalog: c } = await fresh();
      const good = makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 17) });
      const cases: [string, (i: typeof good) => void, RegExp][] = [
        ['site', (i) => (i.site = { ...i.site, id: parseRadarSiteId('KTLX', 'site') }), /site row is KTLX/],
        ['file', (i) => (i.file = { ...i.file, fingerprint: 'x' }), /not the committed/],
        ['sweep volume', (i) => (i.sweeps[3] = { ...i.sweeps[3]!, volumeId: 'other' as VolumeId }), /belongs to/],
        ['duplicate', (i) => i.sweeps.push(i.sweeps[0]!), /appears twice/],
        ['time', (i) => (i.sweeps[0] = { ...i.sweeps[0]!, startTime: 1.5 }), /whole number/],
        ['backwards', (i) => (i.sweeps[0] = { ...i.sweeps[0]!, endTime: i.sweeps[0]!.startTime - 1 }), /ends before it starts/],
        ['bbox', (i) => (i.sweeps[0] = { ...i.sweeps[0]!, bbox: [1, 2, 3, NaN] }), /bbox/],
      ];
      for (const [, mutate, message] of cases) {
        const input = structuredClone(good);
        mutate(input);
        await expectRadomeError(() => c.writer.radar.commitVolume(input), 'BAD_INPUT', message);
      }
      expect((await c.reader.radar.volumes({}, { first: 1 })).totalCount).toBe(0);
      expect(await c.reader.radar.sites()).toEqual([]);
    });
  });

  describe(`${engine.name}: keyset pagination`, () => {
    let c: Catalog;
    let volumes: VolumeRow[];
    let sweeps: SweepRow[];
    beforeAll(async () => {
      ({ c, volumes, sweeps } = await populated());
    });

    for (const order of ['DESC', 'ASC'] as const) {
      it(`walks every sweep exactly once, ${order}, at several page sizes`, async () => {
        const expected = sortedBy(sweeps, (s) => s.startTime, order).map((s) => s.id);
        for (const first of [1, 7, 50, 1000]) {
          const { seen, totals } = await walk((p) => c.reader.radar.sweeps({ order }, p), first);
          expect(seen.map((s) => s.id)).toEqual(expected);
          expect([...totals]).toEqual([sweeps.length]);
        }
      });

      it(`walks every volume exactly once, ${order}`, async () => {
        const expected = sortedBy(volumes, (v) => v.scanStart, order).map((v) => v.id);
        for (const first of [1, 4, 60, 61]) {
          const { seen, totals } = await walk((p) => c.reader.radar.volumes({ order }, p), first);
          expect(seen.map((v) => v.id)).toEqual(expected);
          expect([...totals]).toEqual([volumes.length]);
        }
      });
    }

    it('defaults to newest first', async () => {
      const page = await c.reader.radar.volumes({}, { first: 3 });
      expect(page.rows.map((v) => v.id)).toEqual(
        sortedBy(volumes, (v) => v.scanStart, 'DESC')
          .slice(0, 3)
          .map((v) => v.id),
      );
      expect(page.hasNextPage).toBe(true);
    });

    it('first: 0 gives no rows but the count and whether rows exist', async () => {
      expect(await c.reader.radar.sweeps({ site: testSite('KLOT') }, { first: 0 })).toEqual({ rows: [], totalCount: 180, hasNextPage: true });
      expect(await c.reader.radar.sweeps({ site: testSite('KXXX') }, { first: 0 })).toEqual({ rows: [], totalCount: 0, hasNextPage: false });
    });

    it('rejects cursors that are not from this API, and bad page sizes', async () => {
      const sweepCursor = (await c.reader.radar.sweeps({}, { first: 1 })).cursorAt(0);
      const volumeCursor = (await c.reader.radar.volumes({}, { first: 1 })).cursorAt(0);
      const notCursors = [
        'garbage!',
        'bm90IGpzb24',
        Buffer.from('[1,2]').toString('base64url'),
        Buffer.from('["s1","1647475722000","x"]').toString('base64url'),
        Buffer.from('["s1",1.5,"x"]').toString('base64url'),
        volumeCursor,
        sweepCursor.slice(0, -3),
        'A'.repeat(5000),
      ];
      for (const after of notCursors) {
        await expectRadomeError(() => c.reader.radar.sweeps({}, { first: 5, after }), 'BAD_INPUT', /^after: not a cursor from this API/);
      }
      await expectRadomeError(() => c.reader.radar.volumes({}, { first: 5, after: sweepCursor }), 'BAD_INPUT', /^after: not a cursor/);
      for (const first of [-1, 1.5, Number.NaN, 10_001]) await expectRadomeError(() => c.reader.radar.sweeps({}, { first }), 'BAD_INPUT', /^first:/);
      await expectRadomeError(() => c.reader.radar.sweeps({ order: 'UP' as SortOrder }, { first: 1 }), 'BAD_INPUT', /^order:/);
      await expectRadomeError(() => c.reader.radar.sweeps({ from: Number.NaN }, { first: 1 }), 'BAD_INPUT', /^from:/);
    });

    it('a cursor is a position: it works for a row that no longer exists', async () => {
      const page = await c.reader.radar.sweeps({ order: 'ASC' }, { first: 1, after: encodeCursor('sweep', { time: sweeps[10]!.startTime, id: `${sweeps[10]!.id}~gone` }) });
      const expected = sortedBy(sweeps, (s) => s.startTime, 'ASC').find((s) => s.startTime > sweeps[10]!.startTime || (s.startTime === sweeps[10]!.startTime && s.id > `${sweeps[10]!.id}~gone`));
      expect(page.rows[0]!.id).toBe(expected!.id);
    });
  });

  describe(`${engine.name}: filters`, () => {
    let c: Catalog;
    let volumes: VolumeRow[];
    let sweeps: SweepRow[];
    beforeAll(async () => {
      ({ c, volumes, sweeps } = await populated());
    });
    const overlaps = (start: number, end: number, from?: number, to?: number) => (to === undefined || start < to) && (from === undefined || end >= from);

    async function expectSweeps(filter: SweepFilter) {
      const kept = (s: SweepRow) =>
        (filter.site === undefined || s.site === filter.site) &&
        (filter.volumeId === undefined || s.volumeId === filter.volumeId) &&
        overlaps(s.startTime, s.endTime, filter.from, filter.to) &&
        (!filter.moments?.length || (filter.moments as readonly string[]).includes(s.moment)) &&
        (filter.minElevation === undefined || s.elevationAngle >= filter.minElevation) &&
        (filter.maxElevation === undefined || s.elevationAngle <= filter.maxElevation);
      return expectPaged(
        filter,
        sortedBy(sweeps.filter(kept), (s) => s.startTime, filter.order ?? 'DESC'),
        (p) => c.reader.radar.sweeps(filter, p),
        13,
      );
    }

    async function expectVolumes(filter: VolumeFilter) {
      const kept = (v: VolumeRow) => (filter.site === undefined || v.site === filter.site) && overlaps(v.scanStart, v.scanEnd, filter.from, filter.to);
      return expectPaged(
        filter,
        sortedBy(volumes.filter(kept), (v) => v.scanStart, filter.order ?? 'DESC'),
        (p) => c.reader.radar.volumes(filter, p),
        5,
      );
    }

    it('by site, volume, moments and elevation range', async () => {
      expect(await expectSweeps({ site: testSite('KTLX') })).toBe(180);
      expect(await expectSweeps({ volumeId: volumes[7]!.id })).toBe(9);
      expect(await expectSweeps({ moments: ['VEL'] })).toBe(180);
      expect(await expectSweeps({ moments: ['VEL', 'SW'], site: testSite('KAMX'), order: 'ASC' })).toBe(120);
      expect(await expectSweeps({ moments: [] })).toBe(540);
      expect(await expectSweeps({ moments: [unchecked('NOPE')] })).toBe(0);
      expect(await expectSweeps({ minElevation: 1.5 })).toBe(360);
      expect(await expectSweeps({ minElevation: 1, maxElevation: 2 })).toBe(180);
      expect(await expectSweeps({ maxElevation: 0.5, moments: ['REF'], site: testSite('KLOT') })).toBe(20);
      expect(await expectVolumes({ site: testSite('KAMX') })).toBe(20);
    });

    it('by time: anything overlapping [from, to), including boundaries', async () => {
      const s = sweeps[40]!;
      // A window touching only the last millisecond of a sweep includes it; one ending at its start does not.
      await expectSweeps({ from: s.endTime, to: s.endTime + 1 });
      await expectSweeps({ from: s.startTime - 5000, to: s.startTime });
      await expectSweeps({ from: s.startTime, to: s.startTime + 1, site: s.site });
      const v = volumes[20]!;
      expect(await expectVolumes({ from: v.scanEnd, to: v.scanEnd + 1 })).toBeGreaterThanOrEqual(1);
      expect(await expectVolumes({ from: v.scanStart - 1, to: v.scanStart })).toBe(0);
      // Many windows, with and without other filters, against a brute-force filter.
      for (let i = 0; i < 25; i++) {
        const from = volumes[0]!.scanStart - 3_600_000 + i * 487_123;
        const to = from + ((i * 7919) % 2_000_000);
        await expectSweeps({ from, to, order: i % 2 ? 'ASC' : 'DESC' });
        await expectSweeps({ from, site: testSite('KLOT'), moments: ['REF'] });
        await expectSweeps({ to, minElevation: 2 });
        await expectVolumes({ from, to, site: i % 3 ? testSite('KTLX') : undefined });
      }
    });

    it('a cursor from outside the window pages from the window edge, in both orders', async () => {
      const v = volumes[30]!;
      const window = { from: v.scanStart, to: v.scanStart + 900_000 };
      const inWindow = sweeps.filter((s) => s.startTime < window.to && s.endTime >= window.from);
      const later = encodeCursor('sweep', { time: window.to + 3_600_000, id: 'z' });
      const earlier = encodeCursor('sweep', { time: window.from - 3_600_000, id: '' });
      const desc = await c.reader.radar.sweeps({ ...window, order: 'DESC' }, { first: 1000, after: later });
      expect(desc.rows.map((s) => s.id)).toEqual(sortedBy(inWindow, (s) => s.startTime, 'DESC').map((s) => s.id));
      const asc = await c.reader.radar.sweeps({ ...window, order: 'ASC' }, { first: 1000, after: earlier });
      expect(asc.rows.map((s) => s.id)).toEqual(sortedBy(inWindow, (s) => s.startTime, 'ASC').map((s) => s.id));
      expect((await c.reader.radar.sweeps({ ...window, order: 'DESC' }, { first: 1000, after: earlier })).rows).toEqual([]);
      expect((await c.reader.radar.sweeps({ ...window, order: 'ASC' }, { first: 1000, after: later })).rows).toEqual([]);
    });

    it('accepts nulls (as GraphQL passes them) as "no filter"', async () => {
      const page = await c.reader.radar.sweeps({ site: null, moments: null, from: null, order: null } as unknown as SweepFilter, { first: 1, after: null });
      expect(page.totalCount).toBe(540);
    });

    it('sweepsForVolumes: one list per id in order, empty for unknown ids, filtered', async () => {
      const ids = [volumes[5]!.id, unchecked<VolumeId>('nope'), volumes[2]!.id];
      const [a, none, b] = await c.reader.radar.sweepsForVolumes(ids);
      expect(a!.map((s) => s.id)).toEqual(
        sweeps
          .filter((s) => s.volumeId === ids[0])
          .map((s) => s.id)
          .sort(),
      );
      expect(none).toEqual([]);
      expect(b!.every((s) => s.volumeId === ids[2])).toBe(true);
      expect(b!.map((s) => s.elevationNumber)).toEqual([1, 1, 1, 2, 2, 2, 3, 3, 3]);
      const filtered = await c.reader.radar.sweepsForVolumes(ids, { moments: ['REF'], minElevation: 1, order: 'DESC' });
      expect(filtered.map((l) => l.map((s) => s.elevationAngle))).toEqual([[2.4, 1.5], [], [2.4, 1.5]]);
      expect(filtered[0]!.every((s) => s.moment === 'REF')).toBe(true);
      expect(await c.reader.radar.sweepsForVolumes([])).toEqual([]);
    });

    it('getVolumes / getSweeps return rows in the order asked, null when missing', async () => {
      expect((await c.reader.radar.volumesByIds([unchecked<VolumeId>('x'), volumes[3]!.id, volumes[1]!.id])).map((v) => v?.id ?? null)).toEqual([null, volumes[3]!.id, volumes[1]!.id]);
      expect(await c.reader.radar.sweepsByIds([sweeps[9]!.id, unchecked<SweepId>('x'), sweeps[0]!.id])).toEqual([sweeps[9], null, sweeps[0]]);
    });

    it('latestVolumes, sitesInBox, nearestSweeps and bucketCounts', async () => {
      const newest = (site: string) =>
        sortedBy(
          volumes.filter((v) => v.site === site),
          (v) => v.scanStart,
          'DESC',
        )[0];
      expect(await c.reader.radar.latestVolumes([testSite('KTLX'), testSite('NOPE'), testSite('KLOT')])).toEqual([newest('KTLX'), null, newest('KLOT')]);
      expect((await c.reader.radar.sitesInBox({ west: -100, south: 30, east: -85, north: 45 })).map((s) => s.id)).toEqual(['KLOT', 'KTLX']);
      // west > east: the box crosses the antimeridian, so it holds everything but (-90, -85).
      expect((await c.reader.radar.sitesInBox({ west: -85, south: -90, east: -90, north: 90 })).map((s) => s.id)).toEqual(['KAMX', 'KTLX']);
      await expectRadomeError(() => c.reader.radar.sitesInBox({ west: 0, south: 10, east: 1, north: 5 }), 'BAD_INPUT', /^bbox/);

      const klot = volumes.filter((v) => v.site === 'KLOT');
      const from = klot[2]!.scanStart;
      const to = klot[6]!.scanStart;
      const nearest = await c.reader.radar.nearestSweeps({ site: testSite('KLOT'), moment: 'VEL', elevation: 1.7, from, to });
      expect(nearest.map((s) => s.id)).toEqual(klot.slice(2, 6).map((v) => `${v.id}/e02-VEL`));

      // What bucketCounts should say of one site's bucket from `start`: the volumes and sweeps starting in it.
      const bucketOf = (site: string, start: number, inBucket: (t: number) => boolean) => ({
        site,
        start,
        volumes: volumes.filter((v) => v.site === site && inBucket(v.scanStart)).length,
        sweeps: sweeps.filter((s) => s.site === site && inBucket(s.startTime)).length,
        products: 0,
      });
      const hour = 3_600_000;
      const counts = await c.reader.radar.bucketCounts({ sites: [testSite('KLOT'), testSite('KAMX')], from: volumes[0]!.scanStart, to: volumes[0]!.scanStart + 2 * hour, bucketMs: hour });
      const expected = ['KAMX', 'KLOT'].flatMap((site) =>
        [0, 1]
          .map((h) => {
            const start = volumes[0]!.scanStart + h * hour;
            return bucketOf(site, start, (t) => t >= start && t < start + hour);
          })
          .filter((b) => b.volumes + b.sweeps > 0),
      );
      expect(counts).toEqual(expected);
      // Widths of 10 minutes and more sum minutes by a seek per site and bucket, narrower ones by a
      // grouped scan; windows from and to a part-minute add rows counted at the edges.
      const from2 = volumes[0]!.scanStart - 7 * 60_000 + 12_345;
      const to2 = from2 + 3 * hour - 1_234;
      for (const width of [60_000, 5 * 60_000, 10 * 60_000, 25 * 60_000, hour, 3 * hour]) {
        const byBucket = ['KAMX', 'KLOT'].flatMap((site) => {
          const starts = new Set<number>();
          const inWindow = (t: number) => t >= from2 && t < to2;
          for (const v of volumes) if (v.site === site && inWindow(v.scanStart)) starts.add(v.scanStart - (v.scanStart % width));
          for (const s of sweeps) if (s.site === site && inWindow(s.startTime)) starts.add(s.startTime - (s.startTime % width));
          return [...starts]
            .sort((a, b) => a - b)
            .map((start) => {
              return bucketOf(site, start, (t) => inWindow(t) && t >= start && t < start + width);
            });
        });
        expect(await c.reader.radar.bucketCounts({ sites: [testSite('KLOT'), testSite('KAMX')], from: from2, to: to2, bucketMs: width }), `width ${width}`).toEqual(byBucket);
      }
    });
  });

  describe(`${engine.name}: products`, () => {
    const t = Date.UTC(2021, 0, 31, 11, 6, 30);
    const hour = 3_600_000;

    it('commits, pages, counts per code, gives the latest and the wettest, and replaces a product arriving again', async () => {
      const { catalog: c } = await fresh();
      for (let h = 0; h < 4; h++) {
        await c.writer.products.commit(makeProduct({ site: testSite('KLOT'), mnemonic: 'N0B', code: 153, scanTime: t + h * hour }));
        await c.writer.products.commit(
          makeProduct({ site: testSite('KLOT'), mnemonic: 'DAA', code: 170, scanTime: t + h * hour, category: 'PRECIPITATION', maxAccumulationIn: h === 3 ? null : [0.5, 1.25, 1.25][h]! }),
        );
      }
      await c.writer.products.commit(makeProduct({ site: testSite('KTLX'), mnemonic: 'N0B', code: 153, scanTime: t }));
      const nst = makeProduct({ site: testSite('KAMX'), mnemonic: 'NST', code: 58, scanTime: t, category: 'STORM', imageless: true });
      expect(await c.writer.products.commit(nst)).toEqual({ staleObjectKeys: [] });
      expect(await c.reader.products.byIds([nst.product.id, unchecked<ProductId>('nope')])).toEqual([nst.product, null]);

      const all = await walk((p) => c.reader.products.list({ order: 'ASC' }, p), 3);
      expect(all.seen.map((p) => p.id)).toEqual(sortedBy(all.seen, (p) => p.scanTime, 'ASC').map((p) => p.id));
      expect([...all.totals]).toEqual([10]);
      expect((await c.reader.products.list({ site: testSite('KLOT'), codes: [170], from: t + hour, to: t + 3 * hour }, { first: 10 })).rows.map((p) => p.scanTime)).toEqual([t + 2 * hour, t + hour]);
      expect((await c.reader.products.list({ mnemonics: [testMnemonic('N0B')], category: 'REFLECTIVITY' }, { first: 0 })).totalCount).toBe(5);
      await expectRadomeError(() => c.reader.products.list({ category: 'NOPE' as never }, { first: 1 }), 'BAD_INPUT', /^category/);

      expect(await c.reader.products.codeCounts({ site: testSite('KLOT') })).toEqual([
        { code: 153, mnemonic: 'N0B', name: 'product 153', category: 'REFLECTIVITY', units: 'dBZ', count: 4 },
        { code: 170, mnemonic: 'DAA', name: 'product 170', category: 'PRECIPITATION', units: 'dBZ', count: 4 },
      ]);
      expect((await c.reader.products.codeCounts({ from: t + hour })).map((r) => r.count)).toEqual([3, 3]);
      expect((await c.reader.products.latest(testSite('KLOT'))).map((p) => [p.code, p.scanTime])).toEqual([
        [153, t + 3 * hour],
        [170, t + 3 * hour],
      ]);
      expect((await c.reader.products.latest(testSite('KLOT'), [170])).map((p) => p.mnemonic)).toEqual(['DAA']);

      const [summary, ...rest] = await c.reader.products.latestPrecipitation([testSite('KLOT'), testSite('KTLX')], t, t + 4 * hour);
      expect(rest).toEqual([]);
      expect(summary!.count).toBe(4);
      expect(summary!.product.scanTime).toBe(t + 3 * hour);
      // Two hours state 1.25 in: the newer of them.
      expect(summary!.maxProduct!.scanTime).toBe(t + 2 * hour);
      const [early] = await c.reader.products.latestPrecipitation([testSite('KLOT')], t, t + hour);
      expect(early!.maxProduct).toEqual(early!.product);

      // A product arriving again (a null product of the same id): one row, the image key reported stale.
      const replaced = makeProduct({ site: testSite('KLOT'), mnemonic: 'N0B', code: 153, scanTime: t, imageless: true, key: 'again' });
      const before = (await c.reader.products.byIds([replaced.product.id]))[0]!;
      expect(await c.writer.products.commit(replaced)).toEqual({ staleObjectKeys: [before.imageKey] });
      expect(await c.reader.products.byIds([replaced.product.id])).toEqual([replaced.product]);
      expect((await c.reader.products.list({}, { first: 0 })).totalCount).toBe(10);
      expect((await c.reader.radar.sites()).map((s) => s.id)).toEqual(['KAMX', 'KLOT', 'KTLX']);
      const counts = await c.reader.radar.bucketCounts({ sites: [testSite('KAMX')], from: t - hour, to: t + hour, bucketMs: 60_000 });
      expect(counts).toEqual([{ site: testSite('KAMX'), start: t - (t % 60_000), volumes: 0, sweeps: 0, products: 1 }]);
    });

    // The per-hour tables (SQLite migration 12, PostgreSQL step 5) answer all-sites productCodes and
    // latestPrecipitation: their answers must equal the rows' through commits, a product arriving
    // again with another accumulation, and retention (row deletes, and PostgreSQL's partition drops).
    it('answers productCodes and latestPrecipitation from per-hour tables exactly as from the rows, before and after retention', async () => {
      const opened = await fresh();
      const c = opened.catalog;
      const t0 = Date.UTC(2021, 1, 1, 0, 10);
      const step = 50 * 60_000;
      const streams = [
        { site: testSite('KLOT'), mnemonic: 'DAA', code: 170, category: 'PRECIPITATION' as const },
        { site: testSite('KTLX'), mnemonic: 'DAA', code: 170, category: 'PRECIPITATION' as const },
        { site: testSite('KLOT'), mnemonic: 'DTA', code: 172, category: 'PRECIPITATION' as const },
        { site: testSite('KAMX'), mnemonic: 'N0B', code: 153, category: 'REFLECTIVITY' as const },
        // Stops on the first day: retention empties its group (its newest goes, nothing replaces it).
        { site: testSite('KAMX'), mnemonic: 'DAA', code: 170, category: 'PRECIPITATION' as const, until: 10 * hour },
      ];
      // Few distinct accumulations, so the largest ties across hours and parts of hours.
      const wetness = [null, 0.5, 1.25, 2, 1.25, 0.5, 2];
      const live = new Map<string, ProductRow>();
      for (let i = 0; i * step < 49 * hour; i++) {
        for (const [k, { until, ...s }] of streams.entries()) {
          if (until !== undefined && i * step >= until) continue;
          const wet = s.category === 'PRECIPITATION' ? wetness[(i * 3 + k) % wetness.length]! : null;
          const input = makeProduct({ ...s, scanTime: t0 + i * step + k * 1000, maxAccumulationIn: wet });
          await c.writer.products.commit(input);
          live.set(input.product.id, input.product);
        }
      }
      // Arriving again: the hour's largest accumulation must follow the replacement (a recount, on deletion).
      const again = makeProduct({ ...streams[0]!, scanTime: t0 + 3 * step, maxAccumulationIn: 0.25, key: 'again' });
      await c.writer.products.commit(again);
      live.set(again.product.id, again.product);

      const newer = (a: ProductRow, b: ProductRow) => a.scanTime > b.scanTime || (a.scanTime === b.scanTime && a.id > b.id);
      const expectedSummaries = (sites: string[], from: number, to: number) => {
        const groups = new Map<string, ProductRow[]>();
        for (const p of live.values()) {
          if (p.category !== 'PRECIPITATION' || !sites.includes(p.site) || p.scanTime < from || p.scanTime >= to) continue;
          const key = `${p.site} ${String(p.code).padStart(5, '0')} ${p.mnemonic}`;
          groups.set(key, [...(groups.get(key) ?? []), p]);
        }
        return [...groups.keys()].sort().map((key) => {
          const rows = groups.get(key)!;
          const newest = rows.reduce((a, b) => (newer(b, a) ? b : a));
          const wet = rows.filter((p) => p.maxAccumulationIn !== null);
          const max = wet.length ? Math.max(...wet.map((p) => p.maxAccumulationIn!)) : null;
          const wettest = max === null ? null : wet.filter((p) => p.maxAccumulationIn === max).reduce((a, b) => (newer(b, a) ? b : a));
          return { product: newest.id, count: rows.length, maxProduct: wettest?.id ?? null };
        });
      };
      const expectedCodes = (from: number, to: number) => {
        const counts = new Map<string, number>();
        for (const p of live.values()) if (p.scanTime >= from && p.scanTime < to) counts.set(`${p.code} ${p.mnemonic}`, (counts.get(`${p.code} ${p.mnemonic}`) ?? 0) + 1);
        return [...counts].map(([k, n]) => ({ code: Number(k.split(' ')[0]), mnemonic: k.split(' ')[1], count: n })).sort((a, b) => a.code - b.code);
      };
      // Whole hours with edges on both sides, no whole hour, one part-hour, a window across both days, all time.
      const windows: [number, number][] = [
        [t0 + 17 * 60_000, t0 + 26 * hour + 5 * 60_000],
        [t0 + 40 * 60_000, t0 + 80 * 60_000],
        [t0 + 5 * 60_000, t0 + 25 * 60_000],
        [t0, t0 + 49 * hour],
        [0, 2 ** 50],
      ];
      const check = async () => {
        for (const [from, to] of windows) {
          for (const sites of [['KLOT', 'KTLX', 'KAMX'].map(testSite), [testSite('KTLX')]]) {
            const got = await c.reader.products.latestPrecipitation(sites, from, to);
            expect(
              got.map((g) => ({ product: g.product.id, count: g.count, maxProduct: g.maxProduct?.id ?? null })),
              `${sites} [${from}, ${to})`,
            ).toEqual(expectedSummaries(sites, from, to));
            for (const g of got) expect(g.product).toEqual(live.get(g.product.id));
          }
          const codes = await c.reader.products.codeCounts({ from, to });
          expect(
            codes.map(({ code, mnemonic, count }) => ({ code, mnemonic, count })),
            `codes [${from}, ${to})`,
          ).toEqual(expectedCodes(from, to));
        }
        // The tables themselves, not only the answers: a stale or missing hour would surface later.
        const tables = await opened.dump();
        const hours = (tables.product_hour_counts ?? []) as Record<string, unknown>[];
        const byHour = new Map<string, number>();
        for (const p of live.values()) byHour.set(`${Math.floor(p.scanTime / hour)} ${p.code} ${p.mnemonic}`, (byHour.get(`${Math.floor(p.scanTime / hour)} ${p.code} ${p.mnemonic}`) ?? 0) + 1);
        expect(new Map(hours.map((r) => [`${Number(r.hour)} ${Number(r.code)} ${String(r.mnemonic)}`, Number(r.products)]))).toEqual(byHour);
        const precipitation = (tables.precipitation_hours ?? []) as Record<string, unknown>[];
        const wetHours = new Map<string, [number, number | null]>();
        for (const p of live.values()) {
          if (p.category !== 'PRECIPITATION') continue;
          const key = `${Math.floor(p.scanTime / hour)} ${p.site} ${p.code} ${p.mnemonic}`;
          const [n, max] = wetHours.get(key) ?? [0, null];
          wetHours.set(key, [n + 1, p.maxAccumulationIn === null ? max : Math.max(max ?? -Infinity, p.maxAccumulationIn)]);
        }
        const stored = precipitation.map(
          (r) => [`${Number(r.hour)} ${String(r.site)} ${Number(r.code)} ${String(r.mnemonic)}`, [Number(r.products), r.max_accumulation_in === null ? null : Number(r.max_accumulation_in)]] as const,
        );
        expect(new Map(stored)).toEqual(wetHours);
        // precipitation_latest (SQLite migration 16, PostgreSQL step 7): each group's newest product.
        const newest = new Map<string, string>();
        for (const p of live.values()) {
          if (p.category !== 'PRECIPITATION') continue;
          const key = `${p.site} ${p.code} ${p.mnemonic}`;
          const held = live.get(newest.get(key) ?? '');
          if (!held || newer(p, held)) newest.set(key, p.id);
        }
        const latest = (tables.precipitation_latest ?? []) as Record<string, unknown>[];
        expect(new Map(latest.map((r) => [`${String(r.site)} ${Number(r.code)} ${String(r.mnemonic)}`, String(r.newest_id)]))).toEqual(newest);
        for (const r of latest) expect(Number(r.newest_time)).toBe(live.get(String(r.newest_id))!.scanTime);
      };
      await check();

      // Retention: the first day whole (a partition drop on PostgreSQL) and 90 minutes of the next (rows).
      const cutoff = Date.UTC(2021, 1, 2, 1, 30);
      await c.writer.retention.doomOlderThan(cutoff, 99);
      for (const [id, p] of live) if (p.scanTime < cutoff) live.delete(id);
      await check();

      // The newest product of a group arriving again with an earlier scan time (same id): the group's
      // newest is recomputed from the rows; arriving again at its own time, it is the newest again.
      const klot = [...live.values()].filter((p) => p.site === 'KLOT' && p.mnemonic === 'DAA').reduce((a, b) => (newer(b, a) ? b : a));
      const original = makeProduct({ ...streams[0]!, scanTime: klot.scanTime, maxAccumulationIn: klot.maxAccumulationIn });
      const moved = { ...original, product: { ...original.product, scanTime: klot.scanTime - 20 * hour - 60_000 } };
      await c.writer.products.commit(moved);
      live.set(moved.product.id, moved.product);
      await check();
      await c.writer.products.commit(original);
      live.set(original.product.id, original.product);
      await check();
    });
  });

  describe(`${engine.name}: gnss`, () => {
    const day = 19_000;

    it('commits station-days with rollups, lists stations, signals and days, and sums rollups', async () => {
      const { catalog: c } = await fresh();
      await c.writer.gnss.commitDays(makeGnssDays('P041', [day, day + 1]));
      await c.writer.gnss.commitDays(makeGnssDays('AB12', [day + 1]));
      // A day arriving again replaces its row and rollups.
      await c.writer.gnss.commitDays(makeGnssDays('P041', [day + 1], 'again.rnx'));

      const stations = await c.reader.gnss.stations();
      expect(stations.map((s) => [s.id, s.firstDay, s.lastDay, s.dayCount])).toEqual([
        ['AB12', day + 1, day + 1, 1],
        ['P041', day, day + 1, 2],
      ]);
      expect((await c.reader.gnss.stationsByIds([testStation('P041'), testStation('NONE')])).map((s) => s?.receiverType ?? null)).toEqual(['RX', null]);
      const signals = await c.reader.gnss.signals(testStation('P041'));
      expect(signals).toEqual([
        { constellation: 'G', code: 'S1C', codeId: 1 },
        { constellation: 'G', code: 'S2W', codeId: 2 },
      ]);
      const days = await c.reader.gnss.days(testStation('P041'), day, day + 5);
      expect(days.map((d) => [d.day, d.sourceKey])).toEqual([
        [day, `P041-${day}-${day + 1}.rnx`],
        [day + 1, 'again.rnx'],
      ]);
      expect(days[0]).toEqual({ ...makeGnssDays('P041', [day, day + 1]).days[0]!.row, elevationRollups: false });
      expect((await c.reader.gnss.daysOn(day + 1)).map((d) => d.station)).toEqual(['AB12', 'P041']);

      const base = { station: testStation('P041'), codeIds: [1, 2], fromS: day * DAY_SECONDS, toS: (day + 2) * DAY_SECONDS, satellites: null, constellations: null };
      const byDay = await c.reader.gnss.snrRollupAggregates({ ...base, level: 4, intervalS: DAY_SECONDS, groupByCode: false, groupBySatellite: false, groupByConstellation: false });
      const sorted = [...byDay].sort((a, b) => a[0] - b[0]);
      expect(sorted.map((r) => [r[0], r[1], r[2], r[3]])).toEqual([
        [day * DAY_SECONDS, 0, 0, 4],
        [(day + 1) * DAY_SECONDS, 0, 0, 4],
      ]);
      const value = (codeIndex: number, sat: number, bucket: number) => 40_000 + codeIndex * 1000 + (sat % 100) * 10 + (bucket % 7);
      const b0 = day * DAY_SECONDS;
      expect(sorted[0]![4]).toBe(2 * (value(0, 100, b0) + value(1, 100, b0)));
      expect(sorted[0]![6]).toBe(value(0, 100, b0) - 500);
      expect(sorted[0]![7]).toBe(value(1, 100, b0) + 500);
      const perSat = await c.reader.gnss.snrRollupAggregates({
        ...base,
        toS: (day + 1) * DAY_SECONDS,
        level: 1,
        intervalS: 1800,
        satellites: [102],
        groupByCode: true,
        groupBySatellite: true,
        groupByConstellation: false,
      });
      expect(perSat.map((r) => [r[0] - b0, r[1], r[2], r[3]]).sort((a, b) => a[0]! - b[0]! || a[2]! - b[2]!)).toEqual([
        [0, 102, 1, 4],
        [0, 102, 2, 4],
        [1800, 102, 1, 4],
        [1800, 102, 2, 4],
      ]);
    });

    it('orbits, geometry and station settings', async () => {
      const { catalog: c } = await fresh();
      await c.writer.gnss.commitDays(makeGnssDays('P041', [day]));
      const file = { source: 'gnss:orbits', key: 'igs.sp3', fingerprint: '"o"', size: 10, ingestedAt: 5 };
      const orbit = { day, kind: 'precise' as const, objectKey: 'gnss/orbits/igs.sp3', source: 'gnss:orbits', sourceKey: 'igs.sp3', satelliteCount: 31, firstTime: 1, lastTime: 2, ingestedAt: 5 };
      const nav = { ...orbit, kind: 'broadcast' as const, objectKey: 'gnss/orbits/brdc.nav', ingestedAt: 4 };
      await c.writer.gnss.commitOrbits({ file, orbits: [nav, orbit], geometry: [{ station: 'P041', day, geometry: 'precise', codes: ['S1C', 'S2W'], elevationRollups: makeElevationRollups() }] });
      expect(await c.reader.gnss.orbits(day - 1, day)).toEqual([orbit, nav]);
      expect(await c.reader.gnss.orbits(day + 1, day + 2)).toEqual([]);
      expect((await c.reader.gnss.days(testStation('P041'), day, day))[0]).toMatchObject({ geometry: 'precise', elevationRollups: true });
      expect(await c.reader.ingest.isIngested(file.source, file.key, file.fingerprint)).toBe(true);

      expect(await c.reader.gnss.stationSettings(testStation('P041'))).toBeNull();
      const settingsFile = { ...file, key: 'p041.json', ingestedAt: 7 };
      await c.writer.gnss.commitStationSettings({ file: settingsFile, station: 'P041', settingsJson: '{"a":1}' });
      await c.writer.gnss.commitStationSettings({ file: { ...settingsFile, key: 'p041_refr.txt', ingestedAt: 8 }, station: 'P041', refractionText: 'refr' });
      expect(await c.reader.gnss.stationSettings(testStation('P041'))).toEqual({ station: 'P041', settingsJson: '{"a":1}', refractionText: 'refr', updatedAt: 8 });
    });

    it('elevation rollups: written with a day or its geometry, summed into groups, cleared by a day without geometry', async () => {
      const { catalog: c } = await fresh();
      const input = makeGnssDays('P041', [day, day + 1]);
      input.days[0]!.elevationRollups = makeElevationRollups();
      await c.writer.gnss.commitDays(input);
      expect((await c.reader.gnss.days(testStation('P041'), day, day + 1)).map((d) => d.elevationRollups)).toEqual([true, false]);
      // The value of a row (fixtures: 30000 + code×1000 + prn×100 + elevation bin×10 + azimuth bin), 3 observations each.
      const value = (code: number, prn: number, el: number, az: number) => 30_000 + code * 1000 + prn * 100 + el * 10 + az;
      const base = { station: testStation('P041'), codeIds: [1, 2], fromDay: day, toDay: day + 1, satellites: null, constellations: null, azimuthBins: null };
      const flags = { groupByDay: false, groupByElevation: false, groupByCode: false, groupBySatellite: false, groupByConstellation: false };
      const all = await c.reader.gnss.snrElevationAggregates({ ...base, ...flags, elevationBins: [0, 18] });
      expect(all).toHaveLength(1);
      expect(all[0]!.slice(0, 5)).toEqual([0, 0, 0, 0, 2 * 2 * 3 * 2 * 3]);
      const byElevation = await c.reader.gnss.snrElevationAggregates({
        ...base,
        ...flags,
        codeIds: [2],
        satellites: [102],
        azimuthBins: [9],
        elevationBins: [2, 4],
        groupByElevation: true,
        groupByCode: true,
      });
      expect([...byElevation].sort((a, b) => a[1] - b[1])).toEqual([
        [0, 2, 0, 2, 3, 3 * value(1, 2, 2, 9), 3 * value(1, 2, 2, 9) ** 2, value(1, 2, 2, 9) - 100, value(1, 2, 2, 9) + 100],
        [0, 3, 0, 2, 3, 3 * value(1, 2, 3, 9), 3 * value(1, 2, 3, 9) ** 2, value(1, 2, 3, 9) - 100, value(1, 2, 3, 9) + 100],
      ]);
      const perSatellite = await c.reader.gnss.snrElevationAggregates({ ...base, ...flags, elevationBins: [0, 18], groupBySatellite: true, groupByDay: true });
      expect(perSatellite.map((r) => [r[0], r[2], r[4]]).sort((a, b) => a[1]! - b[1]!)).toEqual([
        [day, 101, 36],
        [day, 102, 36],
      ]);
      const file = { source: 'gnss:orbits', key: 'brdc.nav', fingerprint: '"n"', size: 10, ingestedAt: 5 };
      await c.writer.gnss.commitOrbits({ file, orbits: [], geometry: [{ station: 'P041', day: day + 1, geometry: 'broadcast', codes: ['S1C', 'S2W'], elevationRollups: makeElevationRollups() }] });
      expect((await c.reader.gnss.days(testStation('P041'), day, day + 1)).map((d) => d.elevationRollups)).toEqual([true, true]);
      const onlyDay2 = await c.reader.gnss.snrElevationAggregates({ ...base, ...flags, fromDay: day + 1, elevationBins: [0, 18], groupByCode: true });
      expect(onlyDay2.map((r) => [r[3], r[4]]).sort((a, b) => a[0]! - b[0]!)).toEqual([
        [1, 36],
        [2, 36],
      ]);
      // The day arriving again without geometry drops its elevation rollups.
      await c.writer.gnss.commitDays(makeGnssDays('P041', [day], 'again.rnx'));
      expect((await c.reader.gnss.days(testStation('P041'), day, day))[0]!.elevationRollups).toBe(false);
      expect(await c.reader.gnss.snrElevationAggregates({ ...base, ...flags, toDay: day, elevationBins: [0, 18] })).toEqual([]);
    });
  });

  describe(`${engine.name}: ingest status`, () => {
    it('counts attempts, keeps the first time and quarantine key, lists newest first, clears', async () => {
      const { catalog: c } = await fresh();
      const f = { source: 'level2:test', key: 'a/b_V06', fingerprint: '"e1"' };
      expect(await c.writer.ingest.recordFailure({ ...f, code: 'CORRUPT', message: 'bad block at 1234', quarantineKey: 'quarantine/a/b_V06', at: 1000 })).toEqual({ attempts: 1 });
      expect(await c.writer.ingest.recordFailure({ ...f, code: 'TRUNCATED', message: 'ends at 99', at: 2000 })).toEqual({ attempts: 2 });
      expect(await c.writer.ingest.recordFailure({ ...f, fingerprint: '"e2"', code: 'SOURCE_UNAVAILABLE', message: 'timeout', at: 3000 })).toEqual({ attempts: 1 });
      expect(await c.reader.ingest.failures()).toEqual([
        { ...f, fingerprint: '"e2"', attempts: 1, firstFailedAt: 3000, lastFailedAt: 3000, errorCode: 'SOURCE_UNAVAILABLE', errorMessage: 'timeout', quarantineKey: null },
        { ...f, attempts: 2, firstFailedAt: 1000, lastFailedAt: 2000, errorCode: 'TRUNCATED', errorMessage: 'ends at 99', quarantineKey: 'quarantine/a/b_V06' },
      ]);
      expect(await c.reader.ingest.failureCounts()).toEqual({ failed: 2, quarantined: 1 });
      expect(await c.reader.ingest.failureOf(f.source, f.key, f.fingerprint)).toEqual({ attempts: 2, quarantined: true });
      expect(await c.reader.ingest.failureOf(f.source, f.key, '"none"')).toBeNull();
      expect(await c.writer.ingest.clearFailure(f.source, f.key, '"e2"')).toBe(true);
      expect(await c.writer.ingest.clearFailure(f.source, f.key, '"e2"')).toBe(false);
      expect((await c.reader.ingest.failures()).map((r) => r.fingerprint)).toEqual(['"e1"']);
    });

    it('a successful commit of the same file clears its failure; a forgotten source file is ingested no more', async () => {
      const { catalog: c } = await fresh();
      const input = makeVolume({ site: testSite('KTLX'), start: Date.UTC(2022, 4, 1) });
      await c.writer.ingest.recordFailure({ ...input.file, code: 'SOURCE_UNAVAILABLE', message: 'reset', at: 5 });
      await c.writer.radar.commitVolume(input);
      expect(await c.reader.ingest.failures()).toEqual([]);
      await c.writer.ingest.forgetSourceFile(input.file.source, input.file.key, input.file.fingerprint);
      expect(await c.reader.ingest.isIngested(input.file.source, input.file.key, input.file.fingerprint)).toBe(false);
    });

    it('file claims: one holder at a time, renewed by it, released by it, taken over once its lease runs out', async () => {
      const { catalog: c } = await fresh();
      const f = ['level2', 'KLOT/2022/03/17/a_V06', '"e1"'] as const;
      expect(await c.writer.ingest.claimFile(...f, 'w1', 60_000)).toBe(true);
      expect(await c.writer.ingest.claimFile(...f, 'w2', 60_000)).toBe(false);
      expect(await c.writer.ingest.claimFile(...f, 'w1', 60_000)).toBe(true);
      // Another fingerprint of the same key is another file.
      expect(await c.writer.ingest.claimFile(f[0], f[1], '"e2"', 'w2', 60_000)).toBe(true);
      await c.writer.ingest.releaseClaim(...f, 'w2');
      expect(await c.writer.ingest.claimFile(...f, 'w2', 60_000)).toBe(false);
      await c.writer.ingest.releaseClaim(...f, 'w1');
      expect(await c.writer.ingest.claimFile(...f, 'w2', 1)).toBe(true);
      await new Promise((r) => setTimeout(r, 30));
      // w2's lease ran out (as when its process is killed): w3 takes the file over, and w2 cannot take it back.
      expect(await c.writer.ingest.claimFile(...f, 'w3', 60_000)).toBe(true);
      expect(await c.writer.ingest.claimFile(...f, 'w2', 60_000)).toBe(false);
      // Workers racing for a free file: exactly one wins.
      const g = ['level2', 'KLOT/2022/03/17/b_V06', '"e1"'] as const;
      const won = await Promise.all(Array.from({ length: 8 }, (_, i) => c.writer.ingest.claimFile(...g, `racer${i}`, 60_000)));
      expect(won.filter(Boolean)).toHaveLength(1);
    });

    it('the ingest queue: oldest listed first, each file claimed for its taker; concurrent takers on two connections get different files', async () => {
      const o = await fresh();
      const a = o.catalog;
      const b = await o.connect();
      connections.push(b);
      const files = Array.from({ length: 12 }, (_, i) => ({ source: 'level2:b', key: `k${i}`, fingerprint: 'e', size: 100 + i, time: i === 0 ? undefined : 1000 * i }));
      expect(await a.writer.ingest.enqueueFiles('level2', files, 1)).toBe(12);
      // Queued again by a later listing: nothing changes (neither its place nor its count).
      expect(await b.writer.ingest.enqueueFiles('level2', files.slice(0, 3), 50)).toBe(12);
      expect(await b.reader.ingest.queuedCount('level2')).toBe(12);
      expect(await a.reader.ingest.queuedCount('level3')).toBe(0);
      // Another source's queue is its own.
      expect(await a.writer.ingest.takeQueuedFiles('level3', 10, 'wa', 60_000)).toEqual([]);
      const first = await a.writer.ingest.takeQueuedFiles('level2', 2, 'wa', 60_000);
      expect(first).toEqual([
        { source: 'level2:b', key: 'k0', fingerprint: 'e', size: 100 },
        { source: 'level2:b', key: 'k1', fingerprint: 'e', size: 101, time: 1000 },
      ]);
      const [x, y] = await Promise.all([a.writer.ingest.takeQueuedFiles('level2', 4, 'wa', 60_000), b.writer.ingest.takeQueuedFiles('level2', 4, 'wb', 60_000)]);
      expect(x).toHaveLength(4);
      expect(y).toHaveLength(4);
      const taken = [...first, ...x, ...y].map((f) => f.key);
      expect(new Set(taken).size).toBe(10);
      // Claimed for their takers: no one else claims or takes them while the lease lives.
      expect(await b.writer.ingest.claimFile('level2:b', x[0]!.key, 'e', 'wb', 60_000)).toBe(false);
      expect(await a.writer.ingest.claimFile('level2:b', y[0]!.key, 'e', 'wa', 60_000)).toBe(false);
      expect(await b.writer.ingest.claimFile('level2:b', 'k0', 'e', 'wa', 60_000)).toBe(true); // wa's own: a renewal
      expect((await b.writer.ingest.takeQueuedFiles('level2', 10, 'wc', 60_000)).map((f) => f.key)).toEqual(['k10', 'k11']);
      expect(await a.writer.ingest.takeQueuedFiles('level2', 10, 'wc', 60_000)).toEqual([]);
      expect(await a.reader.ingest.queuedCount('level2')).toBe(12);
    });

    it('the ingest queue: a done file leaves, a failed one waits its retry delay, a taker that stops renewing loses its files when the lease runs out', async () => {
      const o = await fresh();
      const a = o.catalog;
      const b = await o.connect();
      connections.push(b);
      // Long enough that a loaded machine's pause between two calls does not run it out.
      const LEASE = 1500;
      const file = (key: string) => ({ source: 's', key, fingerprint: 'e', size: 1 });
      await a.writer.ingest.enqueueFiles('level2', [file('done'), file('failed')], 1);
      const [done, failed] = await a.writer.ingest.takeQueuedFiles('level2', 2, 'wa', 60_000);
      await a.writer.ingest.releaseClaim('s', 'done', 'e', 'wa');
      await a.writer.ingest.finishQueuedFile(done!, null);
      await a.writer.ingest.releaseClaim('s', 'failed', 'e', 'wa');
      await a.writer.ingest.finishQueuedFile(failed!, LEASE);
      expect(await b.reader.ingest.queuedCount('level2')).toBe(1);
      expect(await b.writer.ingest.takeQueuedFiles('level2', 10, 'wb', 60_000)).toEqual([]);

      // Two takers on a short lease: one renews its claim while it works (as a live worker does), the other was killed.
      await a.writer.ingest.enqueueFiles('gnss', [file('dead'), file('live')], 2);
      expect((await a.writer.ingest.takeQueuedFiles('gnss', 1, 'killed', LEASE)).map((f) => f.key)).toEqual(['dead']);
      expect((await a.writer.ingest.takeQueuedFiles('gnss', 1, 'alive', LEASE)).map((f) => f.key)).toEqual(['live']);
      expect(await b.writer.ingest.takeQueuedFiles('gnss', 2, 'wb', 60_000)).toEqual([]);
      expect(await a.writer.ingest.claimFile('s', 'live', 'e', 'alive', 60_000)).toBe(true);
      await new Promise((r) => setTimeout(r, LEASE + 300));
      // The failed file is ready again; the killed taker's file is taken over; the renewed one stays with its taker.
      expect((await b.writer.ingest.takeQueuedFiles('level2', 10, 'wb', 60_000)).map((f) => f.key)).toEqual(['failed']);
      expect((await b.writer.ingest.takeQueuedFiles('gnss', 2, 'wb', 60_000)).map((f) => f.key)).toEqual(['dead']);
      expect(await a.writer.ingest.claimFile('s', 'dead', 'e', 'killed', 60_000)).toBe(false);
      expect(await b.reader.ingest.queuedCount('gnss')).toBe(2);
    });

    it('sources, runs, flags and backfills', async () => {
      const { catalog: c } = await fresh();
      await c.writer.ingest.markRunStarted('level2', 100);
      await c.writer.ingest.registerSources(['level3', 'level2']);
      expect((await c.reader.ingest.sources()).map((s) => [s.name, s.running, s.lastRunAt])).toEqual([
        ['level2', false, 100],
        ['level3', false, null],
      ]);
      expect(await c.writer.ingest.setSourcePaused('level3', true)).toMatchObject({ name: 'level3', paused: true });
      await c.writer.ingest.markRunStarted('level2', 200);
      await c.writer.ingest.setBacklog('level2', 42);
      await c.writer.ingest.markRunFinished('level2', 300, { ingested: 3, skipped: 2, failed: 1 }, null);
      await c.writer.ingest.markRunFinished('level2', 400, { ingested: 1, skipped: 0, failed: 0 }, 'listing failed');
      expect(await c.reader.ingest.source('level2')).toEqual({
        name: 'level2',
        paused: false,
        running: false,
        lastRunAt: 200,
        lastSuccessAt: 300,
        lastError: 'listing failed',
        lastErrorAt: 400,
        backlog: 42,
        ingestedCount: 4,
        skippedCount: 2,
        failedCount: 1,
      });
      expect(await c.reader.ingest.source('nope')).toBeNull();

      expect(await c.writer.ingest.setFlag('b', 'on', 10)).toEqual({ name: 'b', value: 'on', updatedAt: 10 });
      await c.writer.ingest.setFlag('a', 'x', 11);
      await c.writer.ingest.setFlag('b', 'off', 12);
      expect(await c.reader.ingest.flags()).toEqual([
        { name: 'a', value: 'x', updatedAt: 11 },
        { name: 'b', value: 'off', updatedAt: 12 },
      ]);
      expect(await c.writer.ingest.setFlag('a', null, 13)).toBeNull();
      expect((await c.reader.ingest.flags()).map((f) => f.name)).toEqual(['b']);

      const first = await c.writer.ingest.requestBackfill('level2', 1000, 2000, 50);
      const second = await c.writer.ingest.requestBackfill('level2', 3000, 4000, 60);
      expect(first).toEqual({ id: first.id, source: 'level2', from: 1000, to: 2000, requestedAt: 50, startedAt: null, finishedAt: null, error: null });
      expect(await c.reader.ingest.nextBackfill('level2')).toEqual(first);
      await c.writer.ingest.markBackfill(first.id, 'started', 70);
      await c.writer.ingest.markBackfill(first.id, 'finished', 80, 'oops');
      expect(await c.reader.ingest.nextBackfill('level2')).toEqual(second);
      expect(await c.reader.ingest.nextBackfill('level3')).toBeNull();
      expect(await c.reader.ingest.backfills(5)).toEqual([second, { ...first, startedAt: 70, finishedAt: 80, error: 'oops' }]);
    });
  });

  describe(`${engine.name}: events`, () => {
    it('every commit appends an event in commit order; prune forgets old ones without reusing seq', async () => {
      const { catalog: c } = await fresh();
      expect(await c.reader.events.latest()).toBeNull();
      const start = Date.now();
      const volume = makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 17) });
      await c.writer.radar.commitVolume(volume);
      const product = makeProduct({ site: testSite('KTLX'), mnemonic: 'N0B', code: 153, scanTime: Date.UTC(2022, 2, 17) });
      await c.writer.products.commit(product);
      const events = await c.reader.events.after(0, 10);
      expect(events.map((e) => [e.kind, e.site, e.subjectId, e.code])).toEqual([
        ['LEVEL2_VOLUME', 'KLOT', volume.volume.id, null],
        ['LEVEL3_PRODUCT', 'KTLX', product.product.id, 153],
      ]);
      expect(events[1]!.seq).toBeGreaterThan(events[0]!.seq);
      expect(events[0]!.at).toBeGreaterThanOrEqual(start);
      expect(await c.reader.events.after(events[0]!.seq, 10)).toEqual([events[1]]);
      expect(await c.reader.events.after(0, 1)).toEqual([events[0]]);
      expect(await c.reader.events.latest()).toEqual(events[1]);

      expect(await c.writer.events.prune(start - 1)).toBe(0);
      expect(await c.writer.events.prune(Date.now() + 1)).toBe(2);
      expect(await c.reader.events.latest()).toBeNull();
      await c.writer.radar.commitVolume(makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 18) }));
      expect((await c.reader.events.latest())!.seq).toBeGreaterThan(events[1]!.seq);
    });
  });

  describe(`${engine.name}: retention and doomed objects`, () => {
    const day = 86_400_000;
    const t0 = Date.UTC(2022, 2, 10, 6);

    it('doomOlderThan removes old volumes and products with their objects doomed, keeps the rest', async () => {
      const { catalog: c, partitions } = await fresh();
      const volumes = [0, 1, 2, 3].map((d) => makeVolume({ site: testSite('KLOT'), start: t0 + d * day }));
      volumes[1]!.volume.zarrKey = `radar/level2/KLOT/${volumes[1]!.volume.id}.zarr`;
      for (const v of volumes) await c.writer.radar.commitVolume(v);
      const products = [0, 1, 2, 3].map((d) => makeProduct({ site: testSite('KLOT'), mnemonic: 'NST', code: 58, scanTime: t0 + d * day, category: 'STORM', imageless: true }));
      for (const p of products) await c.writer.products.commit(p);
      const before = await partitions?.();

      // The cutoff falls inside day 2 (after its 06:00 volume): days 0 and 1 go whole, day 2's rows one by one.
      const cutoff = t0 + 2 * day + 3_600_000;
      const result = await c.writer.retention.doomOlderThan(cutoff, 99);
      const doomedVolumes = volumes.slice(0, 3);
      const doomedProducts = products.slice(0, 3);
      const expectedKeys = [
        ...doomedVolumes.flatMap((v) => v.sweeps.flatMap((s) => [s.imageKey, s.metadataKey])),
        `${volumes[1]!.volume.zarrKey}/`,
        ...doomedProducts.flatMap((p) => [p.product.metadataKey, p.product.rawKey, p.product.rawKey.replace(/\.raw$/, '.cells.json')]),
      ].sort();
      expect(result).toEqual({ volumes: 3, products: 3, objects: expectedKeys.length });
      expect(await c.reader.ingest.doomedCount()).toBe(expectedKeys.length);
      expect(await c.writer.retention.doomedKeys(1000)).toEqual(expectedKeys);
      expect((await c.reader.radar.volumes({}, { first: 10 })).rows.map((v) => v.id)).toEqual([volumes[3]!.volume.id]);
      expect((await c.reader.radar.sweeps({}, { first: 100 })).totalCount).toBe(9);
      expect((await c.reader.products.list({}, { first: 10 })).rows.map((p) => p.id)).toEqual([products[3]!.product.id]);
      expect(await c.reader.ingest.isIngested(volumes[0]!.file.source, volumes[0]!.file.key, volumes[0]!.file.fingerprint)).toBe(false);
      expect(await c.reader.ingest.isIngested(products[3]!.file.source, products[3]!.file.key, products[3]!.file.fingerprint)).toBe(true);
      expect(await c.reader.radar.sites()).toEqual([expect.objectContaining({ id: 'KLOT', firstVolumeAt: t0 + 3 * day, lastVolumeAt: t0 + 3 * day })]);
      if (before && partitions) {
        // Days 0 and 1 were dropped as partitions; day 2 (the cutoff's) and 3 remain.
        expect(await partitions()).toEqual({ ...before, sweeps: before.sweeps! - 2, products: before.products! - 2 });
      }
      // Minute counts forget the dropped partitions' rows as well as the deleted ones: only day 3 is counted.
      const counts = await c.reader.radar.bucketCounts({ sites: [testSite('KLOT')], from: t0 - day, to: t0 + 5 * day, bucketMs: 60_000 });
      expect(new Set(counts.map((b) => Math.floor((b.start - t0) / day)))).toEqual(new Set([3]));
      expect(counts.reduce((n, b) => n + b.volumes + b.sweeps + b.products, 0)).toBe(1 + volumes[3]!.sweeps.length + 1);

      await c.writer.retention.forgetDoomed(expectedKeys.slice(0, 5));
      expect(await c.writer.retention.doomedKeys(2)).toEqual(expectedKeys.slice(5, 7));
      expect(await c.reader.ingest.doomedCount()).toBe(expectedKeys.length - 5);
      expect(await c.writer.retention.doomOlderThan(cutoff, 100)).toEqual({ volumes: 0, products: 0, objects: 0 });
    });

    it('doomBatchOlderThan takes the oldest volumes a batch at a time, dooming their objects, until nothing older is left', async () => {
      const { catalog: c } = await fresh();
      const volumes = [0, 1, 2, 3, 4].map((d) => makeVolume({ site: testSite('KLOT'), start: t0 + d * day }));
      for (const v of volumes) await c.writer.radar.commitVolume(v);
      const product = makeProduct({ site: testSite('KLOT'), mnemonic: 'NST', code: 58, scanTime: t0, category: 'STORM', imageless: true });
      await c.writer.products.commit(product);
      const cutoff = t0 + 3 * day;
      await expectRadomeError(() => c.writer.retention.doomBatchOlderThan(cutoff, 1, 0), 'BAD_INPUT', /maxVolumes 0/);
      const sweepKeys = (v: (typeof volumes)[number]) => v.sweeps.flatMap((s) => [s.imageKey, s.metadataKey]);
      // Warming a batch (reading its pages without the write lock) changes nothing.
      await c.writer.retention.warmBatchOlderThan(cutoff, 2);
      expect((await c.reader.radar.volumes({}, { first: 1 })).totalCount).toBe(5);
      expect(await c.reader.ingest.doomedCount()).toBe(0);
      expect(await c.writer.retention.doomBatchOlderThan(cutoff, 1, 2)).toEqual({ volumes: 2, products: 1, objects: sweepKeys(volumes[0]!).length * 2 + 3 });
      expect((await c.reader.radar.volumes({}, { first: 10 })).rows.map((v) => v.id)).toEqual(
        volumes
          .slice(2)
          .map((v) => v.volume.id)
          .reverse(),
      );
      expect(await c.writer.retention.doomBatchOlderThan(cutoff, 1, 2)).toEqual({ volumes: 1, products: 0, objects: sweepKeys(volumes[2]!).length });
      expect(await c.writer.retention.doomBatchOlderThan(cutoff, 1, 2)).toEqual({ volumes: 0, products: 0, objects: 0 });
      expect((await c.reader.radar.sites())[0]!.firstVolumeAt).toBe(t0 + 3 * day);
      expect(await c.reader.ingest.isIngested(volumes[0]!.file.source, volumes[0]!.file.key, volumes[0]!.file.fingerprint)).toBe(false);
      expect((await c.reader.products.list({}, { first: 10 })).totalCount).toBe(0);
      // Counts per bucket forget what retention removed.
      const counts = await c.reader.radar.bucketCounts({ sites: [testSite('KLOT')], from: t0 - day, to: t0 + 5 * day, bucketMs: day });
      const total = (k: 'volumes' | 'sweeps' | 'products') => counts.reduce((n, b) => n + b[k], 0);
      expect([total('volumes'), total('sweeps'), total('products')]).toEqual([2, volumes[3]!.sweeps.length * 2, 0]);
    });

    it('commitDoomingReplaced dooms the keys a replacement drops and rescues the keys it uses again', async () => {
      const { catalog: c } = await fresh();
      const start = Date.UTC(2022, 2, 17);
      const first = makeVolume({ site: testSite('KLOT'), start });
      expect(await c.writer.retention.commitDoomingReplaced('level2', first.volume.id, 1, (w) => w.radar.commitVolume(first))).toBe(0);
      const fewer = makeVolume({ site: testSite('KLOT'), start, elevations: [0.5], key: 'again', fingerprint: '"again"' });
      const dropped = first.sweeps.filter((s) => s.elevationNumber !== 1).flatMap((s) => [s.imageKey, s.metadataKey]);
      expect(await c.writer.retention.commitDoomingReplaced('level2', first.volume.id, 2, (w) => w.radar.commitVolume(fewer))).toBe(dropped.length);
      expect(await c.writer.retention.doomedKeys(100)).toEqual([...dropped].sort());
      // The full volume again: its keys are in use again, so no longer doomed.
      const full = makeVolume({ site: testSite('KLOT'), start, key: 'full', fingerprint: '"full"' });
      expect(await c.writer.retention.commitDoomingReplaced('level2', first.volume.id, 3, (w) => w.radar.commitVolume(full))).toBe(0);
      expect(await c.writer.retention.doomedKeys(100)).toEqual([]);

      const product = makeProduct({ site: testSite('KLOT'), mnemonic: 'N0B', code: 153, scanTime: start });
      await c.writer.retention.commitDoomingReplaced('level3', product.product.id, 4, (w) => w.products.commit(product));
      const imageless = makeProduct({ site: testSite('KLOT'), mnemonic: 'N0B', code: 153, scanTime: start, imageless: true, key: 'null' });
      expect(await c.writer.retention.commitDoomingReplaced('level3', product.product.id, 5, (w) => w.products.commit(imageless))).toBe(1);
      expect(await c.writer.retention.doomedKeys(100)).toEqual([product.product.imageKey]);
    });

    it('a failing commit inside commitDoomingReplaced leaves nothing behind', async () => {
      const { catalog: c, dump } = await fresh();
      const input = makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 17) });
      await c.writer.radar.commitVolume(input);
      const before = await dump();
      const bad = structuredClone(input);
      bad.sweeps = bad.sweeps.slice(0, 3);
      bad.site = { ...bad.site, id: parseRadarSiteId('KTLX', 'site') };
      await expectRadomeError(() => c.writer.retention.commitDoomingReplaced('level2', input.volume.id, 1, (w) => w.radar.commitVolume(bad)), 'BAD_INPUT');
      expect(await dump()).toEqual(before);
      expect(await c.reader.ingest.doomedCount()).toBe(0);
    });
  });

  describe(`${engine.name}: transactions`, () => {
    it('writes made in transaction(fn) land together, or not at all when fn throws', async () => {
      const { catalog: c } = await fresh();
      const a = makeVolume({ site: testSite('KLOT'), start: Date.UTC(2022, 2, 17) });
      const b = makeVolume({ site: testSite('KTLX'), start: Date.UTC(2022, 2, 17) });
      await expect(
        c.writer.transaction(async (tx) => {
          await tx.writer.radar.commitVolume(a);
          expect((await tx.reader.radar.volumes({}, { first: 0 })).totalCount).toBe(1);
          throw new Error('abandon');
        }),
      ).rejects.toThrow('abandon');
      expect((await c.reader.radar.volumes({}, { first: 0 })).totalCount).toBe(0);
      const n = await c.writer.transaction(async (tx) => {
        await tx.writer.radar.commitVolume(a);
        // A nested transaction that fails after writing rolls back alone (a savepoint), as on SQLite.
        await expect(
          tx.writer.retention.commitDoomingReplaced('level2', b.volume.id, 1, async (w) => {
            await w.radar.commitVolume(b);
            throw new Error('nested');
          }),
        ).rejects.toThrow('nested');
        expect((await tx.reader.radar.volumes({}, { first: 0 })).totalCount).toBe(1);
        await tx.writer.radar.commitVolume(b);
        return (await tx.reader.radar.volumes({}, { first: 0 })).totalCount;
      });
      expect(n).toBe(2);
      expect((await c.reader.radar.volumes({}, { first: 0 })).totalCount).toBe(2);
    });
  });
}
