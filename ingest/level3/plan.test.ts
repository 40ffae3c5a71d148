// Level 3 products → ingest plans (pure): object keys, site and mnemonic, the JSON, and where the
// rendered pixels land, checked against geometry computed independently (test/render/oracle.ts).
import { describe, expect, it } from 'vitest';
import { decodeLevel3 } from '../decode/level3/index.js';
import { planLevel3Product, type Level3Plan } from './plan.js';
import type { SourceObject } from '../sources/types.js';
import { objectBytes } from '../../store/objects/object-body.js';
import { encodeLevel3, textPacket } from '../../test/fixtures/level3-encoder.js';
import { blobsByColor, decodePng, geodesicEndpoint, groundDistanceKm, pixelOf } from '../../test/render/oracle.js';
import { SCAN_TIME, accumulationProduct, graphicProduct, hydrometeorProduct, nullAccumulationProduct, rasterProduct, velocityProduct } from '../../test/level3-ingest/synthetic-products.js';

const file = (key: string, size = 1): SourceObject => ({ source: 'local', key, size, fingerprint: `size:${size}` });

function plan(bytes: Uint8Array, key = '/data/some-file', renderSize = 512): Level3Plan {
  return planLevel3Product(decodeLevel3(bytes), bytes, file(key, bytes.length), { renderSize, ingestedAt: 1_700_000_000_000 });
}

function objectOf(p: Level3Plan, ext: string): Uint8Array {
  const o = p.objects.find((x) => x.key.endsWith(ext));
  expect(o, `${ext} object`).toBeDefined();
  return objectBytes(o!.body);
}

const jsonOf = (p: Level3Plan): any => JSON.parse(new TextDecoder().decode(objectOf(p, '.json')));

const KLOT = { latitude: 41.604, longitude: -88.085, heightM: 760 * 0.3048 };

describe('Level 3 plan: rows, keys and JSON', () => {
  it('hydrometeor classes: PNG + JSON + raw under radar/level3/KLOT/N0H/…, legend by class name', () => {
    const bytes = hydrometeorProduct();
    const p = plan(bytes);
    expect(p.product).toMatchObject({
      id: 'KLOT_N0H_20210131_110630',
      site: 'KLOT',
      code: 165,
      mnemonic: 'N0H',
      category: 'HYDROMETEOR',
      units: 'class',
      scanTime: SCAN_TIME,
      imageKey: 'radar/level3/KLOT/N0H/2021/01/31/110630.png',
      metadataKey: 'radar/level3/KLOT/N0H/2021/01/31/110630.json',
      rawKey: 'radar/level3/KLOT/N0H/2021/01/31/110630.raw',
    });
    expect(p.product.elevationAngle).toBeCloseTo(0.5, 6);
    expect(p.objects.map((o) => o.contentType).sort()).toEqual(['application/json', 'application/octet-stream', 'image/png']);
    expect(Buffer.from(objectOf(p, '.raw')).equals(Buffer.from(bytes))).toBe(true);
    expect(p.site).toMatchObject({ id: 'KLOT', latitude: 41.604, longitude: -88.085 });
    const meta = jsonOf(p);
    expect(meta).toMatchObject({ site: 'KLOT', kind: 'level3', product: 'N0H', code: 165, mnemonic: 'N0H', units: 'class', startTime: '2021-01-31T11:06:30.000Z', siteFrom: 'awips-id' });
    expect(meta.bbox).toEqual(p.product.bbox);
    expect(meta.corners).toEqual(p.product.corners);
    expect(meta.elevationAngle).toBeCloseTo(0.5, 6);
    const labels = meta.legend.entries.map((e: any) => e.label);
    expect(labels).toContain('HA: Hail, possibly with rain');
    expect(labels).toContain('DS: Dry snow');
    expect(meta.grid).toMatchObject({ type: 'radial', radialCount: 360, binCount: 400, binSizeKm: 0.25, rangeIsSlant: true });
  });

  it('N1H and N0H share code 165: the AWIPS id tells them apart (ids and keys differ)', () => {
    const p = plan(hydrometeorProduct({ awipsId: 'N1HLOT' }));
    expect(p.product.mnemonic).toBe('N1H');
    expect(p.product.id).toBe('KLOT_N1H_20210131_110630');
  });

  it('precipitation: inches legend with thresholds, site from the stated position when there is no heading', () => {
    const p = plan(accumulationProduct());
    expect(p.product).toMatchObject({ site: 'KLOT', code: 170, mnemonic: 'DAA', category: 'PRECIPITATION', units: 'in', elevationAngle: null, maxAccumulationIn: 1.2 });
    expect(plan(accumulationProduct({ maxTenths: 37 })).product.maxAccumulationIn).toBe(3.7);
    const meta = jsonOf(p);
    expect(meta.siteFrom).toBe('position');
    expect(meta.legend.units).toBe('in');
    expect(meta.legend.entries[0]).toMatchObject({ min: 0.01 });
    expect(meta.params.endTime).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(meta.grid.rangeIsSlant).toBe(false);
  });

  it('the file name names the site only when the bytes cannot (no heading, position of no known radar)', () => {
    const bytes = accumulationProduct({ latitude: 10, longitude: 10 });
    const p = plan(bytes, '/mirror/LOT_DAA_2021_01_31_11_06_30');
    expect(p.product.site).toBe('KLOT');
    expect(jsonOf(p).siteFrom).toBe('file-name');
    expect(() => plan(bytes, '/mirror/whatever.bin')).toThrow(expect.objectContaining({ code: 'UNSUPPORTED', message: expect.stringContaining('radar') }));
  });

  it('other radial products go through the generic data-level scale, legend labelled by their thresholds', () => {
    const meta = jsonOf(plan(velocityProduct()));
    expect(meta).toMatchObject({ product: 'N0S', units: 'kt', code: 56 });
    expect(plan(velocityProduct()).product.maxAccumulationIn).toBeNull();
    expect(meta.legend.entries.map((e: any) => e.min)).toEqual([-64, -50, -36, -22, -10, -5, -1, 0, 5, 10, 22, 36, 50, 64]);
  });

  it('graphic products: no image, the decoded packets and tabular text in the JSON, the raw product kept', () => {
    const p = plan(graphicProduct());
    expect(p.product).toMatchObject({ code: 58, mnemonic: 'NST', category: 'STORM', imageKey: null, bbox: null, corners: null, rawKey: 'radar/level3/KLOT/NST/2021/01/31/110630.raw' });
    expect(p.objects.some((o) => o.key.endsWith('.png'))).toBe(false);
    const meta = jsonOf(p);
    expect(meta.image).toBeNull();
    expect(meta.symbology.layers[0].map((x: any) => x.text)).toEqual(['A0', 'B1']);
    expect(meta.tabular.pages[0][1]).toContain('112/ 27');
    expect(meta.params).toEqual({ stormCellCount: 2 });
  });

  it('a null product (flag in halfword 30) is catalogued without an image, saying so', () => {
    const p = plan(nullAccumulationProduct());
    // Halfword 47 of a null product is not a maximum: nothing was accumulated.
    expect(p.product).toMatchObject({ code: 170, mnemonic: 'DAA', category: 'PRECIPITATION', imageKey: null, maxAccumulationIn: null });
    expect(p.summary).toMatch(/null product \(flag 5\)/);
    expect(jsonOf(p).nullProduct.flag).toBe(5);
  });

  it('a radial product without its image and without a null flag is CORRUPT', () => {
    const bytes = encodeLevel3({ productCode: 165, halfwords: { 30: 5 }, layers: [[textPacket(1, 0, 0, 'no radials here')]], wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'N0HLOT' } });
    expect(() => plan(bytes)).toThrow(expect.objectContaining({ code: 'CORRUPT', message: expect.stringContaining('radial image') }));
  });
});

describe('Level 3 rendering lands where the geometry says', () => {
  it('a hail patch of a 0.5° N0H (slant range, beam model) within a pixel', () => {
    const p = plan(hydrometeorProduct({ patches: [{ radials: [200, 209], bins: [200, 230], level: 100 }] }));
    const blob = blobsByColor(decodePng(objectOf(p, '.png'))).get('#ff0000');
    expect(blob).toBeDefined();
    const slantKm = (215 + 0.5) * 0.25; // centre bin of the patch, first bin centred at 0.125 km
    const groundM = groundDistanceKm(slantKm, 0.5, KLOT.heightM, KLOT.latitude) * 1000;
    const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, 205, groundM);
    const overlay = { bbox: p.product.bbox!, width: decodePng(objectOf(p, '.png')).width, height: decodePng(objectOf(p, '.png')).height };
    const [x, y] = pixelOf(overlay, lon, lat);
    expect(Math.hypot(blob!.x - x, blob!.y - y)).toBeLessThan(1);
  });

  it('an accumulation patch (ground range, no elevation) within a pixel', () => {
    const p = plan(accumulationProduct({ patches: [{ radials: [90, 99], bins: [150, 180], level: 120 }] }));
    const img = decodePng(objectOf(p, '.png'));
    const blob = blobsByColor(img).get('#008e00'); // 1.20 in: the 1 to 1.5 in step
    expect(blob).toBeDefined();
    const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, 95, (165 + 0.5) * 0.25 * 1000);
    const [x, y] = pixelOf({ bbox: p.product.bbox!, width: img.width, height: img.height }, lon, lat);
    expect(Math.hypot(blob!.x - x, blob!.y - y)).toBeLessThan(1);
  });

  it('a raster block 15 km east, 5 km north of the radar within a pixel', () => {
    const p = plan(rasterProduct());
    const img = decodePng(objectOf(p, '.png'));
    const blobs = blobsByColor(img);
    expect(blobs.size).toBe(1);
    const [blob] = [...blobs.values()];
    const [lon, lat] = geodesicEndpoint(KLOT.latitude, KLOT.longitude, (Math.atan2(15, 5) * 180) / Math.PI, Math.hypot(15, 5) * 1000);
    const [x, y] = pixelOf({ bbox: p.product.bbox!, width: img.width, height: img.height }, lon, lat);
    expect(Math.hypot(blob!.x - x, blob!.y - y)).toBeLessThan(1);
  });
});
