import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { buildOverlayMetadata, colorScaleForMoment, hydrometeorClassScale, renderPolarPng } from './index.js';
import type { PolarGrid } from './types.js';

const grid = (elevationAngle: number): PolarGrid => ({
  latitude: 41.6045,
  longitude: -88.0847,
  heightM: 222,
  elevationAngle,
  radialCount: 360,
  gateCount: 100,
  azimuths: Float32Array.from({ length: 360 }, (_, i) => i + 0.5),
  azimuthWidth: 1,
  firstGateKm: 2,
  gateSpacingKm: 1,
  values: new Float32Array(36_000).fill(30),
});

describe('overlay metadata JSON', () => {
  const start = Date.UTC(2022, 2, 17, 0, 8, 42, 250);
  const overlay = renderPolarPng(grid(0.5), colorScaleForMoment('REF'), { size: 128 });

  it('carries site, times, elevation, product, units, placement, legend and geometry model', () => {
    const meta = buildOverlayMetadata({
      site: 'KLOT',
      kind: 'level2',
      id: 'KLOT20220317_000842-e01-REF',
      product: 'REF',
      startTime: start,
      endTime: new Date(start + 20_000),
      elevationAngle: 0.5,
      overlay,
      extra: { vcp: 35, elevationNumber: 1 },
    });
    const json = JSON.parse(JSON.stringify(meta));
    expect(json).toMatchObject({
      id: 'KLOT20220317_000842-e01-REF',
      site: 'KLOT',
      kind: 'level2',
      product: 'REF',
      units: 'dBZ',
      startTime: '2022-03-17T00:08:42.250Z',
      endTime: '2022-03-17T00:09:02.250Z',
      elevationAngle: 0.5,
      image: { format: 'image/png', width: overlay.width, height: overlay.height, crs: 'EPSG:3857' },
      bbox: overlay.bbox,
      corners: overlay.corners,
      vcp: 35,
      elevationNumber: 1,
    });
    expect(json.legend.entries).toHaveLength(15);
    expect(json.geometry).toMatchObject({
      crs: 'EPSG:3857',
      ellipsoid: { name: 'WGS84', semiMajorAxisM: 6378137, inverseFlattening: 298.257223563 },
      beam: { effectiveRadiusFactor: 4 / 3, elevationAngle: 0.5, antennaHeightM: 222 },
    });
    expect(json.geometry.beam.model).toMatch(/4\/3 effective Earth radius/);
    expect(json.geometry.geodesic).toMatch(/Vincenty/);
    expect(json.geometry.beam.earthRadiusKm).toBeGreaterThan(6360);
    expect(json.geometry.maxGroundRangeKm).toBeCloseTo(101.5, 0);
  });

  it('level 3 ground products: no beam model, class legend, units given explicitly, no end time', () => {
    const l3 = renderPolarPng(grid(0), hydrometeorClassScale(), { size: 64 });
    const meta = buildOverlayMetadata({ site: 'KLOT', kind: 'level3', id: 'x', product: 'N0H', units: 'class', startTime: start, elevationAngle: null, overlay: l3 });
    expect(meta.geometry.beam).toBeNull();
    expect(meta.endTime).toBeNull();
    expect(meta.legend.entries[0]).toEqual({ color: '#9c9c9c', label: 'BI: Biological', value: 10 });
  });

  it('refuses bad times and extras that would overwrite standard fields', () => {
    const base = { site: 'KLOT', kind: 'level2' as const, id: 'x', product: 'REF', startTime: start, elevationAngle: 0.5, overlay };
    expect(() => buildOverlayMetadata({ ...base, startTime: NaN })).toThrow(RadomeError);
    expect(() => buildOverlayMetadata({ ...base, endTime: new Date('nope') })).toThrow(RadomeError);
    expect(() => buildOverlayMetadata({ ...base, extra: { bbox: [0, 0, 0, 0] } })).toThrow(/bbox/);
  });
});
