import { describe, expect, it } from 'vitest';
import { level3DayPrefixes, level3KeyFor, level3RadarId, parseLevel3Key } from './level3-keys.js';

describe('Level 3 bucket keys', () => {
  it('parses SSS_PPP_YYYY_MM_DD_HH_MM_SS, the 4-letter form without seconds, and refuses others', () => {
    expect(parseLevel3Key('LOT_N0H_2021_01_31_11_06_30')).toEqual({ radarId: 'LOT', mnemonic: 'N0H', time: Date.UTC(2021, 0, 31, 11, 6, 30) });
    expect(parseLevel3Key('/data/KLOT_NSS_2022_01_16_09_31')).toEqual({ radarId: 'KLOT', mnemonic: 'NSS', time: Date.UTC(2022, 0, 16, 9, 31) });
    for (const bad of ['SDUS53_KLOT_150709', 'sn.0011', 'LOT_N0H_2021_01_31', 'LOT_N0H_2021_01_31_11_06_30.gz']) expect(parseLevel3Key(bad), bad).toBeNull();
  });

  it('lists one prefix per UTC day of the window, with the 3-letter id', () => {
    expect(level3RadarId('KLOT')).toBe('LOT');
    expect(level3RadarId('PABC')).toBe('ABC');
    const window = { from: Date.UTC(2021, 0, 30, 22), to: Date.UTC(2021, 1, 1, 0) };
    expect(level3DayPrefixes('KLOT', 'n0h', window)).toEqual(['LOT_N0H_2021_01_30', 'LOT_N0H_2021_01_31']);
    expect(level3KeyFor('KLOT', 'DAA', Date.UTC(2021, 4, 8, 3, 40, 29))).toBe('LOT_DAA_2021_05_08_03_40_29');
  });
});
