// The Level 2 worker pool, apart from the code that shares work with it (parallel-decode.ts,
// parallel-plan.ts): `radome ingest files` starts it first thing, and this module loads only
// piscina, not the decoder.
import { availableParallelism } from 'node:os';
import { startWorkerPool } from '../worker-pool.js';
import type { RenderCutResult, RenderCutTask } from './level2-worker.js';
import type { RecordRunResult, RecordRunTask } from './record-worker.js';

/** Worker threads that decompress runs of Level 2 LDM records and render cuts (level2-worker.ts). */
export interface Level2Pool {
  readonly threads: number;
  /**
   * Decompresses consecutive records on a pool thread (copied there in one buffer; the outputs
   * are moved back, not cloned). `names` name the records in errors.
   */
  decompress(records: readonly Uint8Array[], names: string[]): Promise<RecordRunResult>;
  /** Hands a run's output back once read, for a later run to write into. */
  giveBack(output: Uint8Array): void;
  /**
   * Renders and stores one cut on a pool thread (see parallel-plan.ts). Its grids and radial
   * arrays are moved there: the caller's sweep is unusable afterwards.
   */
  renderCut(task: RenderCutTask): Promise<RenderCutResult>;
  /** Stops the threads; tasks still queued reject. */
  close(): Promise<void>;
}

/**
 * A pool of `threads` workers (default: one per core but one, since the calling thread of
 * decodeArchiveIIParallel takes a share). Idle threads do not keep the process alive; close()
 * ends them.
 */
export function createLevel2Pool(threads = Math.max(1, availableParallelism() - 1)): Level2Pool {
  const pool = startWorkerPool<RecordRunTask | RenderCutTask, RecordRunResult | RenderCutResult>('./level2-worker.js', import.meta.url, threads, { tasksPerThread: TASKS_PER_THREAD });
  // Outputs of finished runs, sent back to be written again: fresh memory would cost the threads
  // page faults for every volume (~25 MB of records).
  const spares: ArrayBuffer[] = [];
  return {
    threads,
    decompress(records, names) {
      const ends: number[] = [];
      let size = 0;
      for (const r of records) ends.push((size += r.length));
      const bytes = new Uint8Array(size);
      records.forEach((r, i) => bytes.set(r, i === 0 ? 0 : ends[i - 1]));
      const spare = spares.pop() ?? null;
      return pool.run({ bytes, ends, names, spare }, { transferList: spare ? [bytes.buffer, spare] : [bytes.buffer] }) as Promise<RecordRunResult>;
    },
    giveBack(output) {
      if (spares.length < threads * RUNS_PER_SHARE) spares.push(output.buffer as ArrayBuffer);
    },
    renderCut(task) {
      const { sweep } = task;
      const arrays = [sweep.azimuths, sweep.elevations, sweep.times, ...Object.values(sweep.moments).map((g) => g.codes)];
      return pool.run(task, { name: 'renderCutTask', transferList: [...new Set(arrays.map((a) => a.buffer as ArrayBuffer))] }) as Promise<RenderCutResult>;
    },
    close: () => pool.close(),
  };
}

/**
 * The file is cut into this many runs of records (by compressed size) per thread, this one
 * included: small enough that where this thread and the pool meet balances their bzip2 work
 * to a few percent, large enough that a run's trip to a thread costs little beside its bzip2.
 */
export const RUNS_PER_SHARE = 8;
/**
 * The pool's runs in flight per thread: one decompressing and one waiting, so a thread that ends
 * a run starts the next without waiting for this thread, which notices ends only between its runs.
 */
export const RUNS_IN_FLIGHT = 2;
/**
 * Tasks a pool thread holds at once: its runs in flight and the cuts parallel-plan.ts hands it
 * (two; with a pool of one thread it hands every cut, and piscina queues those beyond these).
 */
const TASKS_PER_THREAD = RUNS_IN_FLIGHT + 2;
