import { RadomeError } from '../../../core/errors.js';
import { isRadarSiteId } from '../../../core/vocabulary/index.js';
import { MAX_GATES } from './limits.js';
import { messageAt } from './message-location.js';
import { isMsOfDay, nexradTime } from './nexrad-time.js';
import type { VolumeState } from './volume-state.js';

/** Data block names (the 3 characters after 'D' or 'R') as 24-bit keys. */
const key = (name: string): number => (name.charCodeAt(0) << 16) | (name.charCodeAt(1) << 8) | name.charCodeAt(2);
const [REF, VEL, SW, ZDR, PHI, RHO, CFP] = ['REF', 'VEL', 'SW ', 'ZDR', 'PHI', 'RHO', 'CFP'].map(key);

/** Moment index (MOMENTS order) of a block key, -1 for none: a switch, met ~40,000 times a volume. */
function momentOfKey(k: number): number {
  switch (k) {
    case REF:
      return 0;
    case VEL:
      return 1;
    case SW:
      return 2;
    case ZDR:
      return 3;
    case PHI:
      return 4;
    case RHO:
      return 5;
    case CFP:
      return 6;
    default:
      return -1;
  }
}
const VOL = key('VOL');
const KNOWN_RADAR_BLOCKS = new Set([VOL, key('ELV'), key('RAD')]);

const HEADER_BYTES = 32;
const MAX_BLOCKS = 16;
const MOMENT_HEADER_BYTES = 28;
const VOLUME_BLOCK_BYTES = 42;
const TYPE_D = 0x44;
const TYPE_R = 0x52;

// Block offsets of the radial being read (reused: no allocation per radial).
const blockAt = new Int32Array(MAX_BLOCKS);

const blockName = (p: Uint8Array, at: number): string => String.fromCharCode(p[at]!, p[at + 1]!, p[at + 2]!, p[at + 3]!);

/**
 * Reads one message 31 (digital radar data, generic format) whose body (after the 16-byte
 * message header) spans p[body, end), and appends its radial to its cut. `where` names its
 * record for errors and warnings.
 */
export function readMessage31(state: VolumeState, p: Uint8Array, dv: DataView, body: number, end: number, where: string): void {
  if (end - body < HEADER_BYTES) throw corrupt(messageAt(where, body), `the ${end - body}-byte message is shorter than its ${HEADER_BYTES}-byte header`);
  const msOfDay = dv.getUint32(body + 4);
  const date = dv.getUint16(body + 8);
  const azimuth = dv.getFloat32(body + 12);
  const compression = p[body + 16]!;
  const spacingCode = p[body + 20]!;
  const status = p[body + 21]!;
  const elevationNumber = p[body + 22]!;
  const elevation = dv.getFloat32(body + 24);
  const blocks = dv.getUint16(body + 30);

  if (!(azimuth >= 0 && azimuth <= 360)) throw corrupt(messageAt(where, body), `azimuth ${azimuth} is not an angle in [0, 360]`);
  if (!(elevation >= -90 && elevation <= 90)) throw corrupt(messageAt(where, body), `elevation angle ${elevation} is not in [-90, 90]`);
  if (elevationNumber === 0) throw corrupt(messageAt(where, body), 'elevation number is 0 (they start at 1)');
  if (!isMsOfDay(msOfDay)) throw corrupt(messageAt(where, body), `collection time ${msOfDay} ms is not a time of day`);
  if (blocks === 0 || blocks > MAX_BLOCKS || HEADER_BYTES + 4 * blocks > end - body) {
    throw corrupt(messageAt(where, body), `data block count ${blocks} does not fit the ${end - body}-byte message`);
  }
  if (compression !== 0) {
    state.warn(`skipped message 31 radials with compressed data (indicator ${compression}), not supported`);
    return;
  }

  // Validate every block before the radial is added, so a bad block leaves no half radial.
  for (let i = 0; i < blocks; i++) {
    const pointer = dv.getUint32(body + HEADER_BYTES + 4 * i);
    const at = body + pointer;
    if (pointer < HEADER_BYTES + 4 * blocks || at + 4 > end) {
      throw corrupt(messageAt(where, body), `data block pointer ${i} (${pointer}) points outside the ${end - body}-byte message`);
    }
    const type = p[at]!;
    if (type !== TYPE_D && type !== TYPE_R) {
      throw corrupt(messageAt(where, body), `data block ${i} at message byte ${pointer} has type 0x${type.toString(16)}, not 'D' or 'R'`);
    }
    if (type === TYPE_D && momentOfKey((p[at + 1]! << 16) | (p[at + 2]! << 8) | p[at + 3]!) >= 0) {
      if (at + MOMENT_HEADER_BYTES > end) throw corrupt(messageAt(where, body), `moment block '${blockName(p, at)}' header runs past the message end`);
      const wordBits = p[at + 19]!;
      const gates = dv.getUint16(at + 8);
      if (gates > MAX_GATES) throw corrupt(messageAt(where, body), `moment block '${blockName(p, at)}' has ${gates} gates (at most ${MAX_GATES})`);
      const bytes = gates * (wordBits >> 3);
      if (wordBits !== 8 && wordBits !== 16) throw corrupt(messageAt(where, body), `moment block '${blockName(p, at)}' has data word size ${wordBits} (not 8 or 16)`);
      if (at + MOMENT_HEADER_BYTES + bytes > end) {
        throw corrupt(messageAt(where, body), `moment block '${blockName(p, at)}' of ${dv.getUint16(at + 8)} gates runs past the message end`);
      }
      const scale = dv.getFloat32(at + 20);
      if (!(scale !== 0 && Number.isFinite(scale) && Number.isFinite(dv.getFloat32(at + 24)))) {
        throw corrupt(messageAt(where, body), `moment block '${blockName(p, at)}' has scale ${scale} and offset ${dv.getFloat32(at + 24)}`);
      }
    }
    blockAt[i] = at;
  }

  if (!state.radialSite) {
    const radarId = blockName(p, body);
    if (isRadarSiteId(radarId)) state.radialSite = radarId;
  }
  // Every compare and store below runs on every radial, so TurboFan has type feedback for all of
  // them: written as `code !== 1 && code !== 2` or `if (status === 4) x = true`, the parts first
  // reached at a legacy cut or a cut's end had none, and readMessage31 was deoptimised there.
  const azimuthSpacing = spacingCode === 1 ? 0.5 : 1;
  if (spacingCode < 1 || spacingCode > 2) state.warn(`azimuth spacing code ${spacingCode} is not 1 or 2; read as 1 degree`);
  const sweep = state.sweep(elevationNumber, azimuthSpacing);
  const row = sweep.addRadial(azimuth, elevation, nexradTime(date, msOfDay));
  sweep.ended ||= status === 2 || status === 4;
  state.endOfVolume ||= status === 4;

  for (let i = 0; i < blocks; i++) {
    const at = blockAt[i]!;
    const name = (p[at + 1]! << 16) | (p[at + 2]! << 8) | p[at + 3]!;
    const moment = p[at] === TYPE_D ? momentOfKey(name) : -1;
    if (moment >= 0) {
      const gates = dv.getUint16(at + 8);
      const firstGateKm = dv.getUint16(at + 10) / 1000;
      const gateSpacingKm = dv.getUint16(at + 12) / 1000;
      const wordBits = p[at + 19]!;
      const scale = dv.getFloat32(at + 20);
      const offset = dv.getFloat32(at + 24);
      const builder = sweep.moment(moment, gates, firstGateKm, gateSpacingKm, wordBits, scale, offset);
      if (builder.firstGateKm !== firstGateKm || builder.gateSpacingKm !== gateSpacingKm) {
        state.warn(`'${blockName(p, at)}' gate geometry changes within elevation ${elevationNumber}; the first radial's is kept`);
      }
      const problem = builder.write(row, p, at + MOMENT_HEADER_BYTES, gates, wordBits, scale, offset);
      if (problem) state.warn(`skipped a '${blockName(p, at)}' block in elevation ${elevationNumber}: ${problem}`);
    } else if (p[at] === TYPE_R && name === VOL) {
      readVolumeBlock(state, dv, at, end);
    } else if (!(p[at] === TYPE_R && KNOWN_RADAR_BLOCKS.has(name))) {
      state.warn(`skipped unknown message 31 data block '${blockName(p, at)}'`);
    }
  }
}

/** Volume constants: site location and VCP, taken from the first radial that has them. */
function readVolumeBlock(state: VolumeState, dv: DataView, at: number, end: number): void {
  if (state.location) return;
  if (at + VOLUME_BLOCK_BYTES > end) {
    state.warn('skipped a volume constants block shorter than its fields');
    return;
  }
  const latitude = dv.getFloat32(at + 8);
  const longitude = dv.getFloat32(at + 12);
  if (!(Math.abs(latitude) <= 90 && Math.abs(longitude) <= 180)) {
    state.warn(`skipped a volume constants block with impossible location ${latitude}, ${longitude}`);
    return;
  }
  state.location = {
    latitude,
    longitude,
    heightM: dv.getInt16(at + 16),
    feedhornHeightM: dv.getUint16(at + 18),
  };
  state.vcpFromRadials ??= dv.getUint16(at + 40);
}

function corrupt(where: string, what: string): RadomeError {
  return new RadomeError('CORRUPT', `${where}: message 31: ${what}`);
}
