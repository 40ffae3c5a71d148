import { asRadomeError, RadomeError } from '../core/errors.js';
import { unwrapContainers } from './decode/containers/unwrap-containers.js';
import { archiveII } from './formats/archive-ii.js';
import { startCutPool } from './level2/cut-pool.js';
import type { Level2Pool } from './level2/level2-pool.js';
import { planArchiveIIParallel } from './level2/parallel-plan.js';
import type { PlanOptions, PlanOutcome } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

export interface CutParallelPlanner {
  /** An IngestContext.planFile for files taken one at a time; it leaves the caller's bytes as they are. */
  planFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<PlanOutcome>;
  close(): Promise<void>;
}

/**
 * Every other format's code (GNSS with its Parquet writer, Level 3, orbits): loaded for the first
 * file that is not Level 2, so a Level 2 ingest does not pay for it (~90 modules, ~80 ms of CPU).
 */
const allFormats = () => import('./plan-file.js');

/**
 * Plans one file at a time with the idle cores (`radome ingest files`): a Level 2 volume is
 * decompressed and its cuts rendered by this thread and a pool's threads together (with one pool
 * thread, this thread decompresses and the pool renders: planArchiveIIParallel), other files (and
 * every file when no core is idle, `pool` null) on this thread. The planner owns `pool` (close()
 * ends it); started early (startCutPool), its threads load their modules while the caller loads
 * its own, lists files and opens the catalog. (The daemon's plan pool instead plans whole files on
 * each thread, which serves a backlog of many files better.)
 */
export function createCutParallelPlanner(pool: Level2Pool | null = startCutPool()): CutParallelPlanner {
  return {
    async planFile(bytes, object, options) {
      try {
        // Level 2 is the registry's first format (formats/registry.ts): asked first here too, it
        // takes the file exactly when the registry would.
        const plain = bytes.length > 0 ? unwrapContainers(bytes).bytes : bytes;
        if (archiveII.test(plain)) {
          const plan = pool ? await planArchiveIIParallel(plain, object, options, pool).catch(throwPoolFailure) : archiveII.plan(plain, object, options, null);
          return { plan: archiveII.ingestPlan(plan) };
        }
        const { ingestPlanOf, planRadomeFile } = await allFormats();
        return { plan: ingestPlanOf(planRadomeFile(plain, object, options)) };
      } catch (e) {
        if (e instanceof PoolFailure) throw e.cause;
        return { error: asRadomeError(e, object.key), bytes };
      }
    },
    close: async () => pool?.close(),
  };
}

/** A failure of the pool rather than of the file (see throwPoolFailure). */
class PoolFailure {
  constructor(readonly cause: unknown) {}
}

/**
 * Decoders and renderers fail on bad input with a RadomeError; anything else out of the parallel
 * plan is the pool's (a thread that exited, a closed pool). Thrown rather than returned as the
 * file's error, so the caller tries once more (ingest-object.ts) instead of quarantining a good
 * file as corrupt, as with the daemon's plan pool.
 */
function throwPoolFailure(e: unknown): never {
  throw e instanceof RadomeError ? e : new PoolFailure(e);
}
