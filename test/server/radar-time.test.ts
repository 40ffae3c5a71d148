// radarFrames, stormCells and the storm cells GeoJSON route over data that went through the real
// ingest (decode → plan → objects → SQLite): Level 2 volumes of three VCPs made by the project's
// Archive II encoder, a synthetic NTV, and the real storm products when the shared data is there.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { check } from '@placemarkio/check-geojson';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import { KM_PER_KFT } from '../../ingest/decode/level3/storm-cells/index.js';
import { serveCatalog } from '../support/served-catalog.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeArchiveII, type EncodeOptions } from '../fixtures/archive2-encoder.js';
import { LOCATION, moment, sweep31 } from '../level2/synthetic-volumes.js';
import { NTV_SCAN_TIME, ntvProduct } from '../level3/storm-products.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { MemorySource } from '../support/memory-source.js';
import { ingestEveryFile } from '../support/ingest-source.js';
import { postGraphql } from '../support/radar-fixture.js';
import { testCatalogLocation } from '../support/test-catalog.js';

// The day before the real KLOT volume (2022-03-17 00:08:42), so windows hold only these volumes.
const T = Date.UTC(2022, 2, 16, 0, 0, 0);
const MIN = 60_000;

/** A volume of REF cuts at `angles` (elevation numbers from 1), 20 s apart. */
function volume(start: number, vcp: number, angles: number[]): EncodeOptions {
  return {
    site: 'KLOT',
    volumeStart: start,
    vcp,
    plannedCuts: angles,
    location: LOCATION,
    compression: 'none',
    sweeps31: angles.map((a, k) => sweep31(k + 1, a, 1, 36, start + k * 20_000, { REF: moment('REF', 36, 20, k + 1) })),
  };
}

/**
 * Three VCPs: 212 with a split lowest cut (0.48° twice), 35 (0.53°), 215 with a SAILS repeat of
 * 0.5° after 1.3°. Frames at 0.5° must take elevation 1 of each (the first of equal cuts), at 1.4°
 * 1.32°, 1.45° and 1.3°.
 */
const VOLUMES = [volume(T, 212, [0.48, 0.48, 0.88, 1.32]), volume(T + 5 * MIN, 35, [0.53, 0.53, 1.45]), volume(T + 10 * MIN, 215, [0.5, 0.9, 1.3, 0.5, 1.8])];

const LEVEL2_REL = 'nexrad/level2/KLOT20220317_000842_V06';
const level2File = sampleFile(LEVEL2_REL);
if (!level2File) console.warn(skipReason(LEVEL2_REL));

const STORM_REL = 'nexrad/level3';
const stormDir = sampleFile(STORM_REL);
if (!stormDir) console.warn(skipReason(STORM_REL));
const STORM_FILES = stormDir ? readdirSync(stormDir).filter((f) => /_(NST|NHI|NSS|NMD)_|^sn\.0011$/.test(f)) : [];

describe('radar over time: frames and storm cells', () => {
  let dir: string;
  let url: string;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-radar-time-'));
    const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    VOLUMES.forEach((v, k) => source.files.set(`klot-volume-${k}`, encodeArchiveII(v)));
    source.files.set('klot-ntv', ntvProduct());
    for (const f of STORM_FILES) source.files.set(f, readFileSync(join(stormDir!, f)));
    if (level2File) source.files.set('KLOT20220317_000842_V06', readFileSync(level2File));
    const location = await testCatalogLocation(join(dir, 'catalog.db'));
    await ingestEveryFile(location, objects, source);
    ({ url, close } = await serveCatalog(location, objects));
  }, 120_000);

  afterAll(async () => {
    await close?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const gql = (query: string, variables: Record<string, unknown>) => postGraphql(`${url}/graphql`, query, variables);
  const iso = (t: number) => new Date(t).toISOString();

  async function frames(elevation: number, extra: Record<string, unknown> = {}) {
    const { body } = await gql(
      `query($elevation: Float, $from: DateTimeISO!, $to: DateTimeISO!, $limit: Int) {
        radarFrames(site: "KLOT", moment: REF, elevation: $elevation, from: $from, to: $to, limit: $limit) { time sweep { id elevationAngle imageUrl } } }`,
      { elevation, from: iso(T - MIN), to: iso(T + 20 * MIN), ...extra },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data.radarFrames as Array<{ time: string; sweep: { id: string; elevationAngle: number; imageUrl: string } }>;
  }

  describe('radarFrames', () => {
    it('one frame per volume, in time order, the cut nearest the angle whatever the VCP (the first of equal cuts)', async () => {
      const at05 = await frames(0.5);
      expect(at05.map((f) => f.sweep.id.split('/')[1])).toEqual(['e01-REF', 'e01-REF', 'e01-REF']);
      expect(at05.map((f) => f.sweep.elevationAngle)).toEqual([expect.closeTo(0.48, 4), expect.closeTo(0.53, 4), expect.closeTo(0.5, 4)]);
      expect(at05.map((f) => Date.parse(f.time))).toEqual([T, T + 5 * MIN, T + 10 * MIN]);
      const at14 = await frames(1.4);
      expect(at14.map((f) => f.sweep.id.split('/')[1])).toEqual(['e04-REF', 'e03-REF', 'e03-REF']);
      expect(at14.map((f) => f.sweep.elevationAngle)).toEqual([expect.closeTo(1.32, 4), expect.closeTo(1.45, 4), expect.closeTo(1.3, 4)]);
      const png = await fetch(at14[0]!.sweep.imageUrl);
      expect(png.headers.get('content-type')).toBe('image/png');
      await png.arrayBuffer();
    });

    it.skipIf(!level2File)(
      'the real KLOT volume (VCP 35, split cuts, 1.23° and 1.28° both recorded): the nearest REF cut, computed from the decoded volume',
      async () => {
        const v = decodeArchiveII(readFileSync(level2File!));
        const start = v.volumeStart;
        for (const angle of [0.5, 1.26, 1.24, 3.0, 19.5]) {
          // Independent oracle: the nearest REF cut by angle, the lower elevation number among equals.
          let best = v.sweeps.filter((s) => s.moments.REF)[0]!;
          for (const s of v.sweeps) if (s.moments.REF && Math.abs(s.elevationAngle - angle) < Math.abs(best.elevationAngle - angle)) best = s;
          const got = await frames(angle, { from: iso(start - MIN), to: iso(start + 10 * MIN) });
          expect(got, `${angle}°`).toHaveLength(1);
          expect(got[0]!.sweep.id, `${angle}°`).toBe(`KLOT20220317_000842/e${String(best.elevationNumber).padStart(2, '0')}-REF`);
          expect(got[0]!.sweep.elevationAngle).toBeCloseTo(best.elevationAngle, 4);
        }
        expect((await frames(1.26, { from: iso(start - MIN), to: iso(start + 10 * MIN) }))[0]!.sweep.id).toMatch(/e06-REF$/);
      },
      60_000,
    );

    it('the default elevation is 0.5°; limit keeps the latest frames', async () => {
      const { body } = await gql(`query($from: DateTimeISO!, $to: DateTimeISO!) { radarFrames(site: "klot", moment: REF, from: $from, to: $to, limit: 2) { time sweep { elevationAngle } } }`, {
        from: iso(T - MIN),
        to: iso(T + 20 * MIN),
      });
      expect(body.data.radarFrames.map((f: { time: string }) => Date.parse(f.time))).toEqual([T + 5 * MIN, T + 10 * MIN]);
    });

    it("mosaicFrames over the same three VCPs: a frame every 5 min, each the mosaic of the nearest volume's lowest REF cut, with its tiles", async () => {
      const { body } = await gql(
        `query($from: DateTimeISO!, $to: DateTimeISO!) { mosaicFrames(moment: REF, from: $from, to: $to, interval: "PT5M") { time siteCount tileJsonUrl valueTileJsonUrl imageUrl } }`,
        { from: iso(T - MIN), to: iso(T + 15 * MIN) },
      );
      expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
      const got = body.data.mosaicFrames as Array<{ time: string; siteCount: number; tileJsonUrl: string; valueTileJsonUrl: string; imageUrl: string }>;
      expect(got.map((f) => (Date.parse(f.time) - T) / MIN)).toEqual([-1, 4, 9, 14]);
      // Nearest volume of each frame time: T, T+5 (4 is nearer 5 than 0), T+10, T+10.
      const expectedVolume = [0, 5, 10, 10].map((m) => `KLOT${new Date(T + m * MIN).toISOString().slice(0, 19).replace(/[-:]/g, '').replace('T', '_')}`);
      for (const [k, frame] of got.entries()) {
        expect(frame.siteCount).toBe(1);
        const m = await gql(`query($time: DateTimeISO) { mosaic(time: $time) { tileJsonUrl valueTileJsonUrl imageUrl sweeps { id elevationAngle } } }`, { time: frame.time });
        expect(m.body.errors, JSON.stringify(m.body.errors)).toBeUndefined();
        const { sweeps, ...urls } = m.body.data.mosaic;
        expect(urls).toEqual({ tileJsonUrl: frame.tileJsonUrl, valueTileJsonUrl: frame.valueTileJsonUrl, imageUrl: frame.imageUrl });
        expect(sweeps.map((s: { id: string }) => s.id)).toEqual([`${expectedVolume[k]}/e01-REF`]);
      }
      const tj = await fetch(got[0]!.tileJsonUrl);
      expect(tj.status).toBe(200);
      await tj.arrayBuffer();
    });

    it('a window without volumes, or a moment without sweeps, gives an empty list', async () => {
      expect(await frames(0.5, { from: iso(T + 60 * MIN), to: iso(T + 120 * MIN) })).toEqual([]);
      const { body } = await gql(`query($from: DateTimeISO!, $to: DateTimeISO!) { radarFrames(site: "KLOT", moment: VEL, from: $from, to: $to) { time } }`, { from: iso(T), to: iso(T + 20 * MIN) });
      expect(body.data.radarFrames).toEqual([]);
    });
  });

  async function badInput(query: string, variables: Record<string, unknown>): Promise<string> {
    const { body } = await gql(query, variables);
    expect(body.errors?.[0]?.extensions?.code, JSON.stringify(body)).toBe('BAD_USER_INPUT');
    return body.errors![0]!.message;
  }

  describe('bad input: BAD_USER_INPUT saying what to change', () => {
    const FRAMES = `query($site: String!, $from: DateTimeISO!, $to: DateTimeISO!, $elevation: Float, $limit: Int) { radarFrames(site: $site, moment: REF, elevation: $elevation, from: $from, to: $to, limit: $limit) { time } }`;
    const CELLS = `query($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) { stormCells(site: $site, from: $from, to: $to) { cellId } }`;
    const URL_Q = `query($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) { stormCellsGeoJsonUrl(site: $site, from: $from, to: $to) }`;

    it('reversed and too long windows', async () => {
      for (const q of [FRAMES, CELLS, URL_Q]) {
        expect(await badInput(q, { site: 'KLOT', from: iso(T + MIN), to: iso(T) })).toMatch(/from must be earlier than to.*swap them/);
      }
      expect(await badInput(CELLS, { site: 'KLOT', from: iso(T), to: iso(T + 25 * 60 * MIN) })).toMatch(/25\.0 h long; ask for at most 24 h/);
      expect(await badInput(FRAMES, { site: 'KLOT', from: iso(T), to: iso(T + 8 * 24 * 60 * MIN) })).toMatch(/ask for at most 168 h/);
    });

    it('unknown and malformed sites, elevations and limits', async () => {
      expect(await badInput(CELLS, { site: 'KXYZ', from: iso(T), to: iso(T + MIN) })).toMatch(/site KXYZ is not in the catalog; list known sites with the radarSites query/);
      expect(await badInput(FRAMES, { site: 'LOT', from: iso(T), to: iso(T + MIN) })).toMatch(/4-letter ICAO/);
      expect(await badInput(FRAMES, { site: 'KLOT', from: iso(T), to: iso(T + MIN), elevation: 95 })).toMatch(/elevation must be an angle/);
      expect(await badInput(FRAMES, { site: 'KLOT', from: iso(T), to: iso(T + MIN), limit: 0 })).toMatch(/limit must be between 1 and/);
    });

    it('the GeoJSON route answers 400 with the same messages', async () => {
      const res = await fetch(`${url}/storm-cells.geojson?site=KLOT&from=${iso(T + MIN)}&to=${iso(T)}`);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' }, message: expect.stringMatching(/swap them/) });
      const missing = await fetch(`${url}/storm-cells.geojson?site=KLOT`);
      expect(missing.status).toBe(400);
      expect(((await missing.json()) as any).errors[0].message).toMatch(/missing query parameter from, to/);
    });
  });

  const CELL_FIELDS = `cellId time lon lat azimuth rangeKm maxReflectivity maxReflectivityHeightKm topKm vil poh posh maxHailSizeIn mesocyclone tvs
    product { id } products { id } forecast { minutes lon lat } past { time lon lat }`;

  async function stormCells(site: string, from: number, to: number) {
    const { body } = await gql(
      `query($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) { stormCells(site: $site, from: $from, to: $to) { ${CELL_FIELDS} } stormCellsGeoJsonUrl(site: $site, from: $from, to: $to) }`,
      {
        site,
        from: iso(from),
        to: iso(to),
      },
    );
    expect(body.errors, JSON.stringify(body.errors)).toBeUndefined();
    return body.data as { stormCells: any[]; stormCellsGeoJsonUrl: string };
  }

  /** The route's body, checked as RFC 7946 by @placemarkio/check-geojson, plus what it leaves to us. */
  async function geoJson(link: string) {
    const res = await fetch(link);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/geo+json');
    const text = await res.text();
    const fc = check(text) as any; // throws on any RFC 7946 structural issue
    expect(fc.type).toBe('FeatureCollection');
    expect(fc.crs).toBeUndefined(); // RFC 7946 §4: no crs member
    for (const f of fc.features) {
      expect(['Point', 'LineString']).toContain(f.geometry.type);
      if (f.geometry.type === 'LineString') expect(f.geometry.coordinates.length).toBeGreaterThanOrEqual(2);
    }
    return fc;
  }

  describe('storm cells', () => {
    it('the synthetic NTV: TVS and ETVS cells, and a GeoJSON of them in lon/lat order', async () => {
      const { stormCells: cells, stormCellsGeoJsonUrl: link } = await stormCells('KLOT', NTV_SCAN_TIME - MIN, NTV_SCAN_TIME + MIN);
      expect(cells.map((c) => [c.cellId, c.tvs, c.time, c.product.id])).toEqual([
        ['A1', 'TVS', iso(NTV_SCAN_TIME), 'KLOT_NTV_20210715_221319'],
        ['B2', 'ETVS', iso(NTV_SCAN_TIME), 'KLOT_NTV_20210715_221319'],
      ]);
      expect(link).toBe(`${url}/storm-cells.geojson?site=KLOT&from=${encodeURIComponent(iso(NTV_SCAN_TIME - MIN))}&to=${encodeURIComponent(iso(NTV_SCAN_TIME + MIN))}`);
      const fc = await geoJson(link);
      expect(fc.features.map((f: any) => [f.geometry.type, f.properties.cellId])).toEqual([
        ['Point', 'A1'],
        ['Point', 'B2'],
      ]);
      // 30 nm at 120° from KLOT (41.604 N, 88.085 W): longitude first, east and south of the radar.
      const [lon, lat] = fc.features[0].geometry.coordinates;
      expect([lon, lat]).toEqual([cells[0].lon, cells[0].lat]);
      expect(lon).toBeGreaterThan(-88.085);
      expect(lon).toBeLessThan(-87);
      expect(lat).toBeLessThan(41.604);
      expect(lat).toBeGreaterThan(41);
    });

    it('a window without storm products gives an empty list and an empty FeatureCollection', async () => {
      const { stormCells: cells, stormCellsGeoJsonUrl: link } = await stormCells('KLOT', T, T + 60 * MIN);
      expect(cells).toEqual([]);
      expect((await geoJson(link)).features).toEqual([]);
    });

    describe.skipIf(!stormDir)('real storm products', () => {
      it('TBW: NSS and NHI of one volume merge per cell (NSS measures, NHI adds hail)', async () => {
        const t = Date.UTC(2021, 3, 19, 19, 2, 24);
        const { stormCells: cells } = await stormCells('KTBW', t - MIN, t + MIN);
        expect(cells).toHaveLength(24);
        const d6 = cells.find((c) => c.cellId === 'D6')!;
        expect(d6).toMatchObject({ time: iso(t), vil: 29, maxReflectivity: 57, poh: 40, posh: 0, maxHailSizeIn: 0.5, mesocyclone: null, tvs: null });
        expect(d6.topKm).toBeCloseTo(19.6 * KM_PER_KFT, 6);
        expect(d6.maxReflectivityHeightKm).toBeCloseTo(15.1 * KM_PER_KFT, 6);
        expect(d6.product.id).toBe('KTBW_NSS_20210419_190224');
        expect(d6.products.map((p: { id: string }) => p.id)).toEqual(['KTBW_NSS_20210419_190224', 'KTBW_NHI_20210419_190224']);
        expect(Math.round(d6.azimuth)).toBe(120);
      });

      it('KDGX NST: forecast and past tracks, as GraphQL and as GeoJSON LineStrings starting at the cell', async () => {
        const t = Date.UTC(2022, 0, 16, 9, 15, 21);
        const { stormCells: cells, stormCellsGeoJsonUrl: link } = await stormCells('KDGX', t - MIN, t + MIN);
        expect(cells.map((c) => c.cellId).sort()).toEqual(['B4', 'E7', 'F9', 'G0', 'G9', 'M9', 'P9', 'T9']);
        const t9 = cells.find((c) => c.cellId === 'T9')!;
        expect(t9.forecast.map((f: { minutes: number }) => f.minutes)).toEqual([15, 30, 45]);
        expect(t9.past.length).toBeGreaterThan(0);
        // No NSS of this volume was ingested: the past volume times are unknown.
        expect(t9.past.every((p: { time: string | null }) => p.time === null)).toBe(true);
        const fc = await geoJson(link);
        const track = fc.features.find((f: any) => f.properties.cellId === 'T9' && f.properties.feature === 'forecast');
        expect(track.geometry.coordinates).toEqual([[t9.lon, t9.lat], ...t9.forecast.map((f: { lon: number; lat: number }) => [f.lon, f.lat])]);
        expect(fc.features.filter((f: any) => f.geometry.type === 'Point')).toHaveLength(8);
        // Every point lies near KDGX (32.28 N, 89.98 W): longitude first.
        for (const f of fc.features.filter((x: any) => x.geometry.type === 'Point')) {
          expect(Math.abs(f.geometry.coordinates[0] - -89.984)).toBeLessThan(4);
          expect(Math.abs(f.geometry.coordinates[1] - 32.28)).toBeLessThan(3);
        }
      });

      it('LOT NMD and ILX NTV: mesocyclone strength rank and TVS', async () => {
        const nmd = Date.UTC(2021, 5, 21, 4, 22, 17);
        const { stormCells: meso } = await stormCells('KLOT', nmd - MIN, nmd + MIN);
        expect(meso.find((c) => c.cellId === 'I5')).toMatchObject({ mesocyclone: 9, tvs: null });
        const ntv = Date.UTC(2021, 6, 15, 22, 13, 19);
        const { stormCells: tvs } = await stormCells('KILX', ntv - MIN, ntv + MIN);
        expect(tvs).toEqual([expect.objectContaining({ cellId: 'F0', tvs: 'TVS', azimuth: 74 })]);
      });
    });
  });
});
