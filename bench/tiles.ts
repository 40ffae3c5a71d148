/**
 * Map tiles, point values and the national mosaic, from the stored (Zarr) sweeps:
 *  - one 256-px tile of the sample volume's lowest REF sweep, cold (sweep read from its Zarr store
 *    and prepared) and warm (prepared sweep cached): p50 / p95;
 *  - tiles/s served over HTTP with autocannon, 2 server processes (node:cluster), warm, 0 errors;
 *  - radarValue (default sweep choice) cold and warm;
 *  - radarPointSeries over 24 h of one site (288 volumes at 5 min), cold and warm;
 *  - one CONUS 0.01° mosaic frame from 160 re-sited volumes (all NEXRAD sites but two), and this
 *    process's peak RSS;
 *  - the Zarr sweep store's extra ingest time and bytes (bench zarr's figures, 3 runs), last.
 * Volumes besides the sample are the project's synthetic REF cut (720 radials × 1832 gates) put
 * at real NEXRAD sites, written as ingest writes them (catalog rows and Zarr sweep stores).
 *
 *   npm run bench -- tiles          (BENCH_SECONDS=5, BENCH_CONNECTIONS=16)
 *
 * Targets (issue 19): tile p50 <= 3 ms warm, p95 <= 40 ms cold; >= 1,500 tiles/s on 2 cores with
 * 0 errors; CONUS frame <= 2 s.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { nexradSiteIds, nexradSiteLocation } from '../core/nexrad-sites.js';
import { decodeArchiveII } from '../ingest/decode/level2/index.js';
import { encodeSweepStore } from '../ingest/level2/sweep-store.js';
import { level2ObjectStem, level2ZarrPrefix } from '../ingest/level2/volume-id.js';
import { level2SweepId, level2VolumeId, parseRadarSiteId, type RadarSiteId } from '../core/vocabulary/index.js';
import { polarGridOf, locationOf, volumeRows, withSite, type SitedVolume } from '../ingest/level2/plan.js';
import { colorScaleForMoment } from '../ingest/render/index.js';
import { PolarTileSource, renderTile, tileRange } from '../ingest/render/render-tile.js';
import { StoredGridSource } from '../server/tiles/grid-source.js';
import { MosaicService } from '../server/tiles/mosaic.js';
import { radarPointSeriesAt, radarValueAt } from '../server/tiles/point-values.js';
import { RadarLayers } from '../server/tiles/radar-layers.js';
import { type Catalog, openCatalog, openReadOnlyCatalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/index.js';
import type { SweepRow } from '../store/catalog/index.js';
import { encodeArchiveII } from '../test/fixtures/archive2-encoder.js';
import { moment, sweep31 } from '../test/level2/synthetic-volumes.js';
import { sampleFile } from '../test/sample-data.js';
import { median, peakRssMb, report, type BenchRow } from './harness.js';
import { sweepStoreFigures } from './_sweep-store.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const here = fileURLToPath(new URL('.', import.meta.url));
const T = Date.UTC(2024, 5, 1, 0, 0, 0);
const CACHE_BYTES = 2048 * 1024 * 1024;

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
};

/** The project's synthetic REF cut (encoded and decoded once), re-sited and re-timed: what the mosaic and the point series read. */
const template = decodeArchiveII(
  encodeArchiveII({
    site: 'KLOT',
    volumeStart: T,
    vcp: 212,
    location: { latitude: 41.6, longitude: -88.08, heightM: 200, feedhornHeightM: 20 },
    compression: 'none',
    radialsPerRecord: 120,
    sweeps31: [sweep31(1, 0.5, 0.5, 720, T, { REF: moment('REF', 720, 1832, 7) })],
  }),
);

function syntheticVolume(site: RadarSiteId, start: number): SitedVolume {
  const loc = nexradSiteLocation(site)!;
  const shift = start - template.volumeStart;
  return {
    ...template,
    site,
    volumeStart: start,
    location: { latitude: loc.latitude, longitude: loc.longitude, heightM: loc.heightM ?? 0, feedhornHeightM: 20 },
    sweeps: template.sweeps.map((s) => ({ ...s, startTime: s.startTime + shift, endTime: s.endTime + shift, times: s.times.map((t) => t + shift) })),
  };
}

/** Writes a decoded volume as ingest does for tiles: its catalog rows and its Zarr sweep store (no overlays). */
async function store(catalog: Catalog, objects: FileObjectStore, volume: SitedVolume): Promise<void> {
  const location = locationOf(volume);
  const volumeId = level2VolumeId(volume.site, volume.volumeStart);
  const zarrKey = level2ZarrPrefix(volume.site, volume.volumeStart, volumeId);
  await objects.putMany(encodeSweepStore(zarrKey, volume, volumeId, location));
  const scale = colorScaleForMoment('REF');
  const sweeps: SweepRow[] = volume.sweeps.flatMap((sweep, sweepIndex) =>
    Object.values(sweep.moments).map((grid) => {
      const id = level2SweepId(volumeId, sweep.elevationNumber, grid!.moment);
      const stem = level2ObjectStem(volume.site, volume.volumeStart, id);
      const { bbox } = new PolarTileSource(polarGridOf(location, sweep, grid!, scale));
      return {
        id,
        volumeId,
        site: volume.site,
        elevationNumber: sweep.elevationNumber,
        elevationAngle: sweep.elevationAngle,
        moment: grid!.moment,
        startTime: sweep.startTime,
        endTime: sweep.endTime,
        radialCount: sweep.radialCount,
        gateCount: grid!.gateCount,
        firstGateKm: grid!.firstGateKm,
        gateSpacingKm: grid!.gateSpacingKm,
        imageKey: `${stem}.png`,
        metadataKey: `${stem}.json`,
        bbox,
        corners: [
          [bbox[0], bbox[3]],
          [bbox[2], bbox[3]],
          [bbox[2], bbox[1]],
          [bbox[0], bbox[1]],
        ],
        sweepIndex,
      };
    }),
  );
  const file = { source: 'bench', key: volumeId, fingerprint: volumeId, size: 0 };
  await catalog.writer.radar.commitVolume({
    file: { ...file, ingestedAt: T },
    ...volumeRows(volume, location, volume.sweeps, sweeps, file, T),
    sweeps,
  });
}

const dir = mkdtempSync(join(tmpdir(), 'radome-bench-tiles-'));
const catalogPath = join(dir, 'catalog.db');
const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
const writer = await openCatalog(catalogPath);
const samplePath = sampleFile('nexrad/level2/KLOT20220317_000842_V06');
const sample = samplePath
  ? withSite(decodeArchiveII(readFileSync(samplePath)), { source: 'bench', key: samplePath, size: 0, fingerprint: '' })
  : syntheticVolume(parseRadarSiteId('KLOT', 'bench site'), T - 86_400_000);
await store(writer, objects, sample);
// 24 h of KTLX at 5 min, and one volume at each of 160 CONUS sites at T.
for (let i = 0; i < 288; i++) await store(writer, objects, syntheticVolume(parseRadarSiteId('KTLX', 'bench site'), T - 86_400_000 + i * 300_000));
// 160 of the 162 NEXRAD sites (KTLX has the series): the ~145 in the CONUS frame and some beyond it
// (Alaska, Hawaii, Puerto Rico, Guam), which a national composite reads and the frame leaves out.
const mosaicSites = nexradSiteIds()
  .filter((id) => id !== 'KTLX')
  .slice(0, 160);
for (const [i, site] of mosaicSites.entries()) await store(writer, objects, syntheticVolume(site, T + (i % 5) * 30_000));
await writer.close();

const catalog = await openReadOnlyCatalog(catalogPath);
const freshLayers = () => new RadarLayers(catalog.reader, new StoredGridSource(objects), CACHE_BYTES);
const sampleId = level2VolumeId(sample.site, sample.volumeStart);
const sampleSweep = (await catalog.reader.radar.sweepsByIds([level2SweepId(sampleId, 1, 'REF')]))[0]!;
const sampleBbox = sampleSweep.bbox;
const tiles: [number, number, number][] = [];
for (const z of [6, 8, 10]) {
  const [x0, y0, x1, y1] = tileRange(sampleBbox, z);
  const cx = Math.floor((x0 + x1) / 2);
  const cy = Math.floor((y0 + y1) / 2);
  for (let dx = -1; dx <= 1; dx++) for (let dy = -1; dy <= 1; dy++) tiles.push([z, cx + dx, cy + dy]);
}

// One tile, cold: a fresh cache reads the sweep from its Zarr store and prepares it.
const cold: number[] = [];
for (let i = 0; i < 15; i++) {
  const layers = freshLayers();
  const [z, x, y] = tiles[i % tiles.length]!;
  const t0 = performance.now();
  const layer = await layers.sweepLayer(sampleSweep);
  renderTile(layer.source, layer.colors, z, x, y, 256);
  cold.push(performance.now() - t0);
}
const warmLayers = freshLayers();
const warmLayer = await warmLayers.sweepLayer(sampleSweep);
const warm: number[] = [];
for (let i = 0; i < 600; i++) {
  const [z, x, y] = tiles[i % tiles.length]!;
  const t0 = performance.now();
  renderTile(warmLayer.source, warmLayer.colors, z, x, y, 256);
  if (i >= tiles.length) warm.push(performance.now() - t0);
}

// radarValue: the default choice (nearest site covering the point, newest volume, lowest cut).
const point = { lon: -87.9, lat: 41.9, moment: 'REF' as const, time: sample.volumeStart + 600_000 };
const valueCold: number[] = [];
for (let i = 0; i < 10; i++) {
  const layers = freshLayers();
  const t0 = performance.now();
  await radarValueAt(layers, point);
  valueCold.push(performance.now() - t0);
}
const valueWarm: number[] = [];
for (let i = 0; i < 200; i++) {
  const t0 = performance.now();
  await radarValueAt(warmLayers, point);
  valueWarm.push(performance.now() - t0);
}

// radarPointSeries over 24 h of KTLX.
const ktlx = nexradSiteLocation('KTLX')!;
const seriesQuery = { lon: ktlx.longitude + 0.5, lat: ktlx.latitude + 0.3, moment: 'REF' as const, from: T - 86_400_000, to: T, site: parseRadarSiteId('KTLX', 'bench site') };
const seriesLayers = freshLayers();
let t0 = performance.now();
const series = await radarPointSeriesAt(seriesLayers, seriesQuery);
const seriesCold = performance.now() - t0;
const seriesWarm: number[] = [];
for (let i = 0; i < 5; i++) {
  t0 = performance.now();
  await radarPointSeriesAt(seriesLayers, seriesQuery);
  seriesWarm.push(performance.now() - t0);
}

// The CONUS frame: cold (160 sweeps read from Zarr), then again with the sweeps cached.
const mosaicLayers = freshLayers();
t0 = performance.now();
const frame = await new MosaicService(mosaicLayers).frame(T + 60_000);
const frameCold = performance.now() - t0;
const frameWarm: number[] = [];
for (let i = 0; i < 3; i++) {
  t0 = performance.now();
  await new MosaicService(mosaicLayers).frame(T + 60_000);
  frameWarm.push(performance.now() - t0);
}
const frameSites = (frame.json.sites as string[]).length;
const rss = peakRssMb();

// Tiles/s over HTTP: 2 server processes, every URL rendered once first (warm sweep cache).
const child = spawn(process.execPath, [join(here, '_server-child.js'), catalogPath, join(dir, 'objects'), '2'], {
  stdio: ['ignore', 'pipe', 'inherit'],
  env: { ...process.env, NODE_ENV: 'production' },
});
const url = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    out += chunk.toString();
    const m = /LISTENING (\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`server exited with ${code}: ${out}`)));
});
let load: autocannon.Result;
try {
  const paths = tiles.map(([z, x, y]) => `/tiles/sweep/${sampleSweep.id}/${z}/${x}/${y}.png`);
  for (let round = 0; round < 4; round++) for (const p of paths) await (await fetch(`${url}${p}`)).arrayBuffer();
  load = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, requests: paths.map((path) => ({ method: 'GET', path })) });
} finally {
  child.kill();
}
const tileErrors = load.errors + load.timeouts + load.non2xx;
// After the load, not to share the cores with it; the sample volume only (real ingest figures).
const zarr = samplePath ? await sweepStoreFigures(samplePath, 3) : null;

const rows: BenchRow[] = [
  { metric: 'one 256-px tile, warm p50 / p95', unit: 'ms', radome: `${median(warm).toFixed(2)} / ${percentile(warm, 0.95).toFixed(2)}`, target: 'p50 <= 3' },
  { metric: 'one tile, cold (Zarr read + prepare + render) p50 / p95', unit: 'ms', radome: `${median(cold).toFixed(1)} / ${percentile(cold, 0.95).toFixed(1)}`, target: 'p95 <= 40' },
  { metric: `tiles/s over HTTP, 2 processes, ${CONNECTIONS} connections, warm`, unit: 'tiles/s', radome: load.requests.average, target: '>= 1500, 0 errors' },
  { metric: 'tile p50 / p99 latency under that load', unit: 'ms', radome: `${load.latency.p50} / ${load.latency.p99}` },
  { metric: 'errors (HTTP load)', unit: '', radome: tileErrors, target: '0' },
  { metric: 'radarValue (default sweep) cold / warm, median', unit: 'ms', radome: `${median(valueCold).toFixed(1)} / ${median(valueWarm).toFixed(3)}` },
  { metric: `radarPointSeries 24 h of KTLX (${series.length} volumes) cold / warm`, unit: 'ms', radome: `${seriesCold.toFixed(0)} / ${median(seriesWarm).toFixed(1)}` },
  { metric: `CONUS 0.01° mosaic frame, ${frameSites} volumes: cold / sweeps cached`, unit: 'ms', radome: `${frameCold.toFixed(0)} / ${median(frameWarm).toFixed(0)}`, target: '<= 2000' },
  { metric: 'peak RSS of this process (after the mosaic)', unit: 'MB', radome: rss },
  ...(zarr?.rows.filter((r) => !r.metric.startsWith('readStoredSweep')) ?? []),
];
report('tiles', rows, {
  sample: samplePath ? 'real KLOT20220317_000842_V06' : 'synthetic (sample data absent)',
  tiles,
  runs: { warm, cold, valueCold, valueWarm, seriesCold, seriesWarm, frameCold, frameWarm },
  load: { average: load.requests.average, latency: load.latency, errors: tileErrors },
  framePngBytes: frame.png.byteLength,
  ...(zarr ? { sweepStore: zarr.runs } : {}),
});
await catalog.close();
rmSync(dir, { recursive: true, force: true });
