import { RadomeError } from '../../core/errors.js';

/** RINEX constellation letters, in the order of their integer index 1..7. */
export const CONSTELLATIONS = 'GRECJIS';

/** 1..7 for G R E C J I S; 0 for anything else. */
export function constellationIndex(letter: string): number {
  const i = CONSTELLATIONS.indexOf(letter);
  return letter.length === 1 && i >= 0 ? i + 1 : 0;
}

/**
 * Satellites as small integers, so rollup keys stay compact and a constellation is a range:
 * constellation index × 100 + PRN ('E11' → 311). PRN 0 (e.g. 300) stands for "all satellites
 * of the constellation" in the per-constellation rollups.
 */
export function satelliteKey(constellation: number, prn: number): number {
  return constellation * 100 + prn;
}

export function satelliteName(key: number): string {
  const prn = key % 100;
  return `${CONSTELLATIONS[Math.floor(key / 100) - 1] ?? '?'}${String(prn).padStart(2, '0')}`;
}

export function constellationOfKey(key: number): string {
  return CONSTELLATIONS[Math.floor(key / 100) - 1] ?? '?';
}

/** Parses 'E11' (or 'e11') into its key; BAD_INPUT naming the argument otherwise. */
export function parseSatellite(name: string, argument: string): number {
  const m = /^([A-Za-z])(\d{1,2})$/.exec(name.trim());
  const c = m ? constellationIndex(m[1]!.toUpperCase()) : 0;
  const prn = m ? Number(m[2]) : 0;
  if (!m || c === 0 || prn < 1) {
    throw new RadomeError('BAD_INPUT', `${argument}: "${name}" is not a satellite like G07 or E11 (a constellation letter of ${CONSTELLATIONS.split('').join(' ')} and a PRN 01-99)`);
  }
  return satelliteKey(c, prn);
}

/** Parses a constellation letter; BAD_INPUT naming the argument otherwise. */
export function parseConstellation(letter: string, argument: string): number {
  const c = constellationIndex(letter.trim().toUpperCase());
  if (c === 0) {
    throw new RadomeError('BAD_INPUT', `${argument}: "${letter}" is not a constellation; use one of ${CONSTELLATIONS.split('').join(' ')} (GPS, GLONASS, Galileo, BeiDou, QZSS, NavIC, SBAS)`);
  }
  return c;
}
