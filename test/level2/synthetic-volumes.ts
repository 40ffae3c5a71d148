// Synthetic volumes for the Level 2 tests, built by the project's own Archive II encoder.
import type { Moment } from '../../ingest/decode/level2/types.js';
import type { EncodeOptions, MomentCodes, Sweep1, Sweep31 } from '../fixtures/archive2-encoder.js';

export const T0 = Date.UTC(2022, 2, 17, 0, 8, 42, 596);
export const LOCATION = { latitude: 41.60444259643555, longitude: -88.08444213867188, heightM: 202, feedhornHeightM: 29 };

/** Deterministic pseudo-random numbers in [0, 1). */
export function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

/** Codes with plenty of 0 (below threshold) and 1 (range folded) among data codes. */
function codes(n: number, max: number, rand: () => number, bits: 8 | 16): Uint8Array | Uint16Array {
  const out = bits === 8 ? new Uint8Array(n) : new Uint16Array(n);
  for (let i = 0; i < n; i++) {
    const r = rand();
    out[i] = r < 0.2 ? 0 : r < 0.3 ? 1 : 2 + Math.floor(rand() * (max - 1));
  }
  return out;
}

/** ICD-like scale/offset and word size per moment. */
const ENCODING: Record<Moment, { bits: 8 | 16; scale: number; offset: number; max: number }> = {
  REF: { bits: 8, scale: 2, offset: 66, max: 255 },
  VEL: { bits: 8, scale: 2, offset: 129, max: 255 },
  SW: { bits: 8, scale: 2, offset: 129, max: 255 },
  ZDR: { bits: 16, scale: 32, offset: 418, max: 1058 },
  PHI: { bits: 16, scale: 2.8361001014709473, offset: 2, max: 1023 },
  RHO: { bits: 8, scale: 300, offset: -60.5, max: 255 },
  CFP: { bits: 8, scale: 1, offset: 8, max: 255 },
};

export function moment(m: Moment, radials: number, gates: number, seed: number, firstGateM = 2125, gateSpacingM = 250): MomentCodes {
  const e = ENCODING[m];
  return { codes: codes(radials * gates, e.max, random(seed), e.bits), gates, scale: e.scale, offset: e.offset, firstGateM, gateSpacingM };
}

export function sweep31(elevationNumber: number, elevationAngle: number, azimuthSpacing: 0.5 | 1, radials: number, start: number, moments: Partial<Record<Moment, MomentCodes>>): Sweep31 {
  const azimuths = new Float32Array(radials).map((_, i) => (i * azimuthSpacing + 0.25) % 360);
  const times = new Float64Array(radials).map((_, i) => start + i * 50);
  return { elevationNumber, elevationAngle, azimuthSpacing, azimuths, times, moments };
}

/** A message 31 volume: split cuts (surveillance then Doppler), all seven moments, 8 and 16 bits. */
export function volume31(overrides: Partial<EncodeOptions> = {}): EncodeOptions {
  return {
    site: 'KLOT',
    volumeStart: T0,
    vcp: 35,
    plannedCuts: [0.5, 0.5, 0.9],
    location: LOCATION,
    compression: 'bzip2',
    radialsPerRecord: 25,
    sweeps31: [
      sweep31(1, 0.48, 0.5, 40, T0, {
        REF: moment('REF', 40, 120, 1),
        ZDR: moment('ZDR', 40, 80, 2),
        PHI: moment('PHI', 40, 80, 3),
        RHO: moment('RHO', 40, 80, 4),
        CFP: moment('CFP', 40, 120, 5),
      }),
      sweep31(2, 0.48, 0.5, 40, T0 + 20_000, {
        REF: moment('REF', 40, 80, 6),
        VEL: moment('VEL', 40, 80, 7),
        SW: moment('SW', 40, 80, 8, 2125, 250),
      }),
      sweep31(3, 0.88, 1, 30, T0 + 40_000, {
        REF: moment('REF', 30, 90, 9, 0, 300),
        VEL: moment('VEL', 30, 70, 10, 0, 150),
      }),
    ],
    ...overrides,
  };
}

/**
 * Elevation 1 in two stretches, as a cut that changes mid-way: REF widens from 120 to 160 gates,
 * ZDR stops and CFP starts halfway (rows a radial lacks stay BELOW_THRESHOLD); then elevation 2.
 */
export function wideningVolume31(overrides: Partial<EncodeOptions> = {}): EncodeOptions {
  return volume31({
    sweeps31: [
      sweep31(1, 0.48, 0.5, 20, T0, { REF: moment('REF', 20, 120, 1), ZDR: moment('ZDR', 20, 80, 2) }),
      sweep31(1, 0.48, 0.5, 20, T0 + 10_000, { REF: moment('REF', 20, 160, 3), CFP: moment('CFP', 20, 120, 4) }),
      sweep31(2, 0.88, 1, 30, T0 + 20_000, { VEL: moment('VEL', 30, 70, 5), PHI: moment('PHI', 30, 80, 6) }),
    ],
    ...overrides,
  });
}

/** A legacy message 1 volume: surveillance cut then Doppler cuts at 0.5 and 1 m/s resolution. */
export function volume1(overrides: Partial<EncodeOptions> = {}): EncodeOptions {
  const radials = 12;
  const base = {
    azimuths: new Float32Array(radials).map((_, i) => i * 30),
    refFirstGateM: 0,
    refGateSpacingM: 1000,
    dopFirstGateM: 0,
    dopGateSpacingM: 250,
  };
  const times = (start: number) => new Float64Array(radials).map((_, i) => start + i * 1000);
  const rand = random(42);
  const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(rand() * 256));
  const sweeps1: Sweep1[] = [
    { ...base, elevationNumber: 1, elevationAngle: 0.5, times: times(T0), ref: bytes(radials * 40), refGates: 40, dopGates: 0, velocityResolution: 0.5 },
    {
      ...base,
      elevationNumber: 2,
      elevationAngle: 0.5,
      times: times(T0 + 30_000),
      refGates: 0,
      vel: bytes(radials * 60),
      sw: bytes(radials * 60),
      dopGates: 60,
      velocityResolution: 0.5,
    },
    {
      ...base,
      elevationNumber: 3,
      elevationAngle: 1.45,
      times: times(T0 + 60_000),
      ref: bytes(radials * 40),
      refGates: 40,
      vel: bytes(radials * 60),
      sw: bytes(radials * 60),
      dopGates: 60,
      velocityResolution: 1,
    },
  ];
  return { site: 'KTLX', volumeStart: T0, vcp: 11, compression: 'none', version: 'ARCHIVE2.', sweeps1, ...overrides };
}

/** The physical value the ICD gives a code: NaN for 0 and 1, else (code − offset) / scale in float32. */
export function physical(code: number, scale: number, offset: number): number {
  return code < 2 ? NaN : Math.fround((code - offset) / scale);
}
