// A worker_threads (piscina) task: the bytes of any radome file → its ingest plan as plain data
// (typed arrays and strings, structured-cloned back). Errors come back as values, since a RadomeError's
// code does not survive the thread boundary as an exception.
import { isRadomeError } from '../core/errors.js';
import { GridPool } from './decode/level2/index.js';
import { planRadomeFile, type PlainPlan } from './plan-file.js';
import type { PlanOptions } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

export interface PlanFileTask {
  bytes: Uint8Array;
  object: SourceObject;
  options: PlanOptions;
  /**
   * Shared with the pool's watchdog: the thread writes the wall time (ms) it starts the task at,
   * so the file's time limit counts from then, not from when it was queued behind another file.
   */
  started?: SharedArrayBuffer;
}

/** Tells the pool's watchdog this task has begun (see PlanFileTask.started). */
export function markStarted(task: PlanFileTask): void {
  if (task.started) Atomics.store(new BigInt64Array(task.started), 0, BigInt(Date.now()));
}

/** A failure brings the file's bytes back (the pool moved the caller's here), to be quarantined. */
export type PlanFileResult = PlainPlan | { kind: 'error'; code: string; message: string; bytes: Uint8Array };

// A Level 2 cut holds up to ~8 MB of gate codes (a volume ~50 MB): this thread lends them from
// one pool, cut after cut (planArchiveII) and file after file, so memory stays at a cut or two
// whatever the backlog and no fresh memory is faulted in, zeroed and unmapped per volume.
const grids = new GridPool();

/**
 * Synchronous on purpose: the pool hands a thread its next task before this one ends (so it never
 * waits for the main thread), and tasks must not interleave over the one grid pool.
 */
export default function planFileTask(task: PlanFileTask): PlanFileResult {
  const { bytes, object, options } = task;
  markStarted(task);
  try {
    return planRadomeFile(bytes, object, options, grids);
  } catch (e) {
    if (isRadomeError(e)) return { kind: 'error', code: e.code, message: e.message, bytes };
    return { kind: 'error', code: 'CORRUPT', message: e instanceof Error ? e.message : String(e), bytes };
  } finally {
    // The plan holds PNG and JSON bytes and rows, never a grid.
    grids.releaseAll();
  }
}
