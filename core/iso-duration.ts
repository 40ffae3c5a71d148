import { RadomeError } from './errors.js';

const DURATION = /^P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/;

/**
 * An ISO 8601 duration of fixed length (weeks, days, hours, minutes, whole seconds: PT15M, PT1H,
 * P1D, P1W, P1DT12H) in milliseconds. Years and months have no fixed length: BAD_INPUT, as is
 * anything else that is not a positive duration.
 */
export function parseIsoDuration(text: string, argument: string): number {
  const m = DURATION.exec(text.trim().toUpperCase());
  const hint = `use an ISO 8601 duration of weeks, days, hours, minutes or seconds such as PT15M, PT1H, P1D or P7D`;
  if (!m || text.trim().toUpperCase() === 'P' || text.trim().toUpperCase().endsWith('T')) {
    const months = /^P.*\d+[YM]/i.test(text.trim()) && !/T.*M/i.test(text.trim());
    throw new RadomeError('BAD_INPUT', `${argument}: "${text}" is not a fixed-length duration${months ? ' (years and months vary in length; use days, e.g. P30D)' : ''}; ${hint}`);
  }
  const [w, d, h, min, s] = m.slice(1).map((x) => Number(x ?? 0)) as [number, number, number, number, number];
  const ms = ((((w * 7 + d) * 24 + h) * 60 + min) * 60 + s) * 1000;
  if (!(ms > 0) || !Number.isSafeInteger(ms)) throw new RadomeError('BAD_INPUT', `${argument}: "${text}" must be longer than zero; ${hint}`);
  return ms;
}
