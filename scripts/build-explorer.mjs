// Bundles the explorer (explorer/) into dist/explorer/: the app (app-<hash>.js/.css, esbuild),
// MapLibre's own ES modules copied beside it (maplibre-gl-<version>/: it starts its worker from
// the file next to itself, so it is not re-bundled), and the offline basemap: us-atlas and
// world-atlas TopoJSON turned into GeoJSON (topojson-client) here, at build time, so the page's
// main thread converts nothing and MapLibre's worker fetches and tiles each file itself. index.html is a template the server fills in
// (server/http/explorer.ts). Nothing is fetched from the internet at build or run time.
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { feature, mesh } from 'topojson-client';
import { browserBundleOptions, indexPage } from './browser-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'dist', 'explorer');
const modules = join(root, 'node_modules');
const maplibreVersion = JSON.parse(readFileSync(join(modules, 'maplibre-gl', 'package.json'), 'utf8')).version;
const maplibreDir = `maplibre-gl-${maplibreVersion}`;

const topology = (pkg, file) => JSON.parse(readFileSync(join(modules, pkg, file), 'utf8'));

/**
 * The basemap as GeoJSON: land (Natural Earth 1:50m) for the fill, and ONE file of every line layer
 * (coasts and country borders, Natural Earth 1:50m; US states and counties, Census 1:10m), each
 * feature's `kind` naming its layer. One source for all the lines, drawn one after another, lets
 * MapLibre draw each tile's stencil clipping mask once per repaint instead of once per source.
 */
function basemapLayers() {
  const world = topology('world-atlas', 'countries-50m.json');
  const states = topology('us-atlas', 'states-10m.json');
  const counties = topology('us-atlas', 'counties-10m.json');
  const inner = (a, b) => a !== b;
  const line = (kind, geometry) => ({ type: 'Feature', properties: { kind }, geometry });
  return {
    land: feature(world, world.objects.land),
    lines: {
      type: 'FeatureCollection',
      features: [
        line('coasts', mesh(world, world.objects.land)),
        line('borders', mesh(world, world.objects.countries, inner)),
        line('states', mesh(states, states.objects.states, inner)),
        line('counties', mesh(counties, counties.objects.counties, inner)),
      ],
    },
  };
}

/** 1e-4° (about 10 m) is finer than a pixel at any zoom the basemap is drawn at, and halves the files. */
const roundCoordinates = (_key, value) => (typeof value === 'number' ? Math.round(value * 1e4) / 1e4 : value);

const hashOf = (bytes) => createHash('sha256').update(bytes).digest('hex').slice(0, 8).toUpperCase();

/** `maplibre-gl` resolves to the copied module (types still come from the package). */
const maplibreExternal = {
  name: 'maplibre-external',
  setup(b) {
    b.onResolve({ filter: /^maplibre-gl$/ }, () => ({ path: `./${maplibreDir}/maplibre-gl.mjs`, external: true }));
  },
};

function indexHtml({ js, css, basemap }) {
  const assets = JSON.stringify({ basemap }).replace(/</g, '\\u003c');
  return indexPage({
    title: 'radome explorer',
    head: `  <link rel="stylesheet" href="explorer/${maplibreDir}/maplibre-gl.css">
  <link rel="stylesheet" href="explorer/${css}">
  <link rel="modulepreload" href="explorer/${maplibreDir}/maplibre-gl.mjs">
  <script type="application/json" id="radome-explorer-assets">${assets}</script>
  <!-- RADOME_CONFIG -->
  <script type="module" src="explorer/${js}"></script>`,
    body: `  <div id="app">
    <header class="bar" role="toolbar" aria-label="Layers">
      <strong class="brand">radome</strong>
      <label>Site <select id="site-picker" aria-label="Radar site"></select></label>
      <label>Layer <select id="layer-picker" aria-label="Layer"></select></label>
      <label>Opacity <input id="opacity" type="range" min="0" max="1" step="0.05" value="0.85" aria-label="Radar opacity"></label>
      <a href="graphiql/" class="link">GraphiQL</a>
    </header>
    <div id="status" role="status" aria-live="polite" hidden></div>
    <main id="map" aria-label="Map"></main>
    <section id="time" class="panel time" aria-label="Time" hidden>
      <button id="play" type="button" aria-label="Play">▶</button>
      <input id="frame" type="range" min="0" max="0" step="1" value="0" aria-label="Frame">
      <label>Speed <select id="speed" aria-label="Animation speed"><option value="1000">1 fps</option><option value="500" selected>2 fps</option><option value="250">4 fps</option><option value="100">10 fps</option></select></label>
      <label>Loop <select id="loop" aria-label="Loop length (frames)"><option>6</option><option selected>12</option><option>24</option><option>48</option></select></label>
      <output id="frame-time" aria-label="Frame time"></output>
    </section>
    <aside id="legend" class="panel legend" aria-label="Legend" hidden></aside>
    <output id="readout" class="panel readout" aria-label="Value under the cursor" hidden></output>
    <section id="chart" class="panel chart" aria-label="Chart" hidden></section>
  </div>`,
  });
}

export async function buildExplorer({ quiet = false } = {}) {
  const started = Date.now();
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, maplibreDir), { recursive: true });
  const result = await build({
    entryPoints: [join(root, 'explorer', 'main.ts'), join(root, 'explorer', 'style.css')],
    outdir: outDir,
    entryNames: 'app-[hash]',
    ...browserBundleOptions(quiet),
    metafile: true,
    plugins: [maplibreExternal],
  });
  const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
  const js = outputs.find((f) => f.endsWith('.js'));
  const css = outputs.find((f) => f.endsWith('.css'));
  for (const f of ['maplibre-gl.mjs', 'maplibre-gl-worker.mjs', 'maplibre-gl.css']) copyFileSync(join(modules, 'maplibre-gl', 'dist', f), join(outDir, maplibreDir, f));
  const basemap = {};
  for (const [name, geojson] of Object.entries(basemapLayers())) {
    const bytes = Buffer.from(JSON.stringify(geojson, roundCoordinates));
    const file = `${name}-${hashOf(bytes)}.geojson`;
    writeFileSync(join(outDir, file), bytes);
    basemap[name] = `explorer/${file}`;
  }
  writeFileSync(join(outDir, 'index.html'), indexHtml({ js, css, basemap }));
  const jsGzip = gzipSync(readFileSync(join(outDir, js)), { level: 9 }).byteLength;
  if (!quiet) console.log(`explorer bundled into ${outDir} in ${Date.now() - started} ms (${js}: ${(jsGzip / 1024).toFixed(1)} kB min+gzip beyond maplibre-gl)`);
  return { js, css, jsGzipBytes: jsGzip };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildExplorer();
}
