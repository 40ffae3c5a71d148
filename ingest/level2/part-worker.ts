// A worker_threads (piscina) task: a run of consecutive compressed LDM records → their Level2Part,
// whose typed arrays are moved (not copied) back. Errors come back as values, since a
// RadomeError's code does not survive the thread boundary as an exception.
import { Piscina, transferableSymbol, valueSymbol } from 'piscina';
import { isRadomeError } from '../../core/errors.js';
import { assembleLevel2Part, type Level2Part } from '../decode/level2/volume-parts.js';

export interface PartTask {
  /** The records one after the other; record i is bytes[ends[i-1] (or 0), ends[i]). */
  bytes: Uint8Array;
  ends: number[];
  /** Names record i in errors ("record 3 at offset 1234"). */
  names: string[];
}

export interface PartFailure {
  code: string;
  message: string;
}

export default function assemblePartTask({ bytes, ends, names }: PartTask): ReturnType<typeof Piscina.move> | PartFailure {
  try {
    const records = ends.map((end, i) => bytes.subarray(i === 0 ? 0 : ends[i - 1], end));
    const part = assembleLevel2Part(records, (i) => names[i]!);
    return Piscina.move({
      get [transferableSymbol]() {
        return buffersOf(part);
      },
      get [valueSymbol]() {
        return part;
      },
    });
  } catch (e) {
    if (isRadomeError(e)) return { code: e.code, message: e.message };
    return { code: 'CORRUPT', message: `${names[0] ?? 'record'}: ${e instanceof Error ? e.message : String(e)}` };
  }
}

/** Every array buffer a part holds (each typed array of a part has a buffer of its own). */
function buffersOf(part: Level2Part): ArrayBufferLike[] {
  const buffers = new Set<ArrayBufferLike>();
  if (part.plannedCuts) buffers.add(part.plannedCuts.buffer);
  for (const s of part.sweeps) {
    for (const a of [s.azimuths, s.elevations, s.times]) buffers.add(a.buffer);
    for (const g of Object.values(s.moments)) buffers.add(g.codes.buffer);
  }
  return [...buffers];
}
