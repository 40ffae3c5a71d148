import { RadomeError, type RadomeErrorCode } from '../core/errors.js';
import { ingestPlanOf } from './plan-file.js';
import type { PlanOptions, PlanOutcome } from './plan-types.js';
import type { PlanFileResult, PlanFileTask } from './plan-worker.js';
import type { SourceObject } from './sources/types.js';
import { startWorkerPool } from './worker-pool.js';

export interface PlanPool {
  /**
   * An IngestContext.planFile that decodes, renders and plans files on the pool's threads. It
   * takes `bytes` (moved to the thread, not copied) when they span their whole buffer: the
   * caller's view is empty afterwards, and a failed outcome brings the bytes back.
   */
  planFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<PlanOutcome>;
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
      // Moved rather than copied: besides the copy, the main thread then holds no file for its
      // garbage collector to free. V8 counts such buffers towards its old-generation limit, and a
      // backlog's reads alone made the main thread run a full collection about every second.
      const result = await pool.run({ bytes, object, options }, ownsItsBuffer(bytes) ? { transferList: [bytes.buffer] } : undefined);
      if (result.kind === 'error') return { error: new RadomeError(result.code as RadomeErrorCode, result.message), bytes: result.bytes };
      return { plan: ingestPlanOf(result) };
    },
    close: () => pool.close(),
  };
}

/** True when `bytes` is the whole of a buffer that can be moved to another thread. */
function ownsItsBuffer(bytes: Uint8Array): bytes is Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer && bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
}
