import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { moment, sweep31 } from '../level2/synthetic-volumes.js';
import { repoRoot } from '../sample-data.js';
import { chromiumSkipReason, findChromium, launchBrowser, SWIFTSHADER_WEBGL, type LaunchedBrowser } from '../support/browser.js';
import { serveFiles } from '../support/static-server.js';
import { startSampleServer, type SampleServer } from './sample-server.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);

/** The test page's module: MapLibre (its own ES modules from node_modules, which load its worker beside them; no CDN) and the SDK's rasterSource (bundled). */
const APP = `
import * as maplibregl from '/maplibre-gl.mjs';
import { rasterSource } from '${repoRoot}/sdk/src/index.ts';

window.showSweep = (tileJsonUrl, center) => new Promise((resolve, reject) => {
  const map = new maplibregl.Map({
    container: 'map',
    style: { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': '#000000' } }] },
    center,
    zoom: 6,
    fadeDuration: 0,
    attributionControl: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.on('error', (e) => reject(new Error(String(e.error?.message ?? e))));
  map.on('load', () => {
    map.addSource('radar', rasterSource(tileJsonUrl));
    map.addLayer({ id: 'radar', type: 'raster', source: 'radar', paint: { 'raster-resampling': 'nearest', 'raster-fade-duration': 0 } });
    const read = () => {
      const gl = map.getCanvas().getContext('webgl2') ?? map.getCanvas().getContext('webgl');
      const { width, height } = map.getCanvas();
      const pixels = new Uint8Array(width * height * 4);
      gl.readPixels(0, 0, width, height, gl.RGBA, gl.UNSIGNED_BYTE, pixels);
      const radar = map.project(center);
      const edge = map.project([center[0], center[1] + 150 / 111.2]);
      resolve({ width, height, pixels: Array.from(pixels), radar: [radar.x, radar.y], radiusPx: Math.abs(radar.y - edge.y), pixelRatio: devicePixelRatio });
    };
    // Once every tile of the source is in, draw one more frame and read it.
    const poll = () => (map.isSourceLoaded('radar') && map.areTilesLoaded() ? (map.once('render', read), map.triggerRepaint()) : setTimeout(poll, 100));
    poll();
  });
});
`;

describe.skipIf(!chromiumPath)('MapLibre in Chromium (WebGL through SwiftShader) draws a sweep from its TileJSON', () => {
  let server: SampleServer;
  let page: { url: string; close(): Promise<void> };
  let browser: LaunchedBrowser;
  const klot = nexradSiteLocation('KLOT')!;
  beforeAll(async () => {
    const T = Date.UTC(2024, 5, 1, 12, 0, 0);
    const volume = encodeArchiveII({
      site: 'KLOT',
      volumeStart: T,
      vcp: 212,
      location: { latitude: klot.latitude, longitude: klot.longitude, heightM: klot.heightM ?? 0, feedhornHeightM: 20 },
      compression: 'none',
      radialsPerRecord: 120,
      sweeps31: [sweep31(1, 0.5, 0.5, 720, T, { REF: moment('REF', 720, 600, 7) })],
    });
    server = await startSampleServer({ klot: volume });
    const bundle = await build({
      stdin: { contents: APP, resolveDir: repoRoot, loader: 'js' },
      bundle: true,
      external: ['/maplibre-gl.mjs'],
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'silent',
    });
    const maplibre = join(repoRoot, 'node_modules', 'maplibre-gl', 'dist');
    const modules = Object.fromEntries(
      readdirSync(maplibre)
        .filter((f) => f.endsWith('.mjs'))
        .map((f) => [`/${f}`, { contentType: 'text/javascript', body: readFileSync(join(maplibre, f)) }]),
    );
    page = await serveFiles({
      '/': {
        contentType: 'text/html',
        body: '<!doctype html><html><body style="margin:0"><div id="map" style="width:512px;height:512px"></div><script type="module" src="/app.js"></script></body></html>',
      },
      '/app.js': { contentType: 'text/javascript', body: bundle.outputFiles[0]!.text },
      ...modules,
    });
    browser = await launchBrowser(chromiumPath, SWIFTSHADER_WEBGL);
  });
  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await server?.close();
  });

  it('shows radar pixels around the radar and none beyond its range; the screenshot is saved', { timeout: 180_000 }, async () => {
    const r = await server.graphql<{ sweeps: { edges: { node: { tileJsonUrl: string } }[] } }>('{ sweeps(first: 1) { edges { node { tileJsonUrl } } } }');
    const tileJsonUrl = r.data!.sweeps.edges[0]!.node.tileJsonUrl;
    const tab = await browser.context.newPage();
    await tab.goto(page.url);
    await tab.waitForFunction(() => 'showSweep' in window);
    const shown = (await tab.evaluate(([url, center]) => (window as unknown as { showSweep(u: string, c: number[]): Promise<unknown> }).showSweep(url, center), [
      tileJsonUrl,
      [klot.longitude, klot.latitude],
    ] as [string, number[]])) as {
      width: number;
      height: number;
      pixels: number[];
      radar: [number, number];
      radiusPx: number;
      pixelRatio: number;
    };
    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    writeFileSync(join(repoRoot, 'test-artifacts', 'maplibre-sweep.png'), await tab.screenshot());
    expect(browser.errors.filter((e) => !e.includes('favicon') && !e.includes('404'))).toEqual([]);
    const requested = browser.requests.filter((u) => u.includes('/tiles/sweep/'));
    expect(requested.some((u) => u.endsWith('/tilejson.json'))).toBe(true);
    expect(requested.some((u) => /\/\d+\/\d+\/\d+\.png$/.test(u))).toBe(true);
    // readPixels rows run from the bottom; the radar's screen position scales with the pixel ratio.
    const { width, height, pixels, pixelRatio } = shown;
    const [rx, ry] = [shown.radar[0] * pixelRatio, shown.radar[1] * pixelRatio];
    const radius = shown.radiusPx * pixelRatio;
    let inside = 0;
    let coloredInside = 0;
    let coloredOutside = 0;
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const i = 4 * ((height - 1 - y) * width + x);
        const colored = pixels[i]! + pixels[i + 1]! + pixels[i + 2]! > 0;
        const d = Math.hypot(x + 0.5 - rx, y + 0.5 - ry);
        if (d < radius * 0.97) {
          inside++;
          if (colored) coloredInside++;
        } else if (d > radius * 1.03 && colored) coloredOutside++;
      }
    }
    expect(coloredInside / inside).toBeGreaterThan(0.4);
    expect(coloredOutside).toBe(0);
  });
});
