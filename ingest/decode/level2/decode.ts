import { RadomeError } from '../../../core/errors.js';
import { Level2Assembler } from './assembler.js';
import { describeRecord, splitArchiveIIRecords } from './archive-records.js';
import { bunzip2, bunzip2View, initBzip2 } from './bzip2.js';
import type { Level2Volume } from './types.js';

/** Loads the WASM bzip2 decompressor; await it once per thread before decoding. */
export function initLevel2Decoder(): Promise<void> {
  return initBzip2();
}

/**
 * Decompresses one LDM record (a slice from `splitArchiveIIRecords` or `splitLdmRecords`) into
 * a fresh array of messages, e.g. in a worker thread, for `Level2Assembler.push`.
 */
export function decompressRecord(record: Uint8Array, where = 'record'): Uint8Array {
  return bunzip2(record, where);
}

/**
 * Decodes a whole NEXRAD Archive II volume: bzip2 LDM records, uncompressed records or a
 * gzip-wrapped file; messages 31 and 1 with every moment, message 5 for the VCP.
 * Needs `await initLevel2Decoder()` once first. Throws RadomeError (TRUNCATED, CORRUPT,
 * UNRECOGNIZED) saying what is wrong and where; a volume cut exactly between records decodes
 * with a warning that its last cut may be partial, or throws TRUNCATED if no radial is left.
 */
export function decodeArchiveII(bytes: Uint8Array): Level2Volume {
  const { header, records, offsets, compressed } = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(header);
  for (let i = 0; i < records.length; i++) {
    const where = describeRecord(i, offsets[i]!);
    // The view into the WASM heap is read completely by push() before the next record reuses it.
    assembler.push(compressed ? bunzip2View(records[i]!, where) : records[i]!, where);
  }
  const volume = assembler.volume();
  if (volume.sweeps.length === 0) {
    throw new RadomeError('TRUNCATED', `the volume ends after ${records.length} record(s) without a single radial`);
  }
  return volume;
}
