// A worker_threads (piscina) task: one compressed LDM record → its decompressed messages, written
// into the output buffer the task brought. Both buffers are moved back (never cloned) so the
// caller can reuse them: fresh memory per record costs page faults that stop two threads from
// scaling. Errors come back as values, since a RadomeError's code does not survive the thread
// boundary as an exception.
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { isRadomeError } from '../../core/errors.js';
import { decompressRecord } from '../decode/level2/index.js';

export interface RecordTask {
  record: Uint8Array;
  /** Where the messages go (a larger buffer replaces it if too small). */
  output: Uint8Array<ArrayBuffer>;
  /** Names the record in errors ("record 3 at offset 1234"). */
  where: string;
}

export interface RecordResult {
  /** The task's record, handed back for reuse. */
  record: Uint8Array;
  payload: Uint8Array;
}

export interface RecordFailure {
  code: string;
  message: string;
}

export default function decompressRecordTask({ record, output, where }: RecordTask): ReturnType<typeof Piscina.move> | RecordFailure {
  try {
    const result: RecordResult = { record, payload: decompressRecord(record, where, output) };
    return Piscina.move({
      get [transferableSymbol]() {
        return [result.record.buffer, result.payload.buffer];
      },
      get [valueSymbol]() {
        return result;
      },
    });
  } catch (e) {
    if (isRadomeError(e)) return { code: e.code, message: e.message };
    return { code: 'CORRUPT', message: `${where}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
