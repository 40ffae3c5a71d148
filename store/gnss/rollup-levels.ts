/**
 * Rollup levels of the SNR catalog. Two bucket widths: 15 minutes (the finest interval served
 * from rollups; an hour is 4 of them) and 1 GPS day (a 10-year daily series reads ~3,650 rows per
 * signal). Each width is kept per satellite and per constellation (all its satellites summed), so a
 * series that neither groups nor filters by satellite reads ~30× fewer rows.
 */
export interface RollupLevel {
  /** Stored in snr_rollups.level. */
  id: number;
  widthSeconds: number;
  perSatellite: boolean;
}

export const DAY_SECONDS = 86_400;
export const DAY_MS = DAY_SECONDS * 1000;
export const QUARTER_HOUR_SECONDS = 900;

export const ROLLUP_LEVELS: readonly RollupLevel[] = [
  { id: 1, widthSeconds: QUARTER_HOUR_SECONDS, perSatellite: true },
  { id: 2, widthSeconds: QUARTER_HOUR_SECONDS, perSatellite: false },
  { id: 3, widthSeconds: DAY_SECONDS, perSatellite: true },
  { id: 4, widthSeconds: DAY_SECONDS, perSatellite: false },
];

/** Bucket widths, coarsest first. */
export const ROLLUP_WIDTHS_SECONDS = [DAY_SECONDS, QUARTER_HOUR_SECONDS] as const;

export function rollupLevel(widthSeconds: number, perSatellite: boolean): RollupLevel {
  const level = ROLLUP_LEVELS.find((l) => l.widthSeconds === widthSeconds && l.perSatellite === perSatellite);
  if (!level) throw new Error(`no rollup level of ${widthSeconds} s`);
  return level;
}

/**
 * SNR values are summed as integer thousandths of a dB-Hz (RINEX writes 3 decimals), so rollup
 * sums are exact and stored as compact SQLite integers.
 */
export const SNR_SCALE = 1000;
