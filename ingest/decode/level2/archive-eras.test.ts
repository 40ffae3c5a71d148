// Every era of the public Level 2 archive (1991 on): the `ARCHIVE2.` and `AR2V0001`–`AR2V0008`
// volume headers, legacy message 1 (surveillance-only and Doppler-only cuts, range-folded and
// below-threshold codes, ranges that begin before the antenna) and message 31 (split cuts,
// super-resolution and legacy 1° radials, with and without CFP), plain or gzip-wrapped. The real
// sample covers one era (AR2V0006, ingest/decode/level2/sample.test.ts); the project's encoder makes the
// others. nexrad-level-2-data, the reference, reads each of them too and must agree.
import { createRequire } from 'node:module';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { decodeArchiveII, isRangeFolded, momentValues, type Level2Volume } from './index.js';
import { planArchiveII, planLevel2Volume } from '../../level2/plan.js';
import { encodeArchiveII, type EncodeOptions, type Sweep1 } from '../../../test/fixtures/archive2-encoder.js';
import { moment, random, sweep31, T0, volume1, volume31 } from '../../../test/level2/synthetic-volumes.js';

const options = { renderSize: 64, ingestedAt: 5 };
const fileAt = (key: string, bytes: Uint8Array) => ({ source: 'test', key, size: bytes.length, fingerprint: 'f' });

interface PeerMoment {
  gate_count: number;
  first_gate: number;
  gate_size: number;
  moment_data: (number | null)[];
}
interface PeerRadar {
  header: { version: string; ICAO: string };
  data: { record: { azimuth: number; elevation_number: number; reflect?: PeerMoment | (number | null)[] } }[][];
  listElevations(): number[];
}
const { Level2Radar } = createRequire(import.meta.url)('nexrad-level-2-data') as { Level2Radar: new (b: Buffer, o: object) => PeerRadar };
const peerOf = (bytes: Uint8Array) => new Level2Radar(Buffer.from(bytes), { logger: false });

/** Message 31 cuts: split cut 1 (surveillance, super-res) + 2 (Doppler), then a 1° cut; CFP optional. */
function message31Volume(withCfp: boolean, superRes: boolean): Partial<EncodeOptions> {
  const spacing = superRes ? 0.5 : 1;
  const radials = superRes ? 40 : 20;
  return {
    sweeps31: [
      sweep31(1, 0.48, spacing, radials, T0, { REF: moment('REF', radials, 120, 1), ...(withCfp ? { CFP: moment('CFP', radials, 120, 2) } : {}) }),
      sweep31(2, 0.48, spacing, radials, T0 + 20_000, { REF: moment('REF', radials, 80, 3), VEL: moment('VEL', radials, 80, 4), SW: moment('SW', radials, 80, 5) }),
      sweep31(3, 1.45, 1, 20, T0 + 40_000, { REF: moment('REF', 20, 90, 6), VEL: moment('VEL', 20, 70, 7) }),
    ],
  };
}

/** Dual-polarisation moments added to the surveillance cut of a message 31 volume. */
function withDualPol(o: Partial<EncodeOptions>): Partial<EncodeOptions> {
  const [first, ...rest] = o.sweeps31!;
  const n = first!.azimuths.length;
  return { ...o, sweeps31: [{ ...first!, moments: { ...first!.moments, ZDR: moment('ZDR', n, 80, 11), PHI: moment('PHI', n, 80, 12), RHO: moment('RHO', n, 80, 13) } }, ...rest] };
}

/**
 * One volume per header. Which features each header's files have is spread over the headers so
 * that every feature meets the decoder (and the reference) at least once, plain and gzip-wrapped.
 */
const ERAS: { version: string; what: string; volume: EncodeOptions }[] = [
  { version: 'ARCHIVE2.', what: 'message 1, uncompressed, blank ICAO', volume: volume1({ site: '', version: 'ARCHIVE2.' }) },
  { version: 'AR2V0001.', what: 'message 1, bzip2 records, gzip-wrapped', volume: volume1({ version: 'AR2V0001.', compression: 'bzip2', gzip: true }) },
  { version: 'AR2V0002.', what: 'message 31, super-res split cuts, no CFP', volume: volume31({ version: 'AR2V0002.', location: undefined, ...message31Volume(false, true) }) },
  { version: 'AR2V0003.', what: 'message 31, legacy 1° radials, uncompressed', volume: volume31({ version: 'AR2V0003.', compression: 'none', ...message31Volume(false, false) }) },
  { version: 'AR2V0004.', what: 'message 31, super-res, gzip-wrapped', volume: volume31({ version: 'AR2V0004.', gzip: true, ...message31Volume(false, true) }) },
  { version: 'AR2V0005.', what: 'message 31, legacy 1° radials', volume: volume31({ version: 'AR2V0005.', ...message31Volume(false, false) }) },
  { version: 'AR2V0006.', what: 'message 31, dual-pol, no CFP', volume: volume31({ version: 'AR2V0006.', ...withDualPol(message31Volume(false, true)) }) },
  { version: 'AR2V0007.', what: 'message 31, dual-pol and CFP', volume: volume31({ version: 'AR2V0007.', ...withDualPol(message31Volume(true, true)) }) },
  { version: 'AR2V0008.', what: 'message 31, dual-pol and CFP, gzip-wrapped', volume: volume31({ version: 'AR2V0008.', gzip: true, ...withDualPol(message31Volume(true, true)) }) },
];

/** Encoded cuts as (elevation number, moments, radials, azimuth spacing). */
function encodedCuts(o: EncodeOptions): [number, string, number, number][] {
  if (o.sweeps1) {
    return o.sweeps1.map((s) => [s.elevationNumber, [s.ref && 'REF', s.vel && 'VEL', s.sw && 'SW'].filter(Boolean).join(), s.azimuths.length, 1]);
  }
  return o.sweeps31!.map((s) => [s.elevationNumber, Object.keys(s.moments).sort().join(), s.azimuths.length, s.azimuthSpacing]);
}
const decodedCuts = (v: Level2Volume): [number, string, number, number][] => v.sweeps.map((s) => [s.elevationNumber, Object.keys(s.moments).sort().join(), s.radialCount, s.azimuthSpacing]);

describe('every era of the Level 2 archive', () => {
  for (const era of ERAS) {
    it(`${era.version} (${era.what}) decodes, plans and agrees with nexrad-level-2-data`, () => {
      const bytes = encodeArchiveII(era.volume);
      const v = decodeArchiveII(bytes);
      expect(v.version).toBe(era.version);
      expect(v.warnings).toEqual([]);
      expect(decodedCuts(v)).toEqual(encodedCuts(era.volume).map(([n, m, r, a]) => [n, m.split(',').sort().join(), r, a]));

      // Ingest plans it (site from the header, else from the archive key), one row per cut × moment.
      const key = `2005/06/01/KTLX/KTLX20050601_000209${era.volume.gzip ? '.gz' : ''}`;
      const plan = planArchiveII(bytes, fileAt(key, bytes), options);
      expect(plan.volume.site).toBe(era.volume.site || 'KTLX');
      expect(plan.sweeps.length).toBe(v.sweeps.reduce((t, s) => t + Object.keys(s.moments).length, 0));
      expect(plan.sweeps.every((s) => s.firstGateKm >= 0)).toBe(true);

      // The reference reads the same cuts, radials and reflectivity. It finds no radials in a
      // gzip-wrapped whole file (its gzip path is for chunks), so it gets the file unwrapped.
      const peer = peerOf(era.volume.gzip ? gunzipSync(bytes) : bytes);
      expect(peer.header.version).toBe(era.version.slice(6, 8)); // 'E2' of ARCHIVE2, '01'… of AR2V0001…
      expect(peer.listElevations()).toEqual(v.sweeps.map((s) => s.elevationNumber));
      for (const s of v.sweeps) {
        const radials = peer.data[s.elevationNumber]!.map((r) => r.record);
        expect(radials.length).toBe(s.radialCount);
        radials.forEach((r, i) => expect(r.azimuth).toBeCloseTo(s.azimuths[i]!, 1));
        const ref = s.moments.REF;
        if (!ref) continue;
        const values = momentValues(ref);
        radials.forEach((r, row) => {
          const theirs = Array.isArray(r.reflect) ? r.reflect : r.reflect!.moment_data;
          const ours = [...values.subarray(row * ref.gateCount, (row + 1) * ref.gateCount)].map((x) => (Number.isNaN(x) ? null : x));
          expect(ours.slice(0, theirs.length)).toEqual(theirs.map((x) => (x === null ? null : Math.fround(x))));
        });
      }
    });
  }
});

/** A message 1 volume whose Doppler gates begin `firstM` metres from the antenna (negative: before it). */
function legacyWithDopplerStart(firstM: number, refFirstM = firstM * 4): EncodeOptions {
  const base = volume1({ version: 'AR2V0001.', compression: 'bzip2' });
  return { ...base, sweeps1: base.sweeps1!.map((s): Sweep1 => ({ ...s, dopFirstGateM: firstM, refFirstGateM: refFirstM })) };
}

describe('message 1 gates before the antenna', () => {
  it('drops them and keeps the ranges of the rest (2005: first gate at -0.375 km)', () => {
    const o = legacyWithDopplerStart(-375);
    const bytes = encodeArchiveII(o);
    const v = decodeArchiveII(bytes);
    for (const [i, want] of o.sweeps1!.entries()) {
      const got = v.sweeps[i]!;
      const n = want.azimuths.length;
      // Doppler: 250 m gates from -375 m: -375 and -125 are before the antenna, 125 m is the first kept.
      for (const [grid, codes] of [
        [got.moments.VEL, want.vel],
        [got.moments.SW, want.sw],
      ] as const) {
        if (!codes) continue;
        expect([grid!.firstGateKm, grid!.gateSpacingKm, grid!.gateCount]).toEqual([0.125, 0.25, want.dopGates - 2]);
        const kept = new Uint8Array(n * (want.dopGates - 2));
        for (let r = 0; r < n; r++) kept.set(codes.subarray(r * want.dopGates + 2, (r + 1) * want.dopGates), r * (want.dopGates - 2));
        expect(grid!.codes).toEqual(kept);
      }
      // Reflectivity: 1 km gates from -1.5 km: two dropped, the first kept at 0.5 km.
      if (want.ref) {
        const ref = got.moments.REF!;
        expect([ref.firstGateKm, ref.gateSpacingKm, ref.gateCount]).toEqual([0.5, 1, want.refGates - 2]);
        expect(ref.codes.subarray(0, want.refGates - 2)).toEqual(want.ref.subarray(2, want.refGates));
      }
    }
    // It ingests: rows and overlay metadata state the kept geometry.
    const plan = planArchiveII(bytes, fileAt('KTLX20050601_000209_V03', bytes), options);
    expect(plan.volume.site).toBe('KTLX');
    expect(plan.sweeps.filter((s) => s.moment === 'VEL').map((s) => [s.firstGateKm, s.gateCount])).toEqual([
      [0.125, 58],
      [0.125, 58],
    ]);
    expect(plan).toEqual(planLevel2Volume(v, fileAt('KTLX20050601_000209_V03', bytes), options));
  });

  it('drops a whole moment whose radials lie entirely before the antenna, and keeps the cut', () => {
    const o = legacyWithDopplerStart(-250 * 70, 0); // all 60 Doppler gates before the antenna
    const v = decodeArchiveII(encodeArchiveII(o));
    expect(v.sweeps.map((s) => [s.radialCount, Object.keys(s.moments).join()])).toEqual([
      [12, 'REF'],
      [12, ''],
      [12, 'REF'],
    ]);
  });

  it('keeps gates that start at the antenna as they are', () => {
    const v = decodeArchiveII(encodeArchiveII(legacyWithDopplerStart(0)));
    expect([v.sweeps[1]!.moments.VEL!.firstGateKm, v.sweeps[1]!.moments.VEL!.gateCount]).toEqual([0, 60]);
  });
});

describe('message 1 cuts and codes', () => {
  const o = volume1({ version: 'AR2V0001.' });
  const v = decodeArchiveII(encodeArchiveII(o));

  it('has a surveillance-only cut, a Doppler-only cut and a cut with both', () => {
    expect(v.sweeps.map((s) => Object.keys(s.moments).join())).toEqual(['REF', 'VEL,SW', 'REF,VEL,SW']);
  });

  it('keeps below-threshold (0) and range-folded (1) codes apart in every moment', () => {
    const rand = random(7);
    const codes = Uint8Array.from({ length: 12 * 60 }, (_, i) => (i % 3 === 0 ? 0 : i % 3 === 1 ? 1 : 2 + Math.floor(rand() * 250)));
    const base = o.sweeps1![2]!;
    const w = decodeArchiveII(encodeArchiveII({ ...o, sweeps1: [{ ...base, ref: codes.subarray(0, 12 * 40), vel: codes, sw: codes }] }));
    for (const grid of Object.values(w.sweeps[0]!.moments)) {
      const values = momentValues(grid);
      for (let i = 0; i < grid.codes.length; i++) {
        const c = grid.codes[i]!;
        expect(Number.isNaN(values[i]!), `${grid.moment} gate ${i}`).toBe(c < 2);
        expect(isRangeFolded(grid, i), `${grid.moment} gate ${i}`).toBe(c === 1);
      }
    }
  });
});

describe('the radar site of a volume', () => {
  const blank1995 = encodeArchiveII(volume1({ site: '', version: 'ARCHIVE2.', volumeStart: Date.UTC(1995, 5, 1, 0, 2, 9), gzip: true }));

  it('comes from the archive key when a 1995 header leaves the ICAO blank', () => {
    expect(decodeArchiveII(blank1995).site).toBe('');
    const plan = planArchiveII(blank1995, fileAt('1995/06/01/KTLX/KTLX19950601_000209.gz', blank1995), options);
    expect([plan.volume.site, plan.volume.id, plan.site.id]).toEqual(['KTLX', 'KTLX19950601_000209', 'KTLX']);
    expect([plan.site.latitude, plan.site.longitude]).toEqual([expect.closeTo(35.33, 1), expect.closeTo(-97.28, 1)]);
  });

  it('comes from the file name (any folder, any case) when there is no archive key', () => {
    for (const key of ['/data/old/KTLX19950601_000209.gz', 'ktlx19950601_000209', 'C:\\radar\\KTLX19950601_000209']) {
      expect(planArchiveII(blank1995, fileAt(key, blank1995), options).volume.site, key).toBe('KTLX');
    }
  });

  it('is the one the volume states when it states one, whatever the key says', () => {
    const stated = encodeArchiveII(volume1({ site: 'KFWS' }));
    expect(planArchiveII(stated, fileAt('1995/06/01/KTLX/KTLX19950601_000209', stated), options).volume.site).toBe('KFWS');
  });

  it('is a typed error naming what to do when neither the volume nor its name names one', () => {
    expect(() => planArchiveII(blank1995, fileAt('/data/volume.bin', blank1995), options)).toThrow(
      expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringContaining('SITEYYYYMMDD_HHMMSS') }),
    );
  });

  it('passes the 4-letter rule when it comes from message 31 radials (never "a/b")', () => {
    const radials = encodeArchiveII(volume31({ site: '', radialSite: 'a/b ' }));
    expect(decodeArchiveII(radials).site).toBe('');
    expect(planArchiveII(radials, fileAt('2022/03/17/KLOT/KLOT20220317_000842_V06', radials), options).volume.site).toBe('KLOT');
    expect(() => planArchiveII(radials, fileAt('upload-1', radials), options)).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
    // A valid radar id in the radials is the volume's site when the header has none.
    const named = encodeArchiveII(volume31({ site: '', radialSite: 'KLOT' }));
    expect(planArchiveII(named, fileAt('upload-1', named), options).volume.site).toBe('KLOT');
  });

  it('passes the same rule in a header: lower case or punctuation is no site', () => {
    for (const site of ['a/b ', 'klot', 'K1OT']) expect(decodeArchiveII(encodeArchiveII(volume1({ site }))).site, site).toBe('');
  });
});
