// One container layer on and off, for the fuzzer's "mutate the inside, then recompress" cases.
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';
import { unzipSync, zipSync } from 'fflate';
import { Bunzip2 } from '../../ingest/decode/containers/bunzip2.js';
import { detectContainer, type ContainerKind } from '../../ingest/decode/containers/detect-container.js';
import { gunzip } from '../../ingest/decode/containers/gunzip.js';
import { decompressLzw } from '../../ingest/decode/containers/lzw.js';
import { compressLzw } from '../fixtures/lzw-compress.js';

const { Bzip2 } = createRequire(import.meta.url)('compressjs') as {
  Bzip2: { compressFile(data: Uint8Array, out: null, level: number): Uint8Array };
};

export const CONTAINERS: readonly ContainerKind[] = ['gzip', 'bzip2', 'compress', 'zip'];

/** Inner bytes larger than this are not recompressed by the fuzzer (compressjs is slow). */
const MAX_RECOMPRESS = 8 << 20;

export function bzip2(bytes: Uint8Array, level = 9): Uint8Array {
  return Uint8Array.from(Bzip2.compressFile(bytes, null, level));
}

/** `bytes` wrapped in one container of `kind`; a zip holds one member named `member`. */
export function wrap(kind: ContainerKind, bytes: Uint8Array, member = 'data.obs'): Uint8Array {
  switch (kind) {
    case 'gzip':
      return new Uint8Array(gzipSync(bytes));
    case 'bzip2':
      return bzip2(bytes);
    case 'compress':
      return compressLzw(bytes);
    case 'zip':
      return zipSync({ [member]: bytes });
  }
}

/** The outer container of `bytes` removed (kind, inner bytes, zip member name), or null when it is none or broken. */
export function unwrapOne(bytes: Uint8Array): { kind: ContainerKind; inner: Uint8Array; member?: string } | null {
  const kind = detectContainer(bytes);
  if (!kind) return null;
  try {
    let inner: Uint8Array;
    let member: string | undefined;
    switch (kind) {
      case 'gzip':
        inner = gunzip(bytes, MAX_RECOMPRESS);
        break;
      case 'bzip2':
        inner = new Bunzip2().decompress(bytes, 'seed', MAX_RECOMPRESS);
        break;
      case 'compress':
        inner = decompressLzw(bytes, { maxOutputBytes: MAX_RECOMPRESS });
        break;
      case 'zip': {
        const files = Object.entries(unzipSync(bytes));
        if (files.length !== 1) return null;
        [member, inner] = files[0]!;
        break;
      }
    }
    return inner.length <= MAX_RECOMPRESS ? { kind, inner, member } : null;
  } catch {
    return null;
  }
}
