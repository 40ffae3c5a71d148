// Corrupt and truncated Level 2 files among good ones, ingested by `radome ingest run`: the good
// ones land, the bad ones are quarantined at once with their reasons, which `radome serve` shows
// through ingestStatus; the admin mutations need the bearer token and the daemon obeys them.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { splitArchiveIIRecords } from '../../ingest/decode/level2/index.js';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { openObjectStore } from '../../store/objects/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { startRadome, type RadomeServerProcess } from '../e2e/radome-process.js';
import { daemonEnv, query, shiftedVolume, startDaemon, volumeCount, waitFor, type DaemonEnv, type DaemonProcess } from './harness.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

const BUCKET = 'level2-bad';
const TOKEN = 'test-admin-token-0123456789';

describe.skipIf(!samplePath)('ingest daemon: bad files among good ones', () => {
  let s3: S3TestServer;
  let run: DaemonEnv;
  let daemon: DaemonProcess;
  let server: RadomeServerProcess;
  const bad: Record<string, string> = {};
  const objectsUrl = (dataDir: string) => `file:${join(dataDir, 'objects')}`;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    const real = readFileSync(samplePath!);
    const { offsets } = splitArchiveIIRecords(real);
    const client = s3TestClient(s3.endpoint);
    const base = Math.floor(Date.now() / 60_000) * 60_000 - 2 * 3_600_000;
    const put = (i: number, body: Uint8Array) => {
      const key = level2KeyFor('KLOT', base + i * 6 * 60_000);
      return client.send(new PutObjectCommand({ Bucket: BUCKET, Key: key, Body: body })).then(() => key);
    };
    for (let i = 0; i < 4; i++) await put(i * 2, shiftedVolume(real, base + i * 12 * 60_000, 12));
    const garbage = Uint8Array.from({ length: 4000 }, (_, i) => (i * 7919 + 13) % 251);
    const corrupt = shiftedVolume(real, base + 60_000, 12);
    corrupt.set(garbage.subarray(0, 3000), offsets[3]! + 4);
    bad.corrupt = await put(1, corrupt);
    bad.truncated = await put(3, shiftedVolume(real, base + 3 * 60_000, 12).subarray(0, offsets[5]! + 5000));
    bad.random = await put(5, garbage);
    client.destroy();
    run = await daemonEnv(s3.endpoint, BUCKET, objectsUrl, {}, { RADOME_ADMIN_TOKEN: TOKEN });
    daemon = startDaemon(run.env);
    await waitFor(
      async () => (await volumeCount(run.catalog)) === 4 && (await query(run.catalog, 'SELECT 1 FROM ingest_failures')).length === 3,
      90_000,
      () => `4 volumes and 3 failures\n${daemon.logs().slice(-3000)}`,
    );
    server = await startRadome('serve', run.env);
  });

  afterAll(async () => {
    await server?.stop();
    await daemon?.stop();
    await s3?.stop();
    if (run) rmSync(run.dataDir, { recursive: true, force: true });
  });

  const graphql = async (query: string, variables: Record<string, unknown> = {}, token?: string) => {
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as { data?: Record<string, any>; errors?: { message: string; extensions?: { code?: string } }[] };
  };

  it('ingests the good files and quarantines the bad ones at once, with reasons in ingestStatus', async () => {
    const statusQuery = `{ ingestStatus {
      adminView failedFiles quarantinedFiles
      sources { name paused ingestedCount failedCount lastError lastRunAt }
      failures { source key attempts errorCode errorMessage quarantineKey }
    } }`;
    // The public sees counts only; the failures and messages need the admin token.
    const pub = await graphql(statusQuery);
    expect(pub.errors).toBeUndefined();
    expect(pub.data!.ingestStatus).toMatchObject({ adminView: false, failedFiles: 3, quarantinedFiles: 3, failures: null });
    expect(pub.data!.ingestStatus.sources.find((s: { name: string }) => s.name === 'level2')).toMatchObject({ failedCount: 3, lastError: null });
    const { data, errors } = await graphql(statusQuery, {}, TOKEN);
    expect(errors).toBeUndefined();
    expect(data!.ingestStatus.adminView).toBe(true);
    const failures = data!.ingestStatus.failures as { key: string; attempts: number; errorCode: string; errorMessage: string; quarantineKey: string }[];
    expect(failures.map((f) => f.key).sort()).toEqual(Object.values(bad).sort());
    const byKey = Object.fromEntries(failures.map((f) => [f.key, f]));
    expect(byKey[bad.random!]!.errorCode).toBe('UNRECOGNIZED');
    expect(byKey[bad.truncated!]!.errorCode).toBe('TRUNCATED');
    expect(['CORRUPT', 'TRUNCATED']).toContain(byKey[bad.corrupt!]!.errorCode);
    const store = openObjectStore(objectsUrl(run.dataDir));
    for (const f of failures) {
      expect(f.attempts).toBe(1);
      expect(f.errorMessage).toContain(f.key);
      expect(f.quarantineKey).toMatch(/^quarantine\/level2_level2-bad\/2/);
      expect((await store.head(f.quarantineKey))?.size).toBeGreaterThan(0);
    }
    const level2 = (data!.ingestStatus.sources as { name: string; ingestedCount: number; failedCount: number; lastError: string }[]).find((s) => s.name === 'level2')!;
    expect(level2.ingestedCount).toBe(4);
    expect(level2.failedCount).toBe(3);
    expect(level2.lastError).toMatch(/3 file\(s\) failed/);
    // Quarantined files are not fetched again on later passes.
    await new Promise((r) => setTimeout(r, 2500));
    expect((await query<{ attempts: number }>(run.catalog, 'SELECT attempts FROM ingest_failures')).every((f) => f.attempts === 1)).toBe(true);
  });

  it('refuses the admin mutations without the bearer token (UNAUTHENTICATED)', async () => {
    for (const token of [undefined, 'wrong-token']) {
      const { data, errors } = await graphql('mutation { pauseSource(source: "level2") { paused } }', {}, token);
      expect(data?.pauseSource ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const flag = await graphql('mutation { setIngestFlag(name: "ingest.paused", value: "true") { name } }');
    expect(flag.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await query(run.catalog, 'SELECT * FROM ingest_flags')).toEqual([]);
  });

  it('pauses and resumes a source, validates flags and queues backfills for the daemon', async () => {
    const paused = await graphql('mutation { pauseSource(source: "level2") { name paused } }', {}, TOKEN);
    expect(paused.errors).toBeUndefined();
    expect(paused.data!.pauseSource).toEqual({ name: 'level2', paused: true });
    await new Promise((r) => setTimeout(r, 2500));
    const lastRun = async () => (await query<{ last_run_at: number }>(run.catalog, "SELECT last_run_at FROM ingest_sources WHERE name = 'level2'"))[0]!.last_run_at;
    const before = await lastRun();
    await new Promise((r) => setTimeout(r, 2500));
    expect(await lastRun()).toBe(before);

    const bogus = await graphql('mutation { setIngestFlag(name: "level2.bogus", value: "1") { name } }', {}, TOKEN);
    expect(bogus.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const sites = await graphql('mutation { setIngestFlag(name: "level2.sites", value: "klot, kiwx") { name value } }', {}, TOKEN);
    expect(sites.data!.setIngestFlag).toEqual({ name: 'level2.sites', value: 'KLOT,KIWX' });

    const from = new Date(Date.now() - 3 * 3_600_000).toISOString();
    const to = new Date().toISOString();
    const backfill = await graphql(`mutation($from: DateTimeISO!, $to: DateTimeISO!) { requestBackfill(source: "level2", from: $from, to: $to) { id source finishedAt } }`, { from, to }, TOKEN);
    expect(backfill.errors).toBeUndefined();
    expect(backfill.data!.requestBackfill).toMatchObject({ source: 'level2', finishedAt: null });

    const resumed = await graphql('mutation { resumeSource(source: "level2") { paused } }', {}, TOKEN);
    expect(resumed.data!.resumeSource).toEqual({ paused: false });
    await waitFor(
      async () => (await lastRun()) > before,
      10_000,
      () => 'a pass after resume',
    );
    await waitFor(
      async () => (await query<{ finished_at: number | null }>(run.catalog, 'SELECT finished_at FROM backfill_requests'))[0]?.finished_at != null,
      20_000,
      () => `the backfill to finish\n${daemon.logs().slice(-2000)}`,
    );
    const status = await graphql('{ ingestStatus { flags { name value } backfills { source finishedAt error } sources { name paused } } }');
    expect(status.data!.ingestStatus.flags).toEqual([{ name: 'level2.sites', value: 'KLOT,KIWX' }]);
    expect(status.data!.ingestStatus.backfills[0]).toMatchObject({ source: 'level2', finishedAt: expect.any(String) });
    expect(await volumeCount(run.catalog)).toBe(4);
  });
});
