import { availableParallelism, loadavg } from 'node:os';
import { createLevel2Pool, type Level2Pool } from './level2-pool.js';

/**
 * Pool threads worth starting: one per core but this one while the 1-minute load average stays
 * under the core count (it counts this process's own recent runs, so a quiet machine running
 * one ingest after another reads about 1-1.5 on 2 cores), none above it. On a busy machine a
 * thread gets no core of its own: its start-up (~85 ms CPU with its close, from the bundle with
 * the compile cache) and every hand-off then wait behind other processes, and planning the KLOT
 * sample on two threads took 1.5-2× the wall time of one at a load of 13.
 */
export function idleCoreThreads(): number {
  const cores = availableParallelism();
  return loadavg()[0]! < cores ? cores - 1 : 0;
}

/**
 * The Level 2 pool that plans one file's cuts with this thread (cut-parallel-planner.ts), or null
 * when no core is idle. A module of its own, light to load: `radome ingest files` starts the
 * pool before loading the rest of its code, so the threads boot while that loads.
 */
export function startCutPool(threads = idleCoreThreads()): Level2Pool | null {
  return threads > 0 ? createLevel2Pool(threads) : null;
}
