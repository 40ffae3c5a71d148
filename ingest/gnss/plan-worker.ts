// A worker_threads (piscina) task: bytes of a RINEX file → its GNSS plan as plain data (typed
// arrays and strings, structured-cloned back). Errors come back as values, since a RadomeError's
// code does not survive the thread boundary as an exception.
import { isRadomeError } from '../../core/errors.js';
import { readRinex } from '../decode/rinex/index.js';
import { planGnssFile, type GnssPlan } from './plan.js';
import type { SourceObject } from '../sources/types.js';

export interface PlanTask {
  bytes: Uint8Array;
  object: SourceObject;
  ingestedAt: number;
}

export type PlanTaskResult = { plan: GnssPlan } | { error: { code: string; message: string } };

export default function planTask({ bytes, object, ingestedAt }: PlanTask): PlanTaskResult {
  try {
    return { plan: planGnssFile(readRinex(bytes), object, { ingestedAt }) };
  } catch (e) {
    return { error: isRadomeError(e) ? { code: e.code, message: e.message } : { code: 'CORRUPT', message: e instanceof Error ? e.message : String(e) } };
  }
}
