import Database from 'better-sqlite3';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { type Catalog, type ReadOnlyCatalog, openCatalog, openReadOnlyCatalog, CATALOG_SCHEMA_VERSION, encodeCursor } from '../../store/catalog/index.js';
import { migrate, MIGRATIONS } from '../../store/catalog/sqlite/migrations.js';
import { openDatabase } from '../../store/catalog/sqlite/open.js';
import type { Page, PageArgs, SortOrder, SweepFilter, SweepRow, VolumeFilter, VolumeRow } from '../../store/catalog/index.js';
import { makeVolume, tempDbPath, volumeSchedule } from './catalog-fixtures.js';

const open: ReadOnlyCatalog[] = [];
function track<C extends ReadOnlyCatalog>(c: C): C {
  open.push(c);
  return c;
}
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

/** Every user table's rows, to compare whole catalog states. */
function dump(path: string): Record<string, unknown[]> {
  const db = new Database(path, { readonly: true });
  try {
    const out: Record<string, unknown[]> = {};
    for (const t of ['radar_sites', 'volumes', 'sweeps', 'source_files', 'ingest_failures', 'duration_bounds']) {
      out[t] = db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all();
    }
    return out;
  } finally {
    db.close();
  }
}

async function expectRadomeError(fn: () => Promise<unknown>, code: string, message?: RegExp): Promise<RadomeError> {
  let caught: unknown;
  try {
    await fn();
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(RadomeError);
  const err = caught as RadomeError;
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
  return err;
}

describe('catalog migrations', () => {
  it('creates a fresh catalog (and its folder) at the latest version, in WAL mode', async () => {
    const path = tempDbPath();
    const c = track(await openCatalog(path));
    expect(c.schemaVersion).toBe(CATALOG_SCHEMA_VERSION);
    await c.close();
    const db = new Database(path, { readonly: true });
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as { name: string }[]).map((r) => r.name);
    expect(tables).toEqual(expect.arrayContaining(['radar_sites', 'source_files', 'volumes', 'sweeps', 'ingest_failures', 'schema_migrations']));
    const indexes = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_%'").all() as { name: string }[]).map((r) => r.name);
    expect(indexes).toEqual(expect.arrayContaining(['sweeps_by_site_time', 'sweeps_by_volume', 'sweeps_by_site_moment_time_angle', 'volumes_by_site_time']));
    db.close();
  });

  it('keeps statement journals in memory, not in temp files', () => {
    const db = openDatabase(tempDbPath(), false);
    expect(db.pragma('temp_store', { simple: true })).toBe(2);
    db.close();
  });

  it('re-opening is a no-op, and a later migration step is applied once, in order', async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    const before = new Database(path).prepare('SELECT * FROM schema_migrations').all();
    await (await openCatalog(path)).close();
    const db = new Database(path);
    expect(db.prepare('SELECT * FROM schema_migrations').all()).toEqual(before);

    const extra = [...MIGRATIONS, { version: CATALOG_SCHEMA_VERSION + 1, name: 'extra', sql: 'CREATE TABLE extra_step (x INTEGER) STRICT;' }];
    expect(migrate(db, path, extra)).toBe(CATALOG_SCHEMA_VERSION + 1);
    expect(migrate(db, path, extra)).toBe(CATALOG_SCHEMA_VERSION + 1);
    expect(db.prepare('SELECT version FROM schema_migrations ORDER BY version').all()).toEqual(extra.map((m) => ({ version: m.version })));
    db.close();
  });

  it('a failing migration step leaves the catalog at the previous version', async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    const db = new Database(path);
    const broken = [...MIGRATIONS, { version: CATALOG_SCHEMA_VERSION + 1, name: 'broken', sql: 'CREATE TABLE half (x); SELECT no_such_function();' }];
    expect(() => migrate(db, path, broken)).toThrow(/no_such_function/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'half'").get()).toBeUndefined();
    expect(db.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: CATALOG_SCHEMA_VERSION });
    db.close();
  });

  it('refuses a catalog newer than it knows, read-only or not, with a clear CONFIG error', async () => {
    const path = tempDbPath();
    await (await openCatalog(path)).close();
    const db = new Database(path);
    db.prepare('INSERT INTO schema_migrations VALUES (?, ?, ?)').run(CATALOG_SCHEMA_VERSION + 5, 'future', Date.now());
    db.close();
    await expectRadomeError(() => openReadOnlyCatalog(path), 'CONFIG', /newer than the \d+ this radome knows; upgrade radome/);
    await expectRadomeError(() => openCatalog(path), 'CONFIG', /newer/);
  });

  it('read-only opens never create or migrate', async () => {
    const missing = tempDbPath();
    await expectRadomeError(() => openReadOnlyCatalog(missing), 'CONFIG', /run an ingest first/);
    const blank = tempDbPath();
    await (await openCatalog(blank)).close();
    const db = new Database(blank);
    db.exec('DELETE FROM schema_migrations');
    db.close();
    await expectRadomeError(() => openReadOnlyCatalog(blank), 'CONFIG', /not initialised/);
  });

  it('a read-only catalog reads, and has no writer', async () => {
    const path = tempDbPath();
    const writer = track(await openCatalog(path));
    await writer.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) }));
    await writer.close();
    const reader = track(await openReadOnlyCatalog(path));
    expect((await reader.reader.radar.sites()).map((s) => s.id)).toEqual(['KLOT']);
    expect('writer' in reader).toBe(false);
  });
});

describe('commitLevel2Volume', () => {
  it('reads back corners exactly, whether they are the bbox corners or not', async () => {
    const c = track(await openCatalog(tempDbPath()));
    const input = makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17, 0, 8, 42) });
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
    const path = tempDbPath();
    const c = track(await openCatalog(path));
    const input = makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17, 0, 8, 42) });
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

    const before = dump(path);
    expect(await c.writer.radar.commitVolume(input)).toEqual({ staleObjectKeys: [] });
    expect(await c.writer.radar.commitVolume(structuredClone(input))).toEqual({ staleObjectKeys: [] });
    expect(dump(path)).toEqual(before);
  });

  it('the same volume from another file replaces its sweeps and reports the keys no row uses', async () => {
    const c = track(await openCatalog(tempDbPath()));
    const start = Date.UTC(2022, 2, 17, 0, 8, 42);
    const first = makeVolume({ site: 'KLOT', start });
    await c.writer.radar.commitVolume(first);
    const again = makeVolume({ site: 'KLOT', start, elevations: [0.5, 2.4], key: 'mirror/KLOT_V06', fingerprint: '"mirror"' });
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
    const c = track(await openCatalog(tempDbPath()));
    const t = Date.UTC(2022, 2, 17);
    await c.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: t + 600_000 }));
    const moved = makeVolume({ site: 'KLOT', start: t });
    moved.site = { ...moved.site, heightM: 250 };
    await c.writer.radar.commitVolume(moved);
    await c.writer.radar.commitVolume(makeVolume({ site: 'KTLX', start: t + 60_000 }));
    expect(await c.reader.radar.sitesByIds(['KTLX', 'NOPE', 'KLOT', 'KTLX'])).toEqual([
      expect.objectContaining({ id: 'KTLX', firstVolumeAt: t + 60_000, lastVolumeAt: t + 60_000 }),
      null,
      expect.objectContaining({ id: 'KLOT', heightM: 250, firstVolumeAt: t, lastVolumeAt: t + 600_000 }),
      expect.objectContaining({ id: 'KTLX' }),
    ]);
    expect(await c.reader.radar.sitesByIds([])).toEqual([]);
  });

  it('rejects inconsistent input with BAD_INPUT and writes nothing', async () => {
    const path = tempDbPath();
    const c = track(await openCatalog(path));
    const good = makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) });
    const cases: [string, (i: typeof good) => void, RegExp][] = [
      ['site', (i) => (i.site = { ...i.site, id: 'KTLX' }), /site row is KTLX/],
      ['file', (i) => (i.file = { ...i.file, fingerprint: 'x' }), /not the committed/],
      ['sweep volume', (i) => (i.sweeps[3] = { ...i.sweeps[3]!, volumeId: 'other' }), /belongs to/],
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

/** A catalog of 60 volumes at three sites, with ties on time within and across sites. */
async function populated(): Promise<{ c: Catalog; volumes: VolumeRow[]; sweeps: SweepRow[] }> {
  const c = await openCatalog(tempDbPath());
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

function sortedBy<T extends { id: string }>(rows: T[], time: (r: T) => number, order: SortOrder): T[] {
  const sign = order === 'ASC' ? 1 : -1;
  return [...rows].sort((a, b) => sign * (time(a) - time(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)));
}

async function walk<T>(list: (page: PageArgs) => Promise<Page<T>>, first: number) {
  const seen: T[] = [];
  const totals = new Set<number>();
  let after: string | null = null;
  for (let pages = 0; pages < 10_000; pages++) {
    const page = await list({ first, after });
    expect(() => page.cursorAt(page.rows.length)).toThrow(RangeError);
    seen.push(...page.rows);
    totals.add(page.totalCount);
    if (!page.hasNextPage) return { seen, totals };
    expect(page.rows).toHaveLength(first);
    after = page.cursorAt(page.rows.length - 1);
  }
  throw new Error('pagination did not end');
}

describe('keyset pagination', () => {
  let c: Catalog;
  let volumes: VolumeRow[];
  let sweeps: SweepRow[];
  beforeAll(async () => ({ c, volumes, sweeps } = await populated()));
  afterAll(() => c.close());

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
    expect(await c.reader.radar.sweeps({ site: 'KLOT' }, { first: 0 })).toEqual({ rows: [], totalCount: 180, hasNextPage: true });
    expect(await c.reader.radar.sweeps({ site: 'KXXX' }, { first: 0 })).toEqual({ rows: [], totalCount: 0, hasNextPage: false });
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

describe('filters', () => {
  let c: Catalog;
  let volumes: VolumeRow[];
  let sweeps: SweepRow[];
  beforeAll(async () => ({ c, volumes, sweeps } = await populated()));
  afterAll(() => c.close());
  const overlaps = (start: number, end: number, from?: number, to?: number) => (to === undefined || start < to) && (from === undefined || end >= from);

  async function expectSweeps(filter: SweepFilter) {
    const expected = sortedBy(
      sweeps.filter(
        (s) =>
          (filter.site === undefined || s.site === filter.site) &&
          (filter.volumeId === undefined || s.volumeId === filter.volumeId) &&
          overlaps(s.startTime, s.endTime, filter.from, filter.to) &&
          (!filter.moments?.length || filter.moments.includes(s.moment)) &&
          (filter.minElevation === undefined || s.elevationAngle >= filter.minElevation) &&
          (filter.maxElevation === undefined || s.elevationAngle <= filter.maxElevation),
      ),
      (s) => s.startTime,
      filter.order ?? 'DESC',
    );
    const { seen, totals } = await walk((p) => c.reader.radar.sweeps(filter, p), 13);
    expect(
      seen.map((s) => s.id),
      JSON.stringify(filter),
    ).toEqual(expected.map((s) => s.id));
    expect([...totals]).toEqual([expected.length]);
    return expected.length;
  }

  async function expectVolumes(filter: VolumeFilter) {
    const expected = sortedBy(
      volumes.filter((v) => (filter.site === undefined || v.site === filter.site) && overlaps(v.scanStart, v.scanEnd, filter.from, filter.to)),
      (v) => v.scanStart,
      filter.order ?? 'DESC',
    );
    const { seen, totals } = await walk((p) => c.reader.radar.volumes(filter, p), 5);
    expect(
      seen.map((v) => v.id),
      JSON.stringify(filter),
    ).toEqual(expected.map((v) => v.id));
    expect([...totals]).toEqual([expected.length]);
    return expected.length;
  }

  it('by site, volume, moments and elevation range', async () => {
    expect(await expectSweeps({ site: 'KTLX' })).toBe(180);
    expect(await expectSweeps({ volumeId: volumes[7]!.id })).toBe(9);
    expect(await expectSweeps({ moments: ['VEL'] })).toBe(180);
    expect(await expectSweeps({ moments: ['VEL', 'SW'], site: 'KAMX', order: 'ASC' })).toBe(120);
    expect(await expectSweeps({ moments: [] })).toBe(540);
    expect(await expectSweeps({ moments: ['NOPE'] })).toBe(0);
    expect(await expectSweeps({ minElevation: 1.5 })).toBe(360);
    expect(await expectSweeps({ minElevation: 1, maxElevation: 2 })).toBe(180);
    expect(await expectSweeps({ maxElevation: 0.5, moments: ['REF'], site: 'KLOT' })).toBe(20);
    expect(await expectVolumes({ site: 'KAMX' })).toBe(20);
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
      await expectSweeps({ from, site: 'KLOT', moments: ['REF'] });
      await expectSweeps({ to, minElevation: 2 });
      await expectVolumes({ from, to, site: i % 3 ? 'KTLX' : undefined });
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
    const ids = [volumes[5]!.id, 'nope', volumes[2]!.id];
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
    expect((await c.reader.radar.volumesByIds(['x', volumes[3]!.id, volumes[1]!.id])).map((v) => v?.id ?? null)).toEqual([null, volumes[3]!.id, volumes[1]!.id]);
    expect(await c.reader.radar.sweepsByIds([sweeps[9]!.id, 'x', sweeps[0]!.id])).toEqual([sweeps[9], null, sweeps[0]]);
  });
});

describe('ingest failures', () => {
  it('counts attempts, keeps the first time and quarantine key, lists newest first, clears', async () => {
    const c = track(await openCatalog(tempDbPath()));
    const f = { source: 'level2:test', key: 'a/b_V06', fingerprint: '"e1"' };
    expect(await c.writer.ingest.recordFailure({ ...f, code: 'CORRUPT', message: 'bad block at 1234', quarantineKey: 'quarantine/a/b_V06', at: 1000 })).toEqual({ attempts: 1 });
    expect(await c.writer.ingest.recordFailure({ ...f, code: 'TRUNCATED', message: 'ends at 99', at: 2000 })).toEqual({ attempts: 2 });
    expect(await c.writer.ingest.recordFailure({ ...f, fingerprint: '"e2"', code: 'SOURCE_UNAVAILABLE', message: 'timeout', at: 3000 })).toEqual({ attempts: 1 });
    expect(await c.reader.ingest.failures()).toEqual([
      { ...f, fingerprint: '"e2"', attempts: 1, firstFailedAt: 3000, lastFailedAt: 3000, errorCode: 'SOURCE_UNAVAILABLE', errorMessage: 'timeout', quarantineKey: null },
      { ...f, attempts: 2, firstFailedAt: 1000, lastFailedAt: 2000, errorCode: 'TRUNCATED', errorMessage: 'ends at 99', quarantineKey: 'quarantine/a/b_V06' },
    ]);
    expect(await c.writer.ingest.clearFailure(f.source, f.key, '"e2"')).toBe(true);
    expect(await c.writer.ingest.clearFailure(f.source, f.key, '"e2"')).toBe(false);
    expect((await c.reader.ingest.failures()).map((r) => r.fingerprint)).toEqual(['"e1"']);
  });

  it('a successful commit of the same file clears its failure', async () => {
    const c = track(await openCatalog(tempDbPath()));
    const input = makeVolume({ site: 'KTLX', start: Date.UTC(2022, 4, 1) });
    await c.writer.ingest.recordFailure({ ...input.file, code: 'SOURCE_UNAVAILABLE', message: 'reset', at: 5 });
    await c.writer.radar.commitVolume(input);
    expect(await c.reader.ingest.failures()).toEqual([]);
  });
});
