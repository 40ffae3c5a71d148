import { RadomeError } from '../../../core/errors.js';

/**
 * Fixed-width field readers over byte ranges, digits parsed by hand: the hot path of RINEX
 * parsing never builds a string. A field range is clipped to the line, so short (right-trimmed)
 * lines read as blank.
 */

const SPACE = 32;
const DOT = 46;
const MINUS = 45;
const PLUS = 43;
const ZERO = 48;

/** Powers of ten used to scale parsed fractions (exact up to 1e22). */
const POW10 = Array.from({ length: 23 }, (_, i) => 10 ** i);

/** True when every byte of [start, end) is a space (an empty range is blank). */
export function isBlank(buf: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (buf[i] !== SPACE) return false;
  return true;
}

/**
 * An integer field: optional leading spaces, optional sign, digits, optional trailing spaces.
 * NaN when blank or malformed.
 */
export function parseIntField(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] === SPACE) i++;
  let negative = false;
  if (i < end && (buf[i] === MINUS || buf[i] === PLUS)) negative = buf[i++] === MINUS;
  const digitsStart = i;
  let value = 0;
  for (; i < end; i++) {
    const d = buf[i]! - ZERO;
    if (d < 0 || d > 9) break;
    value = value * 10 + d;
  }
  if (i === digitsStart) return NaN;
  for (; i < end; i++) if (buf[i] !== SPACE) return NaN;
  return negative ? -value : value;
}

/**
 * A decimal field such as F14.3 or F11.7: spaces, sign, digits, '.', digits, spaces (a leading
 * zero may be missing: ".123"). NaN when blank or malformed (embedded spaces, letters, exponents).
 */
export function parseDecimalField(buf: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end && buf[i] === SPACE) i++;
  let negative = false;
  if (i < end && (buf[i] === MINUS || buf[i] === PLUS)) negative = buf[i++] === MINUS;
  let mantissa = 0;
  let digits = 0;
  let fractionDigits = 0;
  for (; i < end; i++) {
    const d = buf[i]! - ZERO;
    if (d < 0 || d > 9) break;
    mantissa = mantissa * 10 + d;
    digits++;
  }
  if (i < end && buf[i] === DOT) {
    for (i++; i < end; i++) {
      const d = buf[i]! - ZERO;
      if (d < 0 || d > 9) break;
      mantissa = mantissa * 10 + d;
      digits++;
      fractionDigits++;
    }
  }
  if (digits === 0 || fractionDigits > 22) return NaN;
  for (; i < end; i++) if (buf[i] !== SPACE) return NaN;
  const value = fractionDigits === 0 ? mantissa : mantissa / POW10[fractionDigits]!;
  return negative ? -value : value;
}

/**
 * The longest text `latin1` makes: RINEX header lines are 80 characters; this leaves writers that
 * overrun them room, and keeps a crafted multi-megabyte "header line" from becoming a string.
 */
export const MAX_TEXT_BYTES = 1024;

/** Bytes [start, end) as a string, one char per byte (header lines only, never the hot path). */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  if (end - start > MAX_TEXT_BYTES) {
    throw new RadomeError('CORRUPT', `a header line of ${end - start} bytes: RINEX header lines are 80 characters (radome reads up to ${MAX_TEXT_BYTES})`);
  }
  let s = '';
  for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
  return s;
}

/** True when bytes at `at` spell `text` (ASCII). */
export function bytesEqual(buf: Uint8Array, at: number, end: number, text: string): boolean {
  if (at + text.length > end) return false;
  for (let i = 0; i < text.length; i++) if (buf[at + i] !== text.charCodeAt(i)) return false;
  return true;
}
