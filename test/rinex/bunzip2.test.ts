import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { Bunzip2 } from '../../ingest/decode/level2/bunzip2.js';
import { random } from './synthetic-volumes.js';

const { Bzip2 } = createRequire(import.meta.url)('compressjs') as {
  Bzip2: { compressFile(data: Uint8Array, out: null, level: number): Uint8Array };
};

describe('bzip2 decompression', () => {
  const bunzip2 = new Bunzip2();

  it('restores several blocks with skewed symbols (long Huffman codes) and deep move-to-front', () => {
    const rand = random(3);
    // Geometric byte frequencies give codes far longer than the 10-bit look-up table.
    const data = Uint8Array.from({ length: 250_000 }, () => Math.min(255, Math.floor(-Math.log2(rand() + 1e-12) * 12)));
    const z = Bzip2.compressFile(data, null, 1); // 100 kB blocks: three of them
    expect(bunzip2.decompress(z, 'test')).toEqual(data);
  });

  it('restores runs of every length around the run-length boundaries (4 and 4 + 255)', () => {
    const parts: number[] = [];
    for (let n = 1; n <= 600; n += n < 12 || (n > 250 && n < 270) ? 1 : 37) parts.push(...new Array<number>(n).fill(n & 0xff), 7);
    const data = Uint8Array.from(parts);
    expect(bunzip2.decompress(Bzip2.compressFile(data, null, 9), 'test')).toEqual(data);
  });

  it('reuses its output: a view lasts until the next call, a copy for good', () => {
    const a = Uint8Array.from({ length: 5000 }, (_, i) => i % 7);
    const b = Uint8Array.from({ length: 5000 }, (_, i) => i % 5);
    const za = Bzip2.compressFile(a, null, 9);
    const copy = bunzip2.decompress(za, 'a');
    const view = bunzip2.decompressView(za, 'a');
    expect(view).toEqual(a);
    bunzip2.decompressView(Bzip2.compressFile(b, null, 9), 'b');
    expect(view).toEqual(b.subarray(0, view.length));
    expect(copy).toEqual(a);
  });

  it('verifies the block CRC', () => {
    const data = Uint8Array.from({ length: 3000 }, (_, i) => (i * 13) % 251);
    const z = Bzip2.compressFile(data, null, 9);
    z[10] ^= 0x01; // inside the stored block CRC (bytes 10-13)
    const e = (() => {
      try {
        bunzip2.decompress(z, 'record 9 at offset 4');
      } catch (err) {
        return err as RadomeError;
      }
    })();
    expect(e).toBeInstanceOf(RadomeError);
    expect([e!.code, e!.message]).toEqual(['CORRUPT', expect.stringMatching(/^record 9 at offset 4: bzip2 data error: block CRC 0x[0-9a-f]+ differs/)]);
  });
});
