import { RadomeError, type RadomeErrorCode } from '../core/errors.js';
import { gnssIngestPlanOf } from './gnss/plan.js';
import { level2IngestPlanOf } from './level2/plan.js';
import { level3IngestPlanOf } from './level3/plan.js';
import type { IngestPlan, PlanOptions } from './plan-types.js';
import type { PlanFileResult, PlanFileTask } from './plan-worker.js';
import type { SourceObject } from './sources/types.js';
import { startWorkerPool } from './worker-pool.js';

export interface PlanPool {
  /** An IngestContext.planFile that decodes, renders and plans files on the pool's threads. */
  planFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<IngestPlan>;
  readonly threads: number;
  close(): Promise<void>;
}

/**
 * Worker threads for the CPU-bound part of ingest (decompress, decode, render, encode); the
 * calling thread keeps the I/O and the catalog commits (SQLite has one writer). Tasks queue
 * inside the pool; callers bound how many files they hold at once (ingestAll's concurrency).
 */
export function createPlanPool(threads: number): PlanPool {
  // Two tasks per thread: a thread that finishes one starts the next at once, even while the
  // main thread is busy writing objects and rows (it hands out tasks only between its own jobs).
  const pool = startWorkerPool<PlanFileTask, PlanFileResult>('./plan-worker.js', import.meta.url, threads, { tasksPerThread: 2 });
  return {
    threads,
    async planFile(bytes, object, options) {
      const result = await pool.run({ bytes, object, options });
      switch (result.kind) {
        case 'error':
          throw new RadomeError(result.code as RadomeErrorCode, result.message);
        case 'level2':
          return level2IngestPlanOf(result.plan);
        case 'level3':
          return level3IngestPlanOf(result.plan);
        case 'gnss':
          return gnssIngestPlanOf(result.plan);
      }
    },
    close: () => pool.close(),
  };
}
