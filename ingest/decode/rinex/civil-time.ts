/**
 * Calendar date and time → milliseconds since 1970-01-01, counted in whatever time system the
 * fields are in (RINEX epochs are usually GPS time; no leap seconds are applied). NaN when a
 * field is out of range. Seconds may reach 60.x: some writers print a rounded 60 s.
 */
export function civilToMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  if (
    !(year >= 1900 && year <= 2200) ||
    !(month >= 1 && month <= 12) ||
    !(day >= 1 && day <= daysInMonth(year, month)) ||
    !(hour >= 0 && hour <= 23) ||
    !(minute >= 0 && minute <= 59) ||
    !(second >= 0 && second < 61)
  ) {
    return NaN;
  }
  return Date.UTC(year, month - 1, day, hour, minute) + second * 1000;
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** RINEX 2 two-digit years: 80..99 → 1980..1999, 00..79 → 2000..2079. */
export function fullYear(twoDigit: number): number {
  return twoDigit >= 80 ? 1900 + twoDigit : 2000 + twoDigit;
}
