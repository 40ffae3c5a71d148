/** NEXRAD Level 2 (Archive II) decoding: pure, bytes in, typed grids out. */
export { decodeArchiveII, decompressRecord, readArchiveRecords } from './decode.js';
export { Level2Assembler, type AssemblyProgress } from './assembler.js';
export { GridPool } from './grid-pool.js';
export {
  describeRecord,
  readVolumeHeader,
  splitArchiveIIRecords,
  splitLdmRecords,
  VOLUME_HEADER_BYTES,
  type ArchiveIIHeader,
  type ArchiveIIRecords,
} from './archive-records.js';
export * from './types.js';
export { isRangeFolded, momentCodeValues, momentValues } from './moment-values.js';
