import { RadomeError } from '../../../core/errors.js';
import { isRadarSiteId, type RadarSiteId } from '../../../core/vocabulary/index.js';
import { maxDecompressedBytes } from '../containers/decompression-budget.js';
import { gunzip } from '../containers/gunzip.js';
import { isMsOfDay, nexradTime } from './nexrad-time.js';

export const VOLUME_HEADER_BYTES = 24;

/** The 24-byte Archive II volume header. */
export interface ArchiveIIHeader {
  /** Tape name and version, e.g. "AR2V0006." ("ARCHIVE2." in old files). */
  version: string;
  /** Volume number within the tape, e.g. "116". */
  volumeNumber: string;
  /** Volume start, epoch ms UTC. */
  volumeStart: number;
  /** ICAO from the header, upper case ("" when the header leaves it blank). */
  site: RadarSiteId | '';
}

/** An Archive II file cut into its LDM records. */
export interface ArchiveIIRecords {
  header: ArchiveIIHeader;
  /**
   * Record payloads, in order. When `compressed`, each is one bzip2 stream (the control word
   * removed) that decompresses on its own, so records can go to worker threads. Otherwise there
   * is a single payload: the uncompressed message stream after the header.
   */
  records: Uint8Array[];
  /** Byte offset of each record's control word in the (gunzipped) input, for messages. */
  offsets: number[];
  compressed: boolean;
}

/** Real compressed records stay well under 1 MB; a control word past this is garbage. */
const MAX_RECORD_BYTES = 64 << 20;
/** Smallest bzip2 stream: 'BZh' + level + end-of-stream marker (6) + CRC (4). */
const MIN_BZIP2_BYTES = 14;

/** Human text for a record position, used in every error and warning about it. */
export function describeRecord(index: number, offset: number): string {
  return `record ${index} at offset ${offset}`;
}

/**
 * Splits a whole Archive II file (optionally gzip-wrapped as a whole) into its volume header
 * and records. Throws RadomeError UNRECOGNIZED, TRUNCATED or CORRUPT naming the offset.
 */
export function splitArchiveIIRecords(input: Uint8Array): ArchiveIIRecords {
  const bytes = isGzip(input) ? gunzip(input, maxDecompressedBytes()) : input;
  const header = readVolumeHeader(bytes);
  const start = VOLUME_HEADER_BYTES;
  if (bytes.length === start) throw new RadomeError('TRUNCATED', `the volume ends after its ${start}-byte header: no records`);
  if (hasBzip2Signature(bytes, start + 4)) return { header, ...splitLdmRecords(bytes, start), compressed: true };
  if (bytes.length < start + 28) {
    throw new RadomeError('TRUNCATED', `the input ends at ${bytes.length} bytes, before the first record after the volume header is complete`);
  }
  if (looksLikeMessage(bytes, start)) return { header, records: [bytes.subarray(start)], offsets: [start], compressed: false };
  throw new RadomeError('CORRUPT', `offset ${start}: after the volume header expected an LDM record (control word then 'BZh') or an uncompressed message, found ${hex(bytes, start, 8)}`);
}

/** Reads the 24-byte volume header at the start of a volume (or of a real-time start chunk). */
export function readVolumeHeader(bytes: Uint8Array): ArchiveIIHeader {
  if (bytes.length === 0) throw new RadomeError('UNRECOGNIZED', 'empty input: not an Archive II volume');
  const tape = ascii(bytes, 0, Math.min(9, bytes.length));
  if (!tape.startsWith('AR2V') && !tape.startsWith('ARCHIVE2')) {
    throw new RadomeError('UNRECOGNIZED', `not an Archive II volume: expected 'AR2V' or 'ARCHIVE2' at offset 0, found ${hex(bytes, 0, 8)}`);
  }
  if (bytes.length < VOLUME_HEADER_BYTES) {
    throw new RadomeError('TRUNCATED', `the input ends at ${bytes.length} bytes, inside the ${VOLUME_HEADER_BYTES}-byte volume header`);
  }
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const date = dv.getUint32(12);
  const ms = dv.getUint32(16);
  if (date < 1 || date > 100_000 || !isMsOfDay(ms)) {
    throw new RadomeError('CORRUPT', `volume header at offset 12: date ${date} / time ${ms} ms is not a valid NEXRAD date and time`);
  }
  const site = ascii(bytes, 20, 4);
  return {
    version: tape,
    volumeNumber: ascii(bytes, 9, 3),
    volumeStart: nexradTime(date, ms),
    // 1990s headers leave the ICAO blank (spaces or NULs): the site then comes from the radials or the file's name.
    site: isRadarSiteId(site) ? site : '',
  };
}

/**
 * Splits LDM records (4-byte big-endian control word = record length, negative on the last
 * record, then a bzip2 stream) from `start` to the end. Real-time intermediate chunks are only
 * this, with `start` 0; `firstIndex` numbers the records in messages.
 */
export function splitLdmRecords(bytes: Uint8Array, start = 0, firstIndex = 0): { records: Uint8Array[]; offsets: number[] } {
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const records: Uint8Array[] = [];
  const offsets: number[] = [];
  let at = start;
  while (at < bytes.length) {
    const where = describeRecord(firstIndex + records.length, at);
    if (at + 4 > bytes.length) throw new RadomeError('TRUNCATED', `${where}: input ends inside the 4-byte control word`);
    const size = Math.abs(dv.getInt32(at));
    const body = at + 4;
    if (!hasBzip2Signature(bytes, body)) {
      if (body + 3 > bytes.length) throw new RadomeError('TRUNCATED', `${where}: input ends before the record's bzip2 signature`);
      throw new RadomeError('CORRUPT', `${where}: expected a bzip2 stream ('BZh') after the control word, found ${hex(bytes, body, 4)}`);
    }
    if (size < MIN_BZIP2_BYTES || size > MAX_RECORD_BYTES) {
      throw new RadomeError('CORRUPT', `${where}: control word announces ${size} bytes, not a possible record length`);
    }
    if (body + size > bytes.length) {
      throw new RadomeError('TRUNCATED', `${where}: control word announces ${size} bytes but only ${bytes.length - body} remain`);
    }
    records.push(bytes.subarray(body, body + size));
    offsets.push(at);
    at = body + size;
  }
  return { records, offsets };
}

function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

function hasBzip2Signature(bytes: Uint8Array, at: number): boolean {
  return at + 3 <= bytes.length && bytes[at] === 0x42 && bytes[at + 1] === 0x5a && bytes[at + 2] === 0x68;
}

/**
 * An uncompressed stream starts with a 12-byte CTM header then a message header of a known type,
 * a size that fits and a plausible date and time (so random bytes are not taken for one).
 */
function looksLikeMessage(bytes: Uint8Array, at: number): boolean {
  if (at + 28 > bytes.length) return false;
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const halfwords = dv.getUint16(at + 12);
  const type = bytes[at + 15]!;
  const sizeFits = type === 31 ? at + 12 + 2 * halfwords <= bytes.length : halfwords <= 1208;
  return [1, 2, 3, 5, 13, 15, 18, 31].includes(type) && halfwords >= 8 && sizeFits && dv.getUint16(at + 18) >= 1 && isMsOfDay(dv.getUint32(at + 20));
}

function ascii(bytes: Uint8Array, at: number, n: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + n));
}

function hex(bytes: Uint8Array, at: number, n: number): string {
  const slice = bytes.subarray(at, at + n);
  return slice.length ? [...slice].map((b) => b.toString(16).padStart(2, '0')).join(' ') : 'nothing';
}
