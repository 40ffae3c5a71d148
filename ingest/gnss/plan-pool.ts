import { Piscina } from 'piscina';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import type { IngestPlan, PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import { gnssIngestPlanOf } from './plan.js';
import type { PlanTask, PlanTaskResult } from './plan-worker.js';

export interface GnssPlanPool {
  /** An IngestContext.planFile that decodes and plans RINEX files on the pool's threads. */
  planFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<IngestPlan>;
  close(): Promise<void>;
}

/**
 * Worker threads for the CPU-bound part of GNSS ingest (decompress, Hatanaka, parse, Parquet,
 * rollups); the calling thread keeps the I/O and the catalog commits (SQLite has one writer).
 */
export function createGnssPlanPool(threads: number): GnssPlanPool {
  const pool = new Piscina<PlanTask, PlanTaskResult>({
    filename: new URL('./plan-worker.js', import.meta.url).href,
    minThreads: threads,
    maxThreads: threads,
  });
  return {
    async planFile(bytes, object, options) {
      const result = await pool.run({ bytes, object, ingestedAt: options.ingestedAt });
      if ('error' in result) throw new RadomeError(result.error.code as RadomeErrorCode, result.error.message);
      return gnssIngestPlanOf(result.plan);
    },
    close: () => pool.destroy(),
  };
}
