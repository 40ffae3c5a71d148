// The catalog's row types carry branded ids (core/vocabulary): `tsc -p . --noEmit` fails when a row
// would take an id of another kind, or an unchecked string.
import { describe, expect, it } from 'vitest';
import { level2VolumeId, level3ProductId, parseGnssStationId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import type { GnssStationRow, ProductRow, RadarSiteRow, SweepRow, VolumeRow } from './index.js';

describe('catalog row ids', () => {
  it('take only ids of their own kind', () => {
    const site = parseRadarSiteId('KLOT', 'site');
    const station = parseGnssStationId('YORK', 'station');
    const volume = level2VolumeId(site, 0);
    const rows = {
      site: { id: site } satisfies Pick<RadarSiteRow, 'id'>,
      volume: { id: volume, site } satisfies Pick<VolumeRow, 'id' | 'site'>,
      product: { id: level3ProductId(site, 'N0H', 0), site } satisfies Pick<ProductRow, 'id' | 'site'>,
      station: { id: station } satisfies Pick<GnssStationRow, 'id'>,
    };
    // @ts-expect-error a GNSS station id is not a radar site id
    const stationAsSite: Pick<RadarSiteRow, 'id'> = { id: station };
    // @ts-expect-error a radar site id is not a GNSS station id
    const siteAsStation: Pick<GnssStationRow, 'id'> = { id: site };
    // @ts-expect-error a product id is not a volume id
    const productAsVolume: Pick<VolumeRow, 'id'> = { id: rows.product.id };
    // @ts-expect-error a volume id is not a sweep id
    const volumeAsSweep: Pick<SweepRow, 'id'> = { id: volume };
    // @ts-expect-error an unchecked string is not a site id
    const unchecked: Pick<RadarSiteRow, 'id'> = { id: 'KLOT' };
    expect([stationAsSite, siteAsStation, productAsVolume, volumeAsSweep, unchecked].map((r) => r.id)).toEqual(['YORK', 'KLOT', 'KLOT_N0H_19700101_000000', 'KLOT19700101_000000', 'KLOT']);
    expect(rows.volume.id).toBe('KLOT19700101_000000');
  });
});
