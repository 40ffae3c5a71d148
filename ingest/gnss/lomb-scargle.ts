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
  const c = new Float64Array(n);
  const s = new Float64Array(n);
  const cd = new Float64Array(n);
  const sd = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    c[j] = Math.cos(omega0 * x[j]!);
    s[j] = Math.sin(omega0 * x[j]!);
    cd[j] = Math.cos(dOmega * x[j]!);
    sd[j] = Math.sin(dOmega * x[j]!);
  }
  for (let k = 0; k < count; k++) {
    const w = omega0 + k * dOmega;
    let xc = 0, xs = 0, cc = 0, ss = 0, cs = 0;
    // Every 64 steps the rotations restart from exact values, so rounding never accumulates.
    const exact = k % 64 === 0 && k > 0;
    for (let j = 0; j < n; j++) {
      let cj: number, sj: number;
      if (exact) {
        cj = Math.cos(w * x[j]!);
        sj = Math.sin(w * x[j]!);
      } else {
        cj = c[j]!;
        sj = s[j]!;
      }
      const yj = y[j]!;
      xc += yj * cj;
      xs += yj * sj;
      cc += cj * cj;
      ss += sj * sj;
      cs += cj * sj;
      // Advance to the next frequency: rotate by dω·x.
      c[j] = cj * cd[j]! - sj * sd[j]!;
      s[j] = sj * cd[j]! + cj * sd[j]!;
    }
    const tau = Math.atan2(2 * cs, cc - ss) / (2 * w);
    const ct = Math.cos(w * tau);
    const st = Math.sin(w * tau);
    const ct2 = ct * ct;
    const st2 = st * st;
    const cst = 2 * ct * st;
    const a = ct * xc + st * xs;
    const b = ct * xs - st * xc;
    out[k] = 0.5 * ((a * a) / (ct2 * cc + cst * cs + st2 * ss) + (b * b) / (ct2 * ss - cst * cs + st2 * cc));
  }
  return out;
}
