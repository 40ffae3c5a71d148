// `radome catalog migrate --from sqlite:… --to postgres://…`: a SQLite catalog with every domain's
// rows, copied into a real PostgreSQL database; both engines then answer the same reads.
import { describe, expect, it, vi } from 'vitest';
import { migrateCatalog } from '../../cli/commands/catalog-migrate.js';
import { RadomeError } from '../../core/errors.js';
import { openCatalog } from '../../store/catalog/index.js';
import { openPostgresCatalog } from '../../store/catalog/postgres/postgres-catalog.js';
import { postgresSkipReason, usePostgres } from '../support/postgres-server.js';
import { makeElevationRollups, makeGnssDays, makeProduct, makeVolume, tempDbPath, volumeSchedule } from './catalog-fixtures.js';
import { testSite, testStation } from '../support/ids.js';

const skip = postgresSkipReason();

/** A SQLite catalog with rows in every table. */
async function sqliteCatalog(): Promise<string> {
  const path = tempDbPath();
  const c = await openCatalog(path);
  const t = Date.UTC(2022, 2, 17);
  for (const spec of volumeSchedule(12)) await c.writer.radar.commitVolume(makeVolume(spec));
  for (let h = 0; h < 3; h++) {
    await c.writer.products.commit(makeProduct({ site: testSite('KLOT'), mnemonic: 'DAA', code: 170, scanTime: t + h * 3_600_000, category: 'PRECIPITATION', maxAccumulationIn: h }));
  }
  await c.writer.products.commit(makeProduct({ site: testSite('KAMX'), mnemonic: 'NST', code: 58, scanTime: t, category: 'STORM', imageless: true }));
  await c.writer.gnss.commitDays(makeGnssDays('P041', [19_000, 19_001]));
  await c.writer.gnss.commitOrbits({
    file: { source: 'gnss:orbits', key: 'igs.sp3', fingerprint: '"o"', size: 1, ingestedAt: 1 },
    orbits: [{ day: 19_000, kind: 'precise', objectKey: 'o/igs.sp3', source: 'gnss:orbits', sourceKey: 'igs.sp3', satelliteCount: 30, firstTime: 1, lastTime: 2, ingestedAt: 1 }],
    geometry: [{ station: 'P041', day: 19_000, geometry: 'precise', codes: ['S1C', 'S2W'], elevationRollups: makeElevationRollups() }],
  });
  await c.writer.gnss.commitStationSettings({ file: { source: 'local', key: 'p041.json', fingerprint: 'f', size: 1, ingestedAt: 3 }, station: 'P041', settingsJson: '{}' });
  await c.writer.ingest.recordFailure({ source: 'level2:x', key: 'k', fingerprint: 'f', code: 'CORRUPT', message: 'bad', quarantineKey: 'q/k', at: 5 });
  await c.writer.ingest.registerSources(['level2', 'level3']);
  await c.writer.ingest.setSourcePaused('level3', true);
  await c.writer.ingest.markRunFinished('level2', 9, { ingested: 12, skipped: 1, failed: 1 }, null);
  await c.writer.ingest.setFlag('paused-all', 'no', 7);
  await c.writer.ingest.requestBackfill('level2', 1, 2, 3);
  const replaced = makeVolume({ site: testSite('KLOT'), start: volumeSchedule(1)[0]!.start, elevations: [0.5], key: 'again', fingerprint: '"again"' });
  await c.writer.retention.commitDoomingReplaced('level2', replaced.volume.id, 11, (w) => w.radar.commitVolume(replaced));
  // A live catalog's ingest queue: three files listed, one taken by a worker that still holds its
  // lease, and an older claim whose lease ran out.
  const queued = ['a', 'b', 'c'].map((k, i) => ({ source: 'level2:test', key: `KLOT/${k}`, fingerprint: `"${k}"`, size: 10 + i, time: t + i }));
  await c.writer.ingest.enqueueFiles('level2', queued, 100);
  expect(await c.writer.ingest.takeQueuedFiles('level2', 1, 'sqlite-worker', 3_600_000)).toEqual([queued[0]]);
  expect(await c.writer.ingest.claimFile('level2:test', 'KLOT/old', '"old"', 'gone-worker', 1)).toBe(true);
  await new Promise((r) => setTimeout(r, 5));
  await c.close();
  return path;
}

describe.skipIf(skip !== null)(`radome catalog migrate${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const server = usePostgres();

  it('copies every table, verifies counts and a sample, and both engines then read the same', async () => {
    const path = await sqliteCatalog();
    const url = await server().createDatabase('migrate');
    const printed: string[] = [];
    const log = vi.spyOn(console, 'log').mockImplementation((line: unknown) => void printed.push(String(line)));
    try {
      expect(await migrateCatalog({ values: { from: `sqlite:${path}`, to: url }, positionals: [] })).toBe(0);
    } finally {
      log.mockRestore();
    }
    expect(printed.find((l) => l.startsWith('sweeps'))).toMatch(/sweeps\s+102 rows/);
    expect(printed.find((l) => l.startsWith('ingest_queue'))).toMatch(/ingest_queue\s+3 rows/);
    expect(printed.at(-2)).toMatch(/^copied \d+ rows in 21 tables; row counts match, and \d+ sampled rows read the same on both engines$/);
    expect(printed.at(-1)).toBe(
      'ingest queue: 3 queued file(s) copied unclaimed; workers on PostgreSQL take them. 2 file claim(s) not copied; 1 still leased: a worker on the SQLite catalog is ingesting. ' +
        'Stop it: what it commits now stays in SQLite (files from sources are listed and ingested again on PostgreSQL)',
    );

    const from = await openCatalog(path);
    const to = await openPostgresCatalog(url);
    try {
      const same = async <T>(read: (c: typeof to) => T | Promise<T>) => expect(await read(to)).toEqual(await read(from as unknown as typeof to));
      await same(async (c) => (await c.reader.radar.volumes({ order: 'ASC' }, { first: 100 })).rows);
      await same(async (c) => (await c.reader.radar.sweeps({}, { first: 1000 })).rows);
      await same(async (c) => (await c.reader.products.list({}, { first: 100 })).rows);
      await same((c) => c.reader.products.latestPrecipitation([testSite('KLOT')], 0, Date.UTC(2030, 0)));
      await same((c) => c.reader.gnss.stations());
      await same((c) => c.reader.gnss.signals(testStation('P041')));
      await same((c) => c.reader.gnss.days(testStation('P041'), 0, 1e6));
      // Minute counts (rebuilt by PostgreSQL's triggers from the copied rows) and elevation rollups.
      await same((c) => c.reader.radar.bucketCounts({ sites: [testSite('KLOT'), testSite('KTLX'), testSite('KAMX')], from: 0, to: Date.UTC(2030, 0), bucketMs: 3_600_000 }));
      await same((c) => c.reader.products.codeCounts({ site: testSite('KLOT') }));
      const elevation = {
        station: testStation('P041'),
        codeIds: [1, 2],
        fromDay: 0,
        toDay: 1e6,
        satellites: null,
        constellations: null,
        azimuthBins: null,
        elevationBins: [0, 18] as [number, number],
      };
      // Groups come in no set order: compared sorted.
      await same(async (c) =>
        (await c.reader.gnss.snrElevationAggregates({ ...elevation, groupByDay: true, groupByElevation: true, groupByCode: true, groupBySatellite: true, groupByConstellation: false }))
          .map(String)
          .sort(),
      );
      await same((c) => c.reader.gnss.orbits(0, 1e6));
      await same((c) => c.reader.gnss.stationSettings(testStation('P041')));
      await same((c) =>
        c.reader.gnss.snrRollupAggregates({
          station: testStation('P041'),
          level: 1,
          codeIds: [1, 2],
          fromS: 0,
          toS: 1e10,
          intervalS: 900,
          satellites: null,
          constellations: null,
          groupByCode: true,
          groupBySatellite: true,
          groupByConstellation: false,
        }),
      );
      await same((c) => c.reader.ingest.failures());
      await same((c) => c.reader.ingest.sources());
      await same((c) => c.reader.ingest.flags());
      await same((c) => c.reader.ingest.backfills(10));
      await same((c) => c.writer.retention.doomedKeys(100));
      await same((c) => c.reader.events.after(0, 100));
      await same((c) => c.reader.ingest.queuedCount('level2'));
      expect((await to.writer.retention.doomedKeys(100)).length).toBe(12);

      // Identities continue after the copied rows.
      const lastSeq = (await to.reader.events.latest())!.seq;
      await to.writer.radar.commitVolume(makeVolume({ site: testSite('KTLX'), start: Date.UTC(2023, 0, 1) }));
      expect((await to.reader.events.latest())!.seq).toBeGreaterThan(lastSeq);
      const backfill = await to.writer.ingest.requestBackfill('level3', 1, 2, 3);
      expect(backfill.id).toBe(2);

      // The queue came over unclaimed: a worker on PostgreSQL takes every file at once, in listing
      // order, the one a SQLite worker held included.
      const taken = await to.writer.ingest.takeQueuedFiles('level2', 10, 'pg-worker', 60_000);
      expect(taken.map((f) => f.key)).toEqual(['KLOT/a', 'KLOT/b', 'KLOT/c']);
      expect(taken[1]).toEqual({ source: 'level2:test', key: 'KLOT/b', fingerprint: '"b"', size: 11, time: Date.UTC(2022, 2, 17) + 1 });
    } finally {
      await from.close();
      await to.close();
    }

    // Only into an empty catalog.
    const again = await migrateCatalog({ values: { from: `sqlite:${path}`, to: url }, positionals: [] }).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(RadomeError);
    expect((again as RadomeError).message).toMatch(/is not empty \(radar_sites, volumes/);
  });

  it('names a wrong --from or --to', async () => {
    for (const values of [{ to: 'postgres://x/y' }, { from: 'var/catalog.db', to: 'postgres://x/y' }, { from: 'sqlite:a.db', to: 'mysql://x' }]) {
      const e = await migrateCatalog({ values, positionals: [] }).catch((err: unknown) => err);
      expect(e).toBeInstanceOf(RadomeError);
      expect((e as RadomeError).code).toBe('BAD_INPUT');
    }
  });
});
