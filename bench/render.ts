// Rendering cost per sweep PNG (1024 px long side): polar → Web Mercator mapping, colour LUT and
// PNG encoding together, on realistic synthetic sweeps; plus the encoder alone against pngjs.
// Then every overlay of the real KLOT Level 2 volume (66) as ingest renders them, one SweepRenderer
// for the volume: CPU time per volume and per overlay. With
// BENCH_RENDER_BEFORE=<a checkout built with tsc -p tsconfig.build.json> (e.g. `git worktree add
// /tmp/before df1a507`, node_modules linked in), that checkout's renderer is timed alternately
// with this one's in the same process, so both meet the same load:
//
//   npm run bench -- render
//   BENCH_RENDER_BEFORE=/tmp/before npm run bench -- render
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { PNG } from 'pngjs';
import { codePalette } from '../ingest/render/code-palette.js';
import { colorScaleForMoment, encodeIndexedPng, encodeRgbaPng, renderPolarPng, type PolarGrid } from '../ingest/render/index.js';
import { median, peakRssMb, report, timeRuns, type BenchRow } from './harness.js';
import { seededRandom } from './_seeded-random.js';

const KLOT = { latitude: 41.6045, longitude: -88.0847, heightM: 202 + 20 };
const RUNS = 9;

/**
 * A sweep like real weather: convective cells and a stratiform band over noisy texture, clutter
 * near the radar, nothing beyond ~300 km where the beam overshoots; below-threshold gates are NaN
 * (about two thirds of the sweep) and values are quantised as Level 2 stores them.
 */
function syntheticSweep(kind: 'REF' | 'VEL', radials: number, gates: number, widthDeg: number): PolarGrid {
  const rnd = seededRandom(kind === 'REF' ? 1 : 2);
  const firstGateKm = 2.125;
  const gateSpacingKm = 0.25;
  const cells = Array.from({ length: 14 }, () => ({ x: (rnd() - 0.5) * 500, y: (rnd() - 0.5) * 500, r: 8 + rnd() * 30, peak: 35 + rnd() * 30 }));
  const azimuths = new Float32Array(radials);
  const values = new Float32Array(radials * gates);
  const start = rnd() * 360;
  for (let i = 0; i < radials; i++) {
    // Real radials start anywhere and jitter by a few hundredths of a degree.
    const az = (start + i * widthDeg + (rnd() - 0.5) * 0.04) % 360;
    azimuths[i] = az;
    const sin = Math.sin((az * Math.PI) / 180);
    const cos = Math.cos((az * Math.PI) / 180);
    for (let g = 0; g < gates; g++) {
      const rangeKm = firstGateKm + g * gateSpacingKm;
      const x = rangeKm * sin;
      const y = rangeKm * cos;
      let dbz = 18 * Math.exp(-(((x + 0.6 * y - 40) / 60) ** 2)) + 6 * Math.sin(x / 23) * Math.cos(y / 17) + (rnd() - 0.5) * 6;
      for (const c of cells) dbz = Math.max(dbz, c.peak * Math.exp(-((x - c.x) ** 2 + (y - c.y) ** 2) / (c.r * c.r)));
      if (rangeKm < 20) dbz = Math.max(dbz, 30 * rnd() * Math.exp(-rangeKm / 8));
      const visible = dbz > 8 && rangeKm < 300;
      const v = kind === 'REF' ? dbz : (x * 0.08 + y * 0.05) * (1 + 0.1 * Math.sin(g / 40)) + (rnd() - 0.5) * 2;
      values[i * gates + g] = visible ? Math.round(v * 2) / 2 : NaN;
    }
  }
  return { ...KLOT, elevationAngle: 0.5, radialCount: radials, gateCount: gates, azimuths, azimuthWidth: widthDeg, firstGateKm, gateSpacingKm, values };
}

/**
 * CPU milliseconds (user + system, this process) per run: on a machine shared with other jobs
 * this tracks the one-core cost far better than wall time, which also counts waiting for a core.
 */
function cpuRuns(fn: () => unknown, runs: number, warmup: number): number[] {
  for (let i = 0; i < warmup; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const before = process.cpuUsage();
    fn();
    const used = process.cpuUsage(before);
    times.push((used.user + used.system) / 1000);
  }
  return times;
}

const ref = syntheticSweep('REF', 720, 1832, 0.5);
const vel = syntheticSweep('VEL', 360, 1200, 1.0);
const refScale = colorScaleForMoment('REF');
const velScale = colorScaleForMoment('VEL');

const rows: BenchRow[] = [];
const extra: Record<string, unknown> = {};
for (const [name, grid, scale] of [
  ['REF 720×1832', ref, refScale],
  ['VEL 360×1200', vel, velScale],
] as const) {
  const overlay = renderPolarPng(grid, scale);
  const times = await timeRuns(() => renderPolarPng(grid, scale), RUNS, 2);
  const cpu = cpuRuns(() => renderPolarPng(grid, scale), RUNS, 1);
  rows.push({ metric: `${name} → ${overlay.width}×${overlay.height} PNG, wall`, radome: median(times), unit: 'ms', target: '≤ 30' });
  rows.push({ metric: `${name} → PNG, CPU time`, radome: median(cpu), unit: 'ms', target: '≤ 30' });
  rows.push({ metric: `${name} PNG size`, radome: overlay.png.length / 1024, unit: 'KiB' });
  const nan = grid.values.reduce((n, v) => n + (Number.isNaN(v) ? 1 : 0), 0) / grid.values.length;
  extra[name] = { runsMs: times, cpuMs: cpu, width: overlay.width, height: overlay.height, pngBytes: overlay.png.length, nanShare: nan };

  // The encoders alone on the same image: indexed colour, as overlays are written, and the RGBA
  // fallback against pngjs 7 with its fastest options measured here (filter Sub, deflate level 1,
  // default strategy; its JS filter loop alone costs ~10 ms). pngjs writes no palette PNGs.
  const decoded = PNG.sync.read(Buffer.from(overlay.png));
  const rgba = new Uint8Array(decoded.data.buffer, decoded.data.byteOffset, decoded.data.length);
  // Each pixel's RGBA word taken as its "code": its palette index image.
  const palette = codePalette(new Uint32Array(rgba.buffer, rgba.byteOffset, decoded.width * decoded.height))!;
  const indexed = median(await timeRuns(() => encodeIndexedPng(palette.codeIndex, decoded.width, decoded.height, palette.colors), RUNS, 2));
  rows.push({ metric: `${name} PNG encode only, indexed colour`, radome: indexed, unit: 'ms' });
  const ours = median(await timeRuns(() => encodeRgbaPng(rgba, decoded.width, decoded.height), RUNS, 2));
  const pngjs = median(await timeRuns(() => PNG.sync.write(decoded, { filterType: 1, deflateLevel: 1, deflateStrategy: 0 }), RUNS, 2));
  rows.push({ metric: `${name} PNG encode only, RGBA (peer: pngjs)`, radome: ours, peer: pngjs, ratio: pngjs / ours, unit: 'ms' });
}

/** The renderer and Level 2 planning modules of a built checkout (its dist/). */
interface RendererBuild {
  decodeArchiveII: (bytes: Uint8Array) => import('../ingest/decode/level2/types.js').Level2Volume;
  plan: typeof import('../ingest/level2/plan.js');
  render: typeof import('../ingest/render/index.js');
  moments: readonly string[];
}

async function rendererBuild(dist: string): Promise<RendererBuild> {
  const load = (path: string) => import(join(dist, path));
  return {
    decodeArchiveII: (await load('ingest/decode/level2/index.js')).decodeArchiveII,
    plan: await load('ingest/level2/plan.js'),
    render: await load('ingest/render/index.js'),
    moments: (await load('ingest/decode/level2/types.js')).MOMENTS,
  };
}

/** A function rendering every sweep × moment of the volume with `build`'s renderer, as ingest does. */
function volumeRenderer(build: RendererBuild, bytes: Uint8Array): () => { overlays: number; pixels: number } {
  const volume = build.decodeArchiveII(bytes);
  const location = build.plan.locationOf(volume);
  const grids = volume.sweeps.flatMap((sweep) =>
    build.moments.flatMap((moment) => {
      const grid = sweep.moments[moment as keyof typeof sweep.moments];
      if (!grid) return [];
      const { scale, colors } = build.plan.codeTableOf(grid);
      return [{ grid: build.plan.polarGridOf(location, sweep, grid, scale, colors), scale }];
    }),
  );
  return () => {
    const renderer = new build.render.SweepRenderer(1024);
    let pixels = 0;
    for (const { grid, scale } of grids) {
      const overlay = renderer.render(grid, scale);
      pixels += overlay.width * overlay.height;
    }
    return { overlays: grids.length, pixels };
  };
}

const samples = process.env.RADOME_SAMPLE_DATA ?? resolve(process.cwd(), '..', 'shared', 'data');
const klot = join(samples, 'nexrad', 'level2', 'KLOT20220317_000842_V06');
if (existsSync(klot)) {
  const bytes = new Uint8Array(readFileSync(klot));
  const ours = volumeRenderer(await rendererBuild(join(import.meta.dirname, '..')), bytes);
  const beforeDir = process.env.BENCH_RENDER_BEFORE;
  const before = beforeDir ? volumeRenderer(await rendererBuild(join(beforeDir, 'dist')), bytes) : null;
  const { overlays, pixels } = ours();
  before?.();
  // Alternated run by run, so a change in the machine's load meets both alike.
  const oursCpu: number[] = [];
  const beforeCpu: number[] = [];
  const loads: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    loads.push(loadavg()[0]!);
    oursCpu.push(...cpuRuns(ours, 1, 0));
    if (before) beforeCpu.push(...cpuRuns(before, 1, 0));
  }
  const now = median(oursCpu);
  rows.push({
    metric: `KLOT volume, all ${overlays} overlays (${(pixels / overlays / 1e6).toFixed(2)} Mpx each), CPU${before ? ' (peer: BENCH_RENDER_BEFORE)' : ''}`,
    radome: now,
    ...(before ? { peer: median(beforeCpu), ratio: median(beforeCpu) / now } : {}),
    unit: 'ms',
  });
  rows.push({ metric: 'KLOT volume, CPU per overlay', radome: now / overlays, unit: 'ms' });
  extra.klotVolume = { overlays, pixels, cpuMs: oursCpu, beforeCpuMs: beforeCpu, before: beforeDir ?? null, loadAverages: loads };
} else {
  console.warn(`real sample ${klot} not found (set RADOME_SAMPLE_DATA): the KLOT volume rows are left out`);
}

rows.push({ metric: 'peak RSS', radome: peakRssMb(), unit: 'MB' });
const require = createRequire(import.meta.url);
report('render', rows, { ...extra, loadAverage: loadavg(), pngjs: (require('pngjs/package.json') as { version: string }).version, runs: RUNS });
