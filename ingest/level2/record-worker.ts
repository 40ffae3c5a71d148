// A worker_threads (piscina) task: one compressed LDM record → its decompressed messages, whose
// buffer is moved (not copied) back. Errors come back as values, since a RadomeError's code does
// not survive the thread boundary as an exception.
import { Piscina } from 'piscina';
import { isRadomeError } from '../../core/errors.js';
import { decompressRecord } from '../decode/level2/index.js';

export interface RecordTask {
  record: Uint8Array;
  /** Names the record in errors ("record 3 at offset 1234"). */
  where: string;
}

export interface RecordFailure {
  code: string;
  message: string;
}

export default function decompressRecordTask({ record, where }: RecordTask): ReturnType<typeof Piscina.move> | RecordFailure {
  try {
    return Piscina.move(decompressRecord(record, where));
  } catch (e) {
    if (isRadomeError(e)) return { code: e.code, message: e.message };
    return { code: 'CORRUPT', message: `${where}: ${e instanceof Error ? e.message : String(e)}` };
  }
}
