import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII, decompressRecord, Level2Assembler, splitArchiveIIRecords, splitLdmRecords, type Level2Volume } from './index.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';
import { volumeDigest } from '../../../test/level2/volume-digest.js';

const REL = 'nexrad/level2-chunks/KLOT-20260811-225858';
const dir = sampleFile(REL);
if (!dir) console.warn(skipReason(REL));

describe.skipIf(!dir)(`real-time chunks ${REL}`, () => {
  let chunks: { name: string; bytes: Uint8Array }[];
  let whole: Level2Volume;
  beforeAll(() => {
    // Names are <date>-<time>-<seq>-<S|I|E>: sorting them sorts by sequence number.
    chunks = readdirSync(dir!)
      .sort()
      .map((name) => ({ name, bytes: readFileSync(join(dir!, name)) }));
    whole = decodeArchiveII(Buffer.concat(chunks.map((c) => c.bytes)));
  });

  it('has a start chunk, intermediate chunks and an end chunk', () => {
    expect(chunks.length).toBe(49);
    expect(chunks[0]!.name).toMatch(/-001-S$/);
    expect(chunks.at(-1)!.name).toMatch(/-049-E$/);
    expect(chunks.slice(1, -1).every((c) => c.name.endsWith('-I'))).toBe(true);
  });

  it('concatenated in sequence order, decode to one whole volume', () => {
    // The folder is named after KLOT, but the data are from TORD, the Terminal Doppler Weather
    // Radar at Chicago O'Hare, which the chunk feed carries as well.
    expect(whole.site).toBe('TORD');
    expect(whole.version).toBe('AR2V0008.');
    expect(whole.volumeStart).toBe(Date.UTC(2026, 7, 11, 22, 58, 58));
    expect(whole.vcp).toBe(90);
    expect(whole.location).toEqual({ latitude: expect.closeTo(41.797, 3), longitude: expect.closeTo(-87.858, 3), heightM: 226, feedhornHeightM: 226 });
    expect(whole.warnings).toEqual([]);
    expect(whole.sweeps.map((s) => s.elevationNumber)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    expect(whole.sweeps.every((s) => s.radialCount === 360 && s.azimuthSpacing === 1)).toBe(true);
    expect(Object.keys(whole.sweeps[0]!.moments)).toEqual(['REF']);
    expect(whole.sweeps.slice(1).every((s) => Object.keys(s.moments).join() === 'REF,VEL,SW')).toBe(true);
    expect(whole.sweeps[15]!.elevationAngle).toBeCloseTo(60, 0);
    const ref = whole.sweeps[0]!.moments.REF!;
    expect([ref.gateCount, ref.firstGateKm, ref.gateSpacingKm]).toEqual([1390, 0, 0.3]);
  });

  it('fed chunk by chunk, completes cuts one after another and ends with the same volume', () => {
    const start = splitArchiveIIRecords(chunks[0]!.bytes);
    expect(start.records.length).toBe(1); // the metadata record
    const assembler = new Level2Assembler(start.header);
    assembler.push(decompressRecord(start.records[0]!));
    expect(assembler.progress().plannedCuts).toBe(16);
    let complete = 0;
    for (const [i, chunk] of chunks.slice(1).entries()) {
      for (const r of splitLdmRecords(chunk.bytes, 0, i + 1).records) assembler.push(decompressRecord(r));
      const p = assembler.progress();
      expect(p.completeCuts.length).toBeGreaterThanOrEqual(complete);
      complete = p.completeCuts.length;
    }
    expect(assembler.progress()).toMatchObject({ plannedCuts: 16, volumeComplete: true });
    expect(complete).toBe(16);
    expect(volumeDigest(assembler.volume())).toEqual(volumeDigest(whole));
  });
});
