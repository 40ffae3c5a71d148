import { RadomeError } from '../../../core/errors.js';
import { threadBunzip2 } from '../containers/bunzip2.js';
import { readGraphicBlock, readSymbologyBlock, readTabularBlock, readTextPages } from './blocks.js';
import { ByteReader } from './byte-reader.js';
import type { PacketContext } from './packets/context.js';
import { readPackets } from './packets/read-packet.js';
import { HEADERS_BYTES, MESSAGE_HEADER_BYTES, readMessageHeader, readProductDescription } from './product-description.js';
import { productByCode, type Level3ProductInfo } from './products.js';
import { siteIcaoFromRadarId } from './site-icao.js';
import type { Level3Packet, Level3Product, MessageHeader, ProductDescription, RadialImage, RasterImage, SymbologyBlock, TabularBlock, WmoHeader } from './types.js';
import { parseWmoHeader } from './wmo-header.js';

const BZIP2_MAGIC = [0x42, 0x5a, 0x68]; // "BZh"
/** No Level 3 product comes near this; a larger claim or output is taken as corrupt (a bzip2 bomb). */
const MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024;

/**
 * Without a WMO heading the input must start with a message header whose product description
 * divider (-1) and product code (= message code) are where the ICD puts them.
 */
function looksLikeMessage(bytes: Uint8Array): boolean {
  if (bytes.length < MESSAGE_HEADER_BYTES + 14) return false;
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const code = v.getInt16(0);
  return code > 0 && v.getInt16(MESSAGE_HEADER_BYTES) === -1 && v.getInt16(30) === code;
}

function startsLikeHeading(bytes: Uint8Array): boolean {
  const n = Math.min(bytes.length, 4);
  for (let k = 0; k < n; k++) if (bytes[k]! < 0x41 || bytes[k]! > 0x5a) return false;
  return n > 0;
}

/**
 * The message with its compressed tail (everything after the product description) replaced by
 * the decompressed bytes, so the ICD's block offsets apply unchanged.
 */
function inflate(message: Uint8Array, d: ProductDescription, warnings: string[]): Uint8Array {
  if (d.uncompressedSize > MAX_UNCOMPRESSED_BYTES) {
    throw new RadomeError('CORRUPT', `uncompressed size ${d.uncompressedSize} (halfwords 52-53) is implausible (message offset 102)`);
  }
  const tail = message.subarray(HEADERS_BYTES);
  let data: Uint8Array;
  try {
    data = threadBunzip2().decompressView(tail, `bzip2 data at message offset ${HEADERS_BYTES} (${tail.length} bytes)`, MAX_UNCOMPRESSED_BYTES);
  } catch (e) {
    // The message is complete (its length was checked), so a stream that ends early is corrupt.
    if (e instanceof RadomeError && e.code === 'TRUNCATED') throw new RadomeError('CORRUPT', e.message, { cause: e });
    throw e;
  }
  if (d.uncompressedSize && data.length !== d.uncompressedSize) {
    warnings.push(`bzip2 data decompressed to ${data.length} bytes; halfwords 52-53 say ${d.uncompressedSize}`);
  }
  const out = new Uint8Array(HEADERS_BYTES + data.length);
  out.set(message.subarray(0, HEADERS_BYTES));
  out.set(data, HEADERS_BYTES);
  return out;
}

/** Byte offset of a block from its halfword offset, checked to lie after the headers and inside the message. */
function blockOffset(r: ByteReader, halfwords: number, name: string): number {
  const at = halfwords * 2;
  if (at < HEADERS_BYTES || at >= r.length) {
    throw new RadomeError('CORRUPT', `offset to ${name} is ${halfwords} halfwords (message offset ${at}), outside the message body (${HEADERS_BYTES}-${r.length})`);
  }
  return at;
}

/**
 * A stand-alone tabular product (e.g. NSS, code 62) puts its text where the symbology block would
 * be, without a block header; graphic packets (NSS cell trends) may follow the last page directly.
 */
function readStandalone(r: ByteReader, d: ProductDescription, ctx: PacketContext): { tabular: TabularBlock | null; trailer: Level3Packet[] | null } {
  if (!d.symbologyOffset) return { tabular: null, trailer: null };
  const at = blockOffset(r, d.symbologyOffset, 'stand-alone tabular text');
  const { pages, next } = readTextPages(r, at, r.length, 'stand-alone tabular text');
  let trailer: Level3Packet[] | null = null;
  if (d.graphicOffset) {
    // The graphic offset of these products counts from 1 (unlike the others): it names the halfword
    // right after the text. Some products give an offset past the message although no packets
    // follow (KLOT NSS with no storm cells): that is noted, not fatal.
    const stated = (d.graphicOffset - 1) * 2;
    if (stated !== next) {
      ctx.warnings.push(
        `stand-alone graphic offset ${d.graphicOffset} halfwords (message offset ${stated}) does not follow the text, which ends at message offset ${next}` +
          (next < r.length ? '; packets read from the end of the text' : '; no graphic packets'),
      );
    }
    if (next < r.length) trailer = readPackets(r, next, r.length, ctx, 'stand-alone graphic packets');
  }
  return { tabular: { pages, message: null, description: null }, trailer };
}

/** The first radial and raster images of the symbology block (a DPR's generic radial counts). */
function firstImages(symbology: SymbologyBlock | null): { radial: RadialImage | null; raster: RasterImage | null } {
  let radial: RadialImage | null = null;
  let raster: RasterImage | null = null;
  for (const layer of symbology?.layers ?? []) {
    for (const p of layer) {
      if (p.kind === 'radial') radial ??= p.image;
      else if (p.kind === 'raster') raster ??= p.image;
      else if (p.kind === 'generic') {
        for (const c of p.product.components) if (c.type === 'radial') radial ??= c.image;
      }
    }
  }
  return { radial, raster };
}

/** The heading, message header and (still compressed) message of the input, checked against its length. */
function readMessage(bytes: Uint8Array): { wmo: WmoHeader | null; message: MessageHeader; raw: ByteReader } {
  if (bytes.length === 0) throw new RadomeError('TRUNCATED', 'empty input: a Level 3 product needs at least 120 bytes');
  const wmo = parseWmoHeader(bytes);
  const start = wmo?.length ?? 0;
  if (!wmo && !looksLikeMessage(bytes)) {
    if (startsLikeHeading(bytes) && bytes.length < 64) {
      throw new RadomeError('TRUNCATED', `input of ${bytes.length} bytes ends inside what looks like a WMO heading`);
    }
    throw new RadomeError('UNRECOGNIZED', 'not a NEXRAD Level 3 product: no WMO heading, and file offset 0 is not a message header followed by a product description block');
  }
  const file = new ByteReader(bytes, 'file', 'TRUNCATED');
  file.need(start, HEADERS_BYTES, 'message header and product description block');
  const message = readMessageHeader(file, start);
  if (message.code < 16) {
    // A product description with a product code here means the message code itself is damaged.
    const productCode = file.i16(start + 30, 'product code');
    if (file.i16(start + MESSAGE_HEADER_BYTES, 'divider') === -1 && productCode >= 16) {
      throw new RadomeError('CORRUPT', `message code ${message.code} (file offset ${start}) differs from product code ${productCode}`);
    }
    throw new RadomeError('UNSUPPORTED', `message code ${message.code} is not a product (codes 16 and up are products)`);
  }
  const available = bytes.length - start;
  if (message.lengthBytes < HEADERS_BYTES) {
    throw new RadomeError('CORRUPT', `message length ${message.lengthBytes} (file offset ${start + 8}) is shorter than its header and description (${HEADERS_BYTES} bytes)`);
  }
  if (message.lengthBytes > available) {
    throw new RadomeError('TRUNCATED', `message header at file offset ${start} announces ${message.lengthBytes} bytes, but only ${available} follow`);
  }
  // Bytes past the announced length (trailers some feeds add) are not part of the product.
  return { wmo, message, raw: new ByteReader(bytes.subarray(start, start + message.lengthBytes), 'message', 'CORRUPT') };
}

/** Whether the data after the description is a bzip2 stream to inflate. */
function isCompressed(raw: ByteReader, d: ProductDescription, info: Level3ProductInfo | null): boolean {
  const tail = raw.bytes.subarray(HEADERS_BYTES, HEADERS_BYTES + BZIP2_MAGIC.length);
  const hasMagic = BZIP2_MAGIC.every((b, k) => tail[k] === b);
  if (d.compressionMethod === 1 && !hasMagic) {
    raw.fail(HEADERS_BYTES, 'halfword 51 says bzip2-compressed, but no bzip2 stream ("BZh") follows the product description');
  }
  // Products radome does not know are taken as compressed when halfword 51 and the magic agree.
  return hasMagic && (d.compressionMethod === 1 || (!info && d.dependent[51 - 27] === 1));
}

type Blocks = Pick<Level3Product, 'symbology' | 'graphic' | 'tabular' | 'standaloneGraphic'>;

function readBlocks(r: ByteReader, d: ProductDescription, ctx: PacketContext): Blocks {
  if (ctx.info?.format === 'tabular') {
    const s = readStandalone(r, d, ctx);
    return { symbology: null, graphic: null, tabular: s.tabular, standaloneGraphic: s.trailer };
  }
  return {
    symbology: d.symbologyOffset ? readSymbologyBlock(r, blockOffset(r, d.symbologyOffset, 'symbology block'), ctx) : null,
    graphic: d.graphicOffset ? readGraphicBlock(r, blockOffset(r, d.graphicOffset, 'graphic alphanumeric block'), ctx) : null,
    tabular: d.tabularOffset ? readTabularBlock(r, blockOffset(r, d.tabularOffset, 'tabular alphanumeric block')) : null,
    standaloneGraphic: null,
  };
}

/**
 * Decodes a NEXRAD Level 3 product (ICD 2620001), with or without its WMO/AWIPS heading,
 * bzip2-compressed or not. Throws RadomeError: TRUNCATED when the file ends before the message
 * its header announces, CORRUPT when a block, layer or packet is inconsistent, UNRECOGNIZED when
 * the bytes are not a Level 3 product, UNSUPPORTED for non-product messages.
 */
export function decodeLevel3(input: Uint8Array): Level3Product {
  // A plain view: Node Buffers make every subarray() a costlier Buffer object.
  const bytes = new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
  const { wmo, message, raw } = readMessage(bytes);
  const description = readProductDescription(raw, 0, productByCode);
  if (description.productCode !== message.code) {
    raw.fail(MESSAGE_HEADER_BYTES + 12, `product code ${description.productCode} differs from message code ${message.code}`);
  }
  const info = productByCode(message.code);
  const warnings: string[] = [];
  const compressed = isCompressed(raw, description, info);
  const r = compressed ? new ByteReader(inflate(raw.bytes, description, warnings), 'message', 'CORRUPT') : raw;
  const blocks = readBlocks(r, description, { info, warnings, depth: 0 });
  const radarId = wmo?.radarId ?? null;
  return {
    wmo,
    siteIcao: radarId ? siteIcaoFromRadarId(radarId, message.code) : null,
    message,
    description,
    info,
    compressed,
    ...blocks,
    ...firstImages(blocks.symbology),
    warnings,
  };
}
