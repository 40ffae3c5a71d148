// NEXRAD Level 2 bench: decode time of one Archive II volume (median of runs) and peak RSS, for
// radome and for the peer decoder nexrad-level-2-data. Each decoder runs in its own child process
// so one's heap does not inflate the other's RSS.
// Run: npx tsc -p tsconfig.build.json && node dist/bench/level2.js
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { Bunzip2 } from '../ingest/decode/containers/bunzip2.js';
import { decodeArchiveII, GridPool, splitArchiveIIRecords } from '../ingest/decode/level2/index.js';
import { createLevel2Pool } from '../ingest/level2/level2-pool.js';
import { decodeArchiveIIParallel } from '../ingest/level2/parallel-decode.js';
import { pino } from 'pino';
import { ingestObject } from '../ingest/ingest-object.js';
import { locationOf, planLevel2Volume, polarGridOf } from '../ingest/level2/plan.js';
import { colorScaleForMoment, renderPolarPng, SweepRenderer } from '../ingest/render/index.js';
import { LocalFileSource } from '../ingest/sources/local-folder.js';
import { openCatalog } from '../store/catalog/index.js';
import { openObjectStore } from '../store/objects/index.js';
import { median, peakRssMb, report, timeRuns, type BenchRow } from './harness.js';

const RUNS = 6;
/**
 * Decode children run in this many rounds, radome and the peer taking turns, each child timing
 * RUNS / ROUNDS decodes: the shared machine's load drifts over minutes, and turns spread that
 * drift over both sides of the ratio instead of landing on one.
 */
const ROUNDS = 3;
const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const here = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(here), '..', '..');
const samplePath = join(process.env.RADOME_SAMPLE_DATA ?? resolve(repoRoot, '..', 'shared', 'data'), SAMPLE);

type Decoder = 'radome' | 'radome-pooled' | 'radome-parallel' | 'peer';
/** Pool threads of the parallel decoder: one per core but one, the calling thread taking a run too. */
const PARALLEL_THREADS = Number(process.env.RADOME_BENCH_DECODE_THREADS ?? Math.max(1, availableParallelism() - 1));

interface ChildResult {
  /** Wall-clock ms of each timed run. */
  times: number[];
  /** CPU ms (user + system) of each timed run: less disturbed by other processes on the machine. */
  cpuTimes: number[];
  /** The system part of cpuTimes (mostly page faults of fresh memory). */
  systemTimes: number[];
  peakRssMb: number;
  /** Radials decoded, so a decoder that silently decoded less would show. */
  radials: number;
}

/**
 * Untimed decodes before the timed ones, for every decoder alike: the parallel decoder's pool
 * thread sees only part of each volume, so its compiler settles a run later than one thread's
 * (after one warm-up, its first timed run took ~1.5x its second).
 */
const WARM_UP = 2;

/** In a child: decode the sample `runs` times after WARM_UP untimed runs and print the figures. */
async function child(decoder: Decoder, runs: number): Promise<void> {
  const bytes = readFileSync(samplePath);
  let radials = 0;
  let decode: () => void | Promise<void>;
  const pool = decoder === 'radome-parallel' ? createLevel2Pool(PARALLEL_THREADS) : null;
  if (decoder === 'radome') {
    decode = () => {
      radials = decodeArchiveII(bytes).sweeps.reduce((n, s) => n + s.radialCount, 0);
    };
  } else if (decoder === 'radome-pooled') {
    // As the ingest workers decode: grids lent by the thread's GridPool and taken back after the file.
    const grids = new GridPool();
    decode = () => {
      radials = decodeArchiveII(bytes, { grids }).sweeps.reduce((n, s) => n + s.radialCount, 0);
      grids.releaseAll();
    };
  } else if (pool) {
    const grids = new GridPool();
    decode = async () => {
      radials = (await decodeArchiveIIParallel(bytes, pool, { grids })).sweeps.reduce((n, s) => n + s.radialCount, 0);
      grids.releaseAll();
    };
  } else {
    const { Level2Radar } = createRequire(import.meta.url)('nexrad-level-2-data') as {
      Level2Radar: new (b: Buffer, o: object) => { data: unknown[][] };
    };
    decode = () => {
      radials = new Level2Radar(bytes, { logger: false }).data.reduce((n: number, e) => n + (e?.length ?? 0), 0);
    };
  }
  const times: number[] = [];
  const cpuTimes: number[] = [];
  const systemTimes: number[] = [];
  const collect = (globalThis as { gc?: () => void }).gc;
  for (let i = 0; i < WARM_UP + runs; i++) {
    collect?.(); // untimed: the previous run's garbage is not this run's cost
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    await decode();
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    if (i < WARM_UP) continue;
    times.push(wall);
    cpuTimes.push((used.user + used.system) / 1000);
    systemTimes.push(used.system / 1000);
  }
  await pool?.close();
  const result: ChildResult = { times, cpuTimes, systemTimes, peakRssMb: peakRssMb(), radials };
  console.log(JSON.stringify(result));
}

function runChild(decoder: Decoder, runs: number): ChildResult {
  const out = execFileSync(process.execPath, ['--expose-gc', here, '--child', decoder, String(runs)], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

/** Each decoder's children in ROUNDS turns, their runs and peaks put together. */
function runDecoders(decoders: Decoder[]): Map<Decoder, ChildResult> {
  const all = new Map<Decoder, ChildResult>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const d of decoders) {
      const r = runChild(d, RUNS / ROUNDS);
      const sum = all.get(d);
      if (!sum) all.set(d, r);
      else {
        sum.times.push(...r.times);
        sum.cpuTimes.push(...r.cpuTimes);
        sum.systemTimes.push(...r.systemTimes);
        sum.peakRssMb = Math.max(sum.peakRssMb, r.peakRssMb);
      }
    }
  }
  return all;
}

/**
 * Decode figures: radome on one thread (with fresh arrays, as a one-off call decodes, and with
 * grids from a GridPool, as the ingest workers decode every file after their first) and with runs
 * of records decompressed on a pool of worker threads (CPU then counts every thread), against the
 * peer, each in a fresh process.
 */
function decodeRows(): { rows: BenchRow[]; extra: Record<string, unknown> } {
  const results = runDecoders(['radome', 'radome-pooled', 'radome-parallel', 'peer']);
  const radome = results.get('radome')!;
  const pooled = results.get('radome-pooled')!;
  const parallel = results.get('radome-parallel')!;
  const peer = results.get('peer')!;
  const r = median(radome.times);
  const rp = median(parallel.times);
  const rg = median(pooled.times);
  const p = median(peer.times);
  const rc = median(radome.cpuTimes);
  const pc = median(peer.cpuTimes);
  const name = SAMPLE.split('/').pop();
  return {
    rows: [
      { metric: `decode ${name}, wall, one thread, fresh arrays (median of ${RUNS})`, unit: 'ms', radome: r, peer: p, ratio: p / r, target: '>= 10x' },
      { metric: `decode ${name}, wall, one thread, grids from a GridPool as the ingest workers decode (median of ${RUNS})`, unit: 'ms', radome: rg, peer: p, ratio: p / rg, target: '>= 10x' },
      {
        metric: `decode ${name}, wall, records decompressed on ${PARALLEL_THREADS} worker thread(s) + the caller, read on the caller into GridPool grids (median of ${RUNS})`,
        unit: 'ms',
        radome: rp,
        peer: p,
        ratio: p / rp,
        target: '>= 10x',
      },
      { metric: `decode ${name}, CPU, one thread, fresh arrays (median of ${RUNS})`, unit: 'ms', radome: rc, peer: pc, ratio: pc / rc, target: '>= 10x' },
      { metric: `decode ${name}, CPU, one thread, GridPool (median of ${RUNS})`, unit: 'ms', radome: median(pooled.cpuTimes), peer: pc, ratio: pc / median(pooled.cpuTimes), target: '>= 10x' },
      {
        metric: `decode ${name}, CPU of all threads, records decompressed on ${PARALLEL_THREADS} worker thread(s) + the caller`,
        unit: 'ms',
        radome: median(parallel.cpuTimes),
        peer: pc,
        ratio: pc / median(parallel.cpuTimes),
      },
      { metric: 'peak RSS of a decoding process', unit: 'MB', radome: radome.peakRssMb, peer: peer.peakRssMb, ratio: peer.peakRssMb / radome.peakRssMb, target: 'radome < 400' },
      {
        metric: `peak RSS of a decoding process, records decompressed on ${PARALLEL_THREADS} worker thread(s) + the caller`,
        unit: 'MB',
        radome: parallel.peakRssMb,
        peer: peer.peakRssMb,
        ratio: peer.peakRssMb / parallel.peakRssMb,
        target: 'radome < 400',
      },
      { metric: 'radials decoded (fresh / GridPool / parallel)', unit: 'count', radome: `${radome.radials} / ${pooled.radials} / ${parallel.radials}`, peer: peer.radials },
    ],
    extra: {
      sample: SAMPLE,
      runsMs: { radome: radome.times, radomePooled: pooled.times, radomeParallel: parallel.times, peer: peer.times },
      cpuMs: { radome: radome.cpuTimes, radomePooled: pooled.cpuTimes, radomeParallel: parallel.cpuTimes, peer: peer.cpuTimes },
      systemMs: { radome: radome.systemTimes, radomePooled: pooled.systemTimes, radomeParallel: parallel.systemTimes, peer: peer.systemTimes },
    },
  };
}

/**
 * bzip2 alone, all records of the sample (why radome has its own decompressor): radome's Bunzip2
 * against seek-bzip (pure JS, the peer's) and libbzip2 compiled to WASM (@foxglove/wasm-bz2).
 */
async function bzip2Rows(): Promise<{ rows: BenchRow[]; extra: Record<string, unknown> }> {
  const { records } = splitArchiveIIRecords(readFileSync(samplePath));
  const require = createRequire(import.meta.url);
  const seek = require('seek-bzip') as { decode(b: Buffer): Buffer };
  const wasm = await (require('@foxglove/wasm-bz2') as { init(): Promise<{ decompress(b: Uint8Array, size: number): Uint8Array }> }).init();
  const ours = new Bunzip2();
  const radome = median(await timeRuns(() => records.forEach((r, i) => ours.decompressView(r, `record ${i}`)), RUNS));
  const seekMs = median(await timeRuns(() => records.forEach((r) => seek.decode(Buffer.from(r))), RUNS));
  const wasmMs = median(await timeRuns(() => records.forEach((r) => wasm.decompress(r, 4 << 20)), RUNS));
  const metric = `bzip2: the ${records.length} records (median of ${RUNS})`;
  return {
    rows: [
      { metric: `${metric}, peer seek-bzip`, unit: 'ms', radome, peer: seekMs, ratio: seekMs / radome },
      { metric: `${metric}, peer libbzip2 in WASM`, unit: 'ms', radome, peer: wasmMs, ratio: wasmMs / radome },
    ],
    extra: {},
  };
}

interface PipelineResult {
  /** ms to render one sweep × moment to a 1024-px PNG, each of the volume's grids on its own. */
  sweepPngMs: number[];
  /** The same through one SweepRenderer, as ingest renders them (pixel maps shared within a sweep). */
  sharedPngMs: number[];
  /** Bytes of each of those PNGs. */
  pngBytes: number[];
  /** ms for the whole volume: decode + every PNG and JSON + objects written + catalog rows. */
  volumeMs: number[];
  sweeps: number;
  peakRssMb: number;
}

/**
 * In a child: the ingest path as production runs it, in one thread — a fresh catalog and file
 * object store per run (so nothing is skipped as already ingested), objects first, rows last.
 */
async function pipelineChild(): Promise<void> {
  const bytes = readFileSync(samplePath);
  const volume = decodeArchiveII(bytes);
  const file = { source: 'bench', key: samplePath, size: bytes.length, fingerprint: 'bench' };
  // Per-sweep PNG: each grid once after a warm-up of the first.
  const plan = () => planLevel2Volume(volume, file, { renderSize: 1024, ingestedAt: 0 });
  plan();
  const sweepPngMs: number[] = [];
  const sharedPngMs: number[] = [];
  const pngBytes: number[] = [];
  const renderer = new SweepRenderer(1024);
  for (const sweep of volume.sweeps) {
    for (const grid of Object.values(sweep.moments)) {
      const scale = colorScaleForMoment(grid.moment);
      let t0 = performance.now();
      renderPolarPng(polarGridOf(locationOf(volume), sweep, grid, scale), scale, { size: 1024 });
      sweepPngMs.push(performance.now() - t0);
      t0 = performance.now();
      const { png } = renderer.render(polarGridOf(locationOf(volume), sweep, grid, scale), scale);
      sharedPngMs.push(performance.now() - t0);
      pngBytes.push(png.length);
    }
  }
  const volumeMs: number[] = [];
  let sweeps = 0;
  for (let i = 0; i <= RUNS; i++) {
    const dir = mkdtempSync(join(tmpdir(), 'radome-bench-l2-'));
    const catalog = await openCatalog(join(dir, 'catalog.db'));
    const source = new LocalFileSource();
    const ctx = { catalog, objects: openObjectStore(`file:${join(dir, 'objects')}`), renderSize: 1024, log: pino({ level: 'silent' }) };
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    const outcome = await ingestObject(ctx, source, { source: source.id, key: samplePath, size: bytes.length, fingerprint: `run-${i}` });
    const ms = performance.now() - t0;
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
    if (outcome.status !== 'ingested') throw new Error(`bench ingest failed: ${JSON.stringify(outcome)}`);
    sweeps = Number(outcome.summary.split(' ')[0]);
    if (i > 0) volumeMs.push(ms);
  }
  const result: PipelineResult = { sweepPngMs, sharedPngMs, pngBytes, volumeMs, sweeps, peakRssMb: peakRssMb() };
  console.log(JSON.stringify(result));
}

/** Render and whole-volume figures, measured in their own process (for its peak RSS). */
function pipelineRows(): { rows: BenchRow[]; extra: Record<string, unknown> } {
  const out = execFileSync(process.execPath, ['--expose-gc', here, '--child', 'pipeline'], { encoding: 'utf8', maxBuffer: 1 << 20 });
  const r = JSON.parse(out.trim().split('\n').pop()!) as PipelineResult;
  return {
    rows: [
      { metric: `sweep × moment → 1024-px PNG, each alone (median of ${r.sweepPngMs.length} grids)`, unit: 'ms', radome: median(r.sweepPngMs), target: '<= 30' },
      { metric: `sweep × moment → 1024-px PNG, pixel maps shared per sweep (median of ${r.sharedPngMs.length})`, unit: 'ms', radome: median(r.sharedPngMs), target: '<= 30' },
      { metric: `1024-px PNG size (median of ${r.pngBytes.length})`, unit: 'KiB', radome: median(r.pngBytes) / 1024 },
      { metric: `1024-px PNG size, all ${r.pngBytes.length} together`, unit: 'KiB', radome: r.pngBytes.reduce((a, b) => a + b, 0) / 1024 },
      { metric: `whole volume → ${r.sweeps} PNG+JSON + catalog, one thread (median of ${RUNS})`, unit: 'ms', radome: median(r.volumeMs), target: '<= 2000' },
      { metric: 'peak RSS of the ingesting process', unit: 'MB', radome: r.peakRssMb, target: '<= 400' },
    ],
    extra: { sweepPngMs: r.sweepPngMs, sharedPngMs: r.sharedPngMs, pngBytes: r.pngBytes, volumeMs: r.volumeMs },
  };
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0 && process.argv[childAt + 1] === 'pipeline') {
  await pipelineChild();
} else if (childAt >= 0) {
  await child(process.argv[childAt + 1] as Decoder, Number(process.argv[childAt + 2]));
} else if (!existsSync(samplePath)) {
  console.log(`bench level2: sample ${samplePath} not found (set RADOME_SAMPLE_DATA); nothing measured`);
} else {
  const decode = decodeRows();
  const bzip2 = await bzip2Rows();
  const pipeline = pipelineRows();
  report('level2', [...decode.rows, ...bzip2.rows, ...pipeline.rows], { ...decode.extra, ...pipeline.extra });
}
