import type { Level2Sweep, RadarLocation } from '../../../core/radar-sweep.js';
import type { RadarSiteId } from '../../../core/vocabulary/index.js';

// The decoders' name for the one moment list (core/vocabulary/radar-moment.ts).
export { RADAR_MOMENTS as MOMENTS, type Moment } from '../../../core/vocabulary/index.js';
export type { Level2Sweep, MomentGrid, RadarLocation } from '../../../core/radar-sweep.js';

/** Raw gate code meaning "below threshold" (no signal): no value. */
export const BELOW_THRESHOLD = 0;
/** Raw gate code meaning "range folded" (an echo from beyond the unambiguous range): no value. */
export const RANGE_FOLDED = 1;

export interface Level2Volume {
  /** 4-letter ICAO identifier, upper case; "" when neither the header nor the radials name one (see ingest/level2/plan.ts withSite). */
  site: RadarSiteId | '';
  /** Volume start from the Archive II volume header, epoch ms UTC. */
  volumeStart: number;
  /** Volume coverage pattern number, null when no metadata says it. */
  vcp: number | null;
  location: RadarLocation | null;
  /** "AR2V0006." style tape/version string from the volume header. */
  version: string;
  /** Sweeps ordered by elevation number. */
  sweeps: Level2Sweep[];
  /** Non-fatal problems met while decoding (e.g. a skipped unknown message type). */
  warnings: string[];
}
