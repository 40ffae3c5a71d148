import { availableParallelism, loadavg } from 'node:os';
import { asRadomeError } from '../core/errors.js';
import { identifyRadomeFile } from './formats/registry.js';
import { createLevel2Pool } from './level2/parallel-decode.js';
import { planArchiveIIParallel } from './level2/parallel-plan.js';
import { level2IngestPlanOf } from './level2/plan.js';
import { ingestPlanOf, planRadomeFile } from './plan-file.js';
import type { PlanOptions, PlanOutcome } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

export interface CutParallelPlanner {
  /** An IngestContext.planFile for files taken one at a time; it leaves the caller's bytes as they are. */
  planFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<PlanOutcome>;
  close(): Promise<void>;
}

/**
 * Pool threads worth starting: one per core but this one while the 1-minute load average stays
 * under the core count (it counts this process's own recent runs, so a quiet machine running
 * one ingest after another reads about 1-1.5 on 2 cores), none above it. On a busy machine a
 * thread gets no core of its own: its start-up (~140 ms CPU) and every hand-off then wait behind
 * other processes, and planning the KLOT sample on two threads took 1.5-2× the wall time of one
 * at a load of 13.
 */
function idleCoreThreads(): number {
  const cores = availableParallelism();
  return loadavg()[0]! < cores ? cores - 1 : 0;
}

/**
 * Plans one file at a time with the idle cores (`radome ingest files`): a Level 2 volume's cuts
 * are decompressed and rendered by this thread and a pool's threads together
 * (planArchiveIIParallel), other files (and every file when no core is idle) on this thread. The
 * pool's threads start now, so they load their modules while the caller lists files and opens the
 * catalog. (The daemon's plan pool instead plans whole files on each thread, which serves a
 * backlog of many files better.)
 */
export function createCutParallelPlanner(threads = idleCoreThreads()): CutParallelPlanner {
  const pool = threads > 0 ? createLevel2Pool(threads) : null;
  return {
    async planFile(bytes, object, options) {
      try {
        const { format, plain } = identifyRadomeFile(bytes);
        if (format.id === 'level2' && pool) return { plan: level2IngestPlanOf(await planArchiveIIParallel(plain, object, options, pool)) };
        return { plan: ingestPlanOf(planRadomeFile(plain, object, options)) };
      } catch (e) {
        return { error: asRadomeError(e, object.key), bytes };
      }
    },
    close: async () => pool?.close(),
  };
}
