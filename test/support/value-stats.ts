/** Count, sum and extremes of values: what the test oracles (RINEX, SNR series and rollups) compare by key. */
export interface ValueStat {
  count: number;
  sum: number;
  min: number;
  max: number;
}

/** Adds `v` to the statistics under `key`; a new key starts from `fields` (e.g. a bucket's start) and no values. */
export function addValue<S extends ValueStat>(stats: Map<string, S>, key: string, v: number, ...fields: keyof Omit<S, keyof ValueStat> extends never ? [] : [Omit<S, keyof ValueStat>]): void {
  const s = stats.get(key) ?? ({ ...fields[0], count: 0, sum: 0, min: Infinity, max: -Infinity } as S);
  s.count++;
  s.sum += v;
  s.min = Math.min(s.min, v);
  s.max = Math.max(s.max, v);
  stats.set(key, s);
}
