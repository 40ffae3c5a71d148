import { availableParallelism } from 'node:os';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { decodeArchiveII, describeRecord, splitArchiveIIRecords, type Level2Volume } from '../decode/level2/index.js';
import { assembleLevel2Part, joinLevel2Parts, level2VolumeOf, type Level2Part } from '../decode/level2/volume-parts.js';
import { startWorkerPool } from '../worker-pool.js';
import type { PartFailure, PartTask } from './part-worker.js';

/** Worker threads that decompress and assemble runs of Level 2 LDM records. */
export interface RecordPool {
  readonly threads: number;
  /**
   * Assembles consecutive compressed records on a pool thread (copied there in one buffer; the
   * part's arrays are moved back, not cloned). `names` name the records in errors. Rejects with
   * RadomeError.
   */
  assemble(records: readonly Uint8Array[], names: string[]): Promise<Level2Part>;
  /** Stops the threads; tasks still queued reject. */
  close(): Promise<void>;
}

/**
 * A pool of `threads` workers (default: one per core but one, since the calling thread of
 * decodeArchiveIIParallel takes a share). Idle threads do not keep the process alive; close()
 * ends them.
 */
export function createRecordPool(threads = Math.max(1, availableParallelism() - 1)): RecordPool {
  const pool = startWorkerPool<PartTask, Level2Part | PartFailure>('./part-worker.js', import.meta.url, threads);
  return {
    threads,
    async assemble(records, names) {
      const ends: number[] = [];
      let size = 0;
      for (const r of records) ends.push((size += r.length));
      const bytes = new Uint8Array(size);
      records.forEach((r, i) => bytes.set(r, i === 0 ? 0 : ends[i - 1]));
      const result = await pool.run({ bytes, ends, names }, { transferList: [bytes.buffer] });
      if ('code' in result) throw new RadomeError(result.code as RadomeErrorCode, result.message);
      return result;
    },
    close: () => pool.close(),
  };
}

/**
 * decodeArchiveII with the work shared between `pool`'s threads and this one: the same volume,
 * the same RadomeErrors. LDM records are independent bzip2 streams, so the file is cut into one
 * run of records per thread (by compressed size, this thread taking the first); each thread
 * decompresses its run AND reads it into cuts, where the bytes are still in its cache, and the
 * runs' cuts are joined in file order. Joining only copies the cuts that span two runs. A file
 * whose runs cannot be joined exactly (a later run with warnings, a cut that changes coding
 * between runs) is decoded again in one piece.
 */
export async function decodeArchiveIIParallel(bytes: Uint8Array, pool: RecordPool): Promise<Level2Volume> {
  const { header, records, offsets, compressed } = splitArchiveIIRecords(bytes);
  if (!compressed) return decodeArchiveII(bytes);
  const where = (i: number) => describeRecord(i, offsets[i]!);
  const runs = cutRuns(records, pool.threads + 1);
  // Runs are awaited in order, so the first error in file order is the one thrown; the others
  // (and runs still going when one fails) are let finish and dropped: one run per thread.
  const later = runs.slice(1).map(([from, to]) => {
    const names = Array.from({ length: to - from }, (_, k) => where(from + k));
    const task = pool.assemble(records.slice(from, to), names);
    task.catch(() => {});
    return task;
  });
  const [from, to] = runs[0]!;
  const parts = [assembleLevel2Part(records.slice(from, to), (k) => where(from + k))];
  for (const task of later) parts.push(await task);
  const joined = joinLevel2Parts(parts);
  if (!joined) return decodeArchiveII(bytes);
  const volume = level2VolumeOf(header, joined);
  if (volume.sweeps.length === 0) return decodeArchiveII(bytes); // throws TRUNCATED as it would
  return volume;
}

/** Record index ranges [from, to), `n` of them (fewer for few records), of about equal compressed size. */
function cutRuns(records: readonly Uint8Array[], n: number): [number, number][] {
  const total = records.reduce((s, r) => s + r.length, 0);
  const runs: [number, number][] = [];
  let from = 0;
  let size = 0;
  for (let i = 0; i < records.length; i++) {
    size += records[i]!.length;
    if (size >= (total * (runs.length + 1)) / n && runs.length < n - 1) {
      runs.push([from, i + 1]);
      from = i + 1;
    }
  }
  if (from < records.length || runs.length === 0) runs.push([from, records.length]);
  return runs;
}
