import type { SnrObservations } from './snr-parquet.js';

/**
 * One station-day from two sets of observations, e.g. the day as stored and a later file of the
 * same day (hourly files, a re-published daily file): the union, where `newer` wins for a
 * satellite × code × epoch both hold. Rows come out by time, then satellite, then code, so the
 * result does not depend on the order files arrived in. Pure.
 */
export function mergeSnrObservations(older: SnrObservations, newer: SnrObservations): SnrObservations {
  const codes = [...older.codes];
  const newCode = newer.codes.map((c) => {
    const at = codes.indexOf(c);
    return at >= 0 ? at : codes.push(c) - 1;
  });
  // Rank codes by name so an epoch's rows sort the same whichever file brought a code first.
  const byName = codes.map((c, i) => [c, i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const rank = new Uint16Array(codes.length);
  byName.forEach(([, i], r) => (rank[i] = r));
  const a = inTimeOrder(older);
  const b = inTimeOrder(newer);

  const max = older.count + newer.count;
  const out: SnrObservations = {
    count: 0,
    times: new Float64Array(max),
    satellites: new Uint16Array(max),
    codeIndex: new Uint8Array(max),
    codes,
    values: new Float32Array(max),
  };
  // One epoch at a time: its rows from both sides as (satellite, code rank) keys; newer first, so
  // a key already taken skips the older row.
  const keys: number[] = [];
  const rows: number[] = []; // row index, newer rows as -1 - index
  const taken = new Set<number>();
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const t = Math.min(i < a.length ? older.times[a[i]!]! : Infinity, j < b.length ? newer.times[b[j]!]! : Infinity);
    keys.length = 0;
    rows.length = 0;
    taken.clear();
    for (; j < b.length && newer.times[b[j]!] === t; j++) {
      const r = b[j]!;
      const key = newer.satellites[r]! * 65536 + rank[newCode[newer.codeIndex[r]!]!]!;
      if (taken.has(key)) continue; // a file repeating a value: the first is kept
      taken.add(key);
      keys.push(key);
      rows.push(-1 - r);
    }
    for (; i < a.length && older.times[a[i]!] === t; i++) {
      const r = a[i]!;
      const key = older.satellites[r]! * 65536 + rank[older.codeIndex[r]!]!;
      if (taken.has(key)) continue;
      taken.add(key);
      keys.push(key);
      rows.push(r);
    }
    const order = keys.map((_, k) => k).sort((x, y) => keys[x]! - keys[y]!);
    for (const k of order) {
      const r = rows[k]!;
      const n = out.count++;
      out.times[n] = t;
      if (r < 0) {
        out.satellites[n] = newer.satellites[-1 - r]!;
        out.codeIndex[n] = newCode[newer.codeIndex[-1 - r]!]!;
        out.values[n] = newer.values[-1 - r]!;
      } else {
        out.satellites[n] = older.satellites[r]!;
        out.codeIndex[n] = older.codeIndex[r]!;
        out.values[n] = older.values[r]!;
      }
    }
  }
  const n = out.count;
  return { ...out, times: out.times.slice(0, n), satellites: out.satellites.slice(0, n), codeIndex: out.codeIndex.slice(0, n), values: out.values.slice(0, n) };
}

/** Row indices by time (stable): the identity for a file read in epoch order, as they all are. */
function inTimeOrder(obs: SnrObservations): Int32Array {
  const order = new Int32Array(obs.count);
  let sorted = true;
  for (let i = 0; i < obs.count; i++) {
    order[i] = i;
    if (i > 0 && obs.times[i]! < obs.times[i - 1]!) sorted = false;
  }
  return sorted ? order : order.sort((x, y) => obs.times[x]! - obs.times[y]! || x - y);
}

/**
 * Consecutive spans (e.g. station-days in order) as one set of observations: codes united,
 * rows appended in the given order; rows for which `keep(time)` is false are left out. Geometry
 * is kept when every part has it. Pure.
 */
export function concatSnrObservations(parts: readonly SnrObservations[], keep: (timeMs: number) => boolean = () => true): SnrObservations {
  const codes: string[] = [];
  const maps = parts.map((p) => p.codes.map((c) => (codes.indexOf(c) >= 0 ? codes.indexOf(c) : codes.push(c) - 1)));
  const withGeometry = parts.length > 0 && parts.every((p) => p.geometry);
  let count = 0;
  for (const p of parts) for (let i = 0; i < p.count; i++) if (keep(p.times[i]!)) count++;
  const out: SnrObservations = {
    count,
    times: new Float64Array(count),
    satellites: new Uint16Array(count),
    codeIndex: new Uint8Array(count),
    codes,
    values: new Float32Array(count),
    ...(withGeometry ? { geometry: { elevation: new Float32Array(count), azimuth: new Float32Array(count), edot: new Float32Array(count) } } : {}),
  };
  let at = 0;
  parts.forEach((p, k) => {
    const map = maps[k]!;
    for (let i = 0; i < p.count; i++) {
      if (!keep(p.times[i]!)) continue;
      out.times[at] = p.times[i]!;
      out.satellites[at] = p.satellites[i]!;
      out.codeIndex[at] = map[p.codeIndex[i]!]!;
      out.values[at] = p.values[i]!;
      if (out.geometry) {
        out.geometry.elevation[at] = p.geometry!.elevation[i]!;
        out.geometry.azimuth[at] = p.geometry!.azimuth[i]!;
        out.geometry.edot[at] = p.geometry!.edot[i]!;
      }
      at++;
    }
  });
  return out;
}
