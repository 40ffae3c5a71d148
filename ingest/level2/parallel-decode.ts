import { setImmediate as nextTurn } from 'node:timers/promises';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { describeRecord, Level2Assembler, readArchiveRecords, splitArchiveIIRecords, type ArchiveIIRecords, type Level2Volume } from '../decode/level2/index.js';
import type { GridPool } from '../decode/level2/grid-pool.js';
import { RUNS_IN_FLIGHT, RUNS_PER_SHARE, type Level2Pool } from './level2-pool.js';
import type { RecordRunResult } from './record-worker.js';

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
