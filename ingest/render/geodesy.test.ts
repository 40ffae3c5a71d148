import { describe, expect, it } from 'vitest';
import { beamModel } from './beam-model.js';
import { geodesicDirect, geodesicInverse, gaussianRadiusKm } from './geodesic.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { latitudeOfMercatorY, longitudeOfMercatorX, mercatorFrameAround } from './web-mercator.js';
import { geodesicEndpoint, groundDistanceKm } from '../../test/render/oracle.js';

const dms = (d: number, m: number, s: number): number => Math.sign(d) * (Math.abs(d) + m / 60 + s / 3600);

describe('Vincenty geodesics on WGS84', () => {
  // Geoscience Australia's worked example (Flinders Peak → Buninyong), GRS80 ≈ WGS84 to 0.1 mm here.
  const flinders = [dms(-37, 57, 3.7203), dms(144, 25, 29.5244)] as const;
  const buninyong = [dms(-37, 39, 10.1561), dms(143, 55, 35.3839)] as const;

  it('inverse matches the published distance and azimuth', () => {
    const out = new Float64Array(2);
    geodesicInverse(flinders[0], flinders[1], buninyong[0], buninyong[1], out);
    expect(out[0]).toBeCloseTo(54972.271, 2);
    expect(out[1]).toBeCloseTo(dms(306, 52, 5.37), 4);
  });

  it('direct matches the published destination', () => {
    const [lon, lat] = geodesicDirect(flinders[0], flinders[1], dms(306, 52, 5.37), 54972.271);
    expect(lat).toBeCloseTo(buninyong[0], 6);
    expect(lon).toBeCloseTo(buninyong[1], 6);
  });

  it('agrees with integrated geodesics to centimetres out to 500 km, in every direction and latitude', () => {
    const out = new Float64Array(2);
    for (const lat0 of [-40, 0.5, 18.1, 41.6, 65]) {
      for (const az of [0, 33.3, 90, 147, 180, 260, 359]) {
        const [lon, lat] = geodesicEndpoint(lat0, 10, az, 500_000);
        const [lonV, latV] = geodesicDirect(lat0, 10, az, 500_000);
        expect(Math.abs(lat - latV) * 111_000).toBeLessThan(0.05);
        expect(Math.abs(lon - lonV) * 111_000 * Math.cos((lat * Math.PI) / 180)).toBeLessThan(0.05);
        geodesicInverse(lat0, 10, lat, lon, out);
        expect(out[0]).toBeCloseTo(500_000, 1);
        expect(Math.abs(((out[1]! - az + 540) % 360) - 180)).toBeLessThan(1e-6);
      }
    }
  });

  it('inverse of a point to itself is zero', () => {
    const out = new Float64Array(2);
    geodesicInverse(41.6, -88.1, 41.6, -88.1, out);
    expect([...out]).toEqual([0, 0]);
  });
});

describe('4/3 effective Earth radius beam model', () => {
  it('slant → ground agrees with the formula written independently, and grows with range', () => {
    for (const elevation of [-0.2, 0.5, 1.5, 10, 19.5]) {
      const beam = beamModel(41.6, elevation, 222);
      let previous = 0;
      for (const slant of [2, 30, 100, 230, 460]) {
        expect(beam.groundKm(slant)).toBeCloseTo(groundDistanceKm(slant, elevation, 222, 41.6), 9);
        expect(beam.groundKm(slant)).toBeGreaterThan(previous);
        previous = beam.groundKm(slant);
      }
    }
  });

  it('uses the local Gaussian radius ×4/3 and treats elevation 0 as ranges already on the ground', () => {
    expect(gaussianRadiusKm(0)).toBeCloseTo(6335.439 * Math.sqrt(6378.137 / 6335.439), 2); // sqrt(M·N) at the equator
    expect(beamModel(41.6, 0.5, 0).description?.earthRadiusKm).toBeCloseTo(gaussianRadiusKm(41.6), 9);
    const ground = beamModel(41.6, 0, 222);
    expect(ground.groundKm(300)).toBe(300);
    expect(ground.description).toBeNull();
    // At 0.5° the ground distance at 460 km is ~0.7 km (most of a pixel) short of the slant range; at 10° ~7 km.
    expect(460 - beamModel(41.6, 0.5, 222).groundKm(460)).toBeGreaterThan(0.6);
    expect(460 - beamModel(41.6, 0.5, 222).groundKm(460)).toBeLessThan(0.8);
    expect(460 - beamModel(41.6, 10, 222).groundKm(460)).toBeGreaterThan(6.5);
  });
});

describe('pixel → local plane sampling', () => {
  for (const latitude of [18.1, 41.6, 65.0]) {
    it(`interpolated positions stay within 5% of a pixel of exact geodesics (site at ${latitude}°)`, () => {
      const boundary: number[] = [];
      for (let az = 0; az < 360; az += 1) boundary.push(...geodesicDirect(latitude, -100, az, 460_000));
      const frame = mercatorFrameAround(Float64Array.from(boundary), 1024);
      const sampler = new LocalPlaneSampler(frame, latitude, -100);
      const east = new Float64Array(frame.width);
      const north = new Float64Array(frame.width);
      const exact = new Float64Array(2);
      let worst = 0;
      for (let row = 0; row < frame.height; row += 7) {
        sampler.fillRow(row, east, north, 0, east.length);
        const lat = latitudeOfMercatorY(frame.northY - (row + 0.5) * frame.pixelM);
        // Ground size of a pixel on this row (Mercator scale is 1 / cos φ).
        const pixelKm = (frame.pixelM * Math.cos((lat * Math.PI) / 180)) / 1000;
        for (let col = 0; col < frame.width; col += 5) {
          const lon = longitudeOfMercatorX(frame.westX + (col + 0.5) * frame.pixelM);
          geodesicInverse(latitude, -100, lat, lon, exact);
          const az = (exact[1]! * Math.PI) / 180;
          const km = exact[0]! / 1000;
          const err = Math.hypot(east[col]! - km * Math.sin(az), north[col]! - km * Math.cos(az)) / pixelKm;
          worst = Math.max(worst, err);
        }
      }
      expect(worst).toBeLessThan(0.05);
    });
  }

  it('no pixel of a node cell is nearer the radar than its cellNearestKm (within a cell of the nearest), nor outside its azimuth sectors', () => {
    // Whole overlays around the radar at three latitudes, a small one, and a tile-like window off to one side.
    const cases: { latitude: number; size: number; rangeKm: number; offsetKm?: number }[] = [
      { latitude: 18.1, size: 1024, rangeKm: 460 },
      { latitude: 41.6, size: 1024, rangeKm: 300 },
      { latitude: 65.0, size: 1024, rangeKm: 460 },
      { latitude: 41.6, size: 97, rangeKm: 120 },
      { latitude: 41.6, size: 256, rangeKm: 30, offsetKm: 80 },
    ];
    for (const { latitude, size, rangeKm, offsetKm = 0 } of cases) {
      const boundary: number[] = [];
      const [lon0, lat0] = geodesicDirect(latitude, -100, 60, offsetKm * 1000);
      for (let az = 0; az < 360; az += 1) boundary.push(...geodesicDirect(lat0, lon0, az, rangeKm * 1000));
      const frame = mercatorFrameAround(Float64Array.from(boundary), size);
      const sampler = new LocalPlaneSampler(frame, latitude, -100);
      const nearest = sampler.cellNearestKm();
      const sectors = sampler.cellSectors(nearest);
      expect(nearest).toHaveLength(sampler.cellsX * sampler.cellsY);
      const found = new Float64Array(nearest.length).fill(Infinity);
      let outsideSectors = 0;
      const east = new Float64Array(frame.width);
      const north = new Float64Array(frame.width);
      for (let row = 0; row < frame.height; row++) {
        sampler.fillRow(row, east, north, 0, east.length);
        for (let col = 0; col < frame.width; col++) {
          const cell = sampler.cellRowOf(row) * sampler.cellsX + Math.min(Math.floor(col / sampler.step), sampler.cellsX - 1);
          found[cell] = Math.min(found[cell]!, Math.sqrt(east[col]! ** 2 + north[col]! ** 2));
          // Its azimuth's whole degree is among the cell's sectors.
          const sector = Math.floor((((Math.atan2(east[col]!, north[col]!) * 180) / Math.PI) % 360) + 360) % 360;
          if ((sector - sectors[2 * cell]! + 360) % 360 >= sectors[2 * cell + 1]!) outsideSectors++;
        }
      }
      expect(outsideSectors, `${latitude}° ${size} px: pixels outside their cell's sectors`).toBe(0);
      const cellKm = (sampler.step * frame.pixelM * Math.SQRT2) / 1000;
      for (let cell = 0; cell < nearest.length; cell++) {
        expect(nearest[cell], `${latitude}° ${size} px, cell ${cell}`).toBeLessThanOrEqual(found[cell]!);
        expect(found[cell]! - nearest[cell]!, `${latitude}° ${size} px, cell ${cell}`).toBeLessThan(cellKm);
      }
      // Without an offset the radar lies in the frame: some cell holds it.
      if (offsetKm === 0) expect(Math.min(...nearest)).toBe(0);
    }
  });
});
