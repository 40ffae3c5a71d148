// latestPrecipitation's maximum: synthetic DAA products with known maxima (halfword 47) through the
// real ingest path (decode → plan → objects → SQLite), then GraphQL over HTTP.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestObject } from '../../ingest/ingest-object.js';
import { level3ProductId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { openCatalog } from '../../store/catalog/index.js';
import { serveCatalog } from '../support/served-catalog.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { accumulationProduct, hydrometeorProduct, nullAccumulationProduct, SCAN_TIME } from '../level3-ingest/synthetic-products.js';
import { postGraphql } from '../support/radar-fixture.js';
import { MemorySource } from '../support/memory-source.js';
import { testCatalogLocation } from '../support/test-catalog.js';

const HOUR = 3_600_000;
/** KLOT DAA maxima by hour, tenths of an inch: 2.3 twice, so the newer (hour 3) must win. */
const KLOT_TENTHS = [5, 23, 11, 23, 7];
const KILX = { latitude: 40.151, longitude: -89.337 };

const daaId = (site: string, hour: number) => level3ProductId(parseRadarSiteId(site, 'site'), 'DAA', SCAN_TIME + hour * HOUR);
const iso = (hour: number) => new Date(SCAN_TIME + hour * HOUR).toISOString();

describe('latestPrecipitation: the largest accumulation per site and code, and the product stating it', () => {
  let dir: string;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-precip-max-'));
    const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    KLOT_TENTHS.forEach((maxTenths, h) => source.files.set(`klot-daa-${h}`, accumulationProduct({ scanTime: SCAN_TIME + h * HOUR, maxTenths })));
    source.files.set('klot-daa-null', nullAccumulationProduct(SCAN_TIME + 5 * HOUR)); // newest, states no maximum
    for (const h of [0, 1]) source.files.set(`kilx-daa-${h}`, accumulationProduct({ scanTime: SCAN_TIME + h * HOUR, maxTenths: 0, ...KILX }));
    source.files.set('klot-n0h', hydrometeorProduct()); // not precipitation
    const location = await testCatalogLocation(join(dir, 'catalog.db'));
    const writer = await openCatalog(location);
    try {
      const ctx = { catalog: writer, objects, renderSize: 64, log: pino({ level: 'silent' }) };
      for (const key of source.files.keys()) {
        const outcome = await ingestObject(ctx, source, source.object(key));
        expect(outcome.status, key).toBe('ingested');
      }
    } finally {
      await writer.close();
    }
    const served = await serveCatalog(location, objects);
    url = `${served.url}/graphql`;
    close = served.close;
  });

  afterAll(async () => {
    await close?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  async function summaries(fromHour: number, toHour: number, sites?: string[]) {
    const { status, body } = await postGraphql(
      url,
      `query($from: DateTimeISO!, $to: DateTimeISO!, $sites: [String!]) {
        latestPrecipitation(from: $from, to: $to, sites: $sites) {
          site { id } count product { id maxAccumulationIn } maxAccumulationIn maxProduct { id scanTime maxAccumulationIn } } }`,
      { from: iso(fromHour), to: iso(toHour), sites },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(status).toBe(200);
    return body.data.latestPrecipitation as any[];
  }

  it('over the whole range: the newest product, the count, and the largest stated maximum with its product (newest of equals)', async () => {
    const [kilx, klot, ...rest] = await summaries(0, 6);
    expect(rest).toEqual([]);
    expect(klot.site.id).toBe('KLOT');
    expect(klot.count).toBe(6);
    expect(klot.product).toEqual({ id: daaId('KLOT', 5), maxAccumulationIn: null }); // the null product
    expect(klot.maxAccumulationIn).toBe(2.3);
    expect(klot.maxProduct.id).toBe(daaId('KLOT', 3));
    expect(klot.maxProduct.scanTime).toBe(iso(3));
    expect(klot.maxProduct.maxAccumulationIn).toBe(klot.maxAccumulationIn);
    // A stated maximum of 0 is a maximum (dry hours), not "none".
    expect(kilx).toMatchObject({ site: { id: 'KILX' }, count: 2, product: { id: daaId('KILX', 1) }, maxAccumulationIn: 0 });
    expect(kilx.maxProduct).toMatchObject({ id: daaId('KILX', 1), maxAccumulationIn: 0 });
  });

  it('the range bounds which products count: [h0, h3) finds the first 2.3 in, [h4, h6) the 0.7 in', async () => {
    const [early] = await summaries(0, 3, ['KLOT']);
    expect(early).toMatchObject({ count: 3, product: { id: daaId('KLOT', 2) }, maxProduct: { id: daaId('KLOT', 1) } });
    expect(early.maxAccumulationIn).toBe(2.3);
    const [late] = await summaries(4, 6, ['klot']);
    expect(late).toMatchObject({ count: 2, product: { id: daaId('KLOT', 5) }, maxProduct: { id: daaId('KLOT', 4) } });
    expect(late.maxAccumulationIn).toBe(0.7);
  });

  it('when no product in the range states a maximum, both are null', async () => {
    expect(await summaries(5, 6)).toEqual([{ site: { id: 'KLOT' }, count: 1, product: { id: daaId('KLOT', 5), maxAccumulationIn: null }, maxAccumulationIn: null, maxProduct: null }]);
  });
});
