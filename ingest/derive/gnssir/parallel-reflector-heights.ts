import { availableParallelism } from 'node:os';
import { RadomeError, type RadomeErrorCode } from '../../../core/errors.js';
import { startWorkerPool, type WorkerPool } from '../../worker-pool.js';
import type { ReflectorHeightDaysResult, ReflectorHeightDaysTask } from './reflector-height-worker.js';
import type { ReflectorHeightArc, ReflectorHeightSettings } from './reflector-heights.js';

/** Fewer days than this are computed on the caller's thread: a worker's decoding of the neighbours would not pay off. */
export const PARALLEL_MIN_DAYS = 8;
/** Runs of days per thread: several, so a thread that finishes early takes another run. */
const RUNS_PER_THREAD = 4;

let threads = availableParallelism();
let pool: WorkerPool<ReflectorHeightDaysTask, ReflectorHeightDaysResult> | null = null;

/** Threads for many-day reflector height queries (default: the available cores; below 2, none). */
export function reflectorHeightThreads(): number {
  return threads;
}

/** Sets the thread count (tests compare 0 against 2); ends the current pool. */
export async function setReflectorHeightThreads(count: number): Promise<void> {
  threads = count;
  await closeReflectorHeightPool();
}

/** Ends the threads (they also end by themselves after a minute idle, and never keep the process alive). */
export async function closeReflectorHeightPool(): Promise<void> {
  const closing = pool;
  pool = null;
  await closing?.close();
}

/**
 * Each day's arcs over worker threads (created on first use): the days are cut into runs of
 * consecutive days, and a thread decodes a run's Parquet and its two neighbours once and computes
 * every day of the run (ingest/derive/gnssir/day-arcs.ts, as the single-thread path does).
 * `bodyOf` reads a day's stored Parquet on this thread (null: none, or no geometry).
 */
export async function parallelDayArcs(
  days: readonly number[],
  bodyOf: (day: number) => Promise<{ key: string; body: Uint8Array } | null>,
  settings: ReflectorHeightSettings,
): Promise<Map<number, ReflectorHeightArc[]>> {
  pool ??= startWorkerPool<ReflectorHeightDaysTask, ReflectorHeightDaysResult>('./reflector-height-worker.js', import.meta.url, threads);
  const running = pool;
  const sorted = [...days].sort((a, b) => a - b);
  const runCount = Math.min(sorted.length, threads * RUNS_PER_THREAD);
  const runs = Array.from({ length: runCount }, (_, r) => sorted.slice(Math.floor((r * sorted.length) / runCount), Math.floor(((r + 1) * sorted.length) / runCount)));
  const results = await Promise.all(
    runs.map(async (run) => {
      const needed = [...new Set(run.flatMap((d) => [d - 1, d, d + 1]))];
      const bodies = (await Promise.all(needed.map(async (day) => ({ day, found: await bodyOf(day) })))).flatMap(({ day, found }) => (found ? [{ day, ...found }] : []));
      const result = await running.run({ days: run, bodies, settings });
      if (result.kind === 'error') throw new RadomeError(result.code as RadomeErrorCode, result.message);
      return run.map((day, k) => [day, result.arcs[k]!] as const);
    }),
  );
  return new Map(results.flat());
}
