import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { detectContainer } from './detect-container.js';
import { decompressLzw } from './lzw.js';
import { unwrapContainers } from './unwrap-containers.js';
import { compressLzw } from '../../../test/fixtures/lzw-compress.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';
import { outcomeCode } from '../../../test/support/radome-failure.js';

const Z_FILE = 'gnss/rinex/ac660270.18o.Z';
const CRX = 'gnss/rinex/P43300USA_R_20190012056_17M_15S_MO.crx';
const CRX_BZ2 = 'gnss/rinex/P43300USA_R_20190012056_17M_15S_MO.crx.bz2';
const YORK_ZIP = 'gnss/rinex/york0440.zip';

/** `gzip -dc` decodes .Z too: an independent LZW decoder, used only as a test oracle. */
const gzipAvailable = spawnSync('gzip', ['--version']).status === 0;
function gzipDecode(bytes: Uint8Array): Uint8Array {
  const r = spawnSync('gzip', ['-dc'], { input: bytes, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`gzip -dc failed: ${r.stderr.toString()}`);
  return new Uint8Array(r.stdout);
}

/** Text with a long, repetitive but not trivial structure, like RINEX (fills LZW tables). */
function sampleText(bytes: number, seed = 1): Uint8Array {
  const out = new Uint8Array(bytes);
  let x = seed;
  for (let i = 0; i < bytes; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = i % 81 === 80 ? 10 : 32 + ((x >>> 16) % 14) + (i % 7 === 0 ? 16 : 0);
  }
  return out;
}

describe('detectContainer', () => {
  it('recognises containers by magic bytes only', () => {
    expect(detectContainer(Uint8Array.of(0x1f, 0x8b, 8, 0))).toBe('gzip');
    expect(detectContainer(Uint8Array.of(0x1f, 0x9d, 0x90))).toBe('compress');
    expect(detectContainer(new TextEncoder().encode('BZh91AY&SY'))).toBe('bzip2');
    expect(detectContainer(Uint8Array.of(0x50, 0x4b, 3, 4))).toBe('zip');
    expect(detectContainer(new TextEncoder().encode('     2.11           OBSERVATION DATA'))).toBeNull();
    expect(detectContainer(new TextEncoder().encode('BZh0'))).toBeNull();
    expect(detectContainer(new Uint8Array(0))).toBeNull();
  });
});

describe('Unix compress (LZW)', () => {
  const zFile = sampleFile(Z_FILE);
  if (!zFile) console.warn(skipReason(Z_FILE));

  it.skipIf(!zFile || !gzipAvailable)('decodes the real .Z file exactly as uncompress does', () => {
    const z = readFileSync(zFile!);
    const ours = decompressLzw(z);
    const reference = gzipDecode(z);
    expect(ours.length).toBe(reference.length);
    expect(Buffer.from(ours).equals(Buffer.from(reference))).toBe(true);
    expect(new TextDecoder().decode(ours.subarray(60, 80))).toBe('RINEX VERSION / TYPE');
  });

  it('round-trips every max code width 9..16, block mode and not, with forced CLEARs', () => {
    const text = sampleText(300_000);
    for (let maxBits = 9; maxBits <= 16; maxBits++) {
      for (const options of [{ blockMode: true }, { blockMode: false }, { blockMode: true, clearEvery: 700 + maxBits * 37 }]) {
        const z = compressLzw(text, { maxBits, ...options });
        expect(z[2]).toBe(maxBits | (options.blockMode ? 0x80 : 0));
        const back = decompressLzw(z);
        expect(back.length, `maxBits ${maxBits} ${JSON.stringify(options)}`).toBe(text.length);
        expect(Buffer.from(back).equals(Buffer.from(text))).toBe(true);
      }
    }
  });

  it.skipIf(!gzipAvailable)('writes .Z streams that gzip -dc reads back (the fixture is a faithful compress)', () => {
    const text = sampleText(400_000, 7);
    const variants = [9, 10, 11, 12, 13, 14, 15, 16].flatMap((maxBits) => [{ maxBits }, { maxBits, clearEvery: 3000 + maxBits }, { maxBits, blockMode: false }]);
    for (const options of variants) {
      const z = compressLzw(text, options);
      expect(Buffer.from(gzipDecode(z)).equals(Buffer.from(text)), JSON.stringify(options)).toBe(true);
    }
  });

  it('decodes an empty stream and a one-byte stream', () => {
    expect(decompressLzw(compressLzw(new Uint8Array(0))).length).toBe(0);
    expect([...decompressLzw(compressLzw(Uint8Array.of(65)))]).toEqual([65]);
  });

  it('rejects bad headers and out-of-range codes with typed errors', () => {
    expect(outcomeCode(() => decompressLzw(Uint8Array.of(0x1f, 0x8b, 0)))).toBe('UNRECOGNIZED');
    expect(outcomeCode(() => decompressLzw(Uint8Array.of(0x1f, 0x9d, 0x80 | 17)))).toBe('CORRUPT');
    expect(outcomeCode(() => decompressLzw(Uint8Array.of(0x1f, 0x9d, 0x80 | 8)))).toBe('CORRUPT');
    expect(outcomeCode(() => decompressLzw(Uint8Array.of(0x1f, 0x9d, 0xb0)))).toBe('UNSUPPORTED');
    // First code 300 (> 255): 9 bits LSB first = 0x2c, 0x01.
    expect(outcomeCode(() => decompressLzw(Uint8Array.of(0x1f, 0x9d, 0x90, 0x2c, 0x01)))).toBe('CORRUPT');
    // 'A' (65) then code 400, far beyond the next free code 257.
    const bits = 65 | (400 << 9);
    expect(outcomeCode(() => decompressLzw(Uint8Array.of(0x1f, 0x9d, 0x90, bits & 255, (bits >> 8) & 255, (bits >> 16) & 255)))).toBe('CORRUPT');
  });

  it('truncated streams decode to a prefix of the original, never crash', () => {
    const text = sampleText(50_000, 3);
    const z = compressLzw(text, { maxBits: 14, clearEvery: 3000 });
    for (let cut = 3; cut < z.length; cut += 97) {
      const part = decompressLzw(z.subarray(0, cut));
      expect(Buffer.from(part).equals(Buffer.from(text.subarray(0, part.length)))).toBe(true);
    }
  });

  it('random bytes after a valid header give data or CORRUPT, never a hang', () => {
    let x = 99;
    for (let trial = 0; trial < 200; trial++) {
      const bytes = new Uint8Array(3 + (trial % 50) * 20);
      bytes.set([0x1f, 0x9d, 0x80 | (9 + (trial % 8))]);
      for (let i = 3; i < bytes.length; i++) bytes[i] = (x = (x * 1664525 + 1013904223) >>> 0) >>> 24;
      expect(['ok', 'CORRUPT']).toContain(outcomeCode(() => decompressLzw(bytes)));
    }
  });

  it('enforces the output limit to the byte, whatever the copy steps', () => {
    const z = compressLzw(new Uint8Array(100_000).fill(65));
    expect(outcomeCode(() => decompressLzw(z, { maxOutputBytes: 1000 }))).toBe('TOO_LARGE');
    // Long runs of one byte make long strings (many 8-byte steps); mixed text short ones.
    for (const text of [new Uint8Array(100_000).fill(65), sampleText(20_000, 5)]) {
      const zz = compressLzw(text);
      expect(decompressLzw(zz, { maxOutputBytes: text.length })).toEqual(text);
      expect(outcomeCode(() => decompressLzw(zz, { maxOutputBytes: text.length - 1 }))).toBe('TOO_LARGE');
    }
  });
});

describe('unwrapContainers', () => {
  const crx = sampleFile(CRX);
  const bz2 = sampleFile(CRX_BZ2);
  const york = sampleFile(YORK_ZIP);
  for (const [f, rel] of [
    [crx, CRX],
    [bz2, CRX_BZ2],
    [york, YORK_ZIP],
  ] as const)
    if (!f) console.warn(skipReason(rel));

  it.skipIf(!crx || !bz2)('bzip2: the .crx.bz2 unwraps to the .crx', () => {
    const r = unwrapContainers(readFileSync(bz2!));
    expect(r.layers).toEqual(['bzip2']);
    expect(Buffer.from(r.bytes).equals(readFileSync(crx!))).toBe(true);
  });

  it.skipIf(!bz2)('bzip2: truncated or damaged input is a typed error', () => {
    const bytes = readFileSync(bz2!);
    for (const cut of [10, 1000, 20000]) {
      expect(['TRUNCATED', 'CORRUPT']).toContain(outcomeCode(() => unwrapContainers(bytes.subarray(0, cut))));
    }
    const damaged = Uint8Array.from(bytes);
    damaged[5000] ^= 0xff;
    expect(['TRUNCATED', 'CORRUPT']).toContain(outcomeCode(() => unwrapContainers(damaged)));
  });

  it.skipIf(!york)('zip: takes the single member and names it', () => {
    const r = unwrapContainers(readFileSync(york!));
    expect(r.layers).toEqual(['zip:york0440.15o']);
    expect(new TextDecoder().decode(r.bytes.subarray(60, 80))).toBe('RINEX VERSION / TYPE');
  });

  it('zip: picks the observation member among several, refuses ambiguity', () => {
    const obs = new TextEncoder().encode('obs');
    const two = zipSync({ 'abcd0010.24n': new TextEncoder().encode('nav'), 'abcd0010.24o': obs, 'readme.txt': obs });
    const r = unwrapContainers(two);
    expect(r.layers).toEqual(['zip:abcd0010.24o']);
    expect(new TextDecoder().decode(r.bytes)).toBe('obs');
    expect(outcomeCode(() => unwrapContainers(zipSync({ 'a.txt': obs, 'b.txt': obs })))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => unwrapContainers(zipSync({})))).toBe('CORRUPT');
  });

  it('nested containers are removed outermost first until plain', () => {
    const plain = new TextEncoder().encode('     3.04           OBSERVATION DATA    M'.padEnd(60) + 'RINEX VERSION / TYPE\n');
    const nested = gzipSync(zipSync({ 'x_MO.rnx': compressLzw(plain) }));
    const r = unwrapContainers(nested);
    expect(r.layers).toEqual(['gzip', 'zip:x_MO.rnx', 'compress']);
    expect(Buffer.from(r.bytes).equals(Buffer.from(plain))).toBe(true);
    expect(unwrapContainers(plain)).toEqual({ bytes: plain, layers: [] });
  });

  it('gzip: truncated → TRUNCATED, damaged → CORRUPT, with the layer named', () => {
    const gz = gzipSync(sampleText(20_000));
    expect(outcomeCode(() => unwrapContainers(gz.subarray(0, gz.length - 100)))).toBe('TRUNCATED');
    const damaged = Uint8Array.from(gz);
    damaged[3] = 0xff; // reserved flag bits
    expect(outcomeCode(() => unwrapContainers(damaged))).toBe('CORRUPT');
    expect(() => unwrapContainers(gzipSync(gz.subarray(0, 50)))).toThrow(/inside gzip: gzip data ends early/);
  });

  it('refuses endless nesting', () => {
    let bytes: Uint8Array = new TextEncoder().encode('x');
    for (let i = 0; i < 10; i++) bytes = gzipSync(bytes);
    expect(outcomeCode(() => unwrapContainers(bytes))).toBe('CORRUPT');
    expect(unwrapContainers(bytes, { maxLayers: 10 }).layers).toHaveLength(10);
  });
});
