// A worker_threads (piscina) task: stored SNR Parquet bodies of a run of days and their
// neighbours → each day's reflector height arcs. Errors come back as values, since a RadomeError's
// code does not survive the thread boundary as an exception.
import { isRadomeError } from '../../../core/errors.js';
import { decodeSnrParquet, type SnrObservations } from '../../../store/gnss/snr-parquet.js';
import { dayArcs } from './day-arcs.js';
import type { ReflectorHeightArc, ReflectorHeightSettings } from './reflector-heights.js';

export interface ReflectorHeightDaysTask {
  /** Days to compute, ascending. */
  days: number[];
  /** The stored Parquet of those days and their neighbours (days not stored are absent). */
  bodies: { day: number; key: string; body: Uint8Array }[];
  settings: ReflectorHeightSettings;
}

export type ReflectorHeightDaysResult = { kind: 'arcs'; arcs: ReflectorHeightArc[][] } | { kind: 'error'; code: string; message: string };

export default async function reflectorHeightDaysTask(task: ReflectorHeightDaysTask): Promise<ReflectorHeightDaysResult> {
  try {
    const decoded = new Map<number, SnrObservations>();
    for (const { day, key, body } of task.bodies) decoded.set(day, await decodeSnrParquet(body, key));
    return { kind: 'arcs', arcs: task.days.map((day) => dayArcs(day, (d) => decoded.get(d) ?? null, task.settings)) };
  } catch (e) {
    if (isRadomeError(e)) return { kind: 'error', code: e.code, message: e.message };
    return { kind: 'error', code: 'CORRUPT', message: e instanceof Error ? e.message : String(e) };
  }
}
