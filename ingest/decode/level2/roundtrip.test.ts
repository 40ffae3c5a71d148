import { beforeAll, describe, expect, it } from 'vitest';
import {
  decodeArchiveII,
  decompressRecord,
  isRangeFolded,
  Level2Assembler,
  momentValues,
  MOMENTS,
  readVolumeHeader,
  splitArchiveIIRecords,
  splitLdmRecords,
  VOLUME_HEADER_BYTES,
  type Level2Volume,
} from './index.js';
import { MomentBuilder } from './sweep-builder.js';
import { encodeArchiveII, type EncodeOptions, type Sweep31 } from '../../../test/fixtures/archive2-encoder.js';
import { LOCATION, physical, T0, volume1, volume31 } from '../../../test/level2/synthetic-volumes.js';

/** Asserts that `v` holds exactly the message 31 sweeps `o` encoded. */
function expectSweeps31(v: Level2Volume, o: EncodeOptions): void {
  const sweeps = o.sweeps31!;
  expect(v.sweeps.map((s) => s.elevationNumber)).toEqual(sweeps.map((s) => s.elevationNumber));
  sweeps.forEach((want: Sweep31, i) => {
    const got = v.sweeps[i]!;
    expect(got.radialCount).toBe(want.azimuths.length);
    expect(got.azimuths).toEqual(want.azimuths);
    expect(got.elevations).toEqual(new Float32Array(want.azimuths.length).fill(want.elevationAngle));
    expect(got.elevationAngle).toBeCloseTo(want.elevationAngle, 5);
    expect(got.times).toEqual(want.times);
    expect(got.startTime).toBe(want.times[0]);
    expect(got.endTime).toBe(want.times[want.times.length - 1]);
    expect(got.azimuthSpacing).toBe(want.azimuthSpacing);
    expect(Object.keys(got.moments).sort()).toEqual(Object.keys(want.moments).sort());
    for (const [name, mc] of Object.entries(want.moments)) {
      const grid = got.moments[name as keyof typeof want.moments]!;
      expect(grid.gateCount).toBe(mc.gates);
      expect(grid.firstGateKm).toBe(mc.firstGateM / 1000);
      expect(grid.gateSpacingKm).toBe(mc.gateSpacingM / 1000);
      expect(grid.codes).toEqual(mc.codes);
      expect([grid.scale, grid.offset]).toEqual([Math.fround(mc.scale), Math.fround(mc.offset)]);
      expect(momentValues(grid)).toEqual(Float32Array.from(mc.codes, (c) => physical(c, mc.scale, mc.offset)));
    }
  });
}

describe('Archive II round trip, message 31', () => {
  const options = volume31();
  let compressed: Uint8Array;
  let decoded: Level2Volume;
  beforeAll(() => {
    compressed = encodeArchiveII(options);
    decoded = decodeArchiveII(compressed);
  });

  it('reads the volume header, location, VCP and every moment of every cut', () => {
    expect(decoded.site).toBe('KLOT');
    expect(decoded.version).toBe('AR2V0006.');
    expect(decoded.volumeStart).toBe(T0);
    expect(decoded.vcp).toBe(35);
    expect(decoded.location).toEqual(LOCATION);
    expect(decoded.warnings).toEqual([]);
    expectSweeps31(decoded, options);
  });

  it('keeps range-folded and below-threshold gates apart', () => {
    const ref = decoded.sweeps[0]!.moments.REF!;
    const codes = options.sweeps31![0]!.moments.REF!.codes;
    const folded = codes.indexOf(1);
    const below = codes.indexOf(0);
    const values = momentValues(ref);
    expect([Number.isNaN(values[folded]!), isRangeFolded(ref, folded)]).toEqual([true, true]);
    expect([Number.isNaN(values[below]!), isRangeFolded(ref, below)]).toEqual([true, false]);
    expect(
      isRangeFolded(
        ref,
        codes.findIndex((c) => c > 1),
      ),
    ).toBe(false);
  });

  it('decodes uncompressed records and gzip-wrapped files to the same volume', () => {
    for (const variant of [{ compression: 'none' as const }, { gzip: true }, { compression: 'none' as const, gzip: true }]) {
      const bytes = encodeArchiveII({ ...options, ...variant });
      expect(splitArchiveIIRecords(bytes).compressed).toBe(variant.compression !== 'none');
      expect(decodeArchiveII(bytes)).toEqual(decoded);
    }
  });

  it('splits records that decompress independently, in any order', () => {
    const { header, records, offsets, compressed: isCompressed } = splitArchiveIIRecords(compressed);
    expect(isCompressed).toBe(true);
    expect(header).toEqual({ version: 'AR2V0006.', volumeNumber: '001', volumeStart: T0, site: 'KLOT' });
    // metadata record + 110 radials at 25 per record
    expect(records.length).toBe(1 + Math.ceil(110 / 25));
    expect(offsets[0]).toBe(VOLUME_HEADER_BYTES);
    const payloads = records
      .map((_, i) => i)
      .reverse()
      .map((i) => decompressRecord(records[i]!))
      .reverse();
    const assembler = new Level2Assembler(header);
    for (const p of payloads) assembler.push(p);
    expect(assembler.volume()).toEqual(decoded);
  });

  it('assembles real-time chunks incrementally and reports complete cuts', () => {
    // A start chunk (header + metadata record) then one chunk per record, as the chunk feed cuts them.
    const { records, offsets } = splitArchiveIIRecords(compressed);
    const start = compressed.subarray(0, offsets[1]);
    const chunks = offsets.slice(1).map((at, i) => compressed.subarray(at, offsets[i + 2] ?? compressed.length));
    const first = splitArchiveIIRecords(start);
    expect(first.records.length).toBe(1);
    const assembler = new Level2Assembler(readVolumeHeader(start));
    assembler.push(decompressRecord(first.records[0]!));
    expect(assembler.progress()).toEqual({ completeCuts: [], cuts: [], plannedCuts: 3, volumeComplete: false });

    const seen: number[][] = [];
    chunks.forEach((chunk, i) => {
      for (const r of splitLdmRecords(chunk, 0, i + 1).records) assembler.push(decompressRecord(r));
      seen.push(assembler.progress().completeCuts);
      const partial = assembler.volume({ onlyCompleteCuts: true });
      expect(partial.sweeps.map((s) => s.elevationNumber)).toEqual(assembler.progress().completeCuts);
    });
    // 25 radials per record: cut 1 (40 radials) ends in record 2, cut 2 (40) in record 4, cut 3 (30) in record 5.
    expect(seen).toEqual([[], [1], [1], [1, 2], [1, 2, 3]]);
    expect(assembler.progress().volumeComplete).toBe(true);
    expect(assembler.volume()).toEqual(decoded);
    expect(records.length).toBe(chunks.length + 1);
  });

  it('keeps an earlier snapshot unchanged while more records arrive', () => {
    const { header, records } = splitArchiveIIRecords(compressed);
    const assembler = new Level2Assembler(header);
    records.slice(0, 3).forEach((r) => assembler.push(decompressRecord(r)));
    const snapshot = assembler.volume();
    const copy = structuredClone(snapshot);
    records.slice(3).forEach((r) => assembler.push(decompressRecord(r)));
    expect(snapshot).toEqual(copy);
    expect(snapshot.warnings).toContain('the volume ends before its end-of-volume radial: the last cut may be partial');
    expect(snapshot.sweeps[0]!.radialCount).toBe(40);
    expect(snapshot.sweeps[1]!.radialCount).toBe(10);
  });

  it('warns about unknown message types and data blocks and decodes the rest', () => {
    const v = decodeArchiveII(encodeArchiveII({ ...options, extraMessageTypes: [33], extraBlock: 'DXYZ' }));
    expect(v.warnings).toEqual(['skipped message type 33 (not decoded by radome)', "skipped unknown message 31 data block 'DXYZ' (110 times)"]);
    expectSweeps31(v, options);
  });

  it('takes the VCP from the radials when there is no VCP message', () => {
    const v = decodeArchiveII(encodeArchiveII({ ...options, plannedCuts: undefined, vcp: 212 }));
    expect(v.vcp).toBe(212);
  });
});

describe('Archive II round trip, legacy message 1', () => {
  const options = volume1();
  let v: Level2Volume;
  beforeAll(() => {
    v = decodeArchiveII(encodeArchiveII(options));
  });
  const coded = (deg: number) => Math.fround((Math.round((deg / 360) * 65536) * 360) / 65536);

  it('reads reflectivity, velocity and spectrum width per the ICD', () => {
    expect(v.site).toBe('KTLX');
    expect(v.version).toBe('ARCHIVE2.');
    expect(v.vcp).toBe(11);
    expect(v.location).toBeNull();
    expect(v.warnings).toEqual([]);
    expect(v.sweeps.map((s) => [s.elevationNumber, Object.keys(s.moments).join()])).toEqual([
      [1, 'REF'],
      [2, 'VEL,SW'],
      [3, 'REF,VEL,SW'],
    ]);
    options.sweeps1!.forEach((want, i) => {
      const got = v.sweeps[i]!;
      expect(got.azimuthSpacing).toBe(1);
      expect(got.azimuths).toEqual(Float32Array.from(want.azimuths, coded));
      expect(got.elevationAngle).toBeCloseTo(coded(want.elevationAngle), 5);
      expect(got.times).toEqual(want.times);
      const res = want.velocityResolution;
      const check = (grid: (typeof got.moments)['REF'], codes: Uint8Array | undefined, f: (c: number) => number, km: [number, number]) => {
        if (!codes) return expect(grid).toBeUndefined();
        expect(grid!.codes).toEqual(codes);
        expect(momentValues(grid!)).toEqual(Float32Array.from(codes, (c) => (c < 2 ? NaN : f(c))));
        expect([grid!.firstGateKm, grid!.gateSpacingKm]).toEqual(km);
      };
      check(got.moments.REF, want.ref, (c) => (c - 2) / 2 - 32, [0, 1]);
      check(got.moments.VEL, want.vel, (c) => (c - 129) * res, [0, 0.25]);
      check(got.moments.SW, want.sw, (c) => (c - 129) / 2, [0, 0.25]);
    });
  });

  it('decodes known codes exactly', () => {
    const radials = 1;
    const one = (codes: number[]) => Uint8Array.from(codes);
    const base = options.sweeps1![2]!;
    const known = (velocityResolution: 0.5 | 1) =>
      decodeArchiveII(
        encodeArchiveII({
          ...options,
          sweeps1: [
            {
              ...base,
              azimuths: base.azimuths.subarray(0, radials),
              times: base.times.subarray(0, radials),
              ref: one([0, 1, 2, 66, 255]),
              refGates: 5,
              vel: one([0, 1, 129, 139, 2, 255]),
              sw: one([129, 149, 130, 2, 0, 1]),
              dopGates: 6,
              velocityResolution,
            },
          ],
        }),
      ).sweeps[0]!.moments;
    const half = known(0.5);
    expect([...momentValues(half.REF!)]).toEqual([NaN, NaN, -32, 0, 94.5]);
    expect([...momentValues(half.VEL!)]).toEqual([NaN, NaN, 0, 5, -63.5, 63]);
    expect([...momentValues(half.SW!)]).toEqual([0, 10, 0.5, -63.5, NaN, NaN]);
    expect([0, 1, 2, 3, 4, 5].map((i) => isRangeFolded(half.VEL!, i))).toEqual([false, true, false, false, false, false]);
    expect([...momentValues(known(1).VEL!)]).toEqual([NaN, NaN, 0, 10, -127, 126]);
  });
});

describe('moment grids', () => {
  const codes = Uint8Array.from([2, 3, 4, 5, 6, 7, 8, 9]);
  const unit = { wordBits: 8, scale: 1, offset: 0 };

  it('widens to the longest radial and pads shorter ones with below-threshold codes', () => {
    const b = new MomentBuilder('REF', 3, 2.125, 0.25, unit, 2);
    b.write(0, codes, 0, 3, 8, 1, 0);
    b.write(1, codes, 0, 8, 8, 1, 0);
    b.write(2, codes, 0, 2, 8, 1, 0);
    const g = b.grid(3);
    expect(g.gateCount).toBe(8);
    expect([...g.codes]).toEqual([2, 3, 4, 0, 0, 0, 0, 0, 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 0, 0, 0, 0, 0, 0]);
    expect([...momentValues(g)]).toEqual([2, 3, 4, ...Array(5).fill(NaN), 2, 3, 4, 5, 6, 7, 8, 9, 2, 3, ...Array(6).fill(NaN)]);
  });

  it('leaves empty rows for radials that lack the moment and refuses a repeated row', () => {
    const b = new MomentBuilder('VEL', 2, 0, 0.25, { wordBits: 8, scale: 2, offset: 2 }, 1);
    expect(b.write(1, codes, 0, 2, 8, 2, 2)).toBeNull();
    expect(b.write(1, codes, 0, 2, 8, 2, 2)).toBe('repeated in one radial');
    expect([...momentValues(b.grid(3))]).toEqual([NaN, NaN, 0, 0.5, NaN, NaN]);
    expect(MOMENTS).toContain(b.grid(3).moment);
  });

  it("refuses a radial coded unlike the cut's first and keeps the rest", () => {
    const b = new MomentBuilder('REF', 2, 0, 0.25, { wordBits: 8, scale: 2, offset: 66 }, 2);
    expect(b.write(0, codes, 0, 2, 8, 2, 66)).toBeNull();
    expect(b.write(1, codes, 0, 2, 8, 2, 64)).toMatch(/scale 2 and offset 64, unlike the cut's first radial \(8-bit, 2, 66\)/);
    expect(b.write(2, codes, 0, 1, 16, 2, 66)).toMatch(/16-bit/);
    expect([...b.grid(3).codes]).toEqual([2, 3, 0, 0, 0, 0]);
  });

  it('decodes 16-bit words big-endian', () => {
    const b = new MomentBuilder('PHI', 3, 0, 0.25, { wordBits: 16, scale: 2, offset: 2 }, 1);
    b.write(0, Uint8Array.from([0, 0, 0, 1, 0x01, 0x02]), 0, 3, 16, 2, 2);
    const g = b.grid(1);
    expect(g.codes).toEqual(Uint16Array.of(0, 1, 0x0102));
    expect([...momentValues(g)]).toEqual([NaN, NaN, (0x0102 - 2) / 2]);
    expect([0, 1, 2].map((i) => isRangeFolded(g, i))).toEqual([false, true, false]);
  });
});
