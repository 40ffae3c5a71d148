// Crash safety of `radome ingest run` with real processes: a backlog of 30 real-derived Level 2
// volumes on an S3 server; the daemon is killed with SIGKILL at random moments 10 times and
// restarted each time. The final catalog and object store must equal those of an uninterrupted
// run: nothing lost, nothing twice, no row without its object, no object without its row.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { runRadome } from '../e2e/radome-process.js';
import { daemonEnv, query, shiftedVolume, snapshot, startDaemon, volumeCount, waitFor, type DaemonEnv } from './harness.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

const BUCKET = 'level2-backlog';
const FILES = 30;
const objectsUrl = (dataDir: string) => `file:${join(dataDir, 'objects')}`;

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

  const untilAllIngested = (dataDir: string, logs: () => string) =>
    waitFor(
      () => volumeCount(dataDir) === FILES && query<{ backlog: number }>(dataDir, "SELECT backlog FROM ingest_sources WHERE name = 'level2'")[0]?.backlog === 0,
      120_000,
      () => `${FILES} volumes (have ${volumeCount(dataDir)})\n${logs().slice(-3000)}`,
    );

  it('ends with the same catalog and objects as an uninterrupted run', async () => {
    const reference = daemonEnv(s3.endpoint, BUCKET, objectsUrl);
    dirs.push(reference);
    const straight = startDaemon(reference.env);
    await untilAllIngested(reference.dataDir, straight.logs);
    expect(await straight.stop(), straight.logs().slice(-3000)).toBe(0);
    expect(straight.logs()).toMatch(/ingest daemon stopped/);

    const crashed = daemonEnv(s3.endpoint, BUCKET, objectsUrl);
    dirs.push(crashed);
    const progress: number[] = [];
    for (let i = 0; i < 10; i++) {
      const daemon = startDaemon(crashed.env);
      await new Promise((r) => setTimeout(r, 700 + Math.random() * 1500));
      await daemon.kill();
      progress.push(volumeCount(crashed.dataDir));
    }
    // The kills landed while work was in progress, not all after the end.
    expect(progress[0]).toBeLessThan(FILES);
    const last = startDaemon(crashed.env);
    await untilAllIngested(crashed.dataDir, last.logs);
    // The killed runs may have ingested everything already: let this one start (and handle
    // SIGTERM) before stopping it, or the signal lands while Node is still loading.
    await waitFor(
      () => /pass done/.test(last.logs()),
      60_000,
      () => `a finished pass in:\n${last.logs()}`,
    );
    expect(await last.stop(), last.logs().slice(-3000)).toBe(0);

    const want = await snapshot(reference.dataDir, objectsUrl(reference.dataDir));
    const got = await snapshot(crashed.dataDir, objectsUrl(crashed.dataDir));
    expect(want.volumes).toHaveLength(FILES);
    expect(want.sweeps.length).toBeGreaterThan(FILES);
    expect(want.missingObjects).toEqual([]);
    expect(want.orphanObjects).toEqual([]);
    expect(got.missingObjects).toEqual([]);
    expect(got.orphanObjects).toEqual([]);
    expect(got.volumes).toEqual(want.volumes);
    expect(got.sweeps).toEqual(want.sweeps);
    expect(got.sourceFiles).toEqual(want.sourceFiles);
    expect(got.objects).toEqual(want.objects);
    expect(query(crashed.dataDir, 'SELECT * FROM ingest_failures')).toEqual([]);
  }, 240_000);

  it('backfills a window from the command line with progress logs (no terminal)', async () => {
    const d = daemonEnv(s3.endpoint, BUCKET, objectsUrl);
    dirs.push(d);
    const from = new Date(base).toISOString();
    const to = new Date(base + 5 * 6 * 60_000).toISOString();
    const r = await runRadome(['ingest', 'backfill', '--source', 'level2', '--site', 'KLOT', '--from', from, '--to', to], d.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^5 ingested, 0 unchanged, 0 failed$/m);
    expect(r.stderr).toMatch(/"msg":"backfill: 5 files to ingest"/);
    expect(r.stderr).toMatch(/"msg":"backfill level2 finished: 5\/5 files, 0 failed"/);
    expect(r.stderr).not.toMatch(/\r/);
    expect(volumeCount(d.dataDir)).toBe(5);
  });
});
