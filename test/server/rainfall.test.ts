// rainfall, rainfallAtPoint, reflectivitySwath and mosaicFrames over data that went through the
// real ingest (decode → plan → objects → SQLite): Level 2 volumes and Level 3 DPR products made by
// the project's encoders, and the real KLOT volume when the shared data is there.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import { decodeValuePixel } from '../../ingest/render/render-tile.js';
import { loadServerConfig } from '../../core/config.js';
import { createRadomeServer } from '../../server/index.js';
import { refInstants } from '../../server/radar-time/instants.js';
import { DerivedFields } from '../../server/radar-time/derived-fields.js';
import { zrRateTable } from '../../ingest/derive/rain-rate.js';
import { RadarLayers } from '../../server/tiles/radar-layers.js';
import { StoredGridSource } from '../../server/tiles/grid-source.js';
import { openReadOnlyCatalog, type ReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeArchiveII, type EncodeOptions } from '../fixtures/archive2-encoder.js';
import { encodeLevel3, genericRadialPacket } from '../fixtures/level3-encoder.js';
import { LOCATION, moment, sweep31 } from '../level2/synthetic-volumes.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { MemorySource } from '../support/memory-source.js';
import { ingestEveryFile } from '../support/ingest-source.js';
import { T0 as FIXTURE_T0, postGraphql, useFixtureServer } from '../support/radar-fixture.js';
import { createRadomeClient } from '../../sdk/src/index.js';
import { testCatalogLocation } from '../support/test-catalog.js';
import { testSite } from '../support/ids.js';

const MIN = 60_000;
const HOUR = 3_600_000;
/** One day per scenario, so windows hold only their own volumes (the real volume is 2022-03-17). */
const DAY_CONSTANT = Date.UTC(2022, 2, 10);
const DAY_GAP = Date.UTC(2022, 2, 11);
const DAY_DPR = Date.UTC(2022, 2, 12);
const DAY_SWATH = Date.UTC(2022, 2, 13);
const RADIALS = 360;
const GATES = 40;

/** Independent Z-R: R = (10^(min(dBZ, 53)/10) / 300)^(1/1.4) mm/h. */
const zr = (dbz: number) => (10 ** (Math.min(dbz, 53) / 10) / 300) ** (1 / 1.4);
/** REF code of a dBZ (scale 2, offset 66). */
const refCode = (dbz: number) => dbz * 2 + 66;

function constantRef(dbz: number) {
  return { ...moment('REF', RADIALS, GATES, 1), codes: new Uint8Array(RADIALS * GATES).fill(refCode(dbz)) };
}

/** A volume of two REF cuts (0.5° and 1.5°) at `start`. */
function volume(start: number, ref: ReturnType<typeof moment>, vcp = 212): EncodeOptions {
  return {
    site: 'KLOT',
    volumeStart: start,
    vcp,
    plannedCuts: [0.5, 1.5],
    location: LOCATION,
    compression: 'none',
    sweeps31: [sweep31(1, 0.5, 1, RADIALS, start, { REF: ref }), sweep31(2, 1.5, 1, RADIALS, start + 20_000, { REF: constantRef(5) })],
  };
}

/** A DPR product (code 176) of KLOT at `time`: every bin `inPerHour` (levels of 0.001 in/h). */
function dpr(time: number, inPerHour: number): Uint8Array {
  const levels = new Uint16Array(RADIALS * GATES).fill(Math.round(inPerHour * 1000));
  const hhmm = new Date(time).toISOString().slice(8, 16).replace(/[-T:]/g, '');
  return encodeLevel3({
    productCode: 176,
    volumeScanTime: time,
    latitude: LOCATION.latitude,
    longitude: LOCATION.longitude,
    halfwords: { 31: 0x447a, 32: 0, 36: 0xffff, 37: 1 },
    layers: [[genericRadialPacket({ productCode: 176, binCount: GATES, levels, binSizeKm: 0.25 })]],
    wmo: { heading: `SDUS53 KLOT ${hhmm}`, awipsId: 'DPRLOT' },
  });
}

const LEVEL2_REL = 'nexrad/level2/KLOT20220317_000842_V06';
const level2File = sampleFile(LEVEL2_REL);
if (!level2File) console.warn(skipReason(LEVEL2_REL));

const SWATH_SEEDS = [11, 12, 13];

describe('rainfall, rainfallAtPoint, reflectivitySwath and mosaicFrames', () => {
  let dir: string;
  let url: string;
  let catalog: ReadOnlyCatalog;
  let objects: FileObjectStore;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-rainfall-'));
    objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    // 2 h of 40 dBZ every 5 min (25 volumes), alternating VCPs.
    for (let k = 0; k <= 24; k++) source.files.set(`constant-${k}`, encodeArchiveII(volume(DAY_CONSTANT + k * 5 * MIN, constantRef(40), k % 2 ? 35 : 212)));
    // 30 dBZ at 0, 5, 10 then 45 … 60 min: a 35 min gap.
    for (const m of [0, 5, 10, 45, 50, 55, 60]) source.files.set(`gap-${m}`, encodeArchiveII(volume(DAY_GAP + m * MIN, constantRef(30))));
    // 40 dBZ volumes and DPR products of 2 in/h at the same times.
    for (let m = 0; m <= 30; m += 5) {
      source.files.set(`dpr-ref-${m}`, encodeArchiveII(volume(DAY_DPR + m * MIN, constantRef(40))));
      source.files.set(`dpr-${m}`, dpr(DAY_DPR + m * MIN, 2));
    }
    SWATH_SEEDS.forEach((seed, k) => source.files.set(`swath-${k}`, encodeArchiveII(volume(DAY_SWATH + k * 5 * MIN, moment('REF', RADIALS, GATES, seed)))));
    if (level2File) source.files.set('KLOT20220317_000842_V06', readFileSync(level2File));
    const location = await testCatalogLocation(join(dir, 'catalog.db'));
    await ingestEveryFile(location, objects, source);
    catalog = await openReadOnlyCatalog(location);
    const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: () => {}, config: { rainfallGapMinutes: 20 } }).listen(0, '127.0.0.1');
    url = listening.url;
    close = async () => {
      await listening.close();
      await catalog.close();
    };
  }, 240_000);

  afterAll(async () => {
    await close?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown>) => postGraphql(`${url}/graphql`, query, variables);
  const iso = (t: number) => new Date(t).toISOString();
  const RAINFALL = `query($from: DateTimeISO!, $to: DateTimeISO!, $sites: [String!], $method: RainfallMethod) {
    rainfall(from: $from, to: $to, sites: $sites, method: $method) {
      method units gapLimitMinutes complete reason tileJsonUrl valueTileJsonUrl
      sites { site source count ids coveredFraction gaps { from to } } missing { site reason }
      statistics { mean max coveredAreaKm2 valueAreaKm2 areaOver { threshold areaKm2 } } } }`;

  async function rainfall(from: number, to: number, method = 'AUTO', sites: string[] | null = ['KLOT']) {
    const { body } = await gql(RAINFALL, { from: iso(from), to: iso(to), sites, method });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.rainfall;
  }

  it('a constant 40 dBZ over 2 h (volumes of two VCPs) gives Z-R rate × 2 h within 0.5 %, with full coverage and no gaps', async () => {
    const r = await rainfall(DAY_CONSTANT, DAY_CONSTANT + 2 * HOUR);
    const expected = zr(40) * 2;
    expect(r.sites).toHaveLength(1);
    expect(r.sites[0]).toMatchObject({ site: 'KLOT', source: 'ZR', count: 25, coveredFraction: 1, gaps: [] });
    expect(r.complete).toBe(true);
    expect(Math.abs(r.statistics.max - expected) / expected).toBeLessThan(0.005);
    expect(Math.abs(r.statistics.mean - expected) / expected).toBeLessThan(0.005);
    expect(r.statistics.areaOver.find((a: { threshold: number }) => a.threshold === 10).areaKm2).toBeCloseTo(r.statistics.valueAreaKm2, 6);
    expect(r.statistics.areaOver.find((a: { threshold: number }) => a.threshold === 25).areaKm2).toBe(0);
    // The gates span 2.0 … 12.0 km from the radar: an annulus of π(12² − 2²) km².
    expect(Math.abs(r.statistics.coveredAreaKm2 - Math.PI * (12 ** 2 - 2 ** 2)) / (Math.PI * (12 ** 2 - 2 ** 2))).toBeLessThan(0.03);
  });

  it("the accumulation's value tiles hold rate × 2 h, its colour tiles are PNGs; a box finds the site without naming it", async () => {
    const r = await rainfall(DAY_CONSTANT, DAY_CONSTANT + 2 * HOUR);
    const [z, x, y] = radarTile(10);
    const values = (await valueTile(r.valueTileJsonUrl, z, x, y)).filter((v): v is number => v !== null);
    expect(values.length).toBeGreaterThan(1000);
    for (const v of values) expect(Math.abs(v - zr(40) * 2) / (zr(40) * 2)).toBeLessThan(0.005);
    const tj = (await (await fetch(r.tileJsonUrl)).json()) as { tiles: string[]; units: string };
    expect(tj.units).toBe('mm');
    const png = await fetch(tj.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
    expect(png.headers.get('content-type')).toBe('image/png');
    expect(PNG.sync.read(Buffer.from(await png.arrayBuffer())).width).toBe(256);
    const { body } = await gql(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { rainfall(from: $from, to: $to, bbox: { west: -88.2, south: 41.5, east: -88.0, north: 41.7 }) { sites { site } statistics { bbox max } } }`,
      { from: iso(DAY_CONSTANT), to: iso(DAY_CONSTANT + 2 * HOUR) },
    );
    expect(body.data.rainfall.sites).toEqual([{ site: 'KLOT' }]);
    expect(body.data.rainfall.statistics.bbox[0]).toBeCloseTo(-88.2, 6);
    expect(Math.abs(body.data.rainfall.statistics.max - zr(40) * 2) / (zr(40) * 2)).toBeLessThan(0.005);
  });

  it('cached: asked again, the same answer; the SDK method gives it too', async () => {
    const a = await rainfall(DAY_CONSTANT, DAY_CONSTANT + 2 * HOUR);
    const b = await rainfall(DAY_CONSTANT, DAY_CONSTANT + 2 * HOUR);
    expect(b).toEqual(a);
    const sdk = await createRadomeClient({ url: `${url}/graphql` }).rainfall({ from: iso(DAY_CONSTANT), to: iso(DAY_CONSTANT + 2 * HOUR), sites: ['KLOT'], method: 'ZR' });
    if (sdk.error) throw sdk.error;
    expect(sdk.data.rainfall?.statistics?.max).toBe(a.statistics.max);
    expect(sdk.data.rainfall?.sites[0]?.source).toBe('ZR');
  });

  it('results are kept by (sites, window, method) in a byte-bounded LRU', async () => {
    const layers = new RadarLayers(catalog.reader, new StoredGridSource(objects), 64 * 1024 * 1024);
    const req = { kind: 'rainfall' as const, from: DAY_CONSTANT, to: DAY_CONSTANT + HOUR, sites: [testSite('KLOT')], method: 'ZR' as const };
    const kept = new DerivedFields(layers, 20, 64 * 1024 * 1024);
    const first = await kept.field(req);
    expect(await kept.field({ ...req })).toBe(first);
    expect(await kept.field({ ...req, method: 'AUTO' })).not.toBe(first);
    expect(await kept.field({ ...req, to: req.to + 5 * MIN })).not.toBe(first);
    // A budget smaller than one field keeps none: the same request is made again.
    const tiny = new DerivedFields(layers, 20, 1);
    const a = await tiny.field(req);
    await new Promise((r) => setImmediate(r));
    expect(await tiny.field(req)).not.toBe(a);
  });

  it('rainfallAtPoint: per 30 min interval, rate × 0.5 h', async () => {
    const { body } = await gql(
      `query($from: DateTimeISO!, $to: DateTimeISO!) { rainfallAtPoint(lon: -88.0, lat: 41.62, from: $from, to: $to, interval: "PT30M") { time end accumulationMm missingMinutes site source } }`,
      { from: iso(DAY_CONSTANT), to: iso(DAY_CONSTANT + 2 * HOUR) },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const series = body.data.rainfallAtPoint;
    expect(series.map((p: { time: string }) => Date.parse(p.time))).toEqual([0, 1, 2, 3].map((k) => DAY_CONSTANT + k * 30 * MIN));
    for (const p of series) {
      expect(p).toMatchObject({ site: 'KLOT', source: 'ZR', missingMinutes: 0 });
      expect(Math.abs(p.accumulationMm - zr(40) / 2) / (zr(40) / 2)).toBeLessThan(0.005);
    }
  });

  it('a gap longer than the limit is reported, not filled: only the covered time is integrated', async () => {
    const r = await rainfall(DAY_GAP, DAY_GAP + HOUR);
    expect(r.complete).toBe(false);
    expect(r.gapLimitMinutes).toBe(20);
    expect(r.sites[0].gaps).toEqual([{ from: iso(DAY_GAP + 10 * MIN), to: iso(DAY_GAP + 45 * MIN) }]);
    expect(r.sites[0].coveredFraction).toBeCloseTo(25 / 60, 10);
    const expected = zr(30) * (25 / 60);
    expect(Math.abs(r.statistics.max - expected) / expected).toBeLessThan(0.005);
  });

  it('the gap limit is configurable (RADOME_RAINFALL_GAP_MINUTES): at 40 min the 35 min gap is integrated', async () => {
    expect(loadServerConfig({}).rainfallGapMinutes).toBe(20);
    expect(loadServerConfig({ RADOME_RAINFALL_GAP_MINUTES: '40' }).rainfallGapMinutes).toBe(40);
    expect(() => loadServerConfig({ RADOME_RAINFALL_GAP_MINUTES: '0' })).toThrow(/RADOME_RAINFALL_GAP_MINUTES/);
    const server = await createRadomeServer({ catalog: catalog.reader, objects, onError: () => {}, config: loadServerConfig({ RADOME_RAINFALL_GAP_MINUTES: '40' }) }).listen(0, '127.0.0.1');
    try {
      const { body } = await postGraphql(`${server.url}/graphql`, RAINFALL, { from: iso(DAY_GAP), to: iso(DAY_GAP + HOUR), sites: ['KLOT'] });
      const r = body.data.rainfall;
      expect(r).toMatchObject({ gapLimitMinutes: 40, complete: true });
      expect(r.sites[0].gaps).toEqual([]);
      const expected = zr(30);
      expect(Math.abs(r.statistics.max - expected) / expected).toBeLessThan(0.005);
    } finally {
      await server.close();
    }
  });

  it('DPR is preferred when present; method ZR uses the reflectivity instead', async () => {
    const auto = await rainfall(DAY_DPR, DAY_DPR + 30 * MIN);
    expect(auto.sites[0]).toMatchObject({ source: 'DPR', count: 7 });
    expect(auto.sites[0].ids.every((id: string) => id.includes('DPR'))).toBe(true);
    const dprMm = 2 * 25.4 * 0.5;
    expect(Math.abs(auto.statistics.max - dprMm) / dprMm).toBeLessThan(0.005);
    const zrOnly = await rainfall(DAY_DPR, DAY_DPR + 30 * MIN, 'ZR');
    expect(zrOnly.sites[0]).toMatchObject({ source: 'ZR', count: 7 });
    expect(Math.abs(zrOnly.statistics.max - zr(40) / 2) / (zr(40) / 2)).toBeLessThan(0.005);
    const dprOnly = await rainfall(DAY_CONSTANT, DAY_CONSTANT + HOUR, 'DPR');
    expect(dprOnly.sites).toEqual([]);
    expect(dprOnly.missing[0].reason).toMatch(/no DPR product/);
    expect(dprOnly.reason).toMatch(/no site gave data/);
  });

  it.skipIf(!level2File)(
    'Z-R on the real KLOT volume: every gate of its lowest REF cut, read back from the sweep store, is the formula of its dBZ',
    async () => {
      const v = decodeArchiveII(readFileSync(level2File!));
      const refCuts = v.sweeps.filter((s) => s.moments.REF);
      const lowest = refCuts.reduce((a, s) => (s.elevationAngle < a.elevationAngle - 0.2 ? s : a), refCuts[0]!);
      const grid = lowest.moments.REF!;
      const layers = new RadarLayers(catalog.reader, new StoredGridSource(objects), 64 * 1024 * 1024);
      const instants = await refInstants(layers, testSite('KLOT'), v.volumeStart - MIN, v.volumeStart + MIN);
      expect(instants).toHaveLength(1);
      const field = await instants[0]!.load();
      expect(field.codes.length).toBe(grid.codes.length);
      const rates = zrRateTable(field.codeValues);
      let rained = 0;
      for (let i = 0; i < grid.codes.length; i++) {
        const code = grid.codes[i]!;
        const expected = code < 2 ? 0 : zr((code - grid.offset) / grid.scale);
        const got = rates[field.codes[i]!]!;
        if (Math.abs(got - expected) > 1e-6 * Math.max(1, expected)) throw new Error(`gate ${i}: code ${code} gives ${got} mm/h, the formula ${expected}`);
        if (expected > 0) rained++;
      }
      expect(rained).toBeGreaterThan(1000);
    },
    60_000,
  );

  /** The XYZ tile holding the radar at zoom z. */
  function radarTile(z: number): [number, number, number] {
    const latRad = (LOCATION.latitude * Math.PI) / 180;
    return [z, Math.floor(((LOCATION.longitude + 180) / 360) * 2 ** z), Math.floor(((1 - Math.log(Math.tan(latRad) + 1 / Math.cos(latRad)) / Math.PI) / 2) * 2 ** z)];
  }

  /** A 256 px value tile's values (NaN: no echo; null: no data) from a TileJSON URL. */
  async function valueTile(tileJsonUrl: string, z: number, x: number, y: number): Promise<Array<number | null>> {
    const tj = (await (await fetch(tileJsonUrl)).json()) as { tiles: string[] };
    const res = await fetch(tj.tiles[0]!.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y)));
    expect(res.status).toBe(200);
    const png = PNG.sync.read(Buffer.from(await res.arrayBuffer()));
    const out: Array<number | null> = [];
    for (let i = 0; i < png.width * png.height; i++) {
      const [r, g, b, a] = [png.data[4 * i]!, png.data[4 * i + 1]!, png.data[4 * i + 2]!, png.data[4 * i + 3]!];
      out.push(a === 0 ? null : decodeValuePixel(r, g, b, a));
    }
    return out;
  }

  it('the swath equals the per-pixel maximum of the frames it is made of', async () => {
    const [from, to] = [DAY_SWATH, DAY_SWATH + 15 * MIN];
    const { body } = await gql(
      `query($from: DateTimeISO!, $to: DateTimeISO!) {
        reflectivitySwath(from: $from, to: $to, sites: ["KLOT"]) { units reason valueTileJsonUrl tileJsonUrl sites { site source count } statistics { max mean valueAreaKm2 } }
        radarFrames(site: "KLOT", moment: REF, elevation: 0.5, from: $from, to: $to) { time valueTileJsonUrl } }`,
      { from: iso(from), to: iso(to) },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    const { reflectivitySwath: swath, radarFrames: frames } = body.data;
    expect(swath.sites).toEqual([{ site: 'KLOT', source: 'REF', count: 3 }]);
    expect(frames).toHaveLength(3);
    // The tile at zoom 10 holding the radar (the sweeps reach 12 km).
    const [z, x, y] = radarTile(10);
    const frameValues = await Promise.all(frames.map((f: { valueTileJsonUrl: string }) => valueTile(f.valueTileJsonUrl, z, x, y)));
    const swathValues = await valueTile(swath.valueTileJsonUrl, z, x, y);
    let echoes = 0;
    for (let i = 0; i < swathValues.length; i++) {
      const inputs = frameValues.map((f) => f[i]!);
      if (inputs.every((v) => v === null)) {
        expect(swathValues[i], `pixel ${i}`).toBeNull();
        continue;
      }
      const finite = inputs.filter((v): v is number => v !== null && !Number.isNaN(v));
      const expected = finite.length ? Math.max(...finite) : NaN;
      if (!Number.isNaN(expected)) echoes++;
      expect(swathValues[i], `pixel ${i}`).toEqual(expected);
    }
    expect(echoes).toBeGreaterThan(1000);
    expect(swath.statistics.max).toBe(Math.max(...swathValues.filter((v): v is number => v !== null && !Number.isNaN(v))));
  });

  it('mosaicFrames: one frame per interval with a volume within the tolerance, each with tiles; an empty window gives []', async () => {
    const q = `query($from: DateTimeISO!, $to: DateTimeISO!) { mosaicFrames(moment: REF, from: $from, to: $to, interval: "PT10M") { time siteCount tileJsonUrl valueTileJsonUrl imageUrl } }`;
    const { body } = await gql(q, { from: iso(DAY_GAP), to: iso(DAY_GAP + HOUR) });
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    // Volumes at 0, 5, 10, 45 … 60 min: frames at 0, 10, 40 and 50 (20 and 30 have none within 5 min; to is exclusive).
    expect(body.data.mosaicFrames.map((f: { time: string }) => (Date.parse(f.time) - DAY_GAP) / MIN)).toEqual([0, 10, 40, 50]);
    const frame = body.data.mosaicFrames[0];
    expect(frame.siteCount).toBe(1);
    const tj = await fetch(frame.tileJsonUrl);
    expect(tj.status).toBe(200);
    expect(((await tj.json()) as { tiles: string[] }).tiles[0]).toMatch(/\/tiles\/mosaic\/REF\/2022-03-11T00:00:00Z\/\{z\}/);
    const empty = await gql(q, { from: iso(DAY_GAP + 3 * HOUR), to: iso(DAY_GAP + 4 * HOUR) });
    expect(empty.body.data.mosaicFrames).toEqual([]);
  });

  it('a window with no data: an empty result and a reason, not an error; bad input is BAD_USER_INPUT saying what to change', async () => {
    const none = await rainfall(DAY_GAP + 5 * HOUR, DAY_GAP + 6 * HOUR, 'AUTO', null);
    expect(none).toMatchObject({ sites: [], statistics: null, reason: expect.stringMatching(/no catalogued site/) });
    const reversed = await gql(RAINFALL, { from: iso(DAY_GAP + HOUR), to: iso(DAY_GAP), sites: ['KLOT'] });
    expect(reversed.body.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/swap them/) });
    const unknown = await gql(RAINFALL, { from: iso(DAY_GAP), to: iso(DAY_GAP + HOUR), sites: ['KXYZ'] });
    expect(unknown.body.errors?.[0]?.message).toMatch(/KXYZ is not in the catalog/);
    const long = await gql(`query { reflectivitySwath(from: "2022-03-10T00:00:00Z", to: "2022-03-12T00:00:00Z") { reason } }`, {});
    expect(long.body.errors?.[0]?.message).toMatch(/ask for at most 24 h/);
    const interval = await gql(`query { rainfallAtPoint(lon: -88, lat: 41.6, from: "2022-03-10T00:00:00Z", to: "2022-03-10T01:00:00Z", interval: "P1M") { time } }`, {});
    expect(interval.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const tile = await fetch(`${url}/tiles/rainfall/SOMETIMES/2022-03-10T00:00:00Z/2022-03-10T01:00:00Z/KLOT/tilejson.json`);
    expect(tile.status).toBe(400);
  });
});

describe('volumes catalogued without a sweep store', () => {
  const ctx = useFixtureServer();

  it('are left out with a reason saying to ingest them again, not an error', async () => {
    const { body } = await postGraphql(
      ctx.server.graphqlUrl,
      `query($from: DateTimeISO!, $to: DateTimeISO!) {
        rainfall(from: $from, to: $to, sites: ["KLOT"]) { sites { site } missing { site reason } reason statistics { max } }
        reflectivitySwath(from: $from, to: $to, sites: ["KLOT"]) { missing { reason } } }`,
      { from: new Date(FIXTURE_T0).toISOString(), to: new Date(FIXTURE_T0 + HOUR).toISOString() },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    expect(body.data.rainfall).toMatchObject({ sites: [], statistics: null, missing: [{ site: 'KLOT', reason: expect.stringMatching(/no sweep store.*ingest them again/) }] });
    expect(body.data.reflectivitySwath.missing[0].reason).toMatch(/no sweep store/);
  });
});
