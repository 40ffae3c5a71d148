import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../../core/errors.js';
import { Bunzip2, threadBunzip2 } from './bunzip2.js';
import { unwrapContainers } from './unwrap-containers.js';
import { random } from '../../../test/level2/synthetic-volumes.js';
import { failure } from '../../../test/support/radome-failure.js';

const { Bzip2 } = createRequire(import.meta.url)('compressjs') as {
  Bzip2: { compressFile(data: Uint8Array, out: null, level: number): Uint8Array };
};

const compress = (data: Uint8Array, level = 9): Uint8Array => Uint8Array.from(Bzip2.compressFile(data, null, level));
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((p) => [...p]));

describe('bzip2 decompression', () => {
  const bunzip2 = new Bunzip2();

  it('restores several blocks with skewed symbols (long Huffman codes) and deep move-to-front', () => {
    const rand = random(3);
    // Geometric byte frequencies give codes far longer than the 10-bit look-up table.
    const data = Uint8Array.from({ length: 250_000 }, () => Math.min(255, Math.floor(-Math.log2(rand() + 1e-12) * 12)));
    const z = compress(data, 1); // 100 kB blocks: three of them
    expect(bunzip2.decompress(z, 'test')).toEqual(data);
  });

  it('restores runs of every length around the run-length boundaries (4 and 4 + 255)', () => {
    const parts: number[] = [];
    for (let n = 1; n <= 600; n += n < 12 || (n > 250 && n < 270) ? 1 : 37) parts.push(...new Array<number>(n).fill(n & 0xff), 7);
    const data = Uint8Array.from(parts);
    expect(bunzip2.decompress(compress(data), 'test')).toEqual(data);
  });

  it('reuses its output: a view lasts until the next call, a copy for good', () => {
    const a = Uint8Array.from({ length: 5000 }, (_, i) => i % 7);
    const b = Uint8Array.from({ length: 5000 }, (_, i) => i % 5);
    const za = compress(a);
    const copy = bunzip2.decompress(za, 'a');
    const view = bunzip2.decompressView(za, 'a');
    expect(view).toEqual(a);
    bunzip2.decompressView(compress(b), 'b');
    expect(view).toEqual(b.subarray(0, view.length));
    expect(copy).toEqual(a);
  });

  it('hands over a large output instead of keeping it: later calls do not overwrite it', () => {
    // 24 concatenated copies of a 1 MiB stream: 24 MiB out, past the hand-over size.
    const mib = Uint8Array.from({ length: 1 << 20 }, (_, i) => (i >> 12) & 0xff);
    const z = compress(mib);
    const big = bunzip2.decompress(concat(...new Array<Uint8Array>(24).fill(z)), 'big', 32 << 20);
    bunzip2.decompressView(compress(new Uint8Array(1000).fill(9)), 'small');
    expect(big.length).toBe(24 << 20);
    for (let k = 0; k < 24; k++) expect(Buffer.compare(big.subarray(k << 20, (k + 1) << 20), mib), `copy ${k}`).toBe(0);
  });

  it('gives one reusable instance per thread', () => {
    expect(threadBunzip2()).toBe(threadBunzip2());
    expect(threadBunzip2()).toBeInstanceOf(Bunzip2);
  });
});

describe('bzip2: concatenated streams', () => {
  const bunzip2 = new Bunzip2();
  const parts = [1, 9, 5].map((level, k) => {
    const data = Uint8Array.from({ length: 120_000 + 1000 * k }, (_, i) => (i * (k + 3)) % 251);
    return { data, z: compress(data, level) };
  });
  const joined = concat(...parts.map((p) => p.z));
  const expected = concat(...parts.map((p) => p.data));

  it('decodes every stream, one after the other, into one output', () => {
    expect(Buffer.compare(bunzip2.decompress(joined), expected)).toBe(0);
  });

  it('ignores bytes after the last stream that do not start another (as bzip2(1) does)', () => {
    for (const tail of [new Uint8Array(100), new TextEncoder().encode('garbage'), Uint8Array.of(0x42, 0x41)]) {
      expect(Buffer.compare(bunzip2.decompress(concat(joined, tail)), expected)).toBe(0);
    }
  });

  it('names the stream at fault after the first', () => {
    const bad = joined.slice();
    const second = parts[0]!.z.length;
    bad[second + 3] = 0x30; // block size digit '0'
    const e = failure(() => bunzip2.decompress(bad, 'file.bz2'));
    expect([e.code, e.message]).toEqual(['CORRUPT', `file.bz2, stream at byte ${second}: bzip2 data error: block size digit 0 is not 1-9`]);
  });

  it('unwraps a multi-stream .bz2 container', () => {
    const r = unwrapContainers(joined);
    expect(r.layers).toEqual(['bzip2']);
    expect(Buffer.compare(r.bytes, expected)).toBe(0);
  });
});

describe('bzip2: truncated and corrupt input', () => {
  const bunzip2 = new Bunzip2();
  const data = Uint8Array.from({ length: 4000 }, (_, i) => ((i * 13) % 251) ^ (i >> 9));
  const z = compress(data);

  it('reports a stream cut at any byte as TRUNCATED', () => {
    for (let cut = 0; cut < z.length; cut++) {
      const e = failure(() => bunzip2.decompress(z.subarray(0, cut), 'cut'));
      expect([cut, e.code, e.message]).toEqual([cut, 'TRUNCATED', 'cut: bzip2 stream ends before its end-of-stream marker']);
    }
  });

  it('reports a second stream cut at any byte after its first as TRUNCATED', () => {
    const two = concat(z, z);
    for (let cut = z.length + 1; cut < two.length; cut++) {
      expect([cut, failure(() => bunzip2.decompress(two.subarray(0, cut))).code]).toEqual([cut, 'TRUNCATED']);
    }
  });

  it('never returns wrong data for a flipped bit: a typed error, or (in the end padding) the same bytes', () => {
    const codes = new Map<string, number>();
    for (let at = 0; at < z.length; at++) {
      for (const bit of [0x01, 0x10, 0x80]) {
        const bad = z.slice();
        bad[at] ^= bit;
        try {
          expect(Buffer.compare(bunzip2.decompressView(bad), data), `byte ${at} bit ${bit}`).toBe(0);
          codes.set('same', (codes.get('same') ?? 0) + 1);
        } catch (e) {
          expect(e, `byte ${at} bit ${bit}`).toBeInstanceOf(RadomeError);
          const code = (e as RadomeError).code;
          expect(['CORRUPT', 'TRUNCATED']).toContain(code);
          codes.set(code, (codes.get(code) ?? 0) + 1);
        }
      }
    }
    // Most flips are caught as corruption (bad tables, CRC); only padding bits of the last byte are free.
    expect(codes.get('CORRUPT')!).toBeGreaterThan(0.9 * 3 * z.length);
    expect(codes.get('same') ?? 0).toBeLessThanOrEqual(3);
  });

  it('verifies the block CRC and the stream CRC', () => {
    const block = z.slice();
    block[10] ^= 0x01; // inside the stored block CRC (bytes 10-13)
    const e = failure(() => bunzip2.decompress(block, 'record 9 at offset 4'));
    expect([e.code, e.message]).toEqual(['CORRUPT', expect.stringMatching(/^record 9 at offset 4: bzip2 data error: block CRC 0x[0-9a-f]+ differs/)]);
    const stream = z.slice();
    stream[z.length - 2] ^= 0x04; // inside the stream CRC, the last 32 bits before the padding
    expect(failure(() => bunzip2.decompress(stream)).message).toMatch(/stream CRC 0x[0-9a-f]+ differs/);
  });

  it('refuses what is not bzip2', () => {
    expect(failure(() => bunzip2.decompress(new TextEncoder().encode('BZx9 not bzip2'))).message).toMatch(/no 'BZh' signature/);
    expect(failure(() => bunzip2.decompress(new TextEncoder().encode('BZh0 not bzip2'))).message).toMatch(/block size digit 0/);
    const random8k = Uint8Array.from({ length: 8192 }, random(11));
    random8k.set([0x42, 0x5a, 0x68, 0x39, 0x31, 0x41, 0x59, 0x26, 0x53, 0x59]); // a valid header, then noise
    expect(['CORRUPT', 'TRUNCATED']).toContain(failure(() => bunzip2.decompress(random8k)).code);
  });
});

describe('bzip2: output cap (bomb protection)', () => {
  const bunzip2 = new Bunzip2();
  const zeros = compress(new Uint8Array(1 << 20)); // 1 MiB of zeros in ~50 bytes

  it('accepts output up to the cap exactly and refuses one byte more as TOO_LARGE', () => {
    expect(bunzip2.decompress(zeros, 'z', 1 << 20).length).toBe(1 << 20);
    const e = failure(() => bunzip2.decompress(zeros, 'bomb.bz2', (1 << 20) - 1));
    expect([e.code, e.message]).toEqual(['TOO_LARGE', expect.stringMatching(new RegExp(`^bomb\\.bz2 decompresses to more than ${(1 << 20) - 1} bytes`))]);
  });

  it('counts the output of all concatenated streams against the cap', () => {
    const many = concat(...new Array<Uint8Array>(40).fill(zeros));
    expect(failure(() => bunzip2.decompressView(many, 'many', 16 << 20)).code).toBe('TOO_LARGE');
    expect(bunzip2.decompressView(many, 'many', 40 << 20).length).toBe(40 << 20);
  });

  it('defaults to 64 MiB, and unwrapContainers passes its own limit', () => {
    const many = concat(...new Array<Uint8Array>(65).fill(zeros));
    expect(failure(() => bunzip2.decompressView(many)).message).toMatch(/decompresses to more than 64 MiB/);
    expect(failure(() => unwrapContainers(zeros, { maxOutputBytes: 1000 })).code).toBe('TOO_LARGE');
  });
});
