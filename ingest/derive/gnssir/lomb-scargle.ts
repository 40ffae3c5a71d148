/**
 * Lomb–Scargle periodogram (Lomb 1976, Scargle 1982) of `y` sampled at `x`, at the evenly spaced
 * angular frequencies ω0, ω0 + dω, … (count of them): unnormalised power, as SciPy's lombscargle
 * gives it, P = ½[(Σy·c)²/Σc² + (Σy·s)²/Σs²] with c, s the cosine and sine of ω(x − τ) and τ
 * the offset that makes them orthogonal. y is not centred here (the caller detrends).
 *
 * Hand-written: no library of the npm registry does it, and the frequencies being evenly spaced
 * let each sample's cos/sin advance by one rotation per frequency instead of two trig calls
 * (Press & Rybicki's recurrence), which is most of the speed of reflector heights.
 */
export function lombScargle(x: Float64Array, y: Float64Array, n: number, omega0: number, dOmega: number, count: number, out: Float64Array = new Float64Array(count)): Float64Array {
  // Per sample, interleaved: its cos and sin at the current frequency, and the rotation by dω·x.
  const cs = new Float64Array(2 * n);
  const rot = new Float64Array(2 * n);
  for (let j = 0; j < n; j++) {
    rot[2 * j] = Math.cos(dOmega * x[j]!);
    rot[2 * j + 1] = Math.sin(dOmega * x[j]!);
  }
  for (let k = 0; k < count; k++) {
    const w = omega0 + k * dOmega;
    // Every 64 frequencies the cos/sin restart from exact values, so rounding never accumulates.
    if (k % 64 === 0) {
      for (let j = 0; j < n; j++) {
        cs[2 * j] = Math.cos(w * x[j]!);
        cs[2 * j + 1] = Math.sin(w * x[j]!);
      }
    }
    // Σy·cos, Σy·sin, and Σcos2ωx, Σsin2ωx (Σcos² = (n + Σcos2)/2, Σsin² = (n − Σcos2)/2, Σcos·sin = Σsin2/2).
    let xc = 0,
      xs = 0,
      c2 = 0,
      s2 = 0;
    for (let j = 0, a = 0; j < n; j++, a += 2) {
      const c = cs[a]!;
      const s = cs[a + 1]!;
      const yj = y[j]!;
      xc += yj * c;
      xs += yj * s;
      c2 += c * c - s * s;
      s2 += c * s;
      const rc = rot[a]!;
      const rs = rot[a + 1]!;
      cs[a] = c * rc - s * rs;
      cs[a + 1] = s * rc + c * rs;
    }
    s2 *= 2;
    const cc = (n + c2) / 2;
    const ss = (n - c2) / 2;
    const csum = s2 / 2;
    const tau = Math.atan2(s2, c2) / (2 * w);
    const ct = Math.cos(w * tau);
    const st = Math.sin(w * tau);
    const ct2 = ct * ct;
    const st2 = st * st;
    const cst = 2 * ct * st;
    const a = ct * xc + st * xs;
    const b = ct * xs - st * xc;
    out[k] = 0.5 * ((a * a) / (ct2 * cc + cst * csum + st2 * ss) + (b * b) / (ct2 * ss - cst * csum + st2 * cc));
  }
  return out;
}

/** The periodogram's highest peak over heights above a floor, and the mean amplitude of a noise band. */
export interface PeriodogramPeak {
  /** Index of the peak on the fine grid; −1 when no height lies above the floor. */
  index: number;
  /** 2·√(P/n), volts/volts as gnssir reports it. */
  amplitude: number;
  /** Mean amplitude over the noise band (1 when it holds no grid point). */
  noise: number;
}

/** Coarse grid points per main-lobe half-width (1/span of x): enough that the mean and the lobes are sampled smoothly. */
const POINTS_PER_LOBE = 8;
/** Coarse local maxima refined on the fine grid: the highest peak cannot hide in a lobe lower on the coarse grid than these. */
const REFINED_PEAKS = 3;

/**
 * The peak of the Lomb–Scargle amplitude over heights h0 + k·dh (k < count) above `minHeight`,
 * and its noise (mean amplitude for heights strictly inside `noiseBand`), for x = sin(e)/(λ/2).
 * gnssir's grid (desiredP) oversamples the periodogram's lobes ~50×: the whole grid is evaluated
 * every `stride` points (still ≥ 8 points per lobe half-width), the noise is averaged over those,
 * and the few highest coarse peaks are evaluated again on the fine grid around them, so the
 * height is the fine grid's argmax as before at a fraction of the work.
 */
export function periodogramPeak(x: Float64Array, y: Float64Array, n: number, h0: number, dh: number, count: number, minHeight: number, noiseBand: readonly [number, number]): PeriodogramPeak {
  const span = x[n - 1]! - x[0]!;
  const stride = Math.max(1, Math.floor(1 / (span * dh) / POINTS_PER_LOBE));
  const coarse = Math.floor((count - 1) / stride) + 1;
  const power = lombScargle(x, y, n, 2 * Math.PI * h0, 2 * Math.PI * dh * stride, coarse);
  const amp = (p: number) => 2 * Math.sqrt(p / n);
  let noise = 0;
  let noiseN = 0;
  for (let j = 0; j < coarse; j++) {
    const h = h0 + j * stride * dh;
    if (h > noiseBand[0] && h < noiseBand[1]) {
      noise += amp(power[j]!);
      noiseN++;
    }
  }
  const noiseMean = noiseN > 0 ? noise / noiseN : 1;
  let first = 0;
  while (first < count && !(h0 + first * dh > minHeight)) first++;
  if (first >= count) return { index: -1, amplitude: -Infinity, noise: noiseMean };
  if (stride === 1) {
    let best = first;
    for (let k = first + 1; k < count; k++) if (power[k]! > power[best]!) best = k;
    return { index: best, amplitude: amp(power[best]!), noise: noiseMean };
  }
  // Coarse local maxima above the floor (the ends count), highest first.
  const firstCoarse = Math.ceil(first / stride);
  const peaks: number[] = [];
  for (let j = firstCoarse; j < coarse; j++) {
    const p = power[j]!;
    if ((j === firstCoarse || p >= power[j - 1]!) && (j === coarse - 1 || p >= power[j + 1]!)) peaks.push(j);
  }
  if (peaks.length === 0) peaks.push(firstCoarse);
  peaks.sort((a, b) => power[b]! - power[a]!);
  let best = -1;
  let bestPower = -Infinity;
  const fine = new Float64Array(2 * stride + 1);
  for (const j of peaks.slice(0, REFINED_PEAKS)) {
    const lo = Math.max(first, (j - 1) * stride);
    const hi = Math.min(count - 1, (j + 1) * stride);
    lombScargle(x, y, n, 2 * Math.PI * (h0 + lo * dh), 2 * Math.PI * dh, hi - lo + 1, fine);
    for (let k = lo; k <= hi; k++) {
      if (fine[k - lo]! > bestPower) {
        bestPower = fine[k - lo]!;
        best = k;
      }
    }
  }
  return { index: best, amplitude: amp(bestPower), noise: noiseMean };
}
