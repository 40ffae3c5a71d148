// Time integration of fields known at instants (volume times): trapezoids between consecutive
// instants, clipped to the window. The integral of a field is then Σ weightᵢ · fieldᵢ, so the
// weights are computed once from the times and applied to whole grids.

export interface TimeSpan {
  from: number;
  to: number;
}

export interface TimeWeights {
  /** Per instant, hours: Σ weightᵢ · rateᵢ (mm/h) is the accumulation in mm. */
  weights: Float64Array;
  /** Parts of the window no pair of instants within `maxGapMs` of each other spans: missing, not filled. */
  gaps: TimeSpan[];
  /** Milliseconds of the window spanned by pairs (integrated). */
  coveredMs: number;
}

const HOUR_MS = 3_600_000;

/**
 * Trapezoid weights of `times` (ascending epoch ms) over [from, to]. Between consecutive instants a
 * and b the field is taken as linear; the part of [a, b] inside the window contributes with the
 * field interpolated at its ends. Pairs farther apart than `maxGapMs`, and the window before the
 * first and after the last instant, are gaps.
 */
export function trapezoidWeights(times: ArrayLike<number>, from: number, to: number, maxGapMs: number): TimeWeights {
  const n = times.length;
  const weights = new Float64Array(n);
  const gaps: TimeSpan[] = [];
  let coveredMs = 0;
  const addGap = (a: number, b: number) => {
    const [s, e] = [Math.max(a, from), Math.min(b, to)];
    if (e <= s) return;
    const last = gaps.at(-1);
    if (last && last.to >= s) last.to = Math.max(last.to, e);
    else gaps.push({ from: s, to: e });
  };
  if (n === 0) {
    addGap(from, to);
    return { weights, gaps, coveredMs };
  }
  addGap(from, times[0]!);
  for (let i = 0; i + 1 < n; i++) {
    const [a, b] = [times[i]!, times[i + 1]!];
    const [s, e] = [Math.max(a, from), Math.min(b, to)];
    if (e <= s) continue;
    if (b - a > maxGapMs) {
      addGap(a, b);
      continue;
    }
    // ∫ₛᵉ (ra·(b−t) + rb·(t−a))/(b−a) dt, split into the coefficients of ra and rb.
    const span = b - a;
    const wa = ((b - s) ** 2 - (b - e) ** 2) / (2 * span);
    const wb = ((e - a) ** 2 - (s - a) ** 2) / (2 * span);
    weights[i] += wa / HOUR_MS;
    weights[i + 1] += wb / HOUR_MS;
    coveredMs += e - s;
  }
  addGap(times[n - 1]!, to);
  return { weights, gaps, coveredMs };
}
