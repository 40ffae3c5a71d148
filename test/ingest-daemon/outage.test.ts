// The S3 server (source bucket and object store both) goes away for 20 s in the middle of a
// backlog: `radome ingest run` retries with backoff, finishes, and loses nothing.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { S3RVER_CREDENTIALS, s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { daemonEnv, query, shiftedVolume, snapshot, startDaemon, volumeCount, waitFor, type DaemonEnv } from './harness.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

const BUCKET = 'level2-outage';
const OBJECTS = 'radome-objects';
const FILES = 16;

describe.skipIf(!samplePath)('ingest daemon: object store and source unreachable for 20 s', () => {
  let s3: S3TestServer;
  let run: DaemonEnv;
  const objectsUrl = () => `s3://${OBJECTS}/tiles?endpoint=${s3.endpoint}&forcePathStyle=true`;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET, OBJECTS] });
    const real = readFileSync(samplePath!);
    const client = s3TestClient(s3.endpoint);
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 3 * 3_600_000;
    for (let i = 0; i < FILES; i++) {
      const time = base + i * 6 * 60_000;
      await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: level2KeyFor('KLOT', time), Body: shiftedVolume(real, time, 12) }));
    }
    client.destroy();
    for (const [k, v] of Object.entries({ AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId, AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey, AWS_REGION: 'us-east-1' })) process.env[k] = v;
  });

  afterAll(async () => {
    await s3?.stop();
    if (run) rmSync(run.dataDir, { recursive: true, force: true });
  });

  it('retries through the outage and ingests every file once', async () => {
    // One worker, one file at a time: the outage lands mid-backlog.
    run = await daemonEnv(s3.endpoint, BUCKET, objectsUrl, { ingest: { workers: 1, downloads: 1, maxAttempts: 5 } });
    const daemon = startDaemon(run.env);
    try {
      await waitFor(
        async () => (await volumeCount(run.catalog)) >= 3,
        60_000,
        () => `3 volumes\n${daemon.logs().slice(-2000)}`,
      );
      await s3.kill();
      const during = await volumeCount(run.catalog);
      await new Promise((r) => setTimeout(r, 20_000));
      // Nothing could be committed while the store was down (objects first, rows after).
      expect(await volumeCount(run.catalog)).toBeLessThanOrEqual(during + 1);
      await s3.restart();
      await waitFor(
        async () => (await volumeCount(run.catalog)) === FILES && (await query<{ backlog: number }>(run.catalog, "SELECT backlog FROM ingest_sources WHERE name = 'level2'"))[0]?.backlog === 0,
        120_000,
        async () => `${FILES} volumes (have ${await volumeCount(run.catalog)})\n${daemon.logs().slice(-3000)}`,
      );
    } finally {
      expect(await daemon.stop(), daemon.logs().slice(-3000)).toBe(0);
    }
    const logs = daemon.logs();
    expect(logs).toMatch(/retrying/);
    expect(logs).toMatch(/level2 pass: .*(cannot read|SOURCE_UNAVAILABLE|failed)/);
    const status = (await query<{ last_error: string | null; last_success_at: number | null }>(run.catalog, "SELECT last_error, last_success_at FROM ingest_sources WHERE name = 'level2'"))[0]!;
    expect(status.last_error).toBeTruthy();
    expect(status.last_success_at).toBeGreaterThan(0);
    expect(await query(run.catalog, 'SELECT * FROM ingest_failures WHERE quarantine_key IS NOT NULL')).toEqual([]);
    const snap = await snapshot(run.catalog, objectsUrl());
    expect(snap.volumes).toHaveLength(FILES);
    expect(snap.sourceFiles).toHaveLength(FILES);
    expect(snap.missingObjects).toEqual([]);
    expect(snap.orphanObjects).toEqual([]);
  }, 200_000);
});
