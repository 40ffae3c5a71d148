import { DEFAULT_FILE_TIMEOUT_MS } from '../core/daemon-config.js';
import { RadomeError, type RadomeErrorCode } from '../core/errors.js';
import { ingestPlanOf } from './plan-file.js';
import { TASK_CLOCK_SLOTS, type PlanOptions, type PlanOutcome } from './plan-types.js';
import type { RenderCutResult, RenderCutTask } from './level2/level2-worker.js';
import type { PlanFileResult, PlanFileTask } from './plan-worker.js';
import type { RenderCuts } from './realtime/chunk-volume.js';
import type { SourceObject } from './sources/types.js';
import { startWorkerPool } from './worker-pool.js';

export interface PlanPool {
  /**
   * An IngestContext.planFile that decodes, renders and plans files on the pool's threads. It
   * takes `bytes` (moved to the thread, not copied) when they span their whole buffer: the
   * caller's view is empty afterwards, and a failed outcome brings the bytes back (except a
   * TIMEOUT: the thread that held them was ended, so the outcome has none).
   */
  planFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<PlanOutcome>;
  /**
   * Renders and stores cuts of a volume on the pool's threads, a cut a task (a real-time volume's
   * newly complete cuts, see ChunkVolume.plan), so the calling thread stays free for queries. The
   * sweeps are copied to the threads, not moved: the caller keeps them.
   */
  renderCuts: RenderCuts;
  readonly threads: number;
  close(): Promise<void>;
}

export interface PlanPoolOptions {
  /**
   * Wall time a file may take on its thread, counted from when the thread starts it: then the
   * thread is ended (a new one replaces it) and the file fails with TIMEOUT. Default
   * DEFAULT_FILE_TIMEOUT_MS (ingest.fileTimeout, RADOME_INGEST_FILE_TIMEOUT).
   */
  fileTimeoutMs?: number;
  /**
   * Tests only: the worker module (a file URL) instead of ./plan-worker.js, e.g. one that never
   * finishes a file, since no input spins forever once the decoders are bounded.
   */
  workerModule?: URL;
}

/**
 * Worker threads for the CPU-bound part of ingest (decompress, decode, render, encode); the
 * calling thread keeps the I/O and the catalog commits (SQLite has one writer). Tasks queue
 * inside the pool; callers bound how many files they hold at once (ingestAll's concurrency).
 */
export function createPlanPool(threads: number, { fileTimeoutMs = DEFAULT_FILE_TIMEOUT_MS, workerModule }: PlanPoolOptions = {}): PlanPool {
  // Two tasks per thread: a thread that finishes one starts the next at once, even while the
  // main thread is busy writing objects and rows (it hands out tasks only between its own jobs).
  const pool = workerModule
    ? startWorkerPool<PlanFileTask | RenderCutTask, PlanFileResult | RenderCutResult>(workerModule.href, workerModule.href, threads, { tasksPerThread: 2 })
    : startWorkerPool<PlanFileTask | RenderCutTask, PlanFileResult | RenderCutResult>('./plan-worker.js', import.meta.url, threads, { tasksPerThread: 2 });
  return {
    threads,
    async planFile(bytes, object, options) {
      const clock = new SharedArrayBuffer(8 * TASK_CLOCK_SLOTS.count);
      let timedOut = false;
      const stopWatching = watchTask(new BigInt64Array(clock), fileTimeoutMs, (threadId) => {
        timedOut = true;
        pool.endThread(threadId);
      });
      try {
        // Moved rather than copied: besides the copy, the main thread then holds no file for its
        // garbage collector to free. V8 counts such buffers towards its old-generation limit, and a
        // backlog's reads alone made the main thread run a full collection about every second.
        const task = { bytes, object, options, clock };
        const result = (await pool.run(task, ownsItsBuffer(bytes) ? { transferList: [bytes.buffer] } : undefined)) as PlanFileResult;
        if (result.kind === 'error') return { error: new RadomeError(result.code as RadomeErrorCode, result.message), bytes: result.bytes };
        return { plan: ingestPlanOf(result) };
      } catch (e) {
        if (!timedOut) throw e;
        const limit = fileTimeoutMs % 1000 === 0 ? `${fileTimeoutMs / 1000} s` : `${fileTimeoutMs} ms`;
        const error = new RadomeError('TIMEOUT', `decoding and planning took longer than ${limit} (ingest.fileTimeout, RADOME_INGEST_FILE_TIMEOUT); its worker thread was ended`, { file: object.key });
        return { error, bytes: ownsItsBuffer(bytes) ? null : bytes };
      } finally {
        stopWatching();
      }
    },
    async renderCuts(location, sweeps, renderSize) {
      const results = await Promise.all(sweeps.map((sweep) => pool.run({ sweep, location, renderSize }, { name: 'renderCutTask' }) as Promise<RenderCutResult>));
      return results.map((r) => {
        if (r.failure) throw new RadomeError(r.failure.code as RadomeErrorCode, r.failure.message);
        return r.cut;
      });
    },
    close: () => pool.close(),
  };
}

/**
 * Calls `onTimeout(threadId)` once `limitMs` have passed since the task's thread started it
 * (`clock`, see PlanFileTask.clock; a queued task waits behind another file) unless it has
 * finished by then. Returns a function that stops watching. The timers do not keep the process
 * alive: a running task's thread does.
 */
function watchTask(clock: BigInt64Array, limitMs: number, onTimeout: (threadId: number) => void): () => void {
  // While queued, look again every second (or sooner for a short limit).
  const poll = Math.min(limitMs, 1000);
  let timer: NodeJS.Timeout;
  const check = () => {
    if (Atomics.load(clock, TASK_CLOCK_SLOTS.finished) !== 0n) return;
    const at = Number(Atomics.load(clock, TASK_CLOCK_SLOTS.started));
    const left = at === 0 ? poll : at + limitMs - Date.now();
    if (at !== 0 && left <= 0) onTimeout(Number(Atomics.load(clock, TASK_CLOCK_SLOTS.threadId)));
    else timer = setTimeout(check, left).unref();
  };
  timer = setTimeout(check, poll).unref();
  return () => clearTimeout(timer);
}

/** True when `bytes` is the whole of a buffer that can be moved to another thread. */
function ownsItsBuffer(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}
