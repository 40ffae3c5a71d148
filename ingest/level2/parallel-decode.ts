import { availableParallelism } from 'node:os';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { decompressRecord, describeRecord, Level2Assembler, splitArchiveIIRecords, type Level2Volume } from '../decode/level2/index.js';
import { startWorkerPool } from '../worker-pool.js';
import type { RecordFailure, RecordTask } from './record-worker.js';

/** Worker threads that decompress Level 2 LDM records. */
export interface RecordPool {
  readonly threads: number;
  /**
   * Decompresses one record on a pool thread. The record is copied into a buffer of its own that
   * is moved to the thread; the output's buffer is moved back (neither is cloned). Rejects with
   * RadomeError naming `where`.
   */
  decompress(record: Uint8Array, where: string, signal?: AbortSignal): Promise<Uint8Array>;
  /** Stops the threads; tasks still queued reject. */
  close(): Promise<void>;
}

/**
 * A pool of `threads` workers (default: the machine's available parallelism). Idle threads do
 * not keep the process alive; close() ends them.
 */
export function createRecordPool(threads = availableParallelism()): RecordPool {
  const pool = startWorkerPool<RecordTask, Uint8Array | RecordFailure>('./record-worker.js', import.meta.url, threads);
  return {
    threads,
    async decompress(record, where, signal) {
      const own = new Uint8Array(record); // a copy (Buffer#slice would share the file's memory)
      const result = await pool.run({ record: own, where }, { transferList: [own.buffer], signal: signal ?? null });
      if (result instanceof Uint8Array) return result;
      throw new RadomeError(result.code as RadomeErrorCode, result.message);
    },
    close: () => pool.destroy(),
  };
}

/**
 * decodeArchiveII with the records decompressed on `pool`'s threads: the same volume, the same
 * RadomeErrors. LDM records are independent bzip2 streams, so they decompress in parallel while
 * this thread reads each payload into the volume in file order as soon as it is back. This
 * thread also decompresses one record in every 2·threads + 1 itself: reading payloads into the
 * volume costs about half of a record's decompression, so that share keeps it as busy as a
 * pool thread (with one pool thread on two cores, both cores work all the way). At most a few
 * records per thread are in flight, so memory holds a window of payloads, not the whole file.
 */
export async function decodeArchiveIIParallel(bytes: Uint8Array, pool: RecordPool): Promise<Level2Volume> {
  const { header, records, offsets, compressed } = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(header);
  const where = (i: number) => describeRecord(i, offsets[i]!);
  if (!compressed) {
    records.forEach((r, i) => assembler.push(r, where(i)));
    return assembler.finish();
  }
  const inlineEvery = 2 * pool.threads + 1;
  const onThisThread = (i: number) => i % inlineEvery === inlineEvery - 1;
  const window = pool.threads * 3 + 1;
  const pending: (Promise<Uint8Array> | undefined)[] = [];
  const abort = new AbortController();
  const start = (i: number): void => {
    if (i >= records.length || onThisThread(i)) return;
    const task = pool.decompress(records[i]!, where(i), abort.signal);
    // Failures are awaited in order below; one met out of order must not count as unhandled.
    task.catch(() => {});
    pending[i] = task;
  };
  for (let i = 0; i < window; i++) start(i);
  try {
    for (let i = 0; i < records.length; i++) {
      const payload = onThisThread(i) ? decompressRecord(records[i]!, where(i)) : await pending[i]!;
      pending[i] = undefined;
      start(i + window);
      assembler.push(payload, where(i));
    }
  } catch (e) {
    abort.abort(); // records still queued for the threads are not worth decompressing
    throw e;
  }
  return assembler.finish();
}
