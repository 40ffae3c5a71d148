/**
 * Time scales of GNSS orbit data. radome counts every orbit time as milliseconds since
 * 1970-01-01 on the GPS time scale ("GPS ms"), the scale of most RINEX observation files.
 */

/** GPS week 0 began 1980-01-06 00:00:00 GPS time. Galileo weeks in RINEX count from it too. */
export const GPS_WEEK_EPOCH_MS = Date.UTC(1980, 0, 6);
/** BeiDou week 0 began 2006-01-01 00:00:00 BDT, 14 s after the same GPS clock reading. */
export const BDT_WEEK_EPOCH_MS = Date.UTC(2006, 0, 1);
/** GPS time − BDT (seconds): constant by definition of BDT. */
export const BDT_TO_GPS_S = 14;
/** GPS time − TAI (seconds). */
export const TAI_TO_GPS_S = -19;
export const WEEK_S = 604800;

/** GPS − UTC in seconds from each UTC instant on (IERS bulletin C; the last one 2017-01-01). */
const LEAP_SECONDS: readonly [number, number][] = [
  [Date.UTC(1981, 6, 1), 1],
  [Date.UTC(1982, 6, 1), 2],
  [Date.UTC(1983, 6, 1), 3],
  [Date.UTC(1985, 6, 1), 4],
  [Date.UTC(1988, 0, 1), 5],
  [Date.UTC(1990, 0, 1), 6],
  [Date.UTC(1991, 0, 1), 7],
  [Date.UTC(1992, 6, 1), 8],
  [Date.UTC(1993, 6, 1), 9],
  [Date.UTC(1994, 6, 1), 10],
  [Date.UTC(1996, 0, 1), 11],
  [Date.UTC(1997, 6, 1), 12],
  [Date.UTC(1999, 0, 1), 13],
  [Date.UTC(2006, 0, 1), 14],
  [Date.UTC(2009, 0, 1), 15],
  [Date.UTC(2012, 6, 1), 16],
  [Date.UTC(2015, 6, 1), 17],
  [Date.UTC(2017, 0, 1), 18],
];

/** GPS − UTC (seconds) at a UTC instant. */
export function gpsMinusUtc(utcMs: number): number {
  let s = 0;
  for (const [from, value] of LEAP_SECONDS) if (utcMs >= from) s = value;
  return s;
}

/** Offset (ms) that turns a reading of `timeSystem` into GPS ms; null for an unknown system. */
export function toGpsOffsetMs(timeSystem: string, readingMs: number): number | null {
  switch (timeSystem.trim().toUpperCase()) {
    case 'GPS':
    case 'GAL':
    case 'GST':
    case 'QZS':
    case 'IRN':
    case '':
      return 0;
    case 'BDT':
      return BDT_TO_GPS_S * 1000;
    case 'TAI':
      return TAI_TO_GPS_S * 1000;
    case 'UTC':
    case 'GLO':
      return gpsMinusUtc(readingMs) * 1000;
    default:
      return null;
  }
}
