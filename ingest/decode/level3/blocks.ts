import type { ByteReader } from './byte-reader.js';
import type { PacketContext } from './packets/context.js';
import { readPackets } from './packets/read-packet.js';
import { HEADERS_BYTES, readMessageHeader, readProductDescription } from './product-description.js';
import { productByCode } from './products.js';
import type { GraphicBlock, GraphicPage, SymbologyBlock, TabularBlock } from './types.js';

/** Checks a block's divider and id and returns its end, which must lie inside the message. */
function blockHeader(r: ByteReader, at: number, id: number, name: string): { end: number } {
  r.need(at, 8, `${name} header`);
  const divider = r.i16(at, `${name} divider`);
  if (divider !== -1) r.fail(at, `${name} divider is ${divider}, expected -1`);
  const blockId = r.i16(at + 2, `${name} id`);
  if (blockId !== id) r.fail(at + 2, `${name} id is ${blockId}, expected ${id}`);
  const length = r.u32(at + 4, `${name} length`);
  if (length < 10 || at + length > r.length) {
    r.fail(at + 4, `${name} length ${length} does not fit the message (${r.length - at} bytes from the block start)`);
  }
  return { end: at + length };
}

/** Product symbology block (id 1): layers of packets. */
export function readSymbologyBlock(r: ByteReader, at: number, ctx: PacketContext): SymbologyBlock {
  const { end } = blockHeader(r, at, 1, 'symbology block');
  const layerCount = r.u16(at + 8, 'number of layers');
  const layers = [];
  let pos = at + 10;
  for (let k = 0; k < layerCount; k++) {
    if (pos + 6 > end) r.fail(pos, `symbology layer ${k + 1} of ${layerCount} starts past the block end ${end}`);
    const divider = r.i16(pos, 'layer divider');
    if (divider !== -1) r.fail(pos, `symbology layer ${k + 1} divider is ${divider}, expected -1`);
    const length = r.u32(pos + 2, 'layer length');
    const layerEnd = pos + 6 + length;
    if (layerEnd > end) r.fail(pos + 2, `symbology layer ${k + 1} length ${length} runs past the block end ${end}`);
    layers.push(readPackets(r, pos + 6, layerEnd, ctx, `symbology layer ${k + 1}`));
    pos = layerEnd;
  }
  return { layers };
}

/** Graphic alphanumeric block (id 2): pages of packets (text rows and table lines). */
export function readGraphicBlock(r: ByteReader, at: number, ctx: PacketContext): GraphicBlock {
  const { end } = blockHeader(r, at, 2, 'graphic alphanumeric block');
  const pageCount = r.u16(at + 8, 'number of pages');
  const pages: GraphicPage[] = [];
  let pos = at + 10;
  for (let k = 0; k < pageCount; k++) {
    if (pos + 4 > end) r.fail(pos, `graphic page ${k + 1} of ${pageCount} starts past the block end ${end}`);
    const pageNumber = r.u16(pos, 'page number');
    const length = r.u16(pos + 2, 'page length');
    const pageEnd = pos + 4 + length;
    if (pageEnd > end) r.fail(pos + 2, `graphic page ${pageNumber} length ${length} runs past the block end ${end}`);
    const packets = readPackets(r, pos + 4, pageEnd, ctx, `graphic page ${pageNumber}`);
    const lines = packets.flatMap((p) => (p.kind === 'text' ? [p.text] : []));
    pages.push({ pageNumber, packets, lines });
    pos = pageEnd;
  }
  return { pages };
}

/** Longest text line accepted; products use 80 characters. */
const MAX_LINE = 400;

/**
 * Pages of text lines: a -1 divider, the page count, then per page lines of (character count,
 * characters padded to a halfword) ended by -1. Returns the pages and the offset after them.
 */
export function readTextPages(r: ByteReader, at: number, end: number, name: string): { pages: string[][]; next: number } {
  if (at + 4 > end) r.fail(at, `${name} header runs past its end ${end}`);
  const divider = r.i16(at, `${name} divider`);
  if (divider !== -1) r.fail(at, `${name} divider is ${divider}, expected -1`);
  const pageCount = r.i16(at + 2, `${name} number of pages`);
  if (pageCount < 0) r.fail(at + 2, `${name} has a negative page count ${pageCount}`);
  const pages: string[][] = [];
  let pos = at + 4;
  for (let k = 0; k < pageCount; k++) {
    const lines: string[] = [];
    for (;;) {
      if (pos + 2 > end) r.fail(pos, `${name} page ${k + 1} of ${pageCount} runs past its end ${end} without an end-of-page flag`);
      const count = r.i16(pos, 'line character count');
      pos += 2;
      if (count === -1) break;
      if (count < 0 || count > MAX_LINE) r.fail(pos - 2, `${name} page ${k + 1} has a line of ${count} characters`);
      if (pos + count > end) r.fail(pos, `${name} page ${k + 1} line of ${count} characters runs past its end ${end}`);
      lines.push(r.text(pos, count, 'line characters'));
      pos += count + (count & 1);
    }
    pages.push(lines);
  }
  return { pages, next: pos };
}

/** Tabular alphanumeric block (id 3): its own message header and description, then text pages. */
export function readTabularBlock(r: ByteReader, at: number): TabularBlock {
  const { end } = blockHeader(r, at, 3, 'tabular alphanumeric block');
  const headerAt = at + 8;
  if (headerAt + HEADERS_BYTES > end) r.fail(headerAt, `tabular block is too short for its message header and description`);
  const message = readMessageHeader(r, headerAt);
  const description = readProductDescription(r, headerAt, productByCode);
  const { pages } = readTextPages(r, headerAt + HEADERS_BYTES, end, 'tabular block');
  return { pages, message, description };
}
