import { availableParallelism } from 'node:os';
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
  // A thread gets all its runs at once: the next would otherwise wait for this thread's caller,
  // which is busy with its own share.
  const pool = startWorkerPool<RecordRunTask | RenderCutTask, RecordRunResult | RenderCutResult>('./level2-worker.js', import.meta.url, threads, { tasksPerThread: RUNS_PER_THREAD });
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
      if (spares.length < threads * RUNS_PER_THREAD) spares.push(output.buffer as ArrayBuffer);
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
 * What reading records into cuts costs the caller, as a fraction of what decompressing them costs
 * a pool thread. The caller reads every record, so it decompresses a smaller share than each
 * thread. On the KLOT sample reading takes ~45 ms against ~200 ms of bzip2, but a thread also
 * copies its output: 0.1 (the caller taking 45 % with one thread) measured as fast as any.
 */
const READ_PER_DECOMPRESSION = 0.1;
/**
 * The pool's share goes out in this many runs per thread, so the caller reads the first runs
 * while the threads still decompress the last ones, rather than all of them after the threads end.
 */
const RUNS_PER_THREAD = 4;

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
 * by compressed size; the pool's threads decompress the later runs while this thread decompresses
 * and reads the first (`readOwn(from, to)`), then reads the others' records (`read`, one decompressed
 * record and its name at a time). A caller reading into one assembler so joins nothing and reads
 * nothing twice. Runs are read in file order, so the first error in file order is the one thrown;
 * the pool's runs still going when one fails are let finish and dropped.
 */
export async function readRecordsShared(
  split: ArchiveIIRecords,
  pool: Level2Pool,
  readOwn: (from: number, to: number) => void | Promise<void>,
  read: (payload: Uint8Array, where: string) => void | Promise<void>,
): Promise<void> {
  const { records, offsets } = split;
  const where = (i: number) => describeRecord(i, offsets[i]!);
  // Balanced when the caller's decompressing and reading take as long as each thread's share.
  const callerShare = Math.max(0, (1 - READ_PER_DECOMPRESSION * pool.threads) / (pool.threads + 1));
  const n = RUNS_PER_THREAD * pool.threads;
  // An uncompressed file is one plain run: nothing to share.
  const runs = split.compressed ? cutRuns(records, [callerShare, ...Array<number>(n).fill((1 - callerShare) / n)]) : [[0, records.length] as [number, number]];
  const later = runs.slice(1).map(([from, to]) => {
    const task = pool.decompress(
      records.slice(from, to),
      Array.from({ length: to - from }, (_, k) => where(from + k)),
    );
    task.catch(() => {});
    return { from, task };
  });
  await readOwn(...runs[0]!);
  for (const { from, task } of later) {
    const { output, ends, failure } = await task;
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
