// The storm cells GeoJSON as a MapLibre GeoJSON source in headless Chromium: the map loads the
// route's URL as it is (cross-origin, as an app would), renders the cells and tracks, and keeps a
// screenshot in test-artifacts/storm-cells-map.png.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestObject } from '../../ingest/ingest-object.js';
import { createRadomeServer } from '../../server/index.js';
import { type ReadOnlyCatalog, openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { NTV_SCAN_TIME, ntvProduct } from '../level3/storm-products.js';
import { repoRoot, sampleFile } from '../sample-data.js';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { MemorySource } from '../support/memory-source.js';
import { postGraphql } from '../support/radar-fixture.js';
import { serveFiles } from '../support/static-server.js';
import { testCatalogLocation } from '../support/test-catalog.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);
/** A real NST with forecast and past tracks, when the shared data is there. */
const nst = sampleFile('nexrad/level3/KDGX_NST_2022_01_16_09_31');

const MAPLIBRE = join(repoRoot, 'node_modules', 'maplibre-gl', 'dist');
const js = (name: string) => ({ body: readFileSync(join(MAPLIBRE, name)), contentType: 'text/javascript' });

/** The page: a background-only style, the cells as red circles, the tracks as blue lines. */
const PAGE = `<!doctype html><html><head><link rel="stylesheet" href="/maplibre-gl.css">
<style>html,body,#map{margin:0;width:800px;height:600px}</style></head><body><div id="map"></div>
<script type="module">
import { Map } from '/maplibre-gl.mjs';
const { data, center } = JSON.parse(decodeURIComponent(location.hash.slice(1)));
const map = new Map({ container: 'map', center, zoom: 6.5, fadeDuration: 0, attributionControl: false,
  style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#ffffff' } }] } });
map.on('error', (e) => { window.mapError = String(e.error?.message ?? e.error); });
map.on('load', () => {
  map.addSource('cells', { type: 'geojson', data });
  map.addLayer({ id: 'tracks', type: 'line', source: 'cells', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': '#0000ff', 'line-width': 3 } });
  map.addLayer({ id: 'cells', type: 'circle', source: 'cells', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': '#ff0000', 'circle-radius': 7 } });
  map.once('idle', () => { window.rendered = { cells: map.queryRenderedFeatures({ layers: ['cells'] }).length, tracks: map.queryRenderedFeatures({ layers: ['tracks'] }).length }; });
});
</script></body></html>`;

describe.skipIf(!chromiumPath)('storm cells GeoJSON in MapLibre (headless Chromium)', () => {
  let dir: string;
  let api: { url: string; close(): Promise<void> };
  let page: { url: string; close(): Promise<void> };
  let browser: LaunchedBrowser;
  let catalog: ReadOnlyCatalog;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-cells-map-'));
    const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    source.files.set('ntv', ntvProduct());
    if (nst) source.files.set('nst', readFileSync(nst));
    const location = await testCatalogLocation(join(dir, 'catalog.db'));
    const writer = await openCatalog(location);
    try {
      for (const key of source.files.keys())
        expect((await ingestObject({ catalog: writer, objects, renderSize: 64, log: pino({ level: 'silent' }) }, source, source.object(key))).status).toBe('ingested');
    } finally {
      await writer.close();
    }
    catalog = await openReadOnlyCatalog(location);
    const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: () => {} }).listen(0, '127.0.0.1');
    api = { url: listening.url, close: () => listening.close() };
    page = await serveFiles({
      '/': { body: PAGE, contentType: 'text/html' },
      '/favicon.ico': { body: new Uint8Array(0), contentType: 'image/x-icon' },
      '/maplibre-gl.css': { body: readFileSync(join(MAPLIBRE, 'maplibre-gl.css')), contentType: 'text/css' },
      '/maplibre-gl.mjs': js('maplibre-gl.mjs'),
      '/maplibre-gl-shared.mjs': js('maplibre-gl-shared.mjs'),
      '/maplibre-gl-worker.mjs': js('maplibre-gl-worker.mjs'),
    });
    browser = await launchBrowser(chromiumPath);
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await api?.close();
    await catalog?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('renders every cell, and the forecast and past tracks, from the URL stormCellsGeoJsonUrl gives', async () => {
    const [site, time, center] = nst ? ['KDGX', Date.UTC(2022, 0, 16, 9, 15, 21), [-89.4, 32.7]] : ['KLOT', NTV_SCAN_TIME, [-87.6, 41.2]];
    const { body } = await postGraphql(
      `${api.url}/graphql`,
      `query($site: String!, $from: DateTimeISO!, $to: DateTimeISO!) { stormCells(site: $site, from: $from, to: $to) { cellId } stormCellsGeoJsonUrl(site: $site, from: $from, to: $to) }`,
      {
        site,
        from: new Date(time - 60_000).toISOString(),
        to: new Date(time + 60_000).toISOString(),
      },
    );
    const cells = body.data.stormCells.length as number;
    expect(cells).toBeGreaterThan(1);
    const tab = await browser.context.newPage();
    await tab.setViewportSize({ width: 800, height: 600 });
    await tab.goto(`${page.url}/#${encodeURIComponent(JSON.stringify({ data: body.data.stormCellsGeoJsonUrl, center }))}`);
    await tab.waitForFunction(() => (window as any).rendered || (window as any).mapError, undefined, { timeout: 60_000 });
    expect(await tab.evaluate(() => (window as any).mapError)).toBeUndefined();
    const rendered = (await tab.evaluate(() => (window as any).rendered)) as { cells: number; tracks: number };
    expect(rendered.cells).toBe(cells);
    if (nst) expect(rendered.tracks).toBeGreaterThan(0);

    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    const shot = await tab.screenshot({ path: join(repoRoot, 'test-artifacts', 'storm-cells-map.png') });
    const png = PNG.sync.read(shot);
    let red = 0;
    let blue = 0;
    for (let k = 0; k < png.data.length; k += 4) {
      const [r, g, b] = [png.data[k]!, png.data[k + 1]!, png.data[k + 2]!];
      if (r > 200 && g < 60 && b < 60) red++;
      if (b > 200 && r < 60 && g < 60) blue++;
    }
    // Each circle of radius 7 px covers ~150 px: every cell drawn (some may overlap a little).
    expect(red).toBeGreaterThan(cells * 60);
    if (nst) expect(blue).toBeGreaterThan(50);
    expect(browser.requests.filter((u) => !isLoopback(u))).toEqual([]);
    expect(browser.errors, JSON.stringify(browser.requests)).toEqual([]);
    await tab.close();
  }, 120_000);
});
