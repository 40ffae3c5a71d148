// Level 3 products through the real ingest (decode → plan → FileObjectStore → SQLite catalog), then
// the catalog's product queries: keyset pages, code counts under filters, latest per code.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { ingestObject, type IngestContext } from '../../ingest/ingest-object.js';
import { level3ProductObjectKeys } from '../../ingest/level3/product-id.js';
import { type Catalog, openCatalog, MIGRATIONS } from '../../store/catalog/index.js';
import { migrate } from '../../store/catalog/sqlite/migrations.js';
import { FileObjectStore } from '../../store/objects/index.js';
import type { ProductRow } from '../../store/catalog/index.js';
import { SCAN_TIME, accumulationProduct, graphicProduct, hydrometeorProduct, nullAccumulationProduct, velocityProduct } from './synthetic-products.js';
import { MemorySource } from '../support/memory-source.js';
import { testMnemonic, testProduct, testSite } from '../support/ids.js';

const HOUR = 3_600_000;

describe('Level 3 products in the catalog', () => {
  let dir: string;
  let catalog: Catalog;
  let ctx: IngestContext;
  const source = new MemorySource();

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-l3-catalog-'));
    catalog = await openCatalog(join(dir, 'catalog.db'));
    ctx = { catalog, objects: new FileObjectStore(join(dir, 'objects')), renderSize: 128, log: pino({ level: 'silent' }), now: () => 1_700_000_000_000 };
    // Six hours of N0H and DAA at KLOT, N0S once, an NST, and a null DAA.
    for (let h = 0; h < 6; h++) {
      source.files.set(`n0h-${h}`, hydrometeorProduct({ scanTime: SCAN_TIME + h * HOUR }));
      source.files.set(`daa-${h}`, accumulationProduct({ scanTime: SCAN_TIME + h * HOUR }));
    }
    source.files.set('n1h', hydrometeorProduct({ awipsId: 'N1HLOT' }));
    source.files.set('n0s', velocityProduct());
    source.files.set('nst', graphicProduct());
    source.files.set('null-daa', nullAccumulationProduct()); // SCAN_TIME + 1 h: same id as daa-1 would have, but…
    for (const key of source.files.keys()) {
      const outcome = await ingestObject(ctx, source, source.object(key));
      expect(outcome.status, key + (outcome.status === 'failed' ? outcome.error.message : '')).toBe('ingested');
    }
  });

  afterAll(async () => {
    await catalog?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('one row per product id: a product arriving again from another file replaces the row', async () => {
    // null-daa has daa-1's site, mnemonic and scan time, so it is the same product, replaced.
    const all = await catalog.reader.products.list({}, { first: 100 });
    expect(all.totalCount).toBe(6 + 6 - 1 + 1 + 1 + 1 + 1);
    const daa1 = (await catalog.reader.products.byIds([testProduct('KLOT_DAA_20210131_120630')]))[0]!;
    expect(daa1.imageKey).toBeNull();
    expect(daa1.sourceKey).toBe('null-daa');
  });

  it('keeps the maximum accumulation a precipitation product states; null for others and when a null product replaces one', async () => {
    const rows = (await catalog.reader.products.list({}, { first: 100 })).rows;
    const daa = rows.filter((r) => r.mnemonic === 'DAA');
    expect(daa.map((r) => r.maxAccumulationIn)).toEqual([1.2, 1.2, 1.2, 1.2, null, 1.2]); // newest first; hour 1 is the null DAA
    expect(rows.filter((r) => r.mnemonic !== 'DAA').every((r) => r.maxAccumulationIn === null)).toBe(true);
  });

  it('pages by keyset, newest first, with stable cursors and a total', async () => {
    const seen: ProductRow[] = [];
    let after: string | null = null;
    for (;;) {
      const page = await catalog.reader.products.list({ site: testSite('KLOT') }, { first: 4, after });
      expect(page.totalCount).toBe(15);
      seen.push(...page.rows);
      if (!page.hasNextPage) break;
      after = page.cursorAt(page.rows.length - 1);
    }
    expect(seen).toHaveLength(15);
    expect(new Set(seen.map((r) => r.id)).size).toBe(15);
    for (let i = 1; i < seen.length; i++) expect(seen[i - 1]!.scanTime).toBeGreaterThanOrEqual(seen[i]!.scanTime);
    await expect(catalog.reader.radar.sweeps({}, { first: 1, after })).rejects.toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('filters by code, mnemonic, category and time window', async () => {
    expect((await catalog.reader.products.list({ codes: [165] }, { first: 100 })).totalCount).toBe(7);
    expect((await catalog.reader.products.list({ mnemonics: [testMnemonic('N1H')] }, { first: 100 })).totalCount).toBe(1);
    expect((await catalog.reader.products.list({ category: 'STORM' }, { first: 100 })).rows.map((r) => r.mnemonic)).toEqual(['NST']);
    const window = await catalog.reader.products.list({ codes: [170], from: SCAN_TIME + 2 * HOUR, to: SCAN_TIME + 4 * HOUR, order: 'ASC' }, { first: 100 });
    expect(window.rows.map((r) => r.scanTime)).toEqual([SCAN_TIME + 2 * HOUR, SCAN_TIME + 3 * HOUR]);
    await expect(catalog.reader.products.list({ category: 'SNOW' as never }, { first: 1 })).rejects.toThrow(expect.objectContaining({ code: 'BAD_INPUT' }));
  });

  it('counts products per code and mnemonic; site and time filters change the counts', async () => {
    expect(await catalog.reader.products.codeCounts({ category: 'HYDROMETEOR' })).toEqual([
      { code: 165, mnemonic: 'N0H', name: 'Digital Hydrometeor Classification', category: 'HYDROMETEOR', units: 'class', count: 6 },
      { code: 165, mnemonic: 'N1H', name: 'Digital Hydrometeor Classification', category: 'HYDROMETEOR', units: 'class', count: 1 },
    ]);
    expect(await catalog.reader.products.codeCounts({ category: 'PRECIPITATION' })).toEqual([
      { code: 170, mnemonic: 'DAA', name: 'Digital Accumulation Array', category: 'PRECIPITATION', units: 'in', count: 6 },
    ]);
    expect((await catalog.reader.products.codeCounts({ category: 'PRECIPITATION', from: SCAN_TIME + 3 * HOUR }))[0]!.count).toBe(3);
    expect(await catalog.reader.products.codeCounts({ site: testSite('KTLX') })).toEqual([]);
    expect((await catalog.reader.products.codeCounts({})).map((c) => c.mnemonic)).toEqual(['N0S', 'NST', 'N0H', 'N1H', 'DAA']);
  });

  it('latestProducts: the newest of each code and mnemonic at a site', async () => {
    const latest = await catalog.reader.products.latest(testSite('KLOT'));
    expect(latest.map((r) => [r.mnemonic, r.scanTime])).toEqual([
      ['N0S', SCAN_TIME],
      ['NST', SCAN_TIME],
      ['N0H', SCAN_TIME + 5 * HOUR],
      ['N1H', SCAN_TIME],
      ['DAA', SCAN_TIME + 5 * HOUR],
    ]);
    expect((await catalog.reader.products.latest(testSite('KLOT'), [170])).map((r) => r.id)).toEqual(['KLOT_DAA_20210131_160630']);
    expect(await catalog.reader.products.latest(testSite('KAMX'))).toEqual([]);
  });

  it('committing the same input again changes nothing; ingesting the same file again is skipped', async () => {
    const before = (await catalog.reader.products.list({}, { first: 100 })).rows;
    const outcome = await ingestObject(ctx, source, source.object('n0h-0'));
    expect(outcome.status).toBe('skipped');
    const row = (await catalog.reader.products.byIds([testProduct('KLOT_N0H_20210131_110630')]))[0]!;
    const site = { id: row.site, latitude: 0, longitude: 0, heightM: 0 };
    const file = { source: row.source, key: row.sourceKey, fingerprint: row.sourceFingerprint, size: row.sourceSize, ingestedAt: row.ingestedAt };
    expect((await catalog.writer.products.commit({ file, site, product: row })).staleObjectKeys).toEqual([]);
    expect((await catalog.reader.products.list({}, { first: 100 })).rows).toEqual(before);
    // An existing site keeps its location: Level 2 states it more precisely than Level 3.
    expect((await catalog.reader.radar.sitesByIds([testSite('KLOT')]))[0]).toMatchObject({ latitude: 41.604, longitude: -88.085 });
  });

  it('every object a row names exists, and no other object was written', async () => {
    const rows = (await catalog.reader.products.list({}, { first: 100 })).rows;
    // Storm products' cells objects are named by their raw key (level3StormCellsKey), as retention derives them.
    const named = new Set(rows.flatMap(level3ProductObjectKeys));
    expect([...named].filter((k) => k.endsWith('.cells.json'))).toEqual(['radar/level3/KLOT/NST/2021/01/31/110630.cells.json']);
    const stored: string[] = [];
    for await (const o of ctx.objects.list('radar/level3/')) stored.push(o.key);
    // The replaced DAA's PNG stays behind (commit reports it stale); everything else is named.
    expect(stored.filter((k) => !named.has(k))).toEqual(['radar/level3/KLOT/DAA/2021/01/31/120630.png']);
    for (const k of named) expect(stored).toContain(k);
  });

  it('migrates a version-5 catalog: product rows stay, their maxAccumulationIn null (not stated before)', async () => {
    const path = join(dir, 'v5.db');
    const db = new Database(path);
    migrate(
      db,
      path,
      MIGRATIONS.filter((m) => m.version <= 5),
    );
    db.prepare("INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES ('KLOT', 41.6, -88.08, 200)").run();
    db.prepare(`INSERT INTO products (id, site, code, mnemonic, name, category, scan_time, units, metadata_key, raw_key, source, source_key, source_size, source_fingerprint, ingested_at)
      VALUES ('KLOT_DAA_20210131_110630', 'KLOT', 170, 'DAA', 'Digital Accumulation Array', 'PRECIPITATION', ?, 'in', 'm.json', 'm.raw', 'local', 'k', 1, 'size:1', 0)`).run(SCAN_TIME);
    db.close();
    const upgraded = await openCatalog(path);
    try {
      expect(upgraded.schemaVersion).toBeGreaterThanOrEqual(6);
      expect((await upgraded.reader.products.byIds([testProduct('KLOT_DAA_20210131_110630')]))[0]).toMatchObject({ code: 170, maxAccumulationIn: null });
      expect(await upgraded.reader.products.latestPrecipitation([testSite('KLOT')], SCAN_TIME, SCAN_TIME + HOUR)).toMatchObject([{ count: 1, maxProduct: null }]);
    } finally {
      await upgraded.close();
    }
  });

  it('migrates a version-1 catalog: Level 2 rows stay, products arrive', async () => {
    const path = join(dir, 'v1.db');
    const db = new Database(path);
    migrate(db, path, MIGRATIONS.slice(0, 1));
    db.prepare("INSERT INTO radar_sites (id, latitude, longitude, height_m) VALUES ('KLOT', 41.6, -88.08, 200)").run();
    db.close();
    const upgraded = await openCatalog(path);
    try {
      expect(upgraded.schemaVersion).toBeGreaterThanOrEqual(2);
      expect((await upgraded.reader.radar.sites()).map((s) => s.id)).toEqual(['KLOT']);
      expect((await upgraded.reader.products.list({}, { first: 1 })).totalCount).toBe(0);
    } finally {
      await upgraded.close();
    }
  });
});
