// The reader's arguments and query filters take branded ids (core/vocabulary): `tsc -p . --noEmit`
// fails when one is given an unchecked string or an id of another kind. Each call runs against an
// empty catalog, so the test also shows that what the type allows reads fine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level2SweepId, level2VolumeId, level3ProductId, parseGnssStationId, parseProductMnemonic, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { openCatalog } from './open-catalog.js';
import type { Catalog, CatalogReader } from './index.js';

describe('catalog reader arguments', () => {
  let catalog: Catalog;
  let reader: CatalogReader;
  beforeAll(async () => {
    catalog = await openCatalog(':memory:');
    reader = catalog.reader;
  });
  afterAll(async () => catalog.close());

  const site = parseRadarSiteId('KLOT', 'site');
  const station = parseGnssStationId('YORK', 'station');
  const volume = level2VolumeId(site, 0);
  const sweep = level2SweepId(volume, 1, 'REF');
  const product = level3ProductId(site, 'N0H', 0);
  const page = { first: 1 };

  it('take ids of their own kind', async () => {
    expect(await reader.radar.sitesByIds([site])).toEqual([null]);
    expect(await reader.radar.volumesByIds([volume])).toEqual([null]);
    expect(await reader.radar.sweepsByIds([sweep])).toEqual([null]);
    expect(await reader.radar.sweepsForVolumes([volume], { moments: ['REF'] })).toEqual([[]]);
    expect((await reader.radar.sweeps({ site, volumeId: volume, moments: ['VEL'] }, page)).rows).toEqual([]);
    expect(await reader.radar.nearestSweeps({ site, moment: 'REF', elevation: 0.5, from: 0, to: 1 })).toEqual([]);
    expect((await reader.products.list({ site, mnemonics: [parseProductMnemonic('n0h', 'mnemonic')], category: 'HYDROMETEOR' }, page)).rows).toEqual([]);
    expect(await reader.products.byIds([product])).toEqual([null]);
    expect(await reader.products.latest(site)).toEqual([]);
    expect(await reader.gnss.stationsByIds([station])).toEqual([null]);
    expect(await reader.gnss.days(station, 0, 1)).toEqual([]);
  });

  it('refuse unchecked strings and ids of another kind (compile-time)', async () => {
    const misses = await Promise.all([
      // @ts-expect-error an unchecked string is not a radar site id
      reader.radar.sitesByIds(['KLOT']),
      // @ts-expect-error a GNSS station id is not a radar site id
      reader.radar.latestVolumes([station]),
      // @ts-expect-error a sweep id is not a volume id
      reader.radar.volumesByIds([sweep]),
      // @ts-expect-error a volume id is not a sweep id
      reader.radar.sweepsByIds([volume]),
      // @ts-expect-error an unchecked string is not a volume id
      reader.radar.sweepsForVolumes(['KLOT20220317_000842']),
      // @ts-expect-error a product id is not a volume id
      reader.radar.sweeps({ volumeId: product }, page),
      // @ts-expect-error "DBZ" is not a radar moment
      reader.radar.sweeps({ moments: ['DBZ'] }, page),
      // @ts-expect-error an unchecked string is not a radar site id
      reader.radar.volumes({ site: 'KLOT' }, page),
      // @ts-expect-error an unchecked string is not a radar site id
      reader.radar.nearestSweeps({ site: 'KLOT', moment: 'REF', elevation: 0.5, from: 0, to: 1 }),
      // @ts-expect-error an unchecked string is not a radar site id
      reader.radar.bucketCounts({ sites: ['KLOT'], from: 0, to: 1, bucketMs: 60_000 }),
      // @ts-expect-error an unchecked string is not a product mnemonic
      reader.products.list({ mnemonics: ['N0H'] }, page),
      // @ts-expect-error a volume id is not a product id
      reader.products.byIds([volume]),
      // @ts-expect-error an unchecked string is not a radar site id
      reader.products.latest('KLOT'),
      // @ts-expect-error a GNSS station id is not a radar site id
      reader.products.latestPrecipitation([station], 0, 1),
      // @ts-expect-error a radar site id is not a GNSS station id
      reader.gnss.stationsByIds([site]),
      // @ts-expect-error an unchecked string is not a GNSS station id
      reader.gnss.signals('YORK'),
      // @ts-expect-error an unchecked string is not a GNSS station id
      reader.gnss.stationSettings('YORK'),
    ]);
    // @ts-expect-error "RAIN" is not a product category (and the catalog refuses it at run time too)
    await expect(reader.products.codeCounts({ category: 'RAIN' })).rejects.toThrow(/RAIN/);
    // At run time the brand is only a type: the reads still answer, with nothing.
    expect(misses.flatMap((m) => (Array.isArray(m) ? m : 'rows' in (m ?? {}) ? (m as { rows: unknown[] }).rows : [m])).filter((m) => m !== null && !(Array.isArray(m) && m.length === 0))).toEqual([]);
  });
});
