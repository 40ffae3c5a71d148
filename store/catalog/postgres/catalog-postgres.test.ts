// What only the PostgreSQL engine has: its own migrations, day partitions created on demand,
// read-only sessions, LISTEN/NOTIFY wake-ups across connections (processes, machines), and file
// claims that a worker killed with kill -9 loses when their leases run out.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { rejection } from '../../../test/support/radome-failure.js';
import type { CatalogEventRow } from '../index.js';
import { PG_MIGRATIONS, PG_SCHEMA_VERSION } from './migrations.js';
import { openPostgresCatalog } from './postgres-catalog.js';
import { repoRoot } from '../../../test/sample-data.js';
import { postgresSkipReason, usePostgres } from '../../../test/support/postgres-server.js';
import { makeGnssDays, makeProduct, makeVolume } from '../../../test/store/catalog-fixtures.js';

const skip = postgresSkipReason();

async function query<T extends pg.QueryResultRow>(url: string, sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

describe.skipIf(skip !== null)(`PostgreSQL catalog engine${skip ? ` (skipped: ${skip})` : ''}`, () => {
  const server = usePostgres();

  it('migrates a new database once, even when two processes open it at the same time', async () => {
    const url = await server().createDatabase('migrate');
    const [a, b] = await Promise.all([openPostgresCatalog(url), openPostgresCatalog(url)]);
    expect(a.schemaVersion).toBe(PG_SCHEMA_VERSION);
    expect(b.schemaVersion).toBe(PG_SCHEMA_VERSION);
    await Promise.all([a.close(), b.close()]);
    const again = await openPostgresCatalog(url);
    await again.close();
    expect((await query<{ version: number }>(url, 'SELECT version FROM schema_migrations ORDER BY version')).map((r) => r.version)).toEqual(PG_MIGRATIONS.map((m) => m.version));
    expect(a.path).toBe(url.replace(/\/$/, ''));
  });

  it('read-only opens never migrate, refuse uninitialised or newer schemas, and have no writer', async () => {
    const url = await server().createDatabase('readonly');
    expect((await rejection(openPostgresCatalog(url, { readOnly: true }))).message).toMatch(/not initialised/);
    const writer = await openPostgresCatalog(url);
    await writer.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) }));
    const reader = await openPostgresCatalog(url, { readOnly: true });
    expect((await reader.reader.radar.sites()).map((s) => s.id)).toEqual(['KLOT']);
    expect('writer' in reader).toBe(false);
    // An API server's catalog listens for events too.
    const listen = await reader.listen(() => {});
    await listen();
    await reader.close();
    await query(url, `INSERT INTO schema_migrations VALUES (${PG_SCHEMA_VERSION + 1}, 'future', 0)`);
    expect((await rejection(openPostgresCatalog(url, { readOnly: true }))).message).toMatch(/newer than the \d+ this radome knows/);
    expect((await rejection(openPostgresCatalog(url))).code).toBe('CONFIG');
    await writer.close();
  });

  it('a catalog URL no server answers is a CONFIG error naming it without its password', async () => {
    const e = await rejection(openPostgresCatalog(`postgres://radome:secret@127.0.0.1:${server().port + 1}/none`));
    expect(e.code).toBe('CONFIG');
    expect(e.message).toContain('postgres://radome:***@127.0.0.1');
    expect(e.message).not.toContain('secret');
  });

  it('creates a day partition when its first row arrives', async () => {
    const url = await server().createDatabase('partitions');
    const c = await openPostgresCatalog(url);
    const day = Date.UTC(2022, 2, 17) / 86_400_000;
    await c.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17, 23, 59, 30) })); // sweeps cross midnight
    await c.writer.radar.commitVolume(makeVolume({ site: 'KTLX', start: Date.UTC(2022, 2, 17, 12) }));
    await c.writer.gnss.commitDays(makeGnssDays('P041', [19_000, 19_001]));
    const names = (
      await query<{ name: string }>(url, `SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent WHERE p.relkind = 'p' ORDER BY 1`)
    ).map((r) => r.name);
    expect(names).toEqual([`snr_rollups_d19000`, `snr_rollups_d19001`, `sweeps_d${day}`, `sweeps_d${day + 1}`]);
    // Every sweep row landed in its day's partition.
    expect((await query<{ n: string }>(url, `SELECT COUNT(*) AS n FROM sweeps_d${day + 1}`))[0]!.n).toBe('3');
    await c.close();
  });

  it('listen: a commit in another connection wakes the listener with its event; a rolled-back one does not', async () => {
    const url = await server().createDatabase('listen');
    const ingest = await openPostgresCatalog(url);
    const api = await openPostgresCatalog(url, { readOnly: true });
    const received: CatalogEventRow[] = [];
    let wake: () => void = () => {};
    const stop = await api.listen((event) => {
      received.push(event);
      wake();
    });
    const woken = new Promise<void>((resolve) => (wake = resolve));
    const volume = makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 17) });
    await expect(
      ingest.writer.transaction(async (tx) => {
        await tx.writer.radar.commitVolume(makeVolume({ site: 'KTLX', start: Date.UTC(2022, 2, 17) }));
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await ingest.writer.radar.commitVolume(volume);
    await woken;
    expect(received).toEqual([await api.reader.events.latest()]);
    expect(received[0]).toMatchObject({ kind: 'LEVEL2_VOLUME', site: 'KLOT', subjectId: volume.volume.id, code: null });
    await stop();
    await ingest.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: Date.UTC(2022, 2, 18) }));
    expect(received).toHaveLength(1);
    await api.close();
    await ingest.close();
  });

  it('concurrent writers append events in seq order that is commit order', async () => {
    const url = await server().createDatabase('events');
    const writers = await Promise.all([openPostgresCatalog(url), openPostgresCatalog(url), openPostgresCatalog(url)]);
    const t = Date.UTC(2022, 2, 17);
    await Promise.all(writers.map((w, i) => Promise.all([0, 1, 2, 3].map((k) => w.writer.radar.commitVolume(makeVolume({ site: ['KLOT', 'KTLX', 'KAMX'][i]!, start: t + k * 300_000 }))))));
    const events = await writers[0]!.reader.events.after(0, 100);
    expect(events).toHaveLength(12);
    expect(new Set(events.map((e) => e.subjectId)).size).toBe(12);
    for (let i = 1; i < events.length; i++) expect(events[i]!.seq).toBeGreaterThan(events[i - 1]!.seq);
    await Promise.all(writers.map((w) => w.close()));
  });

  it('writers in several processes commit the same volume, the same product and new days at once without errors', async () => {
    const url = await server().createDatabase('writers');
    const writers = await Promise.all([openPostgresCatalog(url), openPostgresCatalog(url), openPostgresCatalog(url)]);
    const t = Date.UTC(2022, 2, 17, 6);
    const day = 86_400_000;
    // The day's partitions exist already, so the same-volume and same-product commits do not queue
    // behind a partition's creation but race each other.
    await writers[0]!.writer.radar.commitVolume(makeVolume({ site: 'KAMX', start: t }));
    await writers[0]!.writer.products.commit(makeProduct({ site: 'KAMX', mnemonic: 'N0B', code: 153, scanTime: t }));
    await Promise.all(
      writers.flatMap((w, i) => [
        // One volume from three files (mirrors), one product from three files.
        ...[0, 1, 2].map((k) => w.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: t, key: `mirror-${i}-${k}`, fingerprint: `"m${i}${k}"` }))),
        ...[0, 1, 2].map((k) => w.writer.products.commit(makeProduct({ site: 'KTLX', mnemonic: 'N0B', code: 153, scanTime: t, key: `p-${i}-${k}` }))),
        // Each writer opens new days (partitions) while the others write.
        ...[1, 2, 3, 4].map((d) => w.writer.radar.commitVolume(makeVolume({ site: (['KLOT', 'KTLX', 'KAMX'] as const)[i]!, start: t + d * day }))),
        w.writer.gnss.commitDays(makeGnssDays(`ST0${i}`, [19_000 + i, 19_001 + i, 19_002 + i])),
      ]),
    );
    const c = writers[0]!;
    expect((await c.reader.radar.volumes({}, { first: 0 })).totalCount).toBe(14);
    expect((await c.reader.radar.sweeps({ volumeId: makeVolume({ site: 'KLOT', start: t }).volume.id }, { first: 0 })).totalCount).toBe(9);
    expect((await c.reader.radar.sweeps({}, { first: 0 })).totalCount).toBe(14 * 9);
    expect((await c.reader.products.list({}, { first: 0 })).totalCount).toBe(2);
    expect((await c.reader.gnss.stations()).map((s) => s.dayCount)).toEqual([3, 3, 3]);
    await Promise.all(writers.map((w) => w.close()));
  });

  it('a commit that opens a new day while another holds the table never deadlocks: the partition is made outside both', async () => {
    const url = await server().createDatabase('newday');
    const [a, b] = await Promise.all([openPostgresCatalog(url), openPostgresCatalog(url)]);
    const deadlocks = async () => Number((await query<{ n: string }>(url, 'SELECT deadlocks AS n FROM pg_stat_database WHERE datname = current_database()'))[0]!.n);
    const before = await deadlocks();
    const t = Date.UTC(2022, 2, 17, 6);
    const [va, vb] = [makeVolume({ site: 'KLOT', start: t }), makeVolume({ site: 'KTLX', start: t })];
    // As ingest commits: the volume's old objects are read first (a share lock on sweeps), then its
    // rows written. `a` holds that lock while `b` needs the day's partition, then needs it too:
    // when `b` created it inside its commit (holding the creation lock, waiting for `a`'s share
    // lock), this deadlocked, and three workers on a new day deadlocked on every retry.
    let aHasRead!: () => void;
    const aRead = new Promise<void>((r) => (aHasRead = r));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const first = a.writer.retention.commitDoomingReplaced('level2', va.volume.id, t, async (writer) => {
      aHasRead();
      await gate;
      await writer.radar.commitVolume(va);
    });
    await aRead;
    const second = b.writer.retention.commitDoomingReplaced('level2', vb.volume.id, t, (writer) => writer.radar.commitVolume(vb));
    await new Promise((r) => setTimeout(r, 300));
    release();
    await Promise.all([first, second]);
    expect((await a.reader.radar.sweeps({}, { first: 0 })).totalCount).toBe(18);
    await Promise.all([a.close(), b.close()]);
    // A backend reports its deadlocks when it ends.
    await new Promise((r) => setTimeout(r, 500));
    expect(await deadlocks()).toBe(before);
  });

  it('a partition another process dropped is created again: the commit that finds it gone runs again and goes through', async () => {
    const url = await server().createDatabase('dropped');
    const [ingest, cleaner] = await Promise.all([openPostgresCatalog(url), openPostgresCatalog(url)]);
    const t = Date.UTC(2022, 2, 17, 6);
    await ingest.writer.radar.commitVolume(makeVolume({ site: 'KLOT', start: t }));
    await ingest.writer.radar.commitVolume(makeVolume({ site: 'KTLX', start: t })); // the day's partition now known to this process
    expect(await cleaner.writer.retention.doomOlderThan(t + 86_400_000, 1)).toMatchObject({ volumes: 2 });
    const late = makeVolume({ site: 'KAMX', start: t });
    await ingest.writer.radar.commitVolume(late);
    expect((await ingest.reader.radar.sweeps({}, { first: 0 })).totalCount).toBe(9);
    await Promise.all([ingest.close(), cleaner.close()]);
  });

  it('a commit whose day partition is dropped again each time it is made gives up with a typed error naming it, and writes nothing', async () => {
    const url = await server().createDatabase('vanishing');
    const ingest = await openPostgresCatalog(url);
    const t = Date.UTC(2022, 2, 17, 6);
    const volume = makeVolume({ site: 'KLOT', start: t });
    let attempts = 0;
    // The hook: before each attempt of the commit, another connection drops the day's partition
    // (as retention in another process would), so the partition the last retry made is gone again.
    const error = await rejection(
      ingest.writer.transaction(async (tx) => {
        attempts++;
        await query(url, 'DROP TABLE IF EXISTS sweeps_d19068');
        await tx.writer.radar.commitVolume(volume);
      }),
    );
    expect(error.code).toBe('SOURCE_UNAVAILABLE');
    expect(error.message).toMatch(/the day partition\(s\) sweeps_d19068 \(2022-03-17\) this commit writes into were created 3 times and were dropped again each time/);
    expect(error.message).toMatch(/nothing was written.*retention \(retention\.olderThan\).*then ingest the file again/);
    expect(attempts).toBe(4);
    expect((await ingest.reader.radar.volumes({}, { first: 0 })).totalCount).toBe(0);
    // Once nothing drops it, the same commit goes through.
    await ingest.writer.radar.commitVolume(volume);
    expect((await ingest.reader.radar.sweeps({}, { first: 0 })).totalCount).toBe(9);
    await ingest.close();
  });

  it('a worker process killed with kill -9 keeps its file claims only until their leases run out; another worker then takes the files', async () => {
    const url = await server().createDatabase('claims');
    await (await openPostgresCatalog(url)).close();
    // The worker: the compiled catalog (the global setup builds dist/), claims 5 files for 3 s, then idles until killed.
    const catalogModule = pathToFileURL(join(repoRoot, 'dist', 'store', 'catalog', 'index.js')).href;
    const code = `const { openCatalog } = await import(${JSON.stringify(catalogModule)});
      const c = await openCatalog(process.argv[1]);
      for (let i = 0; i < 5; i++) if (!(await c.writer.ingest.claimFile('level2', 'f' + i, 'e', 'doomed', 3000))) throw new Error('no claim');
      console.log('CLAIMED');
      setInterval(() => {}, 1000);`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', code, url], { stdio: ['ignore', 'pipe', 'inherit'] });
    const exited = once(child, 'exit');
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('CLAIMED') && resolve());
      child.once('exit', (code) => reject(new Error(`worker exited (${code}) before claiming`)));
    });
    child.kill('SIGKILL');
    await exited;
    const survivor = await openPostgresCatalog(url);
    try {
      const claimAll = () => Promise.all([0, 1, 2, 3, 4].map((i) => survivor.writer.ingest.claimFile('level2', `f${i}`, 'e', 'survivor', 60_000)));
      expect(await claimAll()).toEqual([false, false, false, false, false]);
      await new Promise((r) => setTimeout(r, 3200));
      expect(await claimAll()).toEqual([true, true, true, true, true]);
    } finally {
      await survivor.close();
    }
  });

  it('the scheduler lock: one holder at a time; another takes it once the holder closes', async () => {
    const url = await server().createDatabase('scheduler');
    const [a, b] = await Promise.all([openPostgresCatalog(url), openPostgresCatalog(url)]);
    try {
      const [ha, hb] = await Promise.all([a.holdScheduler(), b.holdScheduler()]);
      expect([ha, hb].filter(Boolean)).toHaveLength(1);
      const [holder, other] = ha ? [a, b] : [b, a];
      expect(await holder.holdScheduler()).toBe(true);
      expect(await other.holdScheduler()).toBe(false);
      await holder.close();
      expect(await other.holdScheduler()).toBe(true);
      await other.close();
    } catch (e) {
      await Promise.all([a.close(), b.close()]).catch(() => {});
      throw e;
    }
  });
});
