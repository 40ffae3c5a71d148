import { RadomeError } from '../../../core/errors.js';
import { MAX_GATES } from './limits.js';
import { messageAt } from './message-location.js';
import { isMsOfDay, nexradTime } from './nexrad-time.js';
import type { SweepBuilder } from './sweep-builder.js';
import { MOMENTS } from './types.js';
import type { VolumeState } from './volume-state.js';

/** Coded angles of legacy messages: 16 bits for 360 degrees. */
const ANGLE = 360 / 65536;
const REF = 0;
const VEL = 1;
const SW = 2;

/**
 * Reads one message 1 (legacy digital radar data, before 2008) whose body spans p[body, end).
 * Codes follow the ICD (as MetPy reads them): reflectivity (N − 66) / 2 dBZ, i.e. (N − 2) / 2 − 32;
 * velocity (N − 129) × 0.5 or × 1 m/s per the Doppler resolution code (2 or 4); spectrum width
 * (N − 129) / 2 m/s; 0 = below threshold, 1 = range folded. Legacy cuts are 1° in azimuth.
 */
export function readMessage1(state: VolumeState, p: Uint8Array, dv: DataView, body: number, end: number, where: string): void {
  if (body + 48 > end) throw corrupt(messageAt(where, body), `the ${end - body}-byte message is shorter than its 48-byte header`);
  const msOfDay = dv.getUint32(body);
  const date = dv.getUint16(body + 4);
  const azimuth = dv.getUint16(body + 8) * ANGLE;
  const status = dv.getUint16(body + 12);
  const elevation = dv.getUint16(body + 14) * ANGLE;
  const elevationNumber = dv.getUint16(body + 16);
  const survFirstM = dv.getInt16(body + 18);
  const dopFirstM = dv.getInt16(body + 20);
  const survSpacingM = dv.getUint16(body + 22);
  const dopSpacingM = dv.getUint16(body + 24);
  const survGates = dv.getUint16(body + 26);
  const dopGates = dv.getUint16(body + 28);
  const refAt = dv.getUint16(body + 36);
  const velAt = dv.getUint16(body + 38);
  const swAt = dv.getUint16(body + 40);
  const resolutionCode = dv.getUint16(body + 42);

  if (elevationNumber === 0 || elevationNumber > 255) throw corrupt(messageAt(where, body), `elevation number ${elevationNumber} is not in 1..255`);
  if (!isMsOfDay(msOfDay)) throw corrupt(messageAt(where, body), `collection time ${msOfDay} ms is not a time of day`);
  if (survGates > MAX_GATES || dopGates > MAX_GATES) {
    throw corrupt(messageAt(where, body), `${survGates} surveillance and ${dopGates} Doppler gates (at most ${MAX_GATES})`);
  }
  const hasRef = refAt !== 0 && survGates > 0;
  const hasVel = velAt !== 0 && dopGates > 0;
  const hasSw = swAt !== 0 && dopGates > 0;
  if (hasRef) checkSpan(where, body, 'reflectivity', refAt, survGates, end - body);
  if (hasVel) checkSpan(where, body, 'velocity', velAt, dopGates, end - body);
  if (hasSw) checkSpan(where, body, 'spectrum width', swAt, dopGates, end - body);
  if (hasVel && resolutionCode !== 2 && resolutionCode !== 4) {
    throw corrupt(messageAt(where, body), `Doppler velocity resolution code ${resolutionCode} is not 2 (0.5 m/s) or 4 (1 m/s)`);
  }

  state.vcpFromRadials ??= dv.getUint16(body + 44);
  const sweep = state.sweep(elevationNumber, 1);
  const row = sweep.addRadial(azimuth, elevation, nexradTime(date, msOfDay));
  if (status === 2 || status === 4) sweep.ended = true;
  if (status === 4) state.endOfVolume = true;

  // (N − 129) × res written as (N − offset) / scale with scale = 1 / res, exact for 0.5 and 1.
  const velocityScale = resolutionCode === 2 ? 2 : 1;
  if (hasRef) writeMoment(state, sweep, row, REF, survGates, survFirstM, survSpacingM, p, body + refAt, 2, 66);
  if (hasVel) writeMoment(state, sweep, row, VEL, dopGates, dopFirstM, dopSpacingM, p, body + velAt, velocityScale, 129);
  if (hasSw) writeMoment(state, sweep, row, SW, dopGates, dopFirstM, dopSpacingM, p, body + swAt, 2, 129);
}

/**
 * Gates whose centre lies before the antenna: legacy radials may state a negative range to the
 * first gate (e.g. -375 m in 2005 volumes). Those gates are dropped, as readers such as Py-ART do, so every
 * grid starts at or beyond the radar.
 */
function gatesBeforeAntenna(firstM: number, spacingM: number): number {
  return firstM < 0 && spacingM > 0 ? Math.ceil(-firstM / spacingM) : 0;
}

/** Copies one legacy moment's 8-bit codes into its grid, warning when they cannot go there. */
function writeMoment(
  state: VolumeState,
  sweep: SweepBuilder,
  row: number,
  index: number,
  statedGates: number,
  statedFirstM: number,
  spacingM: number,
  p: Uint8Array,
  statedAt: number,
  scale: number,
  offset: number,
): void {
  const dropped = gatesBeforeAntenna(statedFirstM, spacingM);
  const gates = statedGates - dropped;
  if (gates <= 0) return; // the whole radial lies before the antenna: nothing to show
  const at = statedAt + dropped;
  const firstKm = (statedFirstM + dropped * spacingM) / 1000;
  const spacingKm = spacingM / 1000;
  const problem = sweep.moment(index, gates, firstKm, spacingKm, 8, scale, offset).write(row, p, at, gates, 8, scale, offset);
  if (problem) state.warn(`skipped ${MOMENTS[index]} data of a message 1 radial in elevation ${sweep.elevationNumber}: ${problem}`);
}

function checkSpan(where: string, body: number, what: string, at: number, gates: number, length: number): void {
  if (at + gates > length) throw corrupt(messageAt(where, body), `${what} data (${gates} gates at byte ${at}) runs past the ${length}-byte message`);
}

function corrupt(where: string, what: string): RadomeError {
  return new RadomeError('CORRUPT', `${where}: message 1: ${what}`);
}
