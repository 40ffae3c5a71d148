// Real-time Level 2: the chunks of a real volume are uploaded one by one, with delays, in the
// public chunks bucket layout; `radome ingest run` follows them. Each sweep must be queryable
// within 10 s of its last chunk, and the closed volume must equal the ingest of the archived file
// (the same chunks concatenated).
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decompressRecord, Level2Assembler, splitArchiveIIRecords, splitLdmRecords } from '../../ingest/decode/level2/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { runRadome } from '../e2e/radome-process.js';
import { daemonEnv, query, snapshot, startDaemon, waitFor, type DaemonEnv } from './harness.js';

const REL = 'nexrad/level2-chunks/KLOT-20260811-225858';
const dir = sampleFile(REL);
if (!dir) console.warn(skipReason(REL));

const BUCKET = 'level2-chunks';
const DELAY_MS = 250;
const objectsUrl = (dataDir: string) => `file:${join(dataDir, 'objects')}`;

describe.skipIf(!dir)('ingest daemon: real-time Level 2 chunks', () => {
  let s3: S3TestServer;
  const runs: DaemonEnv[] = [];
  let chunks: { name: string; bytes: Buffer }[];
  /** Elevation numbers each chunk completes (found by feeding the chunks to the assembler here). */
  let completes: number[][];

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [BUCKET] });
    chunks = readdirSync(dir!)
      .sort()
      .map((name) => ({ name, bytes: readFileSync(join(dir!, name)) }));
    const start = splitArchiveIIRecords(chunks[0]!.bytes);
    const assembler = new Level2Assembler(start.header);
    for (const r of start.records) assembler.push(decompressRecord(r));
    let done = new Set<number>();
    completes = [[]];
    for (const c of chunks.slice(1)) {
      for (const r of splitLdmRecords(c.bytes).records) assembler.push(decompressRecord(r));
      const now = assembler.progress().completeCuts;
      completes.push(now.filter((n) => !done.has(n)));
      done = new Set(now);
    }
  });

  afterAll(async () => {
    await s3?.stop();
    for (const r of runs) rmSync(r.dataDir, { recursive: true, force: true });
  });

  it('makes each sweep queryable within 10 s of its last chunk and closes the volume as the archived file', async () => {
    const live = await daemonEnv(
      s3.endpoint,
      BUCKET,
      objectsUrl,
      {
        sources: { level2: { enabled: false }, level2Chunks: { enabled: true, sites: ['KLOT'], every: 'PT1S', window: 'P365D', bucket: BUCKET } },
      },
      { RADOME_LEVEL2_CHUNKS_ENDPOINT: s3.endpoint },
    );
    runs.push(live);
    const daemon = startDaemon(live.env);
    const client = s3TestClient(s3.endpoint);
    const visibleAt = new Map<number, number>();
    const seenAt = new Map<number, number>();
    let uploading = true;
    const watcher = (async () => {
      while (uploading || seenAt.size < visibleAt.size) {
        const rows = await query<{ e: number }>(live.catalog, 'SELECT DISTINCT elevation_number AS e FROM sweeps');
        for (const { e } of rows) if (!seenAt.has(e)) seenAt.set(e, Date.now());
        if (!uploading && Date.now() - Math.max(...visibleAt.values()) > 15_000) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    try {
      // Let the daemon start listening before the first chunk.
      await waitFor(
        () => /ingest daemon running/.test(daemon.logs()),
        20_000,
        () => daemon.logs(),
      );
      for (const [i, c] of chunks.entries()) {
        await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: `KLOT/417/${c.name}`, Body: c.bytes }));
        for (const e of completes[i]!) visibleAt.set(e, Date.now());
        await new Promise((r) => setTimeout(r, DELAY_MS));
      }
      uploading = false;
      await watcher;
      await waitFor(
        async () => (await query(live.catalog, "SELECT 1 FROM source_files WHERE fingerprint = 'closed'")).length === 1,
        20_000,
        () => `the volume to close\n${daemon.logs().slice(-3000)}`,
      );
    } finally {
      uploading = false;
      client.destroy();
      expect(await daemon.stop(), daemon.logs().slice(-3000)).toBe(0);
    }
    expect(visibleAt.size).toBe(16);
    const lags = [...visibleAt].map(([e, t]) => ({ e, lagMs: (seenAt.get(e) ?? Infinity) - t }));
    console.log(`sweep lag after its last chunk (ms): ${lags.map((l) => `e${l.e}:${l.lagMs}`).join(' ')}`);
    for (const l of lags) expect(l.lagMs, `elevation ${l.e}`).toBeLessThanOrEqual(10_000);
    // Sweeps appeared one cut at a time, not all at the close.
    expect(new Set(seenAt.values()).size).toBeGreaterThan(4);

    // The archived file: the same chunks concatenated, ingested as a file.
    const archived = await daemonEnv(s3.endpoint, BUCKET, objectsUrl);
    runs.push(archived);
    const file = join(archived.dataDir, 'TORD20260811_225858_V08');
    writeFileSync(file, Buffer.concat(chunks.map((c) => c.bytes)));
    const ingest = await runRadome(['ingest', 'files', file], archived.env);
    expect(ingest.code, ingest.stderr).toBe(0);

    const want = await snapshot(archived.catalog, objectsUrl(archived.dataDir));
    const got = await snapshot(live.catalog, objectsUrl(live.dataDir));
    const volumeFacts = (v: unknown) => {
      const { source: _s, source_key: _k, source_fingerprint: _f, ...rest } = v as Record<string, unknown>;
      return rest;
    };
    expect(got.volumes.map(volumeFacts)).toEqual(want.volumes.map(volumeFacts));
    expect((got.volumes[0] as { sweep_count: number }).sweep_count).toBe(46);
    expect(got.sweeps).toEqual(want.sweeps);
    expect(got.objects).toEqual(want.objects);
    expect(got.missingObjects).toEqual([]);
    expect(got.orphanObjects).toEqual([]);
    // One source-file record per closed volume (the "open" one is gone).
    expect(await query(live.catalog, 'SELECT key, fingerprint FROM source_files')).toEqual([{ key: 'KLOT/417/20260811-225858', fingerprint: 'closed' }]);
  }, 120_000);
});
