import type { SnrObservations } from '../../../store/gnss/snr-parquet.js';
import { frequencyCode } from '../../derive/gnssir/gnssir-frequencies.js';
import { SNR_FILE_CODES } from './read-snr-file.js';

/** gnssrefl's SNR file types radome writes, by the elevations each keeps. */
export const SNR_FILE_TYPES: Record<number, { describe: string; keep: (elevation: number) => boolean }> = {
  66: { describe: 'elevations below 30°', keep: (e) => e < 30 },
  99: { describe: 'elevations 5–30°', keep: (e) => e >= 5 && e <= 30 },
  88: { describe: 'all elevations', keep: () => true },
  50: { describe: 'elevations below 10°', keep: (e) => e < 10 },
};

/**
 * Which stored codes fill each SNR-file column (S6 S1 S2 S5 S7 S8) for a constellation, most
 * preferred first: the codes of the gnssrefl frequencies that column holds (S2: L2C before L2 P(Y)).
 */
const COLUMN_FREQUENCIES: Record<string, number[][]> = {
  G: [[], [1], [20, 2], [5], [], []],
  R: [[], [101], [102], [], [], []],
  E: [[206], [201], [], [205], [207], [208]],
  C: [[306], [301], [302], [305], [307], [308]],
};

/** gnssrefl's satellite numbering from radome's key (G 1xx → PRN, R → 100+, E → 200+, C → 300+); 0 for other systems. */
function gnssreflNumber(key: number): number {
  const system = Math.floor(key / 100);
  return system >= 1 && system <= 4 ? key - 100 : 0;
}

const pad = (s: string, width: number) => s.padStart(width, ' ');

/**
 * A station-day's observations with geometry as a gnssrefl SNR file: one line per epoch and
 * satellite with a position, `%3d%10.4f%10.4f%10.1f%10.6f` then six `%7.2f` SNR columns (0.00
 * where absent), by time then satellite number; only the elevations of `snrType` (66, 99, 88,
 * 50). Times are seconds of the GPS day starting at `dayStartMs`. Pure.
 */
export function writeSnrFile(obs: SnrObservations, dayStartMs: number, snrType: number): string {
  const type = SNR_FILE_TYPES[snrType];
  const g = obs.geometry;
  if (!type || !g) return '';
  // Column of each stored code per constellation, with its rank among that column's codes.
  const column = new Map<string, { col: number; rank: number }>();
  for (const [system, cols] of Object.entries(COLUMN_FREQUENCIES)) {
    cols.forEach((freqs, col) => {
      let rank = 0;
      for (const f of freqs) for (const code of frequencyCode(f)?.codes ?? []) if (!column.has(`${system}${code}`)) column.set(`${system}${code}`, { col, rank: rank++ });
      // The SNR file's own column names (S6, S1 …) as ingested from gnssrefl files.
      if (!column.has(`${system}${SNR_FILE_CODES[col]}`)) column.set(`${system}${SNR_FILE_CODES[col]}`, { col, rank: rank++ });
    });
  }
  const lines = new Map<string, { t: number; sat: number; e: number; a: number; edot: number; v: Float64Array; rank: Int32Array }>();
  for (let i = 0; i < obs.count; i++) {
    const e = g.elevation[i]!;
    if (Number.isNaN(e) || !type.keep(e)) continue;
    const key = obs.satellites[i]!;
    const sat = gnssreflNumber(key);
    if (sat === 0) continue;
    const system = 'GREC'[Math.floor(key / 100) - 1]!;
    const place = column.get(`${system}${obs.codes[obs.codeIndex[i]!]}`);
    if (!place) continue;
    const t = obs.times[i]!;
    const id = `${t}|${sat}`;
    let line = lines.get(id);
    if (!line) lines.set(id, (line = { t, sat, e, a: g.azimuth[i]!, edot: g.edot[i]!, v: new Float64Array(6), rank: new Int32Array(6).fill(1 << 30) }));
    if (place.rank < line.rank[place.col]!) {
      line.rank[place.col] = place.rank;
      line.v[place.col] = obs.values[i]!;
    }
  }
  const out: string[] = [];
  for (const l of [...lines.values()].sort((x, y) => x.t - y.t || x.sat - y.sat)) {
    let s = pad(String(l.sat), 3) + pad(l.e.toFixed(4), 10) + pad(l.a.toFixed(4), 10) + pad(((l.t - dayStartMs) / 1000).toFixed(1), 10) + pad((Number.isNaN(l.edot) ? 0 : l.edot).toFixed(6), 10);
    for (let c = 0; c < 6; c++) s += pad(l.v[c]!.toFixed(2), 7);
    out.push(s);
  }
  return out.length ? `${out.join('\n')}\n` : '';
}
