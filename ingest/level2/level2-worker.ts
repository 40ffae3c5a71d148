// The worker_threads (piscina) module of a Level2Pool (level2-pool.ts): its default task
// decompresses a run of LDM records (record-worker.ts), `renderCutTask` renders and stores one cut
// of a volume being planned on several threads (parallel-plan.ts). Errors come back as values,
// since a RadomeError's code does not survive the thread boundary as an exception.
import { isRadomeError } from '../../core/errors.js';
import type { Level2Sweep, RadarLocation } from '../decode/level2/types.js';
import { SweepRenderer } from '../render/index.js';
import { renderCut, type RenderedCut } from './plan.js';

export { default } from './record-worker.js';

export interface RenderCutTask {
  /** The cut with its grids (moved to this thread, not copied). */
  sweep: Level2Sweep;
  location: RadarLocation;
  renderSize: number;
}

export type RenderCutResult = { cut: RenderedCut; failure: null } | { cut: null; failure: { code: string; message: string } };

/** Kept between tasks: it holds the current cut's pixel maps (a new cut's radials replace them). */
let renderer: SweepRenderer | null = null;

export function renderCutTask({ sweep, location, renderSize }: RenderCutTask): RenderCutResult {
  if (renderer?.size !== renderSize) renderer = new SweepRenderer(renderSize);
  try {
    return { cut: renderCut(location, sweep, renderer), failure: null };
  } catch (e) {
    const failure = isRadomeError(e) ? { code: e.code, message: e.message } : { code: 'CORRUPT', message: e instanceof Error ? e.message : String(e) };
    return { cut: null, failure };
  }
}
