import { setMaxListeners } from 'node:events';
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToEventLoop } from 'node:timers/promises';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { decompressRecord, describeRecord, Level2Assembler, splitArchiveIIRecords, type Level2Volume } from '../decode/level2/index.js';
import { startWorkerPool } from '../worker-pool.js';
import type { RecordFailure, RecordResult, RecordTask } from './record-worker.js';

/** A decompressed record; release() hands its buffers back to the pool once it has been read. */
export interface RecordPayload {
  readonly bytes: Uint8Array;
  release(): void;
}

/** Worker threads that decompress Level 2 LDM records, with buffers they share with the caller. */
export interface RecordPool {
  readonly threads: number;
  /**
   * Decompresses one record on a pool thread. The record is copied into one of the pool's
   * buffers, moved to the thread with an output buffer and both are moved back (nothing is
   * cloned, and buffers are reused rather than allocated per record). Rejects with RadomeError
   * naming `where`.
   */
  decompress(record: Uint8Array, where: string, signal?: AbortSignal): Promise<RecordPayload>;
  /** The same on the calling thread, into one of the pool's buffers. Throws RadomeError. */
  decompressHere(record: Uint8Array, where: string): RecordPayload;
  /** Stops the threads; tasks still queued reject. */
  close(): Promise<void>;
}

/** First size of a pool output buffer: LDM records inflate to under 2 MB. */
const OUTPUT_BYTES = 2 << 20;
const INPUT_BYTES = 256 << 10;
/** Records decompressed ahead of the one being assembled, at most (bounds memory to ~2 MB each). */
const WINDOW = 12;

/**
 * A pool of `threads` workers (default: one per core but one, since the calling thread of
 * decodeArchiveIIParallel works too). Idle threads do not keep the process alive; close() ends
 * them.
 */
export function createRecordPool(threads = Math.max(1, availableParallelism() - 1)): RecordPool {
  const pool = startWorkerPool<RecordTask, RecordResult | RecordFailure>('./record-worker.js', import.meta.url, threads);
  // Buffers back from the threads, kept for the next records: as many as a decode has in flight.
  const spareInputs: ArrayBuffer[] = [];
  const spareOutputs: ArrayBuffer[] = [];
  const keep = WINDOW + threads + 2;
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
    decompressHere(record, where) {
      const bytes = decompressRecord(record, where, new Uint8Array(spare(spareOutputs, OUTPUT_BYTES)));
      return { bytes, release: () => giveBack(spareOutputs, bytes.buffer) };
    },
    close: () => pool.destroy(),
  };
}

/** A record's decompression: on a pool thread (a promise until it is back) or done here. */
type Slot = { task: Promise<RecordPayload>; done: RecordPayload | null; failed: boolean } | { task: null; done: RecordPayload; failed: false };

/**
 * decodeArchiveII with the records decompressed on `pool`'s threads and this one: the same
 * volume, the same RadomeErrors. LDM records are independent bzip2 streams, so they decompress in
 * parallel while this thread reads each payload into the volume in file order. The pool threads
 * are kept just busy (one record each plus one queued); whenever the record to assemble next is
 * still on a thread, this thread decompresses the next record not yet handed out instead of
 * waiting. So every core works whatever the thread count, the record sizes (they differ 60x) or
 * the load, and memory holds a window of payloads, not the file.
 */
export async function decodeArchiveIIParallel(bytes: Uint8Array, pool: RecordPool): Promise<Level2Volume> {
  const { header, records, offsets, compressed } = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(header);
  const where = (i: number) => describeRecord(i, offsets[i]!);
  if (!compressed) {
    records.forEach((r, i) => assembler.push(r, where(i)));
    return assembler.finish();
  }
  const slots: (Slot | undefined)[] = [];
  const abort = new AbortController();
  const queued = pool.threads + 1;
  setMaxListeners(queued + 1, abort.signal); // one listener per record on a thread, not a leak
  let next = 0; // the first record not handed out yet
  let onThreads = 0;
  const handOut = (i: number): void => {
    const slot: Slot = { task: pool.decompress(records[i]!, where(i), abort.signal), done: null, failed: false };
    onThreads++;
    slot.task.then(
      (payload) => {
        slot.done = payload;
        onThreads--;
      },
      () => {
        slot.failed = true; // awaited (and thrown) in order below
        onThreads--;
      },
    );
    slots[i] = slot;
  };
  try {
    for (let i = 0; i < records.length; i++) {
      for (;;) {
        while (onThreads < queued && next < records.length && next - i < WINDOW) handOut(next++);
        const slot = slots[i];
        if (slot?.done || slot?.failed) break;
        if (next < records.length && next - i < WINDOW) {
          // Record i is still on a thread (or no thread was free for it): do the next one here.
          slots[next] = { task: null, done: pool.decompressHere(records[next]!, where(next)), failed: false };
          next++;
          // Results from the threads arrive as messages: let them in before looking again.
          await yieldToEventLoop();
          continue;
        }
        await slot!.task!.catch(() => undefined);
        break;
      }
      const slot = slots[i]!;
      const payload = slot.done ?? (await slot.task!);
      slots[i] = undefined;
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
