import { DAY_MS } from './rollup-levels.js';

/** GPS day number (days since 1970-01-01 in the file's time system) of a time in ms. */
export function dayOf(timeMs: number): number {
  return Math.floor(timeMs / DAY_MS);
}

/** 'YYYY-MM-DD' of a day number. */
export function dayString(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** Year and day of year (1-based) of a day number. */
export function yearDoy(day: number): { year: number; doy: number } {
  const year = new Date(day * DAY_MS).getUTCFullYear();
  return { year, doy: day - Date.UTC(year, 0, 1) / DAY_MS + 1 };
}

/**
 * The Hive-partitioned key of a station-day's SNR observations, so DuckDB, pandas, Dask or Spark
 * read `gnss/snr/` as one table partitioned by station, year and day of year.
 */
export function snrParquetKey(station: string, day: number): string {
  const { year, doy } = yearDoy(day);
  return `gnss/snr/station=${station}/year=${year}/doy=${String(doy).padStart(3, '0')}/part-0.parquet`;
}
