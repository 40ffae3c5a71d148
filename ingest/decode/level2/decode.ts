import { Level2Assembler } from './assembler.js';
import type { GridPool } from './grid-pool.js';
import { describeRecord, splitArchiveIIRecords, type ArchiveIIRecords } from './archive-records.js';
import { threadBunzip2 } from '../containers/bunzip2.js';
import type { Level2Volume } from './types.js';

/**
 * Decompresses one LDM record (a slice from `splitArchiveIIRecords` or `splitLdmRecords`) into
 * a fresh array of messages for `Level2Assembler.push`. `where` names the record in errors.
 */
export function decompressRecord(record: Uint8Array, where = 'record'): Uint8Array {
  return threadBunzip2().decompress(record, where);
}

/**
 * Decodes a whole NEXRAD Archive II volume: bzip2 LDM records, uncompressed records or a
 * gzip-wrapped file; messages 31 and 1 with every moment, message 5 for the VCP. Synchronous
 * and pure. Throws RadomeError (TRUNCATED, CORRUPT, UNRECOGNIZED) saying what is wrong and
 * where; a volume cut exactly between records decodes with a warning that its last cut may be
 * partial, or throws TRUNCATED if no radial is left. `grids` lends the moment grids' memory
 * (valid until its releaseAll); by default they are arrays of their own.
 */
export function decodeArchiveII(bytes: Uint8Array, { grids = null }: { grids?: GridPool | null } = {}): Level2Volume {
  const split = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(split.header, grids);
  readArchiveRecords(split, assembler);
  return assembler.finish();
}

/**
 * Decompresses (when they are compressed) and reads records [from, to) of a split file into
 * `assembler`, each named in errors by its index and byte offset.
 */
export function readArchiveRecords({ records, offsets, compressed }: ArchiveIIRecords, assembler: Level2Assembler, from = 0, to = records.length): void {
  for (let i = from; i < to; i++) {
    const where = describeRecord(i, offsets[i]!);
    // The decompressor's output view is read completely by push() before the next record reuses it.
    assembler.push(compressed ? threadBunzip2().decompressView(records[i]!, where) : records[i]!, where);
  }
}
