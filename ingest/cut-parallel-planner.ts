import { asRadomeError } from '../core/errors.js';
import { unwrapContainers } from './decode/containers/unwrap-containers.js';
import { archiveII } from './formats/archive-ii.js';
import { startCutPool } from './level2/cut-pool.js';
import type { Level2Pool } from './level2/parallel-decode.js';
import { planArchiveIIParallel } from './level2/parallel-plan.js';
import type { PlanOptions, PlanOutcome } from './plan-types.js';
import type { SourceObject } from './sources/types.js';
import type { CatalogReader } from '../store/catalog/index.js';
import type { ObjectStore } from '../store/types.js';
import { WriteAhead } from './write-ahead.js';

type PlanFile = (bytes: Uint8Array, object: SourceObject, options: PlanOptions) => Promise<PlanOutcome>;

export interface CutParallelPlanner {
  /** An IngestContext.planFile for files taken one at a time; it leaves the caller's bytes as they are. */
  planFile: PlanFile;
  /**
   * planFile, writing a new Level 2 volume's objects to `objects` as its cuts are rendered (see
   * WriteAhead); the plan it returns names them (IngestPlan.writtenAhead).
   */
  writingAhead(objects: ObjectStore, catalog: CatalogReader): PlanFile;
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
/**
 * Every other format's code (GNSS with its Parquet writer, Level 3, orbits): loaded for the first
 * file that is not Level 2, so a Level 2 ingest does not pay for it (~90 modules, ~80 ms of CPU).
 */
const allFormats = () => import('./plan-file.js');

export function createCutParallelPlanner(pool: Level2Pool | null = startCutPool()): CutParallelPlanner {
  const planFile = async (bytes: Uint8Array, object: SourceObject, options: PlanOptions, ahead: WriteAhead | null): Promise<PlanOutcome> => {
    try {
      // Level 2 is the registry's first format (formats/registry.ts): asked first here too, it
      // takes the file exactly when the registry would.
      const plain = bytes.length > 0 ? unwrapContainers(bytes).bytes : bytes;
      if (archiveII.test(plain)) {
        // Without a pool, cuts are rendered on this thread: nothing to overlap the writes with.
        if (!pool) return { plan: archiveII.ingestPlan(archiveII.plan(plain, object, options, null)) };
        const plan = archiveII.ingestPlan(await planArchiveIIParallel(plain, object, options, pool, ahead ? (id, objects) => ahead.add(id, objects) : undefined));
        if (ahead) plan.writtenAhead = await ahead.finish(plan.objects);
        return { plan };
      }
      const { ingestPlanOf, planRadomeFile } = await allFormats();
      return { plan: ingestPlanOf(planRadomeFile(plain, object, options)) };
    } catch (e) {
      await ahead?.discard();
      return { error: asRadomeError(e, object.key), bytes };
    }
  };
  return {
    planFile: (bytes, object, options) => planFile(bytes, object, options, null),
    writingAhead: (objects, catalog) => (bytes, object, options) => planFile(bytes, object, options, new WriteAhead(objects, catalog)),
    close: async () => pool?.close(),
  };
}
