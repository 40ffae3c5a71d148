// Issue 18, item 5: containers share one decompression budget across nested layers
// (RADOME_MAX_DECOMPRESSED_MB, default 512 MiB) and stop at it with TOO_LARGE. The bombs
// themselves, with their peak memory, run in test/fuzz/fuzz.test.ts.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { identifyRadomeFile } from '../../formats/registry.js';
import { DEFAULT_MAX_DECOMPRESSED_MB, maxDecompressedBytes } from './decompression-budget.js';
import { unwrapContainers } from './unwrap-containers.js';
import { compressLzw } from '../../../test/fixtures/lzw-compress.js';
import { bzip2Bomb, compressBomb, zipOf } from '../../../test/fuzz/bombs.js';
import { bzip2 } from '../../../test/fuzz/codecs.js';
import { failure } from '../../../test/support/radome-failure.js';

const MiB = 2 ** 20;
/** Text that compresses only about 4:1, so each layer's output is its own size. */
function text(bytes: number): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = 1;
  for (let i = 0; i < bytes; i++) {
    x = (Math.imul(x, 1103515245) + 12345) >>> 0;
    out[i] = i % 81 === 80 ? 10 : 48 + ((x >>> 16) % 10);
  }
  return out;
}

describe('decompression budget', () => {
  afterEach(() => {
    delete process.env.RADOME_MAX_DECOMPRESSED_MB;
  });

  it(`defaults to ${DEFAULT_MAX_DECOMPRESSED_MB} MiB and reads RADOME_MAX_DECOMPRESSED_MB, refusing nonsense as CONFIG`, () => {
    expect(maxDecompressedBytes({})).toBe(512 * MiB);
    expect(maxDecompressedBytes({ RADOME_MAX_DECOMPRESSED_MB: '2048' })).toBe(2048 * MiB);
    for (const bad of ['0', '-5', '1.5', 'lots', '4096']) {
      expect(failure(() => maxDecompressedBytes({ RADOME_MAX_DECOMPRESSED_MB: bad })).code).toBe('CONFIG');
    }
  });

  it('counts every layer of nested containers against one budget', () => {
    // 300 kB of text, gzip inside zip inside bzip2: each layer alone is under 600 kB, all three
    // together (bzip2 → zip ~ 75 kB, zip → gzip ~ 75 kB, gzip → 300 kB) are not under 400 kB.
    const nested = bzip2(zipSync({ 'a.10o.gz': gzipSync(text(300_000), { level: 0 }) }, { level: 0 }));
    expect(unwrapContainers(nested, { maxOutputBytes: 1000_000 }).layers).toEqual(['bzip2', 'zip:a.10o.gz', 'gzip']);
    const e = failure(() => unwrapContainers(nested, { maxOutputBytes: 650_000 }));
    expect([e.code, e.message]).toEqual(['TOO_LARGE', expect.stringMatching(/^inside bzip2 > zip:a\.10o\.gz: gzip data decompresses to more than \d+ bytes, this file's decompression budget/)]);
  });

  it('applies RADOME_MAX_DECOMPRESSED_MB to files as identified for ingest', () => {
    const gz = gzipSync(text(3 * MiB));
    expect(identifyRadomeFile(new Uint8Array(gzipSync(Buffer.concat([Buffer.from('     2.11           OBSERVATION DATA    G                   RINEX VERSION / TYPE\n'), text(MiB)])))).format.id).toBe(
      'rinex',
    );
    process.env.RADOME_MAX_DECOMPRESSED_MB = '2';
    const e = failure(() => identifyRadomeFile(new Uint8Array(gz)));
    expect([e.code, e.message]).toEqual([
      'TOO_LARGE',
      "gzip data decompresses to more than 2 MiB, this file's decompression budget (a decompression bomb, or a real file larger than RADOME_MAX_DECOMPRESSED_MB allows)",
    ]);
  });

  it('stops each container at the budget with TOO_LARGE: gzip, bzip2, compress, zip', () => {
    const budget = { maxOutputBytes: 2 * MiB };
    expect(failure(() => unwrapContainers(gzipSync(new Uint8Array(3 * MiB)), budget)).code).toBe('TOO_LARGE');
    expect(failure(() => unwrapContainers(bzip2Bomb(3), budget)).code).toBe('TOO_LARGE');
    expect(failure(() => unwrapContainers(compressBomb(3), budget)).code).toBe('TOO_LARGE');
    expect(unwrapContainers(compressBomb(1), budget).bytes.every((b) => b === 0)).toBe(true);
    expect(Buffer.from(unwrapContainers(compressLzw(text(MiB)), budget).bytes).equals(text(MiB))).toBe(true);
    // A zip member declaring more than the budget is refused before anything is inflated.
    const declared = failure(() => unwrapContainers(zipOf('a.10o', deflateRawSync(new Uint8Array(10)), 3 * MiB), budget));
    expect([declared.code, declared.message]).toEqual(['TOO_LARGE', expect.stringMatching(/^zip member a\.10o \(declared 3145728 bytes\) decompresses to more than 2 MiB/)]);
  });

  it('refuses a zip whose end record claims more entries than the archive can hold (fflate would walk them for minutes)', () => {
    const zip = zipOf('a.10o', deflateRawSync(new Uint8Array(10)), 10, 60_000);
    const e = failure(() => unwrapContainers(zip));
    expect([e.code, e.message]).toEqual(['CORRUPT', `zip archive claims 60000 entries, more than its ${zip.length} bytes can hold`]);
  });

  it('refuses a zip member that inflates past its declared size as CORRUPT, not an engine RangeError', () => {
    // A stored deflate block is copied whole: past the declared size, fflate's copy throws a RangeError.
    const e = failure(() => unwrapContainers(zipOf('a.10o', deflateRawSync(text(1000), { level: 0 }), 10)));
    expect([e.code, e.message, e.cause]).toEqual(['CORRUPT', 'zip member a.10o inflates past its declared size of 10 bytes', undefined]);
  });
});
