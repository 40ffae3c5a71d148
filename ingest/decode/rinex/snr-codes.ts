/** True for a signal-strength observable code: 'S1'..'S8' (RINEX 2) or 'S1C', 'S2W', ... (RINEX 3/4). */
export function isSnrCode(code: string): boolean {
  return (code.length === 2 || code.length === 3) && code.charCodeAt(0) === 83 && code.charCodeAt(1) >= 49 && code.charCodeAt(1) <= 57;
}

/**
 * The RINEX 3 code a RINEX 2 SNR code stands for, only where the signal is unambiguous: L1 C/A
 * for GPS, GLONASS and SBAS (S1 → S1C), as RINEX 2→3 converters map it. L2/L5/Galileo codes
 * depend on the receiver's tracking mode, which RINEX 2 does not say: null.
 */
export function rinex3SnrCode(system: string, rinex2Code: string): string | null {
  if (rinex2Code === 'S1' && (system === 'G' || system === 'R' || system === 'S')) return 'S1C';
  return null;
}
