// Issue 18, item 5: what a Level 2 volume may allocate is bounded by the ICD (gates per radial,
// radials per cut) and by a volume-wide grid budget, whatever the input claims.
import { afterEach, describe, expect, it } from 'vitest';
import { decodeArchiveII } from './index.js';
import { MAX_GATES, MAX_GRID_BYTES, MAX_RADIALS_PER_CUT } from './limits.js';
import { encodeArchiveII, type MomentCodes } from '../../../test/fixtures/archive2-encoder.js';
import { failure } from '../../../test/support/radome-failure.js';
import { LOCATION, sweep31, T0 } from '../../../test/level2/synthetic-volumes.js';

const base = { site: 'KLOT', volumeStart: T0, location: LOCATION, compression: 'none' as const };
const codes = (radials: number, gates: number, bits: 8 | 16 = 8): MomentCodes => ({
  codes: bits === 8 ? new Uint8Array(radials * gates).fill(2) : new Uint16Array(radials * gates).fill(2),
  gates,
  scale: 2,
  offset: 66,
  firstGateM: 2125,
  gateSpacingM: 250,
});

describe('Level 2 allocation limits', () => {
  afterEach(() => {
    delete process.env.RADOME_MAX_DECOMPRESSED_MB;
  });

  it(`accepts ${MAX_GATES} gates a radial and refuses more as CORRUPT before widening any grid`, () => {
    const volume = decodeArchiveII(encodeArchiveII({ ...base, sweeps31: [sweep31(1, 0.5, 0.5, 3, T0, { REF: codes(3, MAX_GATES) })] }));
    expect(volume.sweeps[0]!.moments.REF!.gateCount).toBe(MAX_GATES);
    // The file: 20,000 one-gate radials, then one of 65,000 gates (a 2.6 GB grid before).
    const bomb = encodeArchiveII({
      ...base,
      sweeps31: [sweep31(1, 0.5, 0.5, 20_000, T0, { REF: codes(20_000, 1) }), sweep31(1, 0.5, 0.5, 1, T0 + 60_000, { REF: codes(1, 65_000) })],
    });
    const e = failure(() => decodeArchiveII(bomb));
    expect(e.code).toBe('CORRUPT');
    expect(e.message).toMatch(/has 20000 radials|moment block 'DREF' has 65000 gates \(at most 1840\)|more than 800 radials/);
    const wide = failure(() => decodeArchiveII(encodeArchiveII({ ...base, sweeps31: [sweep31(1, 0.5, 0.5, 2, T0, { REF: codes(2, MAX_GATES + 1) })] })));
    expect([wide.code, wide.message]).toEqual(['CORRUPT', expect.stringMatching(/record 0 at offset 24, message at byte \d+: message 31: moment block 'DREF' has 1841 gates \(at most 1840\)/)]);
  });

  it(`accepts ${MAX_RADIALS_PER_CUT} radials in a cut and refuses more as CORRUPT`, () => {
    const full = decodeArchiveII(encodeArchiveII({ ...base, sweeps31: [sweep31(1, 0.5, 0.5, MAX_RADIALS_PER_CUT, T0, { REF: codes(MAX_RADIALS_PER_CUT, 4) })] }));
    expect(full.sweeps[0]!.radialCount).toBe(MAX_RADIALS_PER_CUT);
    const n = 70_000;
    const e = failure(() => decodeArchiveII(encodeArchiveII({ ...base, sweeps31: [sweep31(1, 0.5, 0.5, n, T0, { REF: codes(n, 1) })] })));
    expect([e.code, e.message]).toEqual(['CORRUPT', `elevation 1 has more than ${MAX_RADIALS_PER_CUT} radials (a cut has 360 or 720)`]);
  });

  it('bounds the grids of all open cuts together (TOO_LARGE), not cut by cut', () => {
    // 255 cuts of one radial, 1840 gates in all 7 moments at 16 bits: each moment's grid is sized
    // for a whole cut (720 rows), 18.5 MB a cut from 26 kB of input; 4.7 GB for the volume.
    const wide = codes(1, MAX_GATES, 16);
    const moments = { REF: wide, VEL: wide, SW: wide, ZDR: wide, PHI: wide, RHO: wide, CFP: wide };
    const cuts = (n: number) => encodeArchiveII({ ...base, sweeps31: Array.from({ length: n }, (_, i) => sweep31(i + 1, 0.5, 0.5, 1, T0 + i * 1000, moments)) });
    const perCut = 7 * 720 * MAX_GATES * 2;
    expect(decodeArchiveII(cuts(Math.floor(MAX_GRID_BYTES / perCut))).sweeps.length).toBe(Math.floor(MAX_GRID_BYTES / perCut));
    const e = failure(() => decodeArchiveII(cuts(255)));
    expect([e.code, e.message]).toEqual(['TOO_LARGE', `the volume's moment grids would hold more than ${MAX_GRID_BYTES / 2 ** 20} MiB of gate codes (a real volume holds ~50 MB)`]);
  });

  it('counts the decompressed records of a volume against RADOME_MAX_DECOMPRESSED_MB', () => {
    // 700 radials of 1840 gates: 1.3 MB of records.
    const volume = encodeArchiveII({ ...base, compression: 'bzip2', radialsPerRecord: 100, sweeps31: [sweep31(1, 0.5, 0.5, 700, T0, { REF: codes(700, MAX_GATES) })] });
    expect(decodeArchiveII(volume).sweeps[0]!.radialCount).toBe(700);
    process.env.RADOME_MAX_DECOMPRESSED_MB = '1';
    const e = failure(() => decodeArchiveII(volume));
    expect([e.code, e.message]).toEqual(['TOO_LARGE', expect.stringMatching(/^the volume's records up to record \d+ at offset \d+ decompresses to more than 1 MiB, this file's decompression budget/)]);
  });
});
