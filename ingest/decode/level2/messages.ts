import { RadomeError } from '../../../core/errors.js';
import { MESSAGE_BODY_OFFSET, messageAt } from './message-location.js';
import { readMessage1 } from './message1.js';
import { readMessage31 } from './message31.js';
import { readMessage5 } from './message5.js';
import type { VolumeState } from './volume-state.js';

/** Every message starts with a 12-byte channel terminal manager (CTM) header. */
const CTM_BYTES = 12;
/** Messages other than 31 sit in fixed frames of 2432 bytes (CTM + 2416 + 4-byte trailer). */
const FRAME_BYTES = 2432;

/** Metadata messages radome does not need: RDA status, performance, clutter maps, adaptation. */
const SKIPPED = new Set([2, 3, 13, 15, 18]);

/**
 * Reads the messages of one decompressed record (or of a whole uncompressed volume) into
 * `state`. `where` names the record in errors ("record 3 at offset 1234").
 */
export function readMessages(state: VolumeState, p: Uint8Array, where: string): void {
  const dv = new DataView(p.buffer, p.byteOffset, p.byteLength);
  const length = p.length;
  let at = 0;
  while (at + MESSAGE_BODY_OFFSET <= length) {
    const halfwords = dv.getUint16(at + CTM_BYTES);
    const type = p[at + CTM_BYTES + 3]!;
    const body = at + MESSAGE_BODY_OFFSET;
    if (type === 31) {
      const end = at + CTM_BYTES + 2 * halfwords;
      if (end > length) {
        throw new RadomeError('TRUNCATED', `${messageAt(where, body)}: message 31 of ${2 * halfwords} bytes runs past the record's ${length} bytes`);
      }
      if (end < body) throw new RadomeError('CORRUPT', `${messageAt(where, body)}: message 31 size ${halfwords} halfwords is smaller than its header`);
      readMessage31(state, p, dv, body, end, where);
      at = end;
      continue;
    }
    // Zero frames pad the metadata record; other messages fill at most one frame each.
    if (type !== 0 && halfwords !== 0) {
      const end = Math.min(at + CTM_BYTES + 2 * halfwords, at + FRAME_BYTES);
      if (end > length) {
        throw new RadomeError('TRUNCATED', `${messageAt(where, body)}: message ${type} of ${2 * halfwords} bytes runs past the record's ${length} bytes`);
      }
      if (type === 1) readMessage1(state, p, dv, body, end, where);
      else if (type === 5 || type === 7) readMessage5(state, dv, body, end, where);
      else if (!SKIPPED.has(type)) state.warn(`skipped message type ${type} (not decoded by radome)`);
    }
    at += FRAME_BYTES;
  }
  if (at < length && p.subarray(at).some((b) => b !== 0)) state.warn(`${where}: ignored ${length - at} trailing bytes after the last message`);
}
