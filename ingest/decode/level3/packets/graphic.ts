import type { ByteReader } from '../byte-reader.js';
import type { CellTrend, Level3Packet, PointFeature } from '../types.js';

/**
 * Text, symbol, vector and trend packets. Each is code (2 bytes), byte length (2 bytes), body;
 * the body's records are read while whole records fit, so a length that is not a multiple of the
 * record size cannot make a reader run over (or stall in) the body.
 */
export interface Body {
  start: number;
  end: number;
}

/** The body of length-prefixed packet `code` at `at`, checked to lie inside `[at, limit)`. */
export function packetBody(r: ByteReader, at: number, limit: number, code: number): Body {
  if (at + 4 > limit) r.fail(at, `${packetName(code)} header runs past the end of its container at ${limit}`);
  const length = r.u16(at + 2, 'packet length');
  const end = at + 4 + length;
  if (end > limit) r.fail(at + 2, `${packetName(code)} length ${length} runs past the end of its container at ${limit}`);
  return { start: at + 4, end };
}

export const packetName = (code: number): string => `packet ${code} (0x${code.toString(16).padStart(4, '0').toUpperCase()})`;

function records<T>(b: Body, size: number, read: (p: number) => T): T[] {
  const out: T[] = [];
  for (let p = b.start; p + size <= b.end; p += size) out.push(read(p));
  return out;
}

// Positions are written out field by field below: object spreads cost more than the parsing here.
const iAt = (r: ByteReader, p: number): number => r.i16(p, 'I position');
const jAt = (r: ByteReader, p: number): number => r.i16(p + 2, 'J position');

/** Packets 1, 2 (no value) and 8 (colour value first): a position and a text. */
export function readText(r: ByteReader, code: number, b: Body): Level3Packet {
  const withValue = code === 8;
  const p = b.start + (withValue ? 2 : 0);
  if (p + 4 > b.end) r.fail(b.start, `text packet ${code} is too short (${b.end - b.start} bytes)`);
  return {
    kind: 'text',
    code,
    value: withValue ? r.i16(b.start, 'text colour value') : null,
    i: iAt(r, p),
    j: jAt(r, p),
    text: r.text(p + 4, b.end - p - 4, 'text packet characters'),
  };
}

const SYMBOL_NAMES: Record<number, string> = {
  3: 'mesocyclone',
  11: '3D correlated shear',
  12: 'TVS',
  13: 'positive hail',
  14: 'probable hail',
  25: 'STI circle',
  26: 'ETVS',
};
const WITH_RADIUS = new Set([3, 11, 25]);

/** Packets 3, 11, 25 (position + radius) and 12, 13, 14, 26 (position). */
export function readSymbols(r: ByteReader, code: number, b: Body): Level3Packet {
  const radius = WITH_RADIUS.has(code);
  const points = records(b, radius ? 6 : 4, (p) => (radius ? { i: iAt(r, p), j: jAt(r, p), radius: r.i16(p + 4, 'symbol radius') } : { i: iAt(r, p), j: jAt(r, p) }));
  return { kind: 'symbols', code, symbol: SYMBOL_NAMES[code] ?? `symbol ${code}`, points };
}

/** Packet 15: storm ids (position + 2 characters). */
export function readStormIds(r: ByteReader, b: Body): Level3Packet {
  return { kind: 'storm-ids', code: 15, points: records(b, 6, (p) => ({ i: iAt(r, p), j: jAt(r, p), id: r.text(p + 4, 2, 'storm id') })) };
}

/** HDA marks cells beyond its range, where no probability was computed, with -999. */
const hdaValue = (v: number): number | null => (v === -999 ? null : v);

/** Packet 19: hail (HDA) — probability of hail and of severe hail (%), max expected size (whole inches). */
export function readHail(r: ByteReader, b: Body): Level3Packet {
  return {
    kind: 'hail',
    code: 19,
    points: records(b, 10, (p) => ({
      i: iAt(r, p),
      j: jAt(r, p),
      probabilityOfHail: hdaValue(r.i16(p + 4, 'probability of hail')),
      probabilityOfSevereHail: hdaValue(r.i16(p + 6, 'probability of severe hail')),
      maxHailSizeIn: r.i16(p + 8, 'max hail size'),
    })),
  };
}

const FEATURE_NAMES: Record<number, string> = {
  1: 'mesocyclone (extrapolated)',
  3: 'mesocyclone (persistent, new or increasing)',
  5: 'TVS (extrapolated)',
  6: 'ETVS (extrapolated)',
  7: 'TVS (persistent, new or increasing)',
  8: 'ETVS (persistent, new or increasing)',
  9: 'MDA circulation, strength rank >= 5, base <= 1 km ARL or on the lowest elevation',
  10: 'MDA circulation, strength rank >= 5, base > 1 km ARL and not on the lowest elevation',
  11: 'MDA circulation, strength rank < 5',
};

/** Packet 20: point features (MDA circulations, TVS …) with a type and an attribute (radius). */
export function readPointFeatures(r: ByteReader, b: Body): Level3Packet {
  const points = records(b, 8, (p): PointFeature => {
    const featureType = r.i16(p + 4, 'point feature type');
    return {
      i: iAt(r, p),
      j: jAt(r, p),
      featureType,
      featureName: FEATURE_NAMES[featureType] ?? `feature ${featureType}`,
      attribute: r.i16(p + 6, 'point feature attribute'),
    };
  });
  return { kind: 'point-features', code: 20, points };
}

/** Packet 4: wind barbs (colour value, position, direction, speed). */
export function readWindBarbs(r: ByteReader, b: Body): Level3Packet {
  const barbs = records(b, 10, (p) => ({
    value: r.i16(p, 'wind barb value'),
    i: iAt(r, p + 2),
    j: jAt(r, p + 2),
    directionDeg: r.i16(p + 6, 'wind barb direction'),
    speedKt: r.i16(p + 8, 'wind barb speed'),
  }));
  return { kind: 'wind-barbs', code: 4, barbs };
}

/** Packet 5: vector arrows (position, direction, arrow length, head length). */
export function readVectorArrows(r: ByteReader, b: Body): Level3Packet {
  const arrows = records(b, 10, (p) => ({
    i: iAt(r, p),
    j: jAt(r, p),
    directionDeg: r.i16(p + 4, 'arrow direction'),
    length: r.i16(p + 6, 'arrow length'),
    headLength: r.i16(p + 8, 'arrow head length'),
  }));
  return { kind: 'vector-arrows', code: 5, arrows };
}

function coords(r: ByteReader, start: number, end: number): Int16Array {
  const n = Math.max(0, (end - start) >> 1);
  const out = new Int16Array(n);
  for (let k = 0; k < n; k++) out[k] = r.i16(start + 2 * k, 'vector coordinate');
  return out;
}

/** Packets 6/7 (no value) and 9/10 (colour value first): linked or unlinked vectors. */
export function readVectors(r: ByteReader, code: number, b: Body): Level3Packet {
  const withValue = code === 9 || code === 10;
  const start = b.start + (withValue ? 2 : 0);
  return {
    kind: 'vectors',
    code,
    linked: code === 6 || code === 9,
    value: withValue ? r.i16(b.start, 'vector colour value') : null,
    coords: coords(r, start, b.end),
  };
}

/** Packet 0x0802: the contour level (colour value) of the contours that follow. */
export function readContourValue(r: ByteReader, at: number, limit: number): { packet: Level3Packet; next: number } {
  if (at + 6 > limit) r.fail(at, `contour value packet 0802 runs past the end of its container at ${limit}`);
  const indicator = r.u16(at + 2, 'colour value indicator');
  if (indicator !== 0x0002) r.fail(at + 2, `contour value packet 0802 has indicator 0x${indicator.toString(16)}, expected 0x0002`);
  return { packet: { kind: 'contour-value', code: 0x0802, value: r.i16(at + 4, 'contour value') }, next: at + 6 };
}

/** Packet 0x0E03: linked contour vectors (initial point, then a byte-counted list of points). */
export function readLinkedContour(r: ByteReader, at: number, limit: number): { packet: Level3Packet; next: number } {
  if (at + 10 > limit) r.fail(at, `linked contour packet 0E03 runs past the end of its container at ${limit}`);
  const indicator = r.u16(at + 2, 'initial point indicator');
  if (indicator !== 0x8000) r.fail(at + 2, `linked contour packet 0E03 has indicator 0x${indicator.toString(16)}, expected 0x8000`);
  const length = r.u16(at + 8, 'contour vector length');
  const end = at + 10 + length;
  if (end > limit) r.fail(at + 8, `linked contour length ${length} runs past the end of its container at ${limit}`);
  const c = coords(r, at + 10, end);
  const all = new Int16Array(c.length + 2);
  all[0] = r.i16(at + 4, 'contour start I');
  all[1] = r.i16(at + 6, 'contour start J');
  all.set(c, 2);
  return { packet: { kind: 'vectors', code: 0x0e03, linked: true, value: null, coords: all }, next: end };
}

/** Packet 0x3501: unlinked contour vectors. */
export function readUnlinkedContour(r: ByteReader, b: Body): Level3Packet {
  return { kind: 'vectors', code: 0x3501, linked: false, value: null, coords: coords(r, b.start, b.end) };
}

/**
 * `count` signed halfwords from `at`, stored as a circular buffer whose newest value sits at the
 * 1-based `latest`: returned oldest first.
 */
function circular(r: ByteReader, at: number, count: number, latest: number): number[] {
  const out = new Array<number>(count);
  const first = Math.min(Math.max(latest, 0), count) % Math.max(count, 1);
  for (let k = 0; k < count; k++) out[k] = r.i16(at + 2 * ((first + k) % count), 'trend value');
  return out;
}

/** Packet 22: cell trend volume scan times. */
export function readTrendTimes(r: ByteReader, b: Body): Level3Packet {
  if (b.start + 2 > b.end) r.fail(b.start, 'trend times packet 22 is too short');
  const count = r.u8(b.start, 'number of volumes');
  const latest = r.u8(b.start + 1, 'latest volume pointer');
  if (b.start + 2 + count * 2 > b.end) r.fail(b.start, `trend times packet 22 announces ${count} times, more than its length holds`);
  return { kind: 'trend-times', code: 22, minutes: circular(r, b.start + 2, count, latest) };
}

const TRENDS: Record<number, { name: string; units: string; scale: number }> = {
  1: { name: 'cell top', units: 'ft', scale: 100 },
  2: { name: 'cell base', units: 'ft', scale: 100 },
  3: { name: 'max reflectivity height', units: 'ft', scale: 100 },
  4: { name: 'probability of hail', units: '%', scale: 1 },
  5: { name: 'probability of severe hail', units: '%', scale: 1 },
  6: { name: 'cell-based VIL', units: 'kg/m2', scale: 1 },
  7: { name: 'max reflectivity', units: 'dBZ', scale: 1 },
  8: { name: 'centroid height', units: 'ft', scale: 100 },
};

/** Packet 21: cell trend data of one storm cell. */
export function readCellTrend(r: ByteReader, b: Body): Level3Packet {
  if (b.start + 6 > b.end) r.fail(b.start, 'cell trend packet 21 is too short');
  const cellId = r.text(b.start, 2, 'cell id');
  const i = iAt(r, b.start + 2);
  const j = jAt(r, b.start + 2);
  const trends: CellTrend[] = [];
  let p = b.start + 6;
  while (p + 4 <= b.end) {
    const code = r.i16(p, 'trend code');
    const count = r.u8(p + 2, 'number of volumes');
    const latest = r.u8(p + 3, 'latest volume pointer');
    if (p + 4 + count * 2 > b.end) r.fail(p, `trend ${code} of cell ${cellId} announces ${count} values, past its packet end ${b.end}`);
    const raw = circular(r, p + 4, count, latest);
    const meta = TRENDS[code] ?? { name: `trend ${code}`, units: '', scale: 1 };
    const trend: CellTrend = { code, name: meta.name, units: meta.units, values: raw };
    if (code === 1 || code === 2) {
      // Tops/bases above 700 (hundreds of ft) are flagged "limited by the scan" by adding 1000.
      const limited = new Array<boolean>(count);
      for (let k = 0; k < count; k++) {
        limited[k] = raw[k]! > 700;
        if (limited[k]) raw[k] = raw[k]! - 1000;
      }
      trend.limited = limited;
    }
    for (let k = 0; k < count; k++) raw[k] = raw[k]! * meta.scale;
    trends.push(trend);
    p += 4 + count * 2;
  }
  return { kind: 'cell-trend', code: 21, cellId, i, j, trends };
}
