// A worker_threads (piscina) task: the bytes of any radome file → its ingest plan as plain data
// (typed arrays and strings, structured-cloned back). Errors come back as values, since a RadomeError's
// code does not survive the thread boundary as an exception.
import { isRadomeError } from '../core/errors.js';
import { identifyRadomeFile } from './decode/detect.js';
import { GridPool } from './decode/level2/index.js';
import { decodeLevel3 } from './decode/level3/index.js';
import { readRinex } from './decode/rinex/index.js';
import { planGnssFile, type GnssPlan } from './gnss/plan.js';
import { planArchiveII, type Level2Plan } from './level2/plan.js';
import { planLevel3Product, type Level3Plan } from './level3/plan.js';
import type { PlanOptions } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

export interface PlanFileTask {
  bytes: Uint8Array;
  object: SourceObject;
  options: PlanOptions;
}

export type PlainPlan = { kind: 'level2'; plan: Level2Plan } | { kind: 'level3'; plan: Level3Plan } | { kind: 'gnss'; plan: GnssPlan };

/** A failure brings the file's bytes back (the pool moved the caller's here), to be quarantined. */
export type PlanFileResult = PlainPlan | { kind: 'error'; code: string; message: string; bytes: Uint8Array };

// A Level 2 cut holds up to ~10 MB of gate codes (a volume ~50 MB): this thread lends them from
// one pool, cut after cut (planArchiveII) and file after file, so memory stays at a few cuts
// whatever the backlog and no fresh memory is faulted in, zeroed and unmapped per volume.
const grids = new GridPool();

/**
 * Synchronous on purpose: the pool hands a thread its next task before this one ends (so it never
 * waits for the main thread), and tasks must not interleave over the one grid pool.
 */
export default function planFileTask({ bytes, object, options }: PlanFileTask): PlanFileResult {
  try {
    const { format, plain } = identifyRadomeFile(bytes);
    switch (format) {
      case 'level2':
        return { kind: 'level2', plan: planArchiveII(plain, object, options, grids) };
      case 'level3':
        return { kind: 'level3', plan: planLevel3Product(decodeLevel3(plain), plain, object, options) };
      case 'rinex':
        return { kind: 'gnss', plan: planGnssFile(readRinex(plain), object, options) };
    }
  } catch (e) {
    if (isRadomeError(e)) return { kind: 'error', code: e.code, message: e.message, bytes };
    return { kind: 'error', code: 'CORRUPT', message: e instanceof Error ? e.message : String(e), bytes };
  } finally {
    // The plan holds PNG and JSON bytes and rows, never a grid.
    grids.releaseAll();
  }
}
