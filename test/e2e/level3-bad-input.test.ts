// Corrupt and truncated Level 3 products among good ones through the real `radome ingest files`:
// typed errors naming each bad file, recorded and quarantined, nothing of them in the catalog or
// the store, the good ones ingested (synthetic products, so this runs without the real samples).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { level3ProductObjectKeys } from '../../ingest/level3/product-id.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeLevel3, textPacket } from '../fixtures/level3-encoder.js';
import { accumulationProduct, graphicProduct, hydrometeorProduct, nullAccumulationProduct, rasterProduct, velocityProduct } from '../level3-ingest/synthetic-products.js';
import { sampleFile } from '../sample-data.js';
import { type BadFile, expectQuarantined, ingestAmongBad, writeInputs } from './bad-files.js';

describe('radome ingest files with bad Level 3 products among good', () => {
  let dir: string;
  let dataDir: string;
  const good: Record<string, Uint8Array> = {
    'n0h-product': hydrometeorProduct(),
    LOT_DAA_2021_01_31_11_06_30: accumulationProduct(),
    'n0s-product': velocityProduct(),
    'ncr-product': rasterProduct(),
    'nst-product': graphicProduct(),
    'null-daa-product': nullAccumulationProduct(),
  };
  const bad: Record<string, BadFile> = {};

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-l3-bad-'));
    dataDir = join(dir, 'var');
    const n0h = good['n0h-product']!;
    const bzipFlipped = n0h.slice();
    for (let i = 200; i < 260; i++) bzipFlipped[i]! ^= 0x5a;
    const n0s = good['n0s-product']!;
    const runsFlipped = n0s.slice();
    for (let i = 200; i < 260; i++) runsFlipped[i]! ^= 0x5a;
    bad['truncated-n0h'] = { bytes: n0h.subarray(0, Math.floor(n0h.length * 0.7)), code: 'TRUNCATED' };
    bad['bzip2-corrupt-n0h'] = { bytes: bzipFlipped, code: 'CORRUPT' };
    bad['runs-corrupt-n0s'] = { bytes: runsFlipped, code: 'CORRUPT' };
    bad['headers-only'] = { bytes: good['nst-product']!.subarray(0, 100), code: 'TRUNCATED' };
    bad['n0h-without-radials'] = {
      bytes: encodeLevel3({ productCode: 165, halfwords: { 30: 5 }, layers: [[textPacket(1, 0, 0, 'no radials')]], wmo: { heading: 'SDUS53 KLOT 311106', awipsId: 'N0HLOT' } }),
      code: 'CORRUPT',
    };
    bad['nowhere-daa'] = { bytes: accumulationProduct({ latitude: 10, longitude: 10 }), code: 'UNSUPPORTED' };
    const real = sampleFile('nexrad/level3/LOT_N0H_2021_01_31_11_06_30');
    if (real) bad['real-n0h-truncated'] = { bytes: readFileSync(real).subarray(0, 9000), code: 'TRUNCATED' };
    writeInputs(dir, good, bad);
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests the good, reports, records and quarantines the bad, and leaves no trace of them', async () => {
    await ingestAmongBad(dir, { RADOME_DATA_DIR: dataDir, RADOME_RENDER_SIZE: '256' }, Object.keys(good).length, bad);

    const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
    try {
      const products = (await catalog.reader.products.list({}, { first: 100 })).rows;
      expect(products.map((p) => p.sourceKey.split('/').pop()).sort()).toEqual(Object.keys(good).sort());
      expect(products.every((p) => p.site === 'KLOT')).toBe(true);
      const store = new FileObjectStore(join(dataDir, 'objects'));
      await expectQuarantined(catalog.reader, store, dir, bad);
      // Every object under radar/ belongs to a catalogued product: nothing half-written.
      const owned = new Set(products.flatMap(level3ProductObjectKeys));
      const stored: string[] = [];
      for await (const o of store.list('radar/')) stored.push(o.key);
      expect(stored.sort()).toEqual([...owned].sort());
    } finally {
      await catalog.close();
    }
  });
});
