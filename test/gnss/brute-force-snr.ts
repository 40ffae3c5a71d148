/**
 * The test oracle for SNR series: every observation of a decoded RINEX file, bucketed and grouped
 * by brute force (no rollups, no Parquet), in dB-Hz as the file gives them.
 */
import type { SnrColumns } from '../../ingest/decode/rinex/types.js';
import { addValue, type ValueStat } from '../support/value-stats.js';

export interface BruteStat extends ValueStat {
  start: number;
}

export interface BruteQuery {
  from: number;
  to: number;
  /** Bucket width, ms, aligned to multiples since 1970; null = one bucket starting at `from`. */
  intervalMs: number | null;
  bySatellite?: boolean;
  byConstellation?: boolean;
  byCode?: boolean;
  /** Group by frequency band (the code's digit). */
  byBand?: boolean;
  codes?: string[];
  bands?: number[];
  satellites?: string[];
}

/** Key "start|constellation|satellite|code" (empty when not grouped) → statistics. */
export function bruteForceSnr(snr: SnrColumns, q: BruteQuery): Map<string, BruteStat> {
  const out = new Map<string, BruteStat>();
  for (let i = 0; i < snr.count; i++) {
    const t = snr.times[i]!;
    if (t < q.from || t >= q.to) continue;
    const code = snr.codes[snr.codeIndex[i]!]!;
    const system = String.fromCharCode(snr.satSystem[i]!);
    const sat = `${system}${String(snr.satPrn[i]).padStart(2, '0')}`;
    if (q.codes && !q.codes.includes(code)) continue;
    const band = Number(code[1]);
    if (q.bands && !q.bands.includes(band)) continue;
    if (q.satellites && !q.satellites.includes(sat)) continue;
    const start = q.intervalMs === null ? q.from : Math.max(Math.floor(t / q.intervalMs) * q.intervalMs, q.from);
    const key = `${start}|${q.byConstellation ? system : ''}|${q.bySatellite ? sat : ''}|${q.byCode ? code : ''}|${q.byBand && !q.byCode ? band : ''}`;
    const v = Number(snr.values[i]!.toFixed(3));
    addValue(out, key, v, { start });
  }
  return out;
}

export interface PointLike {
  start: number | string;
  constellation: string | null;
  satellite: string | null;
  obsCode: string | null;
  /** Only read when the point has no obsCode (grouped by BAND alone). */
  band?: number | null;
  count: number;
  mean: number;
  min: number;
  max: number;
}

/** The same key for a point the API returned. */
export function pointKey(p: PointLike): string {
  const start = typeof p.start === 'string' ? Date.parse(p.start) : p.start;
  return `${start}|${p.constellation ?? ''}|${p.satellite ?? ''}|${p.obsCode ?? ''}|${p.obsCode === null ? (p.band ?? '') : ''}`;
}
