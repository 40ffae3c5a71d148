import { asciiAt } from './types.js';

/** The first header line of a RINEX or compact RINEX (Hatanaka) file, which names the file's type. */
export function rinexFirstLine(bytes: Uint8Array): string {
  return asciiAt(bytes, 0, 82);
}

/** RINEX names itself in its first line; Hatanaka's compact RINEX wraps it in its own line first. */
export function isRinexFirstLine(line: string): boolean {
  return /RINEX VERSION \/ TYPE|CRINEX VERS {3}\/ TYPE/.test(line);
}

/** Navigation files are type N (column 21), or G (GLONASS) and H (SBAS) in RINEX 2 and early RINEX 3. */
export function isRinexNavigationLine(line: string): boolean {
  if (!/RINEX VERSION \/ TYPE/.test(line)) return false;
  const type = line.charAt(20).toUpperCase();
  return type === 'N' || type === 'G' || type === 'H';
}
