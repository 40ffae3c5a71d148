/**
 * gnssrefl's frequency codes (1, 2, 20, 5 GPS; 101, 102 GLONASS; 201, 205–208 Galileo; 301,
 * 302, 305–308 BeiDou) as radome's stored SNR codes and carrier wavelengths.
 */
const C = 299792458;

interface FrequencyCode {
  /** RINEX constellation letter. */
  system: 'G' | 'R' | 'E' | 'C';
  /** Stored SNR codes that carry it, most preferred first (RINEX 3 codes, then RINEX 2 / gnssrefl SNR file columns). */
  codes: readonly string[];
  /** Carrier, Hz (GLONASS: the FDMA base, see glonassWavelength). */
  hz: number;
}

const FREQUENCIES: Record<number, FrequencyCode> = {
  1: { system: 'G', codes: ['S1C', 'S1', 'S1X', 'S1L', 'S1W'], hz: 1575.42e6 },
  2: { system: 'G', codes: ['S2W', 'S2P', 'S2', 'S2Y', 'S2D'], hz: 1227.6e6 },
  20: { system: 'G', codes: ['S2L', 'S2X', 'S2S', 'S2'], hz: 1227.6e6 },
  5: { system: 'G', codes: ['S5Q', 'S5X', 'S5I', 'S5'], hz: 1176.45e6 },
  101: { system: 'R', codes: ['S1C', 'S1P', 'S1'], hz: 1602e6 },
  102: { system: 'R', codes: ['S2C', 'S2P', 'S2'], hz: 1246e6 },
  201: { system: 'E', codes: ['S1C', 'S1X', 'S1B', 'S1'], hz: 1575.42e6 },
  205: { system: 'E', codes: ['S5Q', 'S5X', 'S5I', 'S5'], hz: 1176.45e6 },
  206: { system: 'E', codes: ['S6C', 'S6X', 'S6B', 'S6'], hz: 1278.75e6 },
  207: { system: 'E', codes: ['S7Q', 'S7X', 'S7I', 'S7'], hz: 1207.14e6 },
  208: { system: 'E', codes: ['S8Q', 'S8X', 'S8I', 'S8'], hz: 1191.795e6 },
  301: { system: 'C', codes: ['S1P', 'S1X', 'S1D', 'S1'], hz: 1575.42e6 },
  302: { system: 'C', codes: ['S2I', 'S2X', 'S2Q', 'S2'], hz: 1561.098e6 },
  305: { system: 'C', codes: ['S5P', 'S5X', 'S5D', 'S5'], hz: 1176.45e6 },
  306: { system: 'C', codes: ['S6I', 'S6X', 'S6Q', 'S6'], hz: 1268.52e6 },
  307: { system: 'C', codes: ['S7I', 'S7X', 'S7Q', 'S7'], hz: 1207.14e6 },
  308: { system: 'C', codes: ['S8X', 'S8'], hz: 1191.795e6 },
};

/** Frequency codes radome knows, ascending. */
export const GNSSIR_FREQUENCIES: readonly number[] = Object.keys(FREQUENCIES)
  .map(Number)
  .sort((a, b) => a - b);

export function frequencyCode(f: number): FrequencyCode | null {
  return FREQUENCIES[f] ?? null;
}

/** GLONASS FDMA channel of each orbital slot (public constellation status); GLONASS arcs of other slots are skipped. */
const GLONASS_CHANNEL: Record<number, number> = {
  1: 1,
  2: -4,
  3: 5,
  4: 6,
  5: 1,
  6: -4,
  7: 5,
  8: 6,
  9: -2,
  10: -7,
  11: 0,
  12: -1,
  13: -2,
  14: -7,
  15: 0,
  16: -1,
  17: 4,
  18: -3,
  19: 3,
  20: 2,
  21: 4,
  22: -3,
  23: 3,
  24: 2,
};

/** Carrier wavelength (m) of frequency `f` on satellite `prn` of its system; NaN when unknown. */
export function wavelength(f: number, prn: number): number {
  const code = FREQUENCIES[f];
  if (!code) return NaN;
  if (code.system !== 'R') return C / code.hz;
  const k = GLONASS_CHANNEL[prn];
  if (k === undefined) return NaN;
  return C / (code.hz + k * (f === 101 ? 0.5625e6 : 0.4375e6));
}
