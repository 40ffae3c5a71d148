// The parts of hyparquet-writer radome's column writer (write-columns.ts) frames its pages with:
// thrift page headers and footer, Snappy, and (for the tests) its RLE/bit-packed encoder. The
// package's public entry exports only its row-oriented writers and ByteWriter; these functions
// live under its `./src/*.js` export, which follows the library's internals. This module is the
// one place radome names them, so a hyparquet-writer upgrade (the version is pinned) is checked
// here, and by store/parquet/parquet-write-columns.test.ts, which reads the files back with hyparquet.
export { ByteWriter } from 'hyparquet-writer';
export { writePageHeader } from 'hyparquet-writer/src/datapage.js';
export { writeRleBitPackedHybrid } from 'hyparquet-writer/src/encoding.js';
export { writeMetadata } from 'hyparquet-writer/src/metadata.js';
export { snappyCompress } from 'hyparquet-writer/src/snappy.js';
