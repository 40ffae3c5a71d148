import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RadomeError, type RadomeErrorCode } from '../../../core/errors.js';
import { decodeLevel3 } from './index.js';
import { digitalRadialPacket, encodeLevel3, rleRadialPacket, textPacket } from '../../../test/fixtures/level3-encoder.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';

const FAILURES: RadomeErrorCode[] = ['TRUNCATED', 'CORRUPT', 'UNRECOGNIZED'];

/** Runs the decoder and returns its RadomeError (failing the test on any other outcome). */
function failure(bytes: Uint8Array): RadomeError {
  try {
    decodeLevel3(bytes);
  } catch (e) {
    if (!(e instanceof RadomeError)) throw new Error(`decoder threw a non-RadomeError: ${String(e)}`, { cause: e });
    return e;
  }
  throw new Error('decoder accepted bad input');
}

/** Decodes or fails with a RadomeError of an input-problem code; anything else fails the test. */
function decodesOrRejects(bytes: Uint8Array): void {
  try {
    decodeLevel3(bytes);
  } catch (e) {
    if (!(e instanceof RadomeError)) throw new Error(`decoder threw a non-RadomeError: ${String(e)}`, { cause: e });
    expect(FAILURES).toContain(e.code);
    expect(e.message.length).toBeGreaterThan(10);
  }
}

function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

const binCount = 60;
const levels = Uint8Array.from({ length: 36 * binCount }, (_, k) => (k >> 3) % 16);
const rleProduct = encodeLevel3({
  productCode: 56,
  layers: [[rleRadialPacket({ binCount, levels })], [textPacket(8, 1, 2, 'label', 3)]],
  tabularPages: [['a tabular line']],
  wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'N0SLOT' },
});
const WMO_LEN = 'SDUS53 KLOT 311106\r\r\nN0SLOT\r\r\n'.length;
const compressedProduct = encodeLevel3({
  productCode: 94,
  halfwords: { 31: 0xfec0, 32: 5, 33: 254 },
  layers: [[digitalRadialPacket({ binCount, levels })]],
  compress: true,
});

/** Copy of `bytes` with a big-endian value written at `offset`. */
function patched(bytes: Uint8Array, offset: number, value: number, size: 2 | 4): Uint8Array {
  const out = Uint8Array.from(bytes);
  const v = new DataView(out.buffer);
  if (size === 2) v.setUint16(offset, value);
  else v.setUint32(offset, value);
  return out;
}

describe('Level 3 bad input', () => {
  it('the synthetic products decode as made', () => {
    expect(decodeLevel3(rleProduct).radial!.levels).toEqual(levels);
    expect(decodeLevel3(compressedProduct).radial!.levels).toEqual(levels);
  });

  it('empty input is TRUNCATED; short or foreign bytes are UNRECOGNIZED', () => {
    expect(failure(new Uint8Array(0))).toMatchObject({ code: 'TRUNCATED', message: expect.stringMatching(/empty/) });
    expect(failure(new Uint8Array([0, 56, 1]))).toMatchObject({ code: 'UNRECOGNIZED' });
    expect(failure(new TextEncoder().encode('<html><body>Not Found</body></html>'.repeat(5)))).toMatchObject({ code: 'UNRECOGNIZED' });
    // A Level 2 volume header is not a Level 3 product.
    expect(failure(new TextEncoder().encode('AR2V0006.123KLOT'.padEnd(200, '\0')))).toMatchObject({ code: 'UNRECOGNIZED' });
  });

  it('random bytes are rejected with a RadomeError, never a crash', () => {
    const next = random(42);
    for (let n = 0; n < 300; n++) {
      const bytes = Uint8Array.from({ length: 1 + Math.floor(next() * 3000) }, () => Math.floor(next() * 256));
      decodesOrRejects(bytes);
    }
  });

  it('a product cut at any offset is TRUNCATED, saying how much the header announced', () => {
    for (const product of [rleProduct, compressedProduct]) {
      const headerEnd = product === rleProduct ? WMO_LEN : 0;
      for (let cut = 1; cut < product.length; cut += product === rleProduct ? 7 : 3) {
        const e = failure(product.subarray(0, cut));
        if (cut >= headerEnd + 120) {
          expect(e.code, `cut at ${cut}`).toBe('TRUNCATED');
          expect(e.message).toMatch(/announces \d+ bytes, but only \d+ follow/);
        } else {
          expect(['TRUNCATED', 'UNRECOGNIZED'], `cut at ${cut}`).toContain(e.code);
        }
      }
    }
  });

  it('inconsistent block offsets and lengths are CORRUPT and say where', () => {
    const m = WMO_LEN; // message header starts here
    const cases: Array<[string, Uint8Array, RegExp]> = [
      ['symbology offset pointing into the headers', patched(rleProduct, m + 108, 10, 4), /offset to symbology block is 10 halfwords/],
      ['symbology offset past the end', patched(rleProduct, m + 108, 0x7fffffff, 4), /outside the message body/],
      ['tabular offset past the end', patched(rleProduct, m + 116, 0x10000, 4), /offset to tabular alphanumeric block/],
      ['symbology block length 0', patched(rleProduct, m + 124, 0, 4), /symbology block length 0/],
      ['symbology block id 7', patched(rleProduct, m + 122, 7, 2), /symbology block id is 7/],
      ['layer length past the block', patched(rleProduct, m + 132, 0xfffff, 4), /layer 1 length/],
      ['layer divider broken', patched(rleProduct, m + 130, 5, 2), /layer 1 divider is 5/],
      ['radial count implausible', patched(rleProduct, m + 148, 30000, 2), /implausible radial count 30000/],
      ['radial count larger than the layer', patched(rleProduct, m + 148, 1900, 2), /announces 1900 radials/],
      ['run-length halfwords past the layer', patched(rleProduct, m + 150, 0x7fff, 2), /radial 0 of packet AF1F/],
      ['message length shorter than the blocks', patched(rleProduct, m + 8, 200, 4), /symbology block|past|outside/],
      ['message length shorter than its headers', patched(rleProduct, m + 8, 100, 4), /message length 100/],
      ['description divider broken', patched(rleProduct, m + 18, 0x1234, 2), /product description block divider/],
    ];
    for (const [what, bytes, message] of cases) {
      const e = failure(bytes);
      expect(e.code, what).toBe('CORRUPT');
      expect(e.message, what).toMatch(message);
    }
  });

  it('packets with zero or overlong lengths are CORRUPT, unknown packet codes are warnings', () => {
    const withPacket = (packet: Uint8Array): Uint8Array => encodeLevel3({ productCode: 58, layers: [[packet]] });
    const zeroText = Uint8Array.from([0, 1, 0, 0]);
    expect(failure(withPacket(zeroText))).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/text packet 1 is too short/) });
    const overlong = Uint8Array.from([0, 15, 0x7f, 0xff, 0, 1, 0, 2]);
    expect(failure(withPacket(overlong))).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/length 32767 runs past/) });
    const unknown = decodeLevel3(withPacket(Uint8Array.from([0x12, 0x34, 0, 4, 1, 2, 3, 4])));
    expect(unknown.symbology!.layers[0]).toEqual([]);
    expect(unknown.warnings[0]).toMatch(/unknown packet 4660 \(0x1234\) at message offset 136/);
  });

  it('SCIT packets nested without end are CORRUPT, not a stack overflow', () => {
    let packet: Uint8Array = textPacket(2, 0, 0, '! ');
    for (let depth = 0; depth < 40; depth++) {
      const wrapped = new Uint8Array(packet.length + 4);
      new DataView(wrapped.buffer).setUint16(0, 23);
      new DataView(wrapped.buffer).setUint16(2, packet.length);
      wrapped.set(packet, 4);
      packet = wrapped;
    }
    const e = failure(encodeLevel3({ productCode: 58, layers: [[packet]] }));
    expect(e).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/nests packets deeper than 8 levels/) });
  });

  it('bzip2 problems are CORRUPT', () => {
    const flip = Uint8Array.from(compressedProduct);
    for (let k = 140; k < flip.length - 20; k += 5) flip[k] ^= 0x5a;
    expect(failure(flip)).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/bzip2 data at message offset 120/) });
    const noMagic = patched(compressedProduct, 120, 0x1234, 2);
    expect(failure(noMagic)).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/no bzip2 stream/) });
    const huge = patched(compressedProduct, 102, 0x7fffffff, 4); // halfwords 52-53
    expect(failure(huge)).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(/uncompressed size 2147483647/) });
  });

  it('bit flips anywhere in a product decode or fail with a RadomeError', () => {
    const next = random(7);
    for (const product of [rleProduct, compressedProduct]) {
      for (let n = 0; n < 250; n++) {
        const bytes = Uint8Array.from(product);
        for (let f = 0; f < 1 + (n % 4); f++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
        decodesOrRejects(bytes);
      }
    }
  });
});

const REL = 'nexrad/level3';
const dir = sampleFile(REL);
if (!dir) console.warn(skipReason(REL));

describe.skipIf(!dir)('Level 3 bad input from real products', () => {
  const names = ['LOT_N0S_2021_01_31_11_06_30', 'SDUS53_KLOT_150709', 'TBW_NHI_2021_04_19_19_02', 'KBYX_NSS_2022_01_16_09_31', 'LOT_DAA_2021_05_08_03_40_29'];

  it('every cut of a real product is rejected (TRUNCATED past the headers)', () => {
    for (const name of names) {
      const bytes = readFileSync(join(dir!, name));
      const step = Math.max(1, Math.floor(bytes.length / 150));
      for (let cut = 0; cut < bytes.length; cut += step) {
        const e = failure(bytes.subarray(0, cut));
        if (cut >= 150) expect(e.code, `${name} cut at ${cut}`).toBe('TRUNCATED');
      }
    }
  });

  it('bit flips in real products decode or fail with a RadomeError', () => {
    const next = random(99);
    for (const name of names) {
      const original = readFileSync(join(dir!, name));
      for (let n = 0; n < 150; n++) {
        const bytes = Uint8Array.from(original);
        for (let f = 0; f < 3; f++) bytes[Math.floor(next() * bytes.length)] ^= 1 << Math.floor(next() * 8);
        decodesOrRejects(bytes);
      }
    }
  });
});
