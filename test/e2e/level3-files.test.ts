// Every real Level 3 sample through the real `radome ingest files`, then GraphQL over HTTP from
// `radome serve`: product codes with counts by category, site and time; the products connection;
// latestProducts; argument errors.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeLevel3 } from '../../ingest/decode/level3/index.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { runRadome, startRadome, type RadomeServerProcess } from './radome-process.js';
import { testProduct } from '../support/ids.js';
import { expectPngAt } from '../support/png-response.js';

const DIR = 'nexrad/level3';
const dir = sampleFile(DIR);
if (!dir) console.warn(skipReason(DIR));

/** Radial/raster samples (rendered); every other sample is graphic/tabular or the null DAA. */
const RENDERED: Record<string, string> = {
  LOT_DAA_2021_02_28_12_14_47: 'KLOT_DAA_20210228_121447',
  LOT_DTA_2021_02_28_15_05_33: 'KLOT_DTA_20210228_150533',
  LOT_HHC_2021_01_31_11_06_30: 'KLOT_HHC_20210131_110630',
  LOT_N0H_2021_01_31_11_06_30: 'KLOT_N0H_20210131_110630',
  LOT_N0S_2021_01_31_11_06_30: 'KLOT_N0S_20210131_110630',
  LOT_N1P_2021_01_31_11_06_30: 'KLOT_N1P_20210131_110630',
  LOT_NTP_2021_01_31_11_06_30: 'KLOT_NTP_20210131_110630',
  SDUS53_KLOT_150709: 'KLOT_N0Q_20210815_070905',
};

describe.skipIf(!dir)('the real Level 3 samples through `radome ingest files` and GraphQL', () => {
  let work: string;
  let env: Record<string, string>;
  let server: RadomeServerProcess | undefined;
  const names = dir
    ? readdirSync(dir)
        .filter((n) => !n.startsWith('.'))
        .sort()
    : [];

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'radome-l3-e2e-'));
    env = { RADOME_DATA_DIR: join(work, 'var'), RADOME_RENDER_SIZE: '512', LOG_LEVEL: 'info' };
  });

  afterAll(async () => {
    await server?.stop();
    if (work) rmSync(work, { recursive: true, force: true });
  });

  async function gql(query: string, variables: Record<string, unknown> = {}): Promise<any> {
    const res = await fetch(`${server!.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    return res.json();
  }

  it('ingests every file: radial products rendered, graphic/tabular and the null DAA catalogued without an image', async () => {
    const run = await runRadome(['ingest', 'files', dir!], env, 240_000);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain(`${names.length} ingested, 0 unchanged, 0 failed`);
    expect(run.stdout).toMatch(/LOT_DAA_2021_05_08_03_40_29 → level3 KLOT_DAA_20210508_034029 \(DAA \(code 170\) null product \(flag 5\)/);

    const catalog = await openReadOnlyCatalog(join(work, 'var', 'catalog.db'));
    const store = new FileObjectStore(join(work, 'var', 'objects'));
    try {
      const rows = (await catalog.reader.products.list({}, { first: 100 })).rows;
      expect(rows).toHaveLength(names.length);
      const bySource = new Map(rows.map((r) => [r.sourceKey.split('/').pop()!, r]));
      for (const name of names) {
        const row = bySource.get(name)!;
        expect(row, name).toBeDefined();
        expect(row.site, name).toMatch(/^[A-Z]{4}$/);
        const raw = await store.get(row.rawKey);
        expect(Buffer.from(raw!.body).equals(readFileSync(join(dir!, name))), `${name} raw kept`).toBe(true);
        const meta = JSON.parse(new TextDecoder().decode((await store.get(row.metadataKey))!.body));
        expect(meta).toMatchObject({ id: row.id, site: row.site, code: row.code, mnemonic: row.mnemonic });
        if (RENDERED[name]) {
          expect(row.id).toBe(RENDERED[name]);
          expect(row.imageKey).toBe(`radar/level3/${row.site}/${row.mnemonic}/${row.id.slice(-15, -11)}/${row.id.slice(-11, -9)}/${row.id.slice(-9, -7)}/${row.id.slice(-6)}.png`);
          const png = await store.get(row.imageKey!);
          expect(png?.contentType).toBe('image/png');
          expect(meta.bbox).toEqual(row.bbox);
          expect(meta.corners).toEqual(row.corners);
          expect(meta.legend.entries.length).toBeGreaterThan(3);
        } else {
          expect(row.imageKey, name).toBeNull();
          expect(row.bbox).toBeNull();
          expect(meta.image).toBeNull();
        }
      }
      // LOT_… files belong to KLOT; N0H is at 0.5°; the storm products keep their structure.
      expect((await catalog.reader.products.byIds([testProduct('KLOT_N0H_20210131_110630')]))[0]).toMatchObject({ code: 165, category: 'HYDROMETEOR', elevationAngle: 0.5 });
      const nullDaa = (await catalog.reader.products.byIds([testProduct('KLOT_DAA_20210508_034029')]))[0]!;
      expect(nullDaa).toMatchObject({ category: 'PRECIPITATION', imageKey: null });
      const nullMeta = JSON.parse(new TextDecoder().decode((await store.get(nullDaa.metadataKey))!.body));
      expect(nullMeta.nullProduct.flag).toBe(5);
      const nhi = rows.find((r) => r.mnemonic === 'NHI')!;
      const nhiMeta = JSON.parse(new TextDecoder().decode((await store.get(nhi.metadataKey))!.body));
      expect(
        nhiMeta.symbology.layers
          .flat()
          .filter((p: any) => p.kind === 'hail')
          .flatMap((p: any) => p.points).length,
      ).toBeGreaterThan(1);
      expect(await catalog.reader.ingest.failures()).toEqual([]);
    } finally {
      await catalog.close();
    }
  });

  it('re-ingesting the folder changes nothing', async () => {
    const run = await runRadome(['ingest', 'files', dir!], env, 120_000);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`0 ingested, ${names.length} unchanged, 0 failed`);
  });

  it('productCodes: hydrometeor and precipitation codes with counts; site and time filters change them', async () => {
    server = await startRadome('serve', env);
    const q = `query ($category: ProductCategory, $site: String, $from: DateTimeISO, $to: DateTimeISO) {
      productCodes(category: $category, site: $site, from: $from, to: $to) { code mnemonic name category units count } }`;
    const hydro = await gql(q, { category: 'HYDROMETEOR' });
    expect(hydro.errors).toBeUndefined();
    expect(hydro.data.productCodes).toEqual([
      { code: 165, mnemonic: 'N0H', name: 'Digital Hydrometeor Classification', category: 'HYDROMETEOR', units: 'class', count: 1 },
      { code: 177, mnemonic: 'HHC', name: 'Hybrid Hydrometeor Classification', category: 'HYDROMETEOR', units: 'class', count: 1 },
    ]);
    const precip = await gql(q, { category: 'PRECIPITATION' });
    expect(precip.data.productCodes.map((c: any) => [c.code, c.mnemonic, c.units, c.count])).toEqual([
      [78, 'N1P', 'in', 1],
      [80, 'NTP', 'in', 1],
      [170, 'DAA', 'in', 2],
      [172, 'DTA', 'in', 1],
    ]);
    // February 2021 only: one DAA (the May one is outside), the DTA; N1P and NTP are January.
    const feb = await gql(q, { category: 'PRECIPITATION', from: '2021-02-01T00:00:00Z', to: '2021-03-01T00:00:00Z' });
    expect(feb.data.productCodes.map((c: any) => [c.mnemonic, c.count])).toEqual([
      ['DAA', 1],
      ['DTA', 1],
    ]);
    const tbw = await gql(q, { site: 'ktbw' });
    expect(tbw.data.productCodes.map((c: any) => [c.mnemonic, c.count])).toEqual([
      ['NHI', 1],
      ['NSS', 1],
    ]);
    const storms = await gql(q, { category: 'STORM' });
    expect(storms.data.productCodes.map((c: any) => [c.mnemonic, c.count])).toEqual([
      ['NST', 3],
      ['NHI', 1],
      ['NTV', 1],
      ['NSS', 5],
      ['NMD', 1],
    ]);
  });

  it('products: a connection paged by cursor, filters by site, codes and category, imageUrl null without an image', async () => {
    const q = `query ($filter: ProductFilter, $first: Int, $after: String) {
      products(filter: $filter, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor }
        edges { cursor node { id site { id } code mnemonic name category scanTime elevationAngle units imageUrl metadataUrl bbox corners } } } }`;
    const ids: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const r = await gql(q, { filter: { site: 'KLOT' }, first: 4, after });
      expect(r.errors).toBeUndefined();
      const c = r.data.products;
      expect(c.totalCount).toBe(11); // 9 LOT_… files, KLOT_NSS, the SDUS53 KLOT N0Q
      ids.push(...c.edges.map((e: any) => e.node.id));
      pages++;
      if (!c.pageInfo.hasNextPage) break;
      after = c.pageInfo.endCursor;
    }
    expect(pages).toBe(3);
    expect(new Set(ids).size).toBe(11);

    const hydro = await gql(q, { filter: { codes: [165, 177] }, first: 10 });
    const nodes = hydro.data.products.edges.map((e: any) => e.node);
    expect(nodes.map((n: any) => n.mnemonic).sort()).toEqual(['HHC', 'N0H']);
    for (const n of nodes) {
      expect(n.site.id).toBe('KLOT');
      expect(n.bbox).toHaveLength(4);
      expect(n.corners).toHaveLength(4);
      await expectPngAt(n.imageUrl);
    }
    const n0h = nodes.find((n: any) => n.mnemonic === 'N0H');
    expect(n0h).toMatchObject({ scanTime: '2021-01-31T11:06:30.000Z', elevationAngle: 0.5, units: 'class', category: 'HYDROMETEOR' });
    const meta = (await (await fetch(n0h.metadataUrl)).json()) as any;
    expect(meta.legend.entries.map((e: any) => e.label)).toContain('GC: Anomalous propagation / ground clutter');

    const storms = await gql(q, { filter: { category: 'STORM', site: 'KDGX' }, first: 10 });
    const nst = storms.data.products.edges[0].node;
    expect(nst).toMatchObject({ mnemonic: 'NST', imageUrl: null, bbox: null, corners: null });
    const nstMeta = (await (await fetch(nst.metadataUrl)).json()) as any;
    expect(nstMeta.graphic.pages.length).toBeGreaterThan(0);
  });

  it('latestProducts: newest per code at a site', async () => {
    const q = `query ($site: String!, $codes: [Int!]) { latestProducts(site: $site, codes: $codes) { id mnemonic scanTime imageUrl } }`;
    const daa = await gql(q, { site: 'KLOT', codes: [170] });
    expect(daa.data.latestProducts).toEqual([{ id: 'KLOT_DAA_20210508_034029', mnemonic: 'DAA', scanTime: '2021-05-08T03:40:29.000Z', imageUrl: null }]);
    const all = await gql(q, { site: 'KLOT' });
    expect(all.data.latestProducts.map((p: any) => p.mnemonic)).toEqual(['N0S', 'NSS', 'N1P', 'NTP', 'N0Q', 'NMD', 'N0H', 'DAA', 'DTA', 'HHC']);
  });

  it('latestPrecipitation: the DAA and DTA maxima are positive and what the decoder reads from their description blocks', async () => {
    const r = await gql(`{ latestPrecipitation(sites: ["KLOT"], from: "2021-01-01T00:00:00Z", to: "2022-01-01T00:00:00Z") {
      count product { id } maxAccumulationIn maxProduct { id maxAccumulationIn } } }`);
    expect(r.errors).toBeUndefined();
    const byLatest = new Map(r.data.latestPrecipitation.map((p: any) => [p.product.id, p]));
    // The newest DAA is the null one (no maximum): the February DAA states the range's maximum.
    const cases = [
      ['KLOT_DAA_20210508_034029', 'LOT_DAA_2021_02_28_12_14_47', 2],
      ['KLOT_DTA_20210228_150533', 'LOT_DTA_2021_02_28_15_05_33', 1],
    ] as const;
    for (const [latestId, file, count] of cases) {
      const p: any = byLatest.get(latestId);
      expect(p, latestId).toBeDefined();
      expect(p.count).toBe(count);
      expect(p.maxProduct.id).toBe(RENDERED[file]);
      const stated = decodeLevel3(new Uint8Array(readFileSync(join(dir!, file)))).description.params.maxAccumulationIn!;
      expect(stated).toBeGreaterThan(0);
      expect(p.maxAccumulationIn).toBeCloseTo(stated, 6);
      expect(p.maxProduct.maxAccumulationIn).toBe(p.maxAccumulationIn);
    }
  });

  it('rejects bad arguments with BAD_USER_INPUT and a message saying what to change', async () => {
    const cases: [string, RegExp][] = [
      ['{ productCodes(site: "Chicago") { code } }', /site: "Chicago" is not a 4-letter ICAO/],
      ['{ products(filter: { codes: [3] }) { totalCount } }', /filter\.codes: 3 is not a Level 3 product code/],
      ['{ products(filter: { mnemonics: ["N0HX"] }) { totalCount } }', /filter\.mnemonics: "N0HX"/],
      ['{ products(first: 0) { totalCount } }', /first must be between 1 and/],
      ['{ products(after: "nonsense") { totalCount } }', /after: not a cursor/],
      ['{ productCodes(from: "2021-03-01T00:00:00Z", to: "2021-02-01T00:00:00Z") { code } }', /from must be earlier than to/],
      ['{ latestProducts(site: "KLOT", codes: [-1]) { id } }', /codes: -1 is not a Level 3 product code/],
    ];
    for (const [query, message] of cases) {
      const r = await gql(query);
      expect(r.errors?.[0]?.extensions?.code, query).toBe('BAD_USER_INPUT');
      expect(r.errors[0].message, query).toMatch(message);
    }
  });
});
