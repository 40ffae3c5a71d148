import { readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { RadomeError, type RadomeErrorCode } from '../../../core/errors.js';
import { decodeArchiveII, decompressRecord, splitArchiveIIRecords } from './index.js';
import { encodeArchiveII } from '../../../test/fixtures/archive2-encoder.js';
import { sampleFile } from '../../../test/sample-data.js';
import { failure } from '../../../test/support/radome-failure.js';
import { random, volume31 } from '../../../test/level2/synthetic-volumes.js';

function expectFailure(bytes: Uint8Array, code: RadomeErrorCode, message: RegExp): void {
  const e = failure(() => decodeArchiveII(bytes));
  expect(e.code, e.message).toBe(code);
  expect(e.message).toMatch(message);
}

const setInt32 = (bytes: Uint8Array, at: number, v: number) => new DataView(bytes.buffer, bytes.byteOffset).setInt32(at, v);

describe('Level 2 decoding of bad input', () => {
  let good: Uint8Array;
  let uncompressed: Uint8Array;
  let offsets: number[];
  beforeAll(() => {
    good = encodeArchiveII(volume31());
    uncompressed = encodeArchiveII(volume31({ compression: 'none' }));
    offsets = splitArchiveIIRecords(good).offsets;
  });

  it('rejects empty input, text and random bytes as unrecognized', () => {
    expectFailure(new Uint8Array(0), 'UNRECOGNIZED', /empty input/);
    expectFailure(new TextEncoder().encode('station,time,snr\nCEDA,2018-07-29,41.5\n'.repeat(20)), 'UNRECOGNIZED', /not an Archive II volume.*offset 0/);
    const rand = random(7);
    for (const n of [1, 3, 23, 24, 1000, 65536]) {
      expectFailure(
        Uint8Array.from({ length: n }, () => Math.floor(rand() * 256)),
        'UNRECOGNIZED',
        /not an Archive II volume/,
      );
    }
  });

  it('reports truncation at any cut, naming where', () => {
    expectFailure(good.subarray(0, 10), 'TRUNCATED', /inside the 24-byte volume header/);
    expectFailure(good.subarray(0, 24), 'TRUNCATED', /after its 24-byte header: no records/);
    expectFailure(good.subarray(0, 26), 'TRUNCATED', /ends at 26 bytes, before the first record after the volume header/);
    expectFailure(good.subarray(0, offsets[2]! + 2), 'TRUNCATED', new RegExp(`record 2 at offset ${offsets[2]}: input ends inside the 4-byte control word`));
    // Inside a bzip2 record: the control word announces more bytes than remain.
    const inside = offsets[2]! + 40;
    expectFailure(good.subarray(0, inside), 'TRUNCATED', new RegExp(`record 2 at offset ${offsets[2]}: control word announces \\d+ bytes but only 36 remain`));
    expectFailure(good.subarray(0, good.length - 1), 'TRUNCATED', /record 5 at offset \d+: control word announces/);
  });

  it('reports a bzip2 stream cut inside its block, even when the control word agrees', () => {
    const { records } = splitArchiveIIRecords(good);
    const cut = records[1]!.subarray(0, records[1]!.length >> 1);
    const e = failure(() => decompressRecord(cut, 'record 1 at offset 99'));
    expect([e.code, e.message]).toEqual(['TRUNCATED', 'record 1 at offset 99: bzip2 stream ends before its end-of-stream marker']);
    // The same inside a file whose last control word was rewritten to the shorter length.
    const end = offsets[1]! + 4 + cut.length;
    const file = good.slice(0, end);
    setInt32(file, offsets[1]!, cut.length);
    expectFailure(file, 'TRUNCATED', new RegExp(`record 1 at offset ${offsets[1]}: bzip2 stream ends`));
  });

  it('reports truncated uncompressed records and gzip streams', () => {
    expectFailure(uncompressed.subarray(0, uncompressed.length - 100), 'TRUNCATED', /record 0 at offset 24, message at byte \d+: message 31 of \d+ bytes runs past/);
    expectFailure(gzipSync(good).subarray(0, 1000), 'TRUNCATED', /gzip data ends early/);
  });

  it('reports flipped bytes inside a compressed block as corrupt', () => {
    for (const at of [offsets[1]! + 200, offsets[3]! + 500, offsets[5]! + 30]) {
      const bad = good.slice();
      bad[at] ^= 0xff;
      expectFailure(bad, 'CORRUPT', /record \d at offset \d+: bzip2 data error/);
    }
  });

  it('reports bad control words and absurd sizes as corrupt', () => {
    const small = good.slice();
    setInt32(small, offsets[1]!, 5);
    expectFailure(small, 'CORRUPT', new RegExp(`record 1 at offset ${offsets[1]}: control word announces 5 bytes, not a possible record length`));
    const huge = good.slice();
    setInt32(huge, offsets[2]!, 0x7fffffff);
    expectFailure(huge, 'CORRUPT', /record 2 at offset \d+: control word announces 2147483647 bytes/);
    // A control word that is a little short makes the next record start inside a bzip2 stream.
    const short = good.slice();
    setInt32(short, offsets[1]!, offsets[2]! - offsets[1]! - 4 - 100);
    expectFailure(short, 'CORRUPT', /record 2 at offset \d+: expected a bzip2 stream \('BZh'\) after the control word/);
    const noSignature = good.slice();
    noSignature[offsets[3]! + 4] = 0x41;
    expectFailure(noSignature, 'CORRUPT', /record 3 at offset \d+: expected a bzip2 stream/);
  });

  it('reports impossible headers and message fields as corrupt', () => {
    const date = good.slice();
    setInt32(date, 16, 999_999_999);
    expectFailure(date, 'CORRUPT', /volume header at offset 12: date \d+ \/ time 999999999 ms/);
    // First message 31 of the uncompressed volume: data block pointer 0 made to point far away.
    const at = uncompressed.findIndex((_, i) => i > 24 && uncompressed[i + 15] === 31 && uncompressed[i + 12 + 16] === 0x4b);
    const pointer = uncompressed.slice();
    setInt32(pointer, at + 28 + 32, 60_000);
    expectFailure(pointer, 'CORRUPT', /message at byte \d+: message 31: data block pointer 0 \(60000\) points outside/);
    const word = uncompressed.slice();
    const block = at + 28 + new DataView(word.buffer).getUint32(at + 28 + 32 + 12); // fourth block: first moment
    word[block + 19] = 12;
    expectFailure(word, 'CORRUPT', /moment block 'DREF' has data word size 12/);
    const afterHeader = good.slice();
    afterHeader.fill(0x55, 24, 40);
    expectFailure(afterHeader, 'CORRUPT', /offset 24: after the volume header expected an LDM record/);
  });

  it('never crashes or hangs on random damage: a volume or a RadomeError', { timeout: 60_000 }, () => {
    const rand = random(99);
    const codes = new Set<string>();
    for (const base of [good, uncompressed]) {
      for (let i = 0; i < 60; i++) {
        const bad = base.slice();
        const flips = 1 + Math.floor(rand() * 4);
        for (let f = 0; f < flips; f++) bad[Math.floor(rand() * bad.length)] = Math.floor(rand() * 256);
        try {
          decodeArchiveII(bad);
        } catch (e) {
          expect(e).toBeInstanceOf(RadomeError);
          codes.add((e as RadomeError).code);
        }
      }
      for (let i = 0; i < 20; i++) {
        const tail = Uint8Array.from({ length: 100 + Math.floor(rand() * 5000) }, () => Math.floor(rand() * 256));
        const bytes = new Uint8Array(24 + tail.length);
        bytes.set(base.subarray(0, 24));
        bytes.set(tail, 24);
        const e = failure(() => decodeArchiveII(bytes));
        expect(['CORRUPT', 'TRUNCATED']).toContain(e.code);
      }
    }
    expect([...codes].every((c) => ['CORRUPT', 'TRUNCATED'].includes(c))).toBe(true);
  });
});

const REL = 'nexrad/level2/KLOT20220317_000842_V06';
const real = sampleFile(REL);

describe.skipIf(!real)(`truncated real volume ${REL}`, () => {
  it('reports TRUNCATED at cuts in the header, a control word and inside bzip2 records', () => {
    const bytes = readFileSync(real!);
    for (const cut of [12, 26, 1000, 500_000, 1_500_000, bytes.length - 1]) {
      const e = failure(() => decodeArchiveII(bytes.subarray(0, cut)));
      expect(e.code, `cut at ${cut}: ${e.message}`).toBe('TRUNCATED');
    }
  });
});
