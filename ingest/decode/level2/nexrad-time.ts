const DAY_MS = 86_400_000;

/** NEXRAD dates count days from 1970-01-01 as day 1; times are milliseconds past midnight UTC. */
export function nexradTime(julianDate: number, msOfDay: number): number {
  return (julianDate - 1) * DAY_MS + msOfDay;
}

/** Plausible millisecond-of-day (a leap second allows a little over a day). */
export function isMsOfDay(ms: number): boolean {
  return ms >= 0 && ms <= DAY_MS + 1000;
}
