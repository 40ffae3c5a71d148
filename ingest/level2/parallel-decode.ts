import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { describeRecord, Level2Assembler, splitArchiveIIRecords, type Level2Volume } from '../decode/level2/index.js';
import { startWorkerPool } from '../worker-pool.js';
import type { RecordFailure, RecordResult, RecordTask } from './record-worker.js';

/** A decompressed record; release() hands its buffers back to the pool once it has been read. */
export interface RecordPayload {
  readonly bytes: Uint8Array;
  release(): void;
}

/** Worker threads that decompress Level 2 LDM records. */
export interface RecordPool {
  readonly threads: number;
  /**
   * Decompresses one record on a pool thread. The record is copied into one of the pool's
   * buffers, moved to the thread with an output buffer and both are moved back (nothing is
   * cloned, and buffers are reused rather than allocated per record). Rejects with RadomeError
   * naming `where`.
   */
  decompress(record: Uint8Array, where: string, signal?: AbortSignal): Promise<RecordPayload>;
  /** Stops the threads; tasks still queued reject. */
  close(): Promise<void>;
}

/** First size of a pool output buffer: LDM records inflate to under 2 MB. */
const OUTPUT_BYTES = 2 << 20;
const INPUT_BYTES = 256 << 10;
/** Records in flight per pool thread in decodeArchiveIIParallel. */
const RECORDS_PER_THREAD = 6;

/**
 * A pool of `threads` workers (default: the machine's available parallelism). Idle threads do
 * not keep the process alive; close() ends them.
 */
export function createRecordPool(threads = availableParallelism()): RecordPool {
  const pool = startWorkerPool<RecordTask, RecordResult | RecordFailure>('./record-worker.js', import.meta.url, threads);
  // Buffers back from the threads, kept for the next records: as many as a decode has in flight.
  const spareInputs: ArrayBuffer[] = [];
  const spareOutputs: ArrayBuffer[] = [];
  const keep = RECORDS_PER_THREAD * threads + 2;
  const spare = (list: ArrayBuffer[], bytes: number): ArrayBuffer => {
    const i = list.findIndex((b) => b.byteLength >= bytes);
    return i < 0 ? new ArrayBuffer(Math.max(bytes, list === spareInputs ? INPUT_BYTES : OUTPUT_BYTES)) : list.splice(i, 1)[0]!;
  };
  const giveBack = (list: ArrayBuffer[], b: ArrayBuffer) => {
    if (list.length < keep) list.push(b);
  };
  return {
    threads,
    async decompress(record, where, signal) {
      const input = new Uint8Array(spare(spareInputs, record.length), 0, record.length);
      input.set(record);
      const output = new Uint8Array(spare(spareOutputs, OUTPUT_BYTES));
      const result = await pool.run({ record: input, output, where }, { transferList: [input.buffer, output.buffer], signal: signal ?? null });
      if ('code' in result) throw new RadomeError(result.code as RadomeErrorCode, result.message);
      return {
        bytes: result.payload,
        release() {
          giveBack(spareInputs, result.record.buffer as ArrayBuffer);
          giveBack(spareOutputs, result.payload.buffer as ArrayBuffer);
        },
      };
    },
    close: () => pool.destroy(),
  };
}

/**
 * decodeArchiveII with the records decompressed on `pool`'s threads: the same volume, the same
 * RadomeErrors. LDM records are independent bzip2 streams, so they decompress in parallel while
 * this thread reads each payload into the volume in file order as soon as it is back. Records
 * differ in size up to 60x, so several per thread are kept in flight (a small window stalls
 * this thread behind one large record); memory holds that window of payloads, not the file.
 */
export async function decodeArchiveIIParallel(bytes: Uint8Array, pool: RecordPool): Promise<Level2Volume> {
  const { header, records, offsets, compressed } = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(header);
  const where = (i: number) => describeRecord(i, offsets[i]!);
  if (!compressed) {
    records.forEach((r, i) => assembler.push(r, where(i)));
    return assembler.finish();
  }
  const window = pool.threads * RECORDS_PER_THREAD + 1;
  const pending: (Promise<RecordPayload> | undefined)[] = [];
  const abort = new AbortController();
  setMaxListeners(window + 1, abort.signal); // one listener per record in flight, not a leak
  const start = (i: number): void => {
    if (i >= records.length) return;
    const task = pool.decompress(records[i]!, where(i), abort.signal);
    // Failures are awaited in order below; one met out of order must not count as unhandled.
    task.catch(() => {});
    pending[i] = task;
  };
  for (let i = 0; i < window; i++) start(i);
  try {
    for (let i = 0; i < records.length; i++) {
      const payload = await pending[i]!;
      pending[i] = undefined;
      start(i + window);
      // push() reads the messages completely, so their buffers can go back at once.
      assembler.push(payload.bytes, where(i));
      payload.release();
    }
  } catch (e) {
    abort.abort(); // records still queued for the threads are not worth decompressing
    throw e;
  }
  return assembler.finish();
}
