// The scheduler (listing sources) runs once across a cluster: two `radome ingest run` daemons on
// one PostgreSQL catalog, only one lists; killed with kill -9, the other takes the role over and
// lists (a file uploaded after the kill is ingested). On SQLite a daemon is its own scheduler.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { daemonEnv, shiftedVolume, startDaemon, volumeCount, waitFor, type DaemonEnv } from './harness.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

const BUCKET = 'level2-scheduler';
const LISTS = /level2 listing: /;
const SCHEDULING = /scheduler: this daemon lists the sources for the cluster/;

describe.skipIf(!samplePath)('ingest daemon: one scheduler across the cluster', () => {
  let s3: S3TestServer;
  let run: DaemonEnv;
  let real: Uint8Array;
  const base = Math.floor(Date.now() / 60_000) * 60_000 - 3_600_000;
  const upload = async (i: number) => {
    const client = s3TestClient(s3.endpoint);
    const time = base + i * 6 * 60_000;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: level2KeyFor('KLOT', time), Body: shiftedVolume(real, time, 12) }));
    client.destroy();
  };

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    real = readFileSync(samplePath!);
    for (let i = 0; i < 3; i++) await upload(i);
    run = await daemonEnv(s3.endpoint, BUCKET, (d) => `file:${join(d, 'objects')}`);
  });

  afterAll(async () => {
    await s3?.stop();
    if (run) rmSync(run.dataDir, { recursive: true, force: true });
  });

  it('only one of two daemons lists; when it is killed the other takes over at its next pass', async () => {
    const first = startDaemon(run.env);
    const second = startDaemon(run.env);
    const both = () => `--- first\n${first.logs().slice(-2000)}\n--- second\n${second.logs().slice(-2000)}`;
    try {
      await waitFor(
        async () => (await volumeCount(run.catalog)) === 3 && /scheduler: /.test(first.logs()) && /scheduler: /.test(second.logs()),
        60_000,
        () => `3 volumes and both daemons running:\n${both()}`,
      );
      // A few passes (every second) with both running: the same one lists throughout.
      await new Promise((r) => setTimeout(r, 3000));
      const [holder, standby] = SCHEDULING.test(first.logs()) ? [first, second] : [second, first];
      expect(SCHEDULING.test(standby.logs()), both()).toBe(false);
      expect(LISTS.test(holder.logs()), both()).toBe(true);
      expect(LISTS.test(standby.logs()), both()).toBe(false);

      await holder.kill();
      const killedAt = Date.now();
      await waitFor(
        () => SCHEDULING.test(standby.logs()),
        20_000,
        () => `the standby to take the scheduler role:\n${both()}`,
      );
      const takeoverMs = Date.now() - killedAt;
      console.log(`scheduler taken over ${takeoverMs} ms after kill -9 of its holder`);
      // The role is the connection's advisory lock, free as soon as the killed process's socket closes: the next pass (1 s) takes it.
      expect(takeoverMs).toBeLessThan(10_000);
      await upload(3);
      await waitFor(
        async () => (await volumeCount(run.catalog)) === 4,
        60_000,
        () => `the file uploaded after the kill, listed by the new scheduler:\n${both()}`,
      );
      expect(LISTS.test(standby.logs())).toBe(true);
      expect(await standby.stop(), standby.logs().slice(-3000)).toBe(0);
    } finally {
      await first.kill();
      await second.kill();
    }
  }, 180_000);
});
