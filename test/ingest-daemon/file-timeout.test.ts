// Issue 18, item 3: a file that would never finish planning. The pool's watchdog ends its thread
// at the file's time limit (counted from when the thread starts it), the file fails with TIMEOUT
// and is quarantined, a new thread replaces the old, and ingest goes on with the next file: also
// a file that was queued on the ended thread, planned again from a fresh fetch.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import { createPlanPool } from '../../ingest/plan-pool.js';
import { openCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { MemorySource } from '../support/memory-source.js';
import { testCatalogLocation } from '../support/test-catalog.js';

const spinning = new URL('../fixtures/spinning-plan-worker.mjs', import.meta.url);
const LIMIT_MS = 1500;
const options = { renderSize: 64, ingestedAt: 0 };
const rinex = (seed: number) => writeRinexObs({ ...syntheticObsSpec({ version: 3, epochs: 20, seed }), markerName: `ST0${seed}` });

describe('per-file time limit', () => {
  const dir = mkdtempSync(join(tmpdir(), 'radome-file-timeout-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ends the thread of a file over its limit with TIMEOUT; the pool then plans the next file on a new thread', async () => {
    const pool = createPlanPool(1, { fileTimeoutMs: LIMIT_MS, workerModule: spinning });
    try {
      const object = (key: string) => ({ source: 'test', key, size: 1, fingerprint: key });
      const started = Date.now();
      const outcome = await pool.planFile(rinex(1), object('spin.rnx'), options);
      const took = Date.now() - started;
      expect('error' in outcome && outcome.error.toJSON()).toMatchObject({ code: 'TIMEOUT', file: 'spin.rnx', message: expect.stringMatching(/longer than 1500 ms/) });
      // Moved to the thread that was ended: gone, to be fetched again for the quarantine.
      expect('error' in outcome && outcome.bytes).toBeNull();
      expect(took).toBeGreaterThanOrEqual(LIMIT_MS);
      expect(took).toBeLessThan(LIMIT_MS + 5000);
      const next = await pool.planFile(rinex(2), object('next.rnx'), options);
      expect('plan' in next && next.plan.kind).toBe('gnss');
    } finally {
      await pool.close();
    }
  });

  it('counts the limit from when a thread starts the file, not from when it was queued', async () => {
    const pool = createPlanPool(1, { fileTimeoutMs: LIMIT_MS, workerModule: spinning });
    try {
      const object = (key: string) => ({ source: 'test', key, size: 1, fingerprint: key });
      // One thread: the spinning file waits for a file that keeps it busy for most of the limit.
      const submitted = Date.now();
      const [busy, spin] = await Promise.all([
        pool.planFile(rinex(1), object('busy-1000.rnx'), options).then(
          (o) => ('plan' in o ? 'planned' : o.error.code),
          () => 'thread ended',
        ),
        pool.planFile(rinex(2), object('spin.rnx'), options),
      ]);
      // The busy file finished within its limit, so it is never blamed: it planned, or its result was
      // still waiting behind the spinning file when that thread was ended (a piscina thread sends a
      // result once its next task yields), and ingestObject plans it again.
      expect(['planned', 'thread ended']).toContain(busy);
      expect('error' in spin && spin.error.code).toBe('TIMEOUT');
      expect(Date.now() - submitted).toBeGreaterThanOrEqual(1000 + LIMIT_MS);
    } finally {
      await pool.close();
    }
  });

  it('ingest goes on: the spinning file fails with TIMEOUT and is quarantined whole, the files after it (one queued on the same thread) are ingested', async () => {
    const catalog = await openCatalog(await testCatalogLocation(join(dir, 'catalog.db')));
    const objects = new FileObjectStore(join(dir, 'objects'));
    const pool = createPlanPool(1, { fileTimeoutMs: LIMIT_MS, workerModule: spinning });
    try {
      const source = new MemorySource();
      for (const [key, bytes] of [
        ['a-spin.rnx', rinex(1)],
        ['b.rnx', rinex(2)],
        ['c.rnx', rinex(3)],
      ] as const)
        source.files.set(key, bytes);
      const logged: string[] = [];
      const log = pino({ level: 'warn' }, { write: (line: string) => logged.push(JSON.parse(line).msg) });
      const ctx = { catalog, objects, renderSize: 64, log, planFile: pool.planFile, maxAttempts: 5, retry: { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 } };
      // A warm thread takes two files at once (the pool's tasksPerThread), so b.rnx waits on the spinning thread.
      await pool.planFile(rinex(4), { source: 'test', key: 'warm.rnx', size: 1, fingerprint: 'w' }, options);
      async function* listing() {
        for (const key of [...source.files.keys()].sort()) yield source.object(key);
      }
      const started = Date.now();
      // Two files in flight, as the daemon's downloads: b.rnx is queued on the thread a-spin.rnx ends up spinning on.
      const summary = await ingestAll(ctx, source, listing(), { concurrency: 2 });
      expect(Date.now() - started).toBeLessThan(LIMIT_MS + 10_000);
      const byKey = new Map(summary.outcomes.map((o) => [o.object.key, o]));
      const spin = byKey.get('a-spin.rnx')!;
      expect(spin.status === 'failed' && spin.error.code).toBe('TIMEOUT');
      expect(spin.status === 'failed' && spin.quarantineKey).toBe('quarantine/memory/a-spin.rnx');
      expect((await objects.get('quarantine/memory/a-spin.rnx'))?.body).toEqual(source.files.get('a-spin.rnx'));
      expect(await catalog.reader.ingest.failureOf('memory', 'a-spin.rnx', source.object('a-spin.rnx').fingerprint)).toMatchObject({ quarantined: true });
      expect(byKey.get('b.rnx')?.status).toBe('ingested');
      expect(logged).toContain('planning failed outside the file; trying once more');
      expect(byKey.get('c.rnx')?.status).toBe('ingested');
    } finally {
      await pool.close();
      await catalog.close();
    }
  });
});

describe('ingest.fileTimeout', () => {
  it('defaults to two minutes; radome.config.json and RADOME_INGEST_FILE_TIMEOUT set it (the environment wins)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'radome-file-timeout-config-'));
    try {
      expect(loadDaemonConfig({}, dir).fileTimeoutMs).toBe(120_000);
      const file = join(dir, 'radome.config.json');
      writeFileSync(file, JSON.stringify({ ingest: { fileTimeout: 'PT30S' } }));
      expect(loadDaemonConfig({}, dir).fileTimeoutMs).toBe(30_000);
      expect(loadDaemonConfig({ RADOME_INGEST_FILE_TIMEOUT: 'PT5M' }, dir).fileTimeoutMs).toBe(300_000);
      expect(() => loadDaemonConfig({ RADOME_INGEST_FILE_TIMEOUT: '90' }, dir)).toThrow(/RADOME_INGEST_FILE_TIMEOUT=90 is not an ISO 8601 duration/);
      writeFileSync(file, JSON.stringify({ ingest: { fileTimeout: 'soon' } }));
      expect(() => loadDaemonConfig({}, dir)).toThrow(/ingest\.fileTimeout must be an ISO 8601 duration/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
