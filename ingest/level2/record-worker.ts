// A worker_threads (piscina) task: a run of consecutive compressed LDM records → the records
// decompressed one after the other into one array, moved (not copied) back. A record that fails
// ends the run: the ones before it come back with the failure, so the caller reads them before it
// throws, as a decode on one thread would. Errors come back as values, since a RadomeError's code
// does not survive the thread boundary as an exception.
import { setImmediate } from 'node:timers';
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { isRadomeError } from '../../core/errors.js';
import { threadBunzip2 } from '../decode/containers/bunzip2.js';

export interface RecordRunTask {
  /** The records one after the other; record i is bytes[ends[i-1] (or 0), ends[i]). */
  bytes: Uint8Array;
  ends: number[];
  /** Names record i in errors ("record 3 at offset 1234"). */
  names: string[];
  /** An output array of an earlier run, given back to be written again (its pages are mapped already). */
  spare: ArrayBuffer | null;
}

export interface RecordRunResult {
  /** The records decompressed, up to the first that failed: record i is output[ends[i-1] (or 0), ends[i]). */
  output: Uint8Array;
  ends: number[];
  failure: { code: string; message: string } | null;
}

/** LDM records of radar data inflate about 20-fold: the first guess at a run's output size. */
const INFLATION = 24;

export default async function decompressRecordRun({ bytes, ends, names, spare }: RecordRunTask): Promise<ReturnType<typeof Piscina.move>> {
  // A thread holds several runs at once, each task started in piscina's microtasks: without a
  // turn of the event loop first, every run would be decompressed before the first result went out.
  await new Promise<void>((resolve) => setImmediate(resolve));
  let output = spare ? new Uint8Array(spare) : new Uint8Array(bytes.length * INFLATION);
  const outEnds: number[] = [];
  let at = 0;
  let failure: RecordRunResult['failure'] = null;
  for (let i = 0; i < ends.length; i++) {
    try {
      const record = threadBunzip2().decompressView(bytes.subarray(i === 0 ? 0 : ends[i - 1], ends[i]), names[i]);
      if (at + record.length > output.length) {
        const grown = new Uint8Array(Math.max(at + record.length, output.length * 1.5));
        grown.set(output.subarray(0, at));
        output = grown;
      }
      output.set(record, at);
      outEnds.push((at += record.length));
    } catch (e) {
      failure = isRadomeError(e) ? { code: e.code, message: e.message } : { code: 'CORRUPT', message: `${names[i]}: ${e instanceof Error ? e.message : String(e)}` };
      break;
    }
  }
  const result: RecordRunResult = { output, ends: outEnds, failure };
  return Piscina.move({
    get [transferableSymbol]() {
      return [output.buffer];
    },
    get [valueSymbol]() {
      return result;
    },
  });
}
