import type { WmoHeader } from './types.js';

const CR = 0x0d;
const LF = 0x0a;
/** Longest heading we look for: SOH line + "SDUS53 KLOT 150709 RRA" + AWIPS line, with slack. */
const MAX_HEADER = 96;

/** Reads one line (ended by CRs and a LF) from `start`; null if no line end within `limit` bytes. */
function readLine(bytes: Uint8Array, start: number, limit: number): { text: string; next: number } | null {
  const end = Math.min(bytes.length, start + limit);
  for (let i = start; i < end; i++) {
    const c = bytes[i]!;
    if (c === CR || c === LF) {
      let next = i;
      while (next < bytes.length && bytes[next] === CR) next++;
      if (bytes[next] !== LF) return null;
      let text = '';
      for (let k = start; k < i; k++) text += String.fromCharCode(bytes[k]!);
      return { text, next: next + 1 };
    }
    if (c < 0x20 || c > 0x7e) return null;
  }
  return null;
}

const WMO_LINE = /^([A-Z]{4}\d{2}) ([A-Z0-9]{4}) (\d{6})(?: [A-Z]{3})?\s*$/;
const AWIPS_LINE = /^([A-Z0-9]{3})([A-Z0-9]{3})\s*$/;

/**
 * Detects the optional NOAAPort heading before a product: an optional SOH + sequence line, the WMO
 * line "SDUS53 KLOT 150709" and the AWIPS id line "N0HLOT", each ended by CR CR LF. Returns null
 * when the bytes do not start with one (products straight from an RPG have none).
 */
export function parseWmoHeader(bytes: Uint8Array): WmoHeader | null {
  let pos = 0;
  if (bytes[0] === 0x01) {
    // SOH, then a line of its own, then the sequence number line ("123 ").
    pos = 1;
    const soh = readLine(bytes, pos, 8);
    if (soh && soh.text === '') pos = soh.next;
    const seq = readLine(bytes, pos, 8);
    if (seq && /^\d{3,5}\s*$/.test(seq.text)) pos = seq.next;
  }
  const first = readLine(bytes, pos, MAX_HEADER);
  const wmo = first ? WMO_LINE.exec(first.text) : null;
  if (!first || !wmo) return null;
  const heading = { wmoId: wmo[1]!, office: wmo[2]!, issued: wmo[3]! };
  const second = readLine(bytes, first.next, 16);
  const awips = second ? AWIPS_LINE.exec(second.text) : null;
  if (!second || !awips) {
    return { ...heading, awipsId: null, mnemonic: null, radarId: null, length: first.next };
  }
  return {
    ...heading,
    awipsId: awips[1]! + awips[2]!,
    mnemonic: awips[1]!,
    radarId: awips[2]!,
    length: second.next,
  };
}
