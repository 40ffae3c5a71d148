import { describe, expect, it } from 'vitest';
import { decodeLevel3, HYDROMETEOR_CLASSES, LEVEL3_PRODUCTS, levelValueTable, nexradFloat16, productByCode, productByMnemonic, siteIcaoFromRadarId } from './index.js';
import { parseWmoHeader } from './wmo-header.js';
import { digitalRadialPacket, encodeLevel3, rleRadialPacket } from '../../../test/fixtures/level3-encoder.js';

const ascii = (s: string): Uint8Array => Uint8Array.from(s, (c) => c.charCodeAt(0));

describe('Level 3 product registry', () => {
  it('covers the ICD products radome needs, each code once', () => {
    const required = [
      19, 20, 27, 30, 32, 37, 38, 41, 56, 57, 58, 59, 61, 62, 78, 79, 80, 81, 94, 99, 134, 135, 138, 141, 153, 154, 155, 159, 161, 163, 165, 166, 169, 170, 171, 172, 173, 174, 175, 176, 177,
    ];
    for (const code of required) expect(productByCode(code), `code ${code}`).not.toBeNull();
    const codes = LEVEL3_PRODUCTS.map((p) => p.code);
    expect(new Set(codes).size).toBe(codes.length);
    const mnemonics = LEVEL3_PRODUCTS.flatMap((p) => p.mnemonics);
    expect(new Set(mnemonics).size).toBe(mnemonics.length);
    expect(productByCode(12345)).toBeNull();
  });

  it('maps file-name mnemonics to codes and categories', () => {
    const expected: Array<[string, number, string]> = [
      ['N0H', 165, 'HYDROMETEOR'],
      ['N1H', 165, 'HYDROMETEOR'],
      ['N3H', 165, 'HYDROMETEOR'],
      ['HHC', 177, 'HYDROMETEOR'],
      ['DAA', 170, 'PRECIPITATION'],
      ['DTA', 172, 'PRECIPITATION'],
      ['N1P', 78, 'PRECIPITATION'],
      ['NTP', 80, 'PRECIPITATION'],
      ['DPR', 176, 'PRECIPITATION'],
      ['N0S', 56, 'VELOCITY'],
      ['N0U', 99, 'VELOCITY'],
      ['N0Q', 94, 'REFLECTIVITY'],
      ['NMD', 141, 'STORM'],
      ['NST', 58, 'STORM'],
      ['NSS', 62, 'STORM'],
      ['NHI', 59, 'STORM'],
      ['NTV', 61, 'STORM'],
    ];
    for (const [mnemonic, code, category] of expected) {
      expect(productByMnemonic(mnemonic), mnemonic).toMatchObject({ code, category });
    }
    expect(productByMnemonic('n0q')!.code).toBe(94);
    expect(productByMnemonic('XYZ')).toBeNull();
    expect(productByCode(170)!.units).toBe('in');
    expect(productByCode(165)!.units).toBe('class');
  });

  it('names the hydrometeor classes with their data-level codes', () => {
    const byAbbrev = Object.fromEntries(HYDROMETEOR_CLASSES.map((c) => [c.abbrev, c.code]));
    expect(byAbbrev).toEqual({ ND: 0, BI: 10, GC: 20, IC: 30, DS: 40, WS: 50, RA: 60, HR: 70, BD: 80, GR: 90, HA: 100, LH: 110, GH: 120, UK: 140, RF: 150 });
  });
});

describe('Level 3 site ids and headings', () => {
  it('derives the ICAO from the 3-letter radar id', () => {
    expect(siteIcaoFromRadarId('LOT')).toBe('KLOT');
    expect(siteIcaoFromRadarId('dgx')).toBe('KDGX');
    expect(siteIcaoFromRadarId('HWA')).toBe('PHWA');
    expect(siteIcaoFromRadarId('AHG')).toBe('PAHG');
    expect(siteIcaoFromRadarId('GUA')).toBe('PGUA');
    expect(siteIcaoFromRadarId('JUA')).toBe('TJUA');
    expect(siteIcaoFromRadarId('ODN')).toBe('RODN');
    expect(siteIcaoFromRadarId('ORD', 181)).toBe('TORD');
    expect(siteIcaoFromRadarId('KLOT')).toBe('KLOT');
    expect(siteIcaoFromRadarId('L0')).toBeNull();
  });

  it('parses WMO headings with an SOH/sequence prefix, a BBB group, or no AWIPS line', () => {
    expect(parseWmoHeader(ascii('SDUS53 KLOT 150709\r\r\nN0QLOT\r\r\n\0\x5e'))).toEqual({
      wmoId: 'SDUS53',
      office: 'KLOT',
      issued: '150709',
      awipsId: 'N0QLOT',
      mnemonic: 'N0Q',
      radarId: 'LOT',
      length: 30,
    });
    const soh = '\x01\r\r\n123 \r\r\nSDUS33 KLOT 311106 RRA\r\r\nN1PLOT\r\r\n';
    expect(parseWmoHeader(ascii(`${soh}\0N`))).toMatchObject({ wmoId: 'SDUS33', awipsId: 'N1PLOT', length: soh.length });
    expect(parseWmoHeader(ascii('SDUS53 KLOT 150709\r\r\n\0\x5e\0\0'))).toMatchObject({ awipsId: null, radarId: null, length: 21 });
    expect(parseWmoHeader(ascii('\0\x5eSDUS53'))).toBeNull();
    expect(parseWmoHeader(ascii('SDUS53 KLOT'))).toBeNull();
  });

  it('a product without a heading has no site, and one with a heading gets it', () => {
    const layers = [[rleRadialPacket({ binCount: 4, levels: new Uint8Array(8) })]];
    expect(decodeLevel3(encodeLevel3({ productCode: 19, layers })).siteIcao).toBeNull();
    const p = decodeLevel3(encodeLevel3({ productCode: 19, layers, wmo: { heading: 'SDUS51 PHFO 010000', awipsId: 'N0RHKI' } }));
    expect([p.wmo!.office, p.siteIcao]).toEqual(['PHFO', 'PHKI']);
  });
});

describe('Level 3 data-level coding', () => {
  const radial = (binCount = 4) => [[digitalRadialPacket({ binCount, levels: Uint8Array.from({ length: binCount * 2 }, (_, k) => k) })]];

  it('threshold tables: codes are NaN, scales 0.1/0.05/0.01, sign bit', () => {
    // ND, TH (codes), 5 dBZ, -2.5 (0.1 scale, negative), 0.35 (0.05), 0.07 (0.01), "<10", ">70" (qualifiers only).
    const words = [0x8002, 0x8001, 0x0005, 0x1119, 0x2007, 0x4007, 0x040a, 0x0846];
    const halfwords = Object.fromEntries(words.map((w, k) => [31 + k, w]));
    const lut = levelValueTable(decodeLevel3(encodeLevel3({ productCode: 19, halfwords, layers: radial() })));
    expect(Array.from(lut.subarray(0, 8)).map((v) => +v.toFixed(4))).toEqual([NaN, NaN, 5, -2.5, 0.35, 0.07, 10, 70]);
  });

  it('velocity min/increment (N0U): level 0 below threshold, 1 range folded, 2 = minimum', () => {
    const lut = levelValueTable(decodeLevel3(encodeLevel3({ productCode: 99, halfwords: { 31: 0xfd85, 32: 5, 33: 254 }, layers: radial() })));
    expect([lut[0], lut[1], lut[2], lut[3], lut[129], lut[255]]).toEqual([NaN, NaN, -63.5, -63, 0, 63]);
  });

  it('scale/offset with leading and trailing flags (N0C)', () => {
    // scale 300 (0x4396_0000), offset -60 (0xC270_0000), max 255, 2 leading flags, 1 trailing.
    const lut = levelValueTable(decodeLevel3(encodeLevel3({ productCode: 161, halfwords: { 31: 0x4396, 33: 0xc270, 36: 255, 37: 2, 38: 1 }, layers: radial() })));
    expect([lut[0], lut[1], lut[255]]).toEqual([NaN, NaN, NaN]);
    expect(lut[2]).toBeCloseTo(62 / 300, 6);
    expect(lut[254]).toBeCloseTo(314 / 300, 6);
  });

  it('NEXRAD 16-bit floats and the DVL linear/log coding', () => {
    expect(nexradFloat16(0x4000)).toBe(1); // exponent 16, fraction 0
    expect(nexradFloat16(0xc200)).toBe(-1.5);
    expect(nexradFloat16(0x0200)).toBe(1); // denormal: 2 × 512 / 1024
    // linear scale 2 (0x4400), offset 2 (0x4400), log start 20, log scale 16 (0x5000), log offset 4 (0x4800)
    const lut = levelValueTable(decodeLevel3(encodeLevel3({ productCode: 134, halfwords: { 31: 0x4400, 32: 0x4400, 33: 20, 34: 0x5000, 35: 0x4800 }, layers: radial() })));
    expect([lut[0], lut[1], lut[2], lut[10]]).toEqual([NaN, NaN, 0, 4]);
    expect(lut[20]).toBeCloseTo(Math.exp(1), 5);
    expect(lut[255]).toBeNaN();
  });

  it('enhanced echo tops: data mask, scale, offset', () => {
    const lut = levelValueTable(decodeLevel3(encodeLevel3({ productCode: 135, halfwords: { 31: 0x7f, 32: 1, 33: 2 }, layers: radial() })));
    expect([lut[0], lut[1], lut[2], lut[72], lut[128 + 72]]).toEqual([NaN, NaN, 0, 70, 70]);
  });
});
