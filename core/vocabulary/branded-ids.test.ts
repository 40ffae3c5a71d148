// Branded ids: parsers and guards give the branded type, the id constructors take and give them,
// and (checked by `tsc -p .`, which compiles this file) one kind of id is refused where another is
// expected even when both are 4-character strings. The catalog's rows: store/catalog/catalog-row-ids.test.ts.
import { describe, expect, expectTypeOf, it } from 'vitest';
import {
  type GnssStationId,
  isGnssStationId,
  isRadarSiteId,
  level2SweepId,
  level2VolumeId,
  level3ProductId,
  parseGnssStationId,
  parseProductId,
  parseProductMnemonic,
  parseRadarMoment,
  parseRadarSiteId,
  parseSweepId,
  parseVolumeId,
  type ProductMnemonic,
  type ProductId,
  type RadarSiteId,
  type SweepId,
  type VolumeId,
} from './index.js';

const T = Date.UTC(2022, 2, 17, 0, 8, 42);

describe('branded ids', () => {
  it('parse any case and trim, and give a typed error naming the input otherwise', () => {
    const site = parseRadarSiteId(' klot ', '--site');
    expect(site).toBe('KLOT');
    expectTypeOf(site).toEqualTypeOf<RadarSiteId>();
    expect(parseGnssStationId('p041', 'station')).toBe('P041');
    expect(() => parseRadarSiteId('KL0T', '--site')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: '--site: "KL0T" is not a 4-letter ICAO radar id like KLOT' }));
    expect(() => parseGnssStationId('YORKS', 'MARKER NAME', 'UNSUPPORTED')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED' }));
  });

  it('parse the catalog id shapes as given, and the name lists in any case', () => {
    expectTypeOf(parseVolumeId('KLOT20220317_000842', 'id')).toEqualTypeOf<VolumeId>();
    expectTypeOf(parseSweepId('KLOT20220317_000842/e01-REF', 'id')).toEqualTypeOf<SweepId>();
    expectTypeOf(parseProductId('KLOT_N0H_20210131_110630', 'id')).toEqualTypeOf<ProductId>();
    expectTypeOf(parseProductMnemonic('n0h', 'mnemonic')).toEqualTypeOf<ProductMnemonic>();
    expect(parseProductMnemonic(' n0h ', 'filter.mnemonics')).toBe('N0H');
    expect(parseRadarMoment('vel', 'moment')).toBe('VEL');
    expect(() => parseVolumeId('klot20220317_000842', 'id')).toThrow(expect.objectContaining({ code: 'BAD_INPUT', message: 'id: "klot20220317_000842" is not a volume id like KLOT20220317_000842' }));
    expect(() => parseSweepId('KLOT20220317_000842', 'sweep')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => parseProductId('KLOT20220317_000842', 'id')).toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
    expect(() => parseProductMnemonic('N0HX', 'filter.mnemonics')).toThrow(expect.objectContaining({ message: 'filter.mnemonics: "N0HX" is not a 3-character product mnemonic like N0H' }));
    expect(() => parseRadarMoment('DBZ', 'moment')).toThrow(expect.objectContaining({ message: 'moment: "DBZ" is not a radar moment (REF, VEL, SW, ZDR, PHI, RHO, CFP)' }));
  });

  it('guards narrow a string to the branded type', () => {
    const raw: string = 'KLOT';
    if (isRadarSiteId(raw)) expectTypeOf(raw).toEqualTypeOf<RadarSiteId>();
    if (isGnssStationId(raw)) expectTypeOf(raw).toEqualTypeOf<GnssStationId>();
    expect(isRadarSiteId('P041')).toBe(false);
    expect(isGnssStationId('P041')).toBe(true);
  });

  it('build catalog ids of their own types from a site id', () => {
    const site = parseRadarSiteId('KLOT', 'site');
    const volume = level2VolumeId(site, T);
    expectTypeOf(volume).toEqualTypeOf<VolumeId>();
    expectTypeOf(level2SweepId(volume, 1, 'REF')).toEqualTypeOf<SweepId>();
    expectTypeOf(level3ProductId(site, 'N0H', T)).toEqualTypeOf<ProductId>();
    expect([volume, level2SweepId(volume, 1, 'REF'), level3ProductId(site, 'N0H', T)]).toEqual(['KLOT20220317_000842', 'KLOT20220317_000842/e01-REF', 'KLOT_N0H_20220317_000842']);
  });

  it('refuse one kind of id where another is expected (compile-time)', () => {
    const station = parseGnssStationId('YORK', 'station');
    const site = parseRadarSiteId('KLOT', 'site');
    const volume = level2VolumeId(site, T);
    // @ts-expect-error a station id is not a radar site id
    level2VolumeId(station, T);
    // @ts-expect-error an unchecked string is not a radar site id
    level3ProductId('KLOT', 'N0H', T);
    // @ts-expect-error a sweep is built from a volume id, not a site id
    level2SweepId(site, 1, 'REF');
    expect(volume).toBe('KLOT20220317_000842');
    expect(station).toBe('YORK');
  });
});
