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
