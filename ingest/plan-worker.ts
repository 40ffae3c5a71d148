// A worker_threads (piscina) task: the bytes of any radome file → its ingest plan as plain data
// (typed arrays and strings, structured-cloned back). Errors come back as values, since a RadomeError's
// code does not survive the thread boundary as an exception.
import { threadId } from 'node:worker_threads';
import { isRadomeError } from '../core/errors.js';
import { GridPool } from './decode/level2/index.js';
import { planRadomeFile, type PlainPlan } from './plan-file.js';
import { TASK_CLOCK_SLOTS, type PlanOptions } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

// Named task of the same threads: one Level 2 cut rendered and stored (PlanPool.renderCuts).
export { renderCutTask } from './level2/level2-worker.js';

export interface PlanFileTask {
  bytes: Uint8Array;
  object: SourceObject;
  options: PlanOptions;
  /**
   * Shared with the pool's watchdog (TASK_CLOCK_SLOTS BigInt64 slots): the wall time (ms) the
   * thread starts the task at, so the file's time limit counts from then, not from when it was
   * queued behind another file; the thread's id, so the watchdog knows which thread to end; and
   * whether the task has finished (its result can wait behind the thread's next task, see
   * piscina's worker, so only a task still running is ever blamed).
   */
  clock?: SharedArrayBuffer;
}

/** Tells the pool's watchdog this task has begun on this thread (see PlanFileTask.clock). */
export function markStarted(task: PlanFileTask): void {
  if (!task.clock) return;
  const slots = new BigInt64Array(task.clock);
  Atomics.store(slots, TASK_CLOCK_SLOTS.threadId, BigInt(threadId));
  Atomics.store(slots, TASK_CLOCK_SLOTS.started, BigInt(Date.now()));
}

function markFinished(task: PlanFileTask): void {
  if (task.clock) Atomics.store(new BigInt64Array(task.clock), TASK_CLOCK_SLOTS.finished, 1n);
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
    markFinished(task);
  }
}
