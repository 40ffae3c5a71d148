import { asRadomeError } from '../core/errors.js';
import { identifyRadomeFile } from './formats/registry.js';
import { startCutPool } from './level2/cut-pool.js';
import type { Level2Pool } from './level2/parallel-decode.js';
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
 * Plans one file at a time with the idle cores (`radome ingest files`): a Level 2 volume's cuts
 * are decompressed and rendered by this thread and a pool's threads together
 * (planArchiveIIParallel), other files (and every file when no core is idle, `pool` null) on
 * this thread. The planner owns `pool` (close() ends it); started early (startCutPool), its threads
 * load their modules while the caller loads its own, lists files and opens the catalog. (The
 * daemon's plan pool instead plans whole files on each thread, which serves a backlog of many
 * files better.)
 */
export function createCutParallelPlanner(pool: Level2Pool | null = startCutPool()): CutParallelPlanner {
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
