import { availableParallelism } from 'node:os';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { describeRecord, Level2Assembler, readArchiveRecords, splitArchiveIIRecords, type ArchiveIIRecords, type Level2Volume } from '../decode/level2/index.js';
import type { GridPool } from '../decode/level2/grid-pool.js';
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
const RUNS_PER_SHARE = 8;
/**
 * The pool's runs in flight per thread: one decompressing and one waiting, so a thread that ends
 * a run starts the next without waiting for this thread, which notices ends only between its runs.
 */
const RUNS_IN_FLIGHT = 2;
/** Tasks a pool thread holds at once: its runs in flight and the cuts parallel-plan.ts hands it (two). */
const TASKS_PER_THREAD = RUNS_IN_FLIGHT + 2;

/**
 * decodeArchiveII with the bzip2 work shared between `pool`'s threads and this one: the same
 * volume, the same RadomeErrors. `grids` lends the moment grids' memory, as for decodeArchiveII.
 */
export async function decodeArchiveIIParallel(bytes: Uint8Array, pool: Level2Pool, { grids = null }: { grids?: GridPool | null } = {}): Promise<Level2Volume> {
  const split = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(split.header, grids);
  await readRecordsShared(
    split,
    pool,
    (from, to) => readArchiveRecords(split, assembler, from, to),
    (payload, where) => assembler.push(payload, where),
  );
  return assembler.finish();
}

/**
 * Reads every record of a split file in file order, its bzip2 work shared between `pool`'s threads
 * and this one. LDM records are independent bzip2 streams, so the file is cut into runs of records
 * by compressed size. This thread decompresses and reads runs from the front (`readOwn(from, to)`);
 * the pool's threads decompress runs from the back, a few in flight, the next handed out as one
 * ends. Where the two meet depends on how fast each goes (a thread still starting, a busy machine),
 * not on a fixed share. Once the pool's runs are all done, this thread reads them (`read`, one
 * decompressed record and its name at a time). A caller reading into one assembler so joins nothing and reads nothing twice.
 * Runs are read in file order, so the first error in file order is the one thrown; the pool's runs
 * still going when one fails are let finish and dropped.
 */
export async function readRecordsShared(
  split: ArchiveIIRecords,
  pool: Level2Pool,
  readOwn: (from: number, to: number) => void | Promise<void>,
  read: (payload: Uint8Array, where: string) => void | Promise<void>,
): Promise<void> {
  const { records, offsets } = split;
  const where = (i: number) => describeRecord(i, offsets[i]!);
  const n = RUNS_PER_SHARE * (pool.threads + 1);
  // An uncompressed file is one plain run: nothing to share.
  const runs = split.compressed ? cutRuns(records, Array<number>(n).fill(1 / n)) : [[0, records.length] as [number, number]];
  const handed: Promise<RecordRunResult>[] = [];
  // Runs from `back` on are the pool's; this thread's next is `front`.
  let front = 0;
  let back = runs.length;
  let inFlight = 0;
  let stopped = false;
  const ended = () => {
    inFlight--;
    handOut();
  };
  const handOut = () => {
    while (!stopped && inFlight < RUNS_IN_FLIGHT * pool.threads && back - 1 > front) {
      const [from, to] = runs[--back]!;
      const task = pool.decompress(
        records.slice(from, to),
        Array.from({ length: to - from }, (_, k) => where(from + k)),
      );
      handed[back] = task;
      inFlight++;
      task.then(ended, ended);
    }
  };
  handOut();
  try {
    while (front < back) {
      await readOwn(...runs[front++]!);
      // A turn of the event loop: ended runs are noticed and the next handed out.
      if (front < back) await nextTurn();
    }
  } finally {
    // After a failure, nothing more is handed out.
    stopped = true;
  }
  // The pool's runs all decompressed before any is read: a caller may hand the pool other work
  // as it reads (parallel-plan.ts hands it cuts), which would otherwise run ahead of the last runs.
  await Promise.allSettled(handed.slice(back));
  for (let r = back; r < runs.length; r++) {
    const { output, ends, failure } = await handed[r]!;
    const from = runs[r]![0];
    for (let k = 0; k < ends.length; k++) await read(output.subarray(k === 0 ? 0 : ends[k - 1], ends[k]), where(from + k));
    pool.giveBack(output);
    if (failure) throw new RadomeError(failure.code as RadomeErrorCode, failure.message);
  }
}

/** Record index ranges [from, to), one per share (fewer for few records), of about those fractions of the compressed size. */
function cutRuns(records: readonly Uint8Array[], shares: number[]): [number, number][] {
  const total = records.reduce((s, r) => s + r.length, 0);
  const runs: [number, number][] = [];
  let from = 0;
  let size = 0;
  let bound = shares[0]! * total;
  for (let i = 0; i < records.length; i++) {
    size += records[i]!.length;
    if (size >= bound && runs.length < shares.length - 1) {
      runs.push([from, i + 1]);
      from = i + 1;
      bound += shares[runs.length]! * total;
    }
  }
  if (from < records.length || runs.length === 0) runs.push([from, records.length]);
  return runs;
}
