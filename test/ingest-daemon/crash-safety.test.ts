// Crash safety of `radome ingest run` with real processes: a backlog of 30 real-derived Level 2
// volumes on an S3 server; the daemon is killed with SIGKILL at random moments 10 times and
// restarted each time. The final catalog and object store must equal those of an uninterrupted
// run: nothing lost, nothing twice, no row without its object, no object without its row.
// On PostgreSQL (RADOME_TEST_CATALOG=postgres, npm run test:postgres) the same backlog is also
// shared by three daemons on one catalog, one of them killed at random moments 10 times.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { runRadome } from '../e2e/radome-process.js';
import { fixturesOnPostgres } from '../support/test-catalog.js';
import { daemonEnv, expectSameIngest, query, shiftedVolume, startDaemon, volumeCount, waitFor, type DaemonEnv } from './harness.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

const BUCKET = 'level2-backlog';
const FILES = 30;
const objectsUrl = (dataDir: string) => `file:${join(dataDir, 'objects')}`;
// On PostgreSQL a killed worker's claims keep its files from the others until the lease runs out:
// a short one (live workers renew theirs every third of it) keeps the test short.
const CLAIMS = { RADOME_INGEST_CLAIM_LEASE: 'PT12S' };
const onPostgres = fixturesOnPostgres();
if (!onPostgres) console.warn('the crash test of three daemons sharing one catalog runs on PostgreSQL only: RADOME_TEST_CATALOG=postgres (npm run test:postgres)');

describe.skipIf(!samplePath)('ingest daemon: kill -9 at random moments', () => {
  let s3: S3TestServer;
  let base: number;
  const dirs: DaemonEnv[] = [];

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    const real = readFileSync(samplePath!);
    const client = s3TestClient(s3.endpoint);
    base = Math.floor(Date.now() / 60_000) * 60_000 - 6 * 3_600_000;
    for (let i = 0; i < FILES; i++) {
      const time = base + i * 6 * 60_000;
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: level2KeyFor('KLOT', time), Body: shiftedVolume(real, time, 12) }));
    }
    client.destroy();
  });

  afterAll(async () => {
    await s3?.stop();
    for (const d of dirs) rmSync(d.dataDir, { recursive: true, force: true });
  });

  const untilAllIngested = (catalog: string, logs: () => string) =>
    waitFor(
      async () => (await volumeCount(catalog)) === FILES && (await query<{ backlog: number }>(catalog, "SELECT backlog FROM ingest_sources WHERE name = 'level2'"))[0]?.backlog === 0,
      180_000,
      async () => `${FILES} volumes (have ${await volumeCount(catalog)})\n${logs().slice(-3000)}`,
    );

  let uninterrupted: Promise<DaemonEnv> | undefined;
  /** The backlog ingested by one daemon never killed (once, for both crash tests). */
  const referenceRun = () =>
    (uninterrupted ??= (async () => {
      const reference = await daemonEnv(s3.endpoint, BUCKET, objectsUrl, {}, CLAIMS);
      dirs.push(reference);
      const straight = startDaemon(reference.env);
      await untilAllIngested(reference.catalog, straight.logs);
      expect(await straight.stop(), straight.logs().slice(-3000)).toBe(0);
      expect(straight.logs()).toMatch(/ingest daemon stopped/);
      return reference;
    })());

  it('ends with the same catalog and objects as an uninterrupted run', async () => {
    const reference = await referenceRun();
    const crashed = await daemonEnv(s3.endpoint, BUCKET, objectsUrl, {}, CLAIMS);
    dirs.push(crashed);
    const progress: number[] = [];
    for (let i = 0; i < 10; i++) {
      const daemon = startDaemon(crashed.env);
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 1500));
      await daemon.kill();
      progress.push(await volumeCount(crashed.catalog));
    }
    // The kills landed while work was in progress, not all after the end.
    expect(progress[0]).toBeLessThan(FILES);
    const last = startDaemon(crashed.env);
    await untilAllIngested(crashed.catalog, last.logs);
    // The killed runs may have ingested everything already: let this one start (and handle
    // SIGTERM) before stopping it, or the signal lands while Node is still loading.
    await waitFor(
      () => /pass done/.test(last.logs()),
      60_000,
      () => `a finished pass in:\n${last.logs()}`,
    );
    expect(await last.stop(), last.logs().slice(-3000)).toBe(0);

    await expectSameIngest(reference, crashed, objectsUrl, FILES);
  }, 600_000);

  // Registered on PostgreSQL only (the SQLite run logs why above), so CI's SQLite pass reports no skip.
  if (onPostgres) {
    it('three daemons share the backlog on one PostgreSQL catalog; one killed at random ×10, every file is ingested once', async () => {
      const reference = await referenceRun();
      const shared = await daemonEnv(s3.endpoint, BUCKET, objectsUrl, {}, CLAIMS);
      dirs.push(shared);
      const started = Date.now();
      const workers = [0, 1, 2].map(() => startDaemon(shared.env));
      const logs = () => workers.map((w, i) => `--- worker ${i}\n${w.logs().slice(-1500)}`).join('\n');
      const progress: number[] = [];
      // The kills land while files are in progress: from the first commit on, on a worker that has started.
      await waitFor(
        async () => (await volumeCount(shared.catalog)) > 0,
        120_000,
        () => `a first volume:\n${logs()}`,
      );
      for (let i = 0; i < 10; i++) {
        await new Promise((r) => setTimeout(r, 700 + Math.random() * 1500));
        const running = workers.flatMap((w, j) => (/ingest daemon running/.test(w.logs()) ? [j] : []));
        const victim = running.length ? running[Math.floor(Math.random() * running.length)]! : Math.floor(Math.random() * workers.length);
        await workers[victim]!.kill();
        progress.push(await volumeCount(shared.catalog));
        workers[victim] = startDaemon(shared.env);
      }
      expect(progress[0]).toBeLessThan(FILES);
      await untilAllIngested(shared.catalog, logs);
      console.log(`three workers, ${FILES} files, 10 kills: all ingested ${((Date.now() - started) / 1000).toFixed(1)} s after the first start; volumes after each kill: ${progress.join(' ')}`);
      // Only one daemon lists at a time; whichever holds the role, the queue ends empty.
      await waitFor(
        () => workers.every((w) => /scheduler: /.test(w.logs())),
        60_000,
        () => `every worker running:\n${logs()}`,
      );
      for (const w of workers) expect(await w.stop(), w.logs().slice(-3000)).toBe(0);
      expect(await query(shared.catalog, 'SELECT * FROM ingest_queue')).toEqual([]);
      expect(await query(shared.catalog, 'SELECT * FROM file_claims')).toEqual([]);
      await expectSameIngest(reference, shared, objectsUrl, FILES);
    }, 600_000);
  }

  it('backfills a window from the command line with progress logs (no terminal)', async () => {
    const d = await daemonEnv(s3.endpoint, BUCKET, objectsUrl);
    dirs.push(d);
    const from = new Date(base).toISOString();
    const to = new Date(base + 5 * 6 * 60_000).toISOString();
    const r = await runRadome(['ingest', 'backfill', '--source', 'level2', '--site', 'KLOT', '--from', from, '--to', to], d.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^5 ingested, 0 unchanged, 0 failed$/m);
    expect(r.stderr).toMatch(/"msg":"backfill: 5 files to ingest"/);
    expect(r.stderr).toMatch(/"msg":"backfill level2 finished: 5\/5 files, 0 failed"/);
    expect(r.stderr).not.toMatch(/\r/);
    expect(await volumeCount(d.catalog)).toBe(5);
  });
});
