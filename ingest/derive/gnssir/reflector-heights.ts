import type { SnrObservations } from '../../../store/gnss/snr-parquet.js';
import { CONSTELLATIONS, satelliteName } from '../../../store/gnss/satellites.js';
import { frequencyCode, wavelength } from './gnssir-frequencies.js';
import { periodogramPeak } from './lomb-scargle.js';
import { bennettElevation, type RefractionAtmosphere } from './refraction.js';

/** gnssir settings (the gnssrefl station json's names in comments). */
export interface ReflectorHeightSettings {
  /** e1, e2: elevation window of the periodogram, degrees. */
  minElevation: number;
  maxElevation: number;
  /** minH, maxH: reflector heights searched, metres. */
  minHeight: number;
  maxHeight: number;
  /** NReg: heights whose mean periodogram amplitude is the noise. */
  noiseRegion: [number, number];
  /** PkNoise: least peak-to-noise ratio. */
  peakToNoise: number;
  /** reqAmp: least peak amplitude (volts/volts), per frequency (same order as `frequencies`). */
  requiredAmplitude: number[];
  /** polyV: order of the polynomial removed against elevation. */
  polynomialOrder: number;
  /** pele: elevations kept for that polynomial fit (and arc finding). */
  polynomialElevations: [number, number];
  /** ediff: how far short of e1/e2 an arc may stop, degrees. */
  elevationTolerance: number;
  /** desiredP: periodogram height step, metres. */
  heightPrecision: number;
  /** azval2: azimuth ranges [from, to] (degrees, inclusive) an arc's lowest point must lie in. */
  azimuths: [number, number][];
  /** freqs: gnssrefl frequency codes. */
  frequencies: number[];
  /** delTmax: longest arc, minutes. */
  maxArcMinutes: number;
  /** refraction (model 1, Bennett): the atmosphere at the antenna, or null for none. */
  refraction: RefractionAtmosphere | null;
}

/** One arc's reflector height, as gnssir writes it. */
export interface ReflectorHeightArc {
  /** Mean time of the arc's points, ms (the observations' time system, GPS). */
  time: number;
  /** RINEX id, e.g. G07. */
  satellite: string;
  frequency: number;
  /** Metres. */
  height: number;
  /** Periodogram peak, volts/volts. */
  amplitude: number;
  peakToNoise: number;
  /** Azimuth at the arc's lowest elevation, degrees. */
  azimuth: number;
  /** Lowest and highest (refraction-corrected) elevation of the arc's points, degrees. */
  minElevation: number;
  maxElevation: number;
  rising: boolean;
  durationMinutes: number;
  points: number;
}

/** gnssrefl splits a satellite's track into arcs at gaps longer than this (s). */
const ARC_GAP_S = 600;
/** Fewest points an arc (or its non-zero values of one frequency) may have. */
const MIN_ARC_POINTS = 20;
/** Fewest points inside e1–e2. */
const MIN_WINDOW_POINTS = 15;
/** A peak this close (m) to minH or maxH is rejected as an edge. */
const EDGE_M = 0.1;

/** One satellite's epochs (time-sorted) with geometry, and its SNR values per frequency. */
interface Track {
  key: number;
  seconds: number[];
  elevation: number[];
  azimuth: number[];
  /** Per requested frequency (index into settings.frequencies): dB-Hz per epoch, 0 where none. */
  snr: Float64Array[];
}

/** Satellite tracks of the rows within ±`bufferS` of the day [dayStartMs, +24 h), elevation refraction-corrected and masked to pele. */
function tracksOf(obs: SnrObservations, dayStartMs: number, bufferS: number, s: ReflectorHeightSettings): Track[] {
  const g = obs.geometry!;
  // Per satellite, per frequency, the code to use: the most preferred one the satellite has.
  const codesOfKey = new Map<number, Set<number>>();
  for (let i = 0; i < obs.count; i++) {
    let set = codesOfKey.get(obs.satellites[i]!);
    if (!set) codesOfKey.set(obs.satellites[i]!, (set = new Set()));
    set.add(obs.codeIndex[i]!);
  }
  const chosen = new Map<number, Int16Array>(); // key → per frequency, the code index (−1 none)
  for (const [key, codes] of codesOfKey) {
    const system = CONSTELLATIONS[Math.floor(key / 100) - 1];
    chosen.set(
      key,
      Int16Array.from(s.frequencies, (f) => {
        const fc = frequencyCode(f);
        if (!fc || fc.system !== system) return -1;
        for (const name of fc.codes) {
          const at = obs.codes.indexOf(name);
          if (at >= 0 && codes.has(at)) return at;
        }
        return -1;
      }),
    );
  }
  const tracks = new Map<number, Track>();
  const from = dayStartMs - bufferS * 1000;
  const to = dayStartMs + (86400 + bufferS) * 1000;
  for (let i = 0; i < obs.count; i++) {
    const t = obs.times[i]!;
    if (t < from || t >= to) continue;
    const key = obs.satellites[i]!;
    const use = chosen.get(key)!;
    const fi = use.indexOf(obs.codeIndex[i]!);
    if (fi < 0) continue;
    const raw = g.elevation[i]!;
    if (!(raw > 0)) continue;
    const e = s.refraction ? bennettElevation(raw, s.refraction.pressureHpa, s.refraction.temperatureC) : raw;
    if (!(e >= s.polynomialElevations[0] && e < s.polynomialElevations[1])) continue;
    let track = tracks.get(key);
    if (!track) tracks.set(key, (track = { key, seconds: [], elevation: [], azimuth: [], snr: s.frequencies.map(() => new Float64Array(0)) }));
    const sec = (t - dayStartMs) / 1000;
    const last = track.seconds.length - 1;
    if (last < 0 || track.seconds[last] !== sec) {
      track.seconds.push(sec);
      track.elevation.push(e);
      track.azimuth.push(g.azimuth[i]!);
    }
    // Values are gathered after the epochs are known (below); remember row → epoch for now.
    (track as Track & { rows?: number[][] }).rows ??= s.frequencies.map(() => []);
    (track as Track & { rows: number[][] }).rows[fi]!.push(track.seconds.length - 1, obs.values[i]!);
  }
  for (const track of tracks.values()) {
    const rows = (track as Track & { rows: number[][] }).rows;
    track.snr = rows.map((pairs) => {
      const v = new Float64Array(track.seconds.length);
      for (let k = 0; k < pairs.length; k += 2) v[pairs[k]!] = pairs[k + 1]!;
      return v;
    });
  }
  return [...tracks.values()].sort((a, b) => a.key - b.key);
}

/** Arcs of a track as [start, end) epoch ranges: split at gaps and changes of elevation direction, kept when they span e1–e2 (within ediff). */
function arcsOf(track: Track, s: ReflectorHeightSettings): [number, number][] {
  const { seconds, elevation } = track;
  const n = seconds.length;
  if (n < MIN_ARC_POINTS) return [];
  const breaks: number[] = [];
  for (let j = 0; j < n - 1; j++) {
    const gap = seconds[j + 1]! - seconds[j]! > ARC_GAP_S;
    const turn = j + 2 < n && Math.sign(elevation[j + 1]! - elevation[j]!) !== Math.sign(elevation[j + 2]! - elevation[j + 1]!);
    if (gap || turn) breaks.push(j);
  }
  breaks.push(n - 1);
  const minSpan = s.maxElevation - s.elevationTolerance - (s.minElevation + s.elevationTolerance);
  const arcs: [number, number][] = [];
  let start = 0;
  for (const b of breaks) {
    const end = b + 1;
    if (end - start >= MIN_ARC_POINTS) {
      let lo = Infinity;
      let hi = -Infinity;
      for (let k = start; k < end; k++) {
        lo = Math.min(lo, elevation[k]!);
        hi = Math.max(hi, elevation[k]!);
      }
      if (lo - s.minElevation <= s.elevationTolerance && hi - s.maxElevation >= -s.elevationTolerance && hi - lo >= minSpan) arcs.push([start, end]);
    }
    start = end;
  }
  return arcs;
}

/** Least-squares polynomial of `order` through (x, y), evaluated at x: solved on centred, scaled x by normal equations. */
function polynomialFit(x: Float64Array, y: Float64Array, n: number, order: number): Float64Array {
  let mean = 0;
  for (let i = 0; i < n; i++) mean += x[i]!;
  mean /= n;
  let scale = 0;
  for (let i = 0; i < n; i++) scale = Math.max(scale, Math.abs(x[i]! - mean));
  scale ||= 1;
  const m = order + 1;
  const a = new Float64Array(m * m);
  const b = new Float64Array(m);
  const pow = new Float64Array(2 * m);
  for (let i = 0; i < n; i++) {
    const u = (x[i]! - mean) / scale;
    pow[0] = 1;
    for (let k = 1; k < 2 * m; k++) pow[k] = pow[k - 1]! * u;
    for (let r = 0; r < m; r++) {
      b[r] += pow[r]! * y[i]!;
      for (let c = 0; c < m; c++) a[r * m + c] += pow[r + c]!;
    }
  }
  // Gaussian elimination with partial pivoting (m ≤ 10).
  for (let col = 0; col < m; col++) {
    let p = col;
    for (let r = col + 1; r < m; r++) if (Math.abs(a[r * m + col]!) > Math.abs(a[p * m + col]!)) p = r;
    if (p !== col) {
      for (let c = 0; c < m; c++) [a[col * m + c], a[p * m + c]] = [a[p * m + c]!, a[col * m + c]!];
      [b[col], b[p]] = [b[p]!, b[col]!];
    }
    for (let r = col + 1; r < m; r++) {
      const f = a[r * m + col]! / a[col * m + col]!;
      for (let c = col; c < m; c++) a[r * m + c] -= f * a[col * m + c]!;
      b[r] -= f * b[col]!;
    }
  }
  const coef = new Float64Array(m);
  for (let r = m - 1; r >= 0; r--) {
    let v = b[r]!;
    for (let c = r + 1; c < m; c++) v -= a[r * m + c]! * coef[c]!;
    coef[r] = v / a[r * m + r]!;
  }
  const fit = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const u = (x[i]! - mean) / scale;
    let v = 0;
    for (let k = m - 1; k >= 0; k--) v = v * u + coef[k]!;
    fit[i] = v;
  }
  return fit;
}

function inAzimuths(az: number, ranges: [number, number][]): boolean {
  return ranges.some(([a, b]) => (a <= b ? az >= a && az <= b : az >= a || az <= b));
}

/**
 * Reflector heights of one day (GNSS-IR, as gnssrefl's gnssir computes them): each satellite's
 * track within ±2 h of the day, elevations corrected for refraction (Bennett) and kept within
 * pele, is split into rising and setting arcs (gaps over 10 min, changes of direction) that must
 * reach e1 and e2 within ediff; per arc and frequency, SNR goes to linear units, a polynomial in
 * elevation (polyV) is removed, the e1–e2 part (lowest point inside an azimuth range) gets a
 * Lomb–Scargle periodogram over sin(elevation)/(λ/2) on heights up to maxH, and its peak above
 * minH is the reflector height. Arcs whose peak is at an edge, too weak (reqAmp), not above the
 * noise (PkNoise, mean amplitude over NReg) or longer than delTmax are rejected, and arcs whose
 * mean time is outside the day belong to the neighbour days. Pure; `obs` must have geometry.
 */
export function dayReflectorHeights(obs: SnrObservations, dayStartMs: number, s: ReflectorHeightSettings, bufferS = 7200): ReflectorHeightArc[] {
  if (!obs.geometry) return [];
  const out: ReflectorHeightArc[] = [];
  const x = new Float64Array(4096);
  const y = new Float64Array(4096);
  for (const track of tracksOf(obs, dayStartMs, bufferS, s)) {
    const prn = track.key % 100;
    const satellite = satelliteName(track.key);
    for (const [start, end] of arcsOf(track, s)) {
      s.frequencies.forEach((f, fi) => {
        const snr = track.snr[fi]!;
        const lambda = wavelength(f, prn);
        if (!(lambda > 0)) return;
        const cf = lambda / 2;
        // Non-zero values of the arc (gnssrefl keeps SNR > 1).
        const idx: number[] = [];
        for (let k = start; k < end; k++) if (snr[k]! > 1) idx.push(k);
        if (idx.length <= MIN_ARC_POINTS) return;
        const n = idx.length;
        const ex = new Float64Array(n);
        const lin = new Float64Array(n);
        idx.forEach((k, i) => {
          ex[i] = track.elevation[k]!;
          lin[i] = 10 ** (snr[k]! / 20);
        });
        const fit = polynomialFit(ex, lin, n, s.polynomialOrder);
        // The e1–e2 window, in time order.
        let m = 0;
        let lowest = Infinity;
        let azimuth = NaN;
        let tSum = 0;
        let tMin = Infinity;
        let tMax = -Infinity;
        const w: number[] = [];
        for (let i = 0; i < n; i++) {
          const e = ex[i]!;
          if (!(e > s.minElevation && e <= s.maxElevation)) continue;
          w.push(i);
          const k = idx[i]!;
          if (e < lowest) {
            lowest = e;
            azimuth = track.azimuth[k]!;
          }
          const t = track.seconds[k]!;
          tSum += t;
          tMin = Math.min(tMin, t);
          tMax = Math.max(tMax, t);
          m++;
        }
        if (m < MIN_WINDOW_POINTS || !inAzimuths(azimuth, s.azimuths)) return;
        const meanS = tSum / m;
        if (meanS < 0 || meanS >= 86400) return;
        const rising = !(ex[w[0]!]! > ex[w[1]!]!);
        // Sort by elevation (the periodogram does not care, but the edges do).
        w.sort((a, b) => ex[a]! - ex[b]!);
        const xs = m <= x.length ? x : new Float64Array(m);
        const ys = m <= y.length ? y : new Float64Array(m);
        for (let i = 0; i < m; i++) {
          xs[i] = Math.sin((ex[w[i]!]! * Math.PI) / 180) / cf;
          ys[i] = lin[w[i]!]! - fit[w[i]!]!;
        }
        const span = xs[m - 1]! - xs[0]!;
        if (!(span > 0)) return;
        // gnssrefl's grid: heights from desiredP to maxH, int(maxH/desiredP) of them (Press's ofac/hifac).
        const ofac = 1 / span / s.heightPrecision;
        const hifac = s.maxHeight / (m / (2 * span));
        const count = Math.trunc(0.5 * ofac * hifac * m);
        if (count < 2) return;
        const h0 = 1 / (span * ofac);
        const h1 = (hifac * m) / (2 * span);
        const dh = (h1 - h0) / (count - 1);
        const peak = periodogramPeak(xs, ys, m, h0, dh, count, s.minHeight, s.noiseRegion);
        if (peak.index < 0) return;
        const height = h0 + peak.index * dh;
        const bestAmp = peak.amplitude;
        const noiseMean = peak.noise;
        const durationMinutes = (tMax - tMin) / 60;
        const edge = Math.abs(height - s.minHeight) < EDGE_M || Math.abs(height - s.maxHeight) < EDGE_M;
        const required = s.requiredAmplitude[fi] ?? s.requiredAmplitude[s.requiredAmplitude.length - 1] ?? 0;
        if (edge || !(durationMinutes < s.maxArcMinutes) || !(bestAmp > required) || !(bestAmp / noiseMean > s.peakToNoise)) return;
        out.push({
          time: dayStartMs + meanS * 1000,
          satellite,
          frequency: f,
          height,
          amplitude: bestAmp,
          peakToNoise: bestAmp / noiseMean,
          azimuth,
          minElevation: ex[w[0]!]!,
          maxElevation: ex[w[m - 1]!]!,
          rising,
          durationMinutes,
          points: m,
        });
      });
    }
  }
  return out.sort((a, b) => a.time - b.time || a.frequency - b.frequency);
}
