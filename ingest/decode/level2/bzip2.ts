import { createRequire } from 'node:module';
import { RadomeError } from '../../../core/errors.js';

/**
 * bzip2 decompression with the reference C library compiled to WASM (@foxglove/wasm-bz2).
 * Measured on the KLOT sample (55 records, 50.8 MB out): ~300 ms against ~1070 ms for the
 * pure-JS seek-bzip, i.e. as fast as the native `bzip2` binary. The package's own wrapper
 * mallocs and copies twice per call and reports failures only as text, so this module drives
 * the Emscripten module directly: one reusable input and output area in the WASM heap, and
 * the libbzip2 return code to tell a full output buffer (grow and retry) from bad data.
 */

interface Bz2Module {
  HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(ptr: number): void;
  decompress(dst: number, dstSize: number, src: number, srcSize: number, small: number): {
    code: number;
    error?: string;
    buffer?: Uint8Array;
  };
}

const BZ_DATA_ERROR = -4;
const BZ_DATA_ERROR_MAGIC = -5;
const BZ_UNEXPECTED_EOF = -7;
const BZ_OUTBUFF_FULL = -8;

/** A record that inflates past this is not an LDM record (real ones stay under 2 MB). */
const MAX_OUTPUT = 64 << 20;
const INITIAL_OUTPUT = 4 << 20;

let module: Bz2Module | null = null;
let loading: Promise<void> | null = null;
let srcPtr = 0;
let srcCap = 0;
let dstPtr = 0;
let dstCap = 0;

/** Loads the WASM decompressor once per thread; later calls return at once. */
export function initBzip2(): Promise<void> {
  if (module) return Promise.resolve();
  loading ??= (async () => {
    const require = createRequire(import.meta.url);
    const factory = require('@foxglove/wasm-bz2/wasm/module.js') as () => Promise<Bz2Module>;
    module = await factory();
  })();
  return loading;
}

function loaded(): Bz2Module {
  if (!module) {
    throw new RadomeError('CONFIG', 'the bzip2 decompressor is not loaded: await initLevel2Decoder() once before decoding');
  }
  return module;
}

/**
 * Decompresses one bzip2 stream and returns a view of the output INSIDE the WASM heap: it is
 * valid only until the next call here (or a heap growth), so read it at once or copy it.
 * `where` names the input in error messages (e.g. "record 3 at offset 1234").
 */
export function bunzip2View(src: Uint8Array, where: string): Uint8Array {
  const m = loaded();
  if (src.length > srcCap) {
    if (srcPtr) m._free(srcPtr);
    srcCap = Math.max(src.length, 1 << 20);
    srcPtr = m._malloc(srcCap);
  }
  m.HEAPU8.set(src, srcPtr);
  let want = Math.max(dstCap, INITIAL_OUTPUT);
  for (;;) {
    if (want > dstCap) {
      if (dstPtr) m._free(dstPtr);
      dstCap = want;
      dstPtr = m._malloc(dstCap);
    }
    const { code, buffer } = m.decompress(dstPtr, dstCap, srcPtr, src.length, 0);
    if (code === 0 && buffer) return buffer;
    if (code === BZ_OUTBUFF_FULL && dstCap < MAX_OUTPUT) {
      want = dstCap * 2;
      continue;
    }
    throw bzip2Error(code, where);
  }
}

/** Decompresses one bzip2 stream into a fresh array (safe to keep or transfer). */
export function bunzip2(src: Uint8Array, where: string): Uint8Array {
  return bunzip2View(src, where).slice();
}

function bzip2Error(code: number, where: string): RadomeError {
  switch (code) {
    case BZ_UNEXPECTED_EOF:
      return new RadomeError('TRUNCATED', `${where}: bzip2 stream ends before its end-of-stream marker`);
    case BZ_DATA_ERROR:
      return new RadomeError('CORRUPT', `${where}: bzip2 data error (bad block CRC or invalid Huffman/BWT data)`);
    case BZ_DATA_ERROR_MAGIC:
      return new RadomeError('CORRUPT', `${where}: not a bzip2 stream (bad 'BZh' signature)`);
    case BZ_OUTBUFF_FULL:
      return new RadomeError('CORRUPT', `${where}: bzip2 stream inflates past ${MAX_OUTPUT >> 20} MB`);
    default:
      return new RadomeError('CORRUPT', `${where}: bzip2 decompression failed with libbzip2 code ${code}`);
  }
}
