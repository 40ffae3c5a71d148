import { messageAt } from './message-location.js';
import type { VolumeState } from './volume-state.js';

const HEADER_BYTES = 22;
const CUT_BYTES = 46;
/** Coded angles: 16 bits for 360 degrees. */
const ANGLE = 360 / 65536;

/**
 * Reads message 5 (volume coverage pattern) whose body spans p[body, end): the VCP number and
 * the planned elevation angle of each cut. A malformed one is skipped with a warning: the
 * radials carry what the volume needs.
 */
export function readMessage5(state: VolumeState, dv: DataView, body: number, end: number, where: string): void {
  if (body + HEADER_BYTES > end) {
    state.warn(`${messageAt(where, body)}: skipped a VCP message shorter than its header`);
    return;
  }
  const pattern = dv.getUint16(body + 4);
  const cuts = dv.getUint16(body + 6);
  const fits = Math.floor((end - body - HEADER_BYTES) / CUT_BYTES);
  if (cuts > fits) state.warn(`${messageAt(where, body)}: VCP message lists ${cuts} cuts but holds ${fits}; read ${fits}`);
  const angles = new Float32Array(Math.min(cuts, fits));
  for (let i = 0; i < angles.length; i++) angles[i] = dv.getUint16(body + HEADER_BYTES + CUT_BYTES * i) * ANGLE;
  state.vcpFromMessage5 = pattern;
  state.plannedCuts = angles;
}
