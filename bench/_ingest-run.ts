/**
 * One timed run of bench/ingest.ts, in a process of its own as a daemon runs in one, so its peak
 * RSS is that of an ingest process (not of a bench that has started and ended many pools: their
 * threads' freed memory stays with the process) and no run inherits another's state.
 * `node dist/bench/_ingest-run.js <backlog> <work folder> <threads> <render size> <downloads>`:
 * warms up, ingests the backlog's level2/ and level3/ folders as two sources at once (as the daemon
 * runs its sources) and prints `RESULT <json>` (a RunResult).
 */
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { ingestAll } from '../ingest/ingest-all.js';
import type { IngestContext } from '../ingest/ingest-object.js';
import { createPlanPool } from '../ingest/plan-pool.js';
import { LocalFileSource } from '../ingest/sources/local-folder.js';
import type { SourceObject } from '../ingest/sources/types.js';
import { openCatalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/index.js';
import { cpuDelta, startLibuvPool, threadCpuSeconds } from './harness.js';

export interface RunResult {
  seconds: number;
  /** CPU seconds of the whole process (every thread), so lost parallelism shows apart from extra work. */
  cpuSeconds: number;
  /** CPU seconds by kind of thread (main: reads, object writes, commits; worker; other), where Linux tells. */
  threadCpu: Record<string, number>;
  ingested: number;
  failed: number;
  /** The process's peak RSS (warm-up included), MB. */
  peakMb: number;
}

/**
 * Level 2 volumes per thread before the timing, with Level 3 products in the backlog's proportion.
 * A thread's code runs ~20 % slower, and V8 keeps compiling on its background threads, until it
 * has planned 10–20 volumes (`--trace-opt`: the renderer's hot functions are first optimised
 * after 10), so the warm-up stands for a daemon that has been running.
 */
const WARM_VOLUMES_PER_THREAD = 16;

const [backlog, work, threadsArg, renderArg, downloadsArg] = process.argv.slice(2);
if (!backlog || !work) throw new Error('usage: _ingest-run.js <backlog> <work folder> <threads> <render size> <downloads>');
const threads = Number(threadsArg);
const renderSize = Number(renderArg);
const downloads = Number(downloadsArg);

await startLibuvPool();
const pool = createPlanPool(threads);
const source = new LocalFileSource();
const list = (dir: string, count = Infinity): AsyncIterable<SourceObject> => {
  const folder = join(backlog, dir);
  return source.list(
    readdirSync(folder)
      .sort()
      .slice(0, count)
      .map((name) => join(folder, name)),
  );
};

/** Ingests Level 2 and Level 3 files at once into a new catalog and store under `dir`, as the daemon's two sources. */
async function ingestBoth(dir: string, volumes?: number, products?: number) {
  mkdirSync(dir, { recursive: true });
  const catalog = await openCatalog(join(dir, 'catalog.db'));
  try {
    const ctx: IngestContext = { catalog, objects: new FileObjectStore(join(dir, 'objects')), renderSize, log: pino({ level: 'silent' }), planFile: pool.planFile };
    const run = (files: AsyncIterable<SourceObject>) => ingestAll(ctx, source, files, { concurrency: downloads, keepOutcomes: false });
    const summaries = await Promise.all([run(list('level2', volumes)), run(list('level3', products))]);
    return { ingested: summaries.reduce((n, s) => n + s.ingested, 0), failed: summaries.reduce((n, s) => n + s.failed, 0) };
  } finally {
    await catalog.close();
  }
}

try {
  // Warm-up through the same path (threads and the main thread's code), into its own catalog.
  const volumes = readdirSync(join(backlog, 'level2')).length;
  const warmVolumes = WARM_VOLUMES_PER_THREAD * threads;
  const warmProducts = volumes ? Math.round((warmVolumes * readdirSync(join(backlog, 'level3')).length) / volumes) : 300 * threads;
  await ingestBoth(join(work, 'warm-up'), warmVolumes, warmProducts);

  const cpu0 = process.cpuUsage();
  const threads0 = threadCpuSeconds();
  const t0 = performance.now();
  const { ingested, failed } = await ingestBoth(join(work, 'timed'));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const threadCpu = cpuDelta(threads0, threadCpuSeconds());
  const result: RunResult = { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, threadCpu, ingested, failed, peakMb: (process.resourceUsage().maxRSS * 1024) / 1e6 };
  console.log(`RESULT ${JSON.stringify(result)}`);
} finally {
  await pool.close();
}
