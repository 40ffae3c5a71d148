import type { ByteReader } from '../byte-reader.js';
import type { Level3Packet } from '../types.js';
import { LIMITS, type PacketContext, type PacketRead } from './context.js';
import { readGenericPacket } from './generic.js';
import {
  packetBody,
  packetName,
  readCellTrend,
  readContourValue,
  readHail,
  readLinkedContour,
  readPointFeatures,
  readStormIds,
  readSymbols,
  readText,
  readTrendTimes,
  readUnlinkedContour,
  readVectorArrows,
  readVectors,
  readWindBarbs,
} from './graphic.js';
import { readDigitalRadials, readRleRadials } from './radial.js';
import { readPrecipitationArray, readRaster } from './raster.js';

/**
 * Reads the packet at `at`, which must end by `limit`. Returns null for a packet code radome does
 * not know: its length is not known either, so the caller skips the rest of its container.
 */
export function readPacket(r: ByteReader, at: number, limit: number, ctx: PacketContext): PacketRead | null {
  const code = r.u16(at, 'packet code');
  switch (code) {
    case 0xaf1f:
      return readRleRadials(r, at, limit, ctx);
    case 16:
      return readDigitalRadials(r, at, limit, ctx);
    case 0xba07:
    case 0xba0f:
      return readRaster(r, at, limit, ctx, code);
    case 17:
      return readPrecipitationArray(r, at, limit, ctx);
    case 28:
    case 29:
      return readGenericPacket(r, at, limit, ctx, code);
    case 0x0802:
      return readContourValue(r, at, limit);
    case 0x0e03:
      return readLinkedContour(r, at, limit);
  }
  const reader = LENGTH_PREFIXED[code];
  if (!reader) return null;
  const body = packetBody(r, at, limit, code);
  return { packet: reader(r, code, body, ctx), next: body.end };
}

type BodyReader = (r: ByteReader, code: number, body: { start: number; end: number }, ctx: PacketContext) => Level3Packet;

const symbols: BodyReader = (r, code, b) => readSymbols(r, code, b);
const text: BodyReader = (r, code, b) => readText(r, code, b);
const vectors: BodyReader = (r, code, b) => readVectors(r, code, b);
const scit: BodyReader = (r, code, b, ctx) => ({
  kind: 'scit',
  code,
  forecast: code === 24,
  packets: readPackets(r, b.start, b.end, { ...ctx, depth: ctx.depth + 1 }, `SCIT packet ${code}`),
});

const LENGTH_PREFIXED: Record<number, BodyReader> = {
  1: text,
  2: text,
  8: text,
  3: symbols,
  11: symbols,
  12: symbols,
  13: symbols,
  14: symbols,
  25: symbols,
  26: symbols,
  4: (r, _c, b) => readWindBarbs(r, b),
  5: (r, _c, b) => readVectorArrows(r, b),
  6: vectors,
  7: vectors,
  9: vectors,
  10: vectors,
  0x3501: (r, _c, b) => readUnlinkedContour(r, b),
  15: (r, _c, b) => readStormIds(r, b),
  19: (r, _c, b) => readHail(r, b),
  20: (r, _c, b) => readPointFeatures(r, b),
  21: (r, _c, b) => readCellTrend(r, b),
  22: (r, _c, b) => readTrendTimes(r, b),
  23: scit,
  24: scit,
};

/**
 * Reads packets from `start` until `end` (a layer, page or SCIT packet body). An unknown packet
 * code ends the container early with a warning, since its length cannot be known.
 */
export function readPackets(r: ByteReader, start: number, end: number, ctx: PacketContext, where: string): Level3Packet[] {
  if (ctx.depth > LIMITS.nesting) r.fail(start, `${where} nests packets deeper than ${LIMITS.nesting} levels`);
  const packets: Level3Packet[] = [];
  let pos = start;
  while (pos + 2 <= end) {
    const read = readPacket(r, pos, end, ctx);
    if (!read) {
      ctx.warnings.push(`${where}: unknown ${packetName(r.u16(pos, 'packet code'))} at message offset ${pos}; the remaining ${end - pos} bytes skipped`);
      return packets;
    }
    packets.push(read.packet);
    pos = read.next;
  }
  if (pos !== end) ctx.warnings.push(`${where}: ${end - pos} trailing byte(s) at message offset ${pos} ignored`);
  return packets;
}
