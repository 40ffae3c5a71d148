// NEXRAD Level 2 bench: decode time of one Archive II volume (median of runs) and peak RSS, for
// radome and for the peer decoder nexrad-level-2-data. Each decoder runs in its own child process
// so one's heap does not inflate the other's RSS.
// Run: npx tsc -p tsconfig.build.json && node dist/bench/level2.js
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { decodeArchiveII } from '../ingest/decode/level2/index.js';
import { median, peakRssMb, report, type BenchRow } from './harness.js';

const RUNS = 5;
const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const here = fileURLToPath(import.meta.url);
const repoRoot = resolve(dirname(here), '..', '..');
const samplePath = join(process.env.RADOME_SAMPLE_DATA ?? resolve(repoRoot, '..', 'shared', 'data'), SAMPLE);

type Decoder = 'radome' | 'peer';

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

/** In a child: decode the sample `RUNS` times after one warm-up run and print the figures. */
function child(decoder: Decoder): void {
  const bytes = readFileSync(samplePath);
  let radials = 0;
  let decode: () => void;
  if (decoder === 'radome') {
    decode = () => {
      radials = decodeArchiveII(bytes).sweeps.reduce((n, s) => n + s.radialCount, 0);
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
  for (let i = 0; i <= RUNS; i++) {
    collect?.(); // untimed: the previous run's garbage is not this run's cost
    const cpu = process.cpuUsage();
    const t0 = performance.now();
    decode();
    const wall = performance.now() - t0;
    const used = process.cpuUsage(cpu);
    if (i === 0) continue; // warm-up
    times.push(wall);
    cpuTimes.push((used.user + used.system) / 1000);
    systemTimes.push(used.system / 1000);
  }
  const result: ChildResult = { times, cpuTimes, systemTimes, peakRssMb: peakRssMb(), radials };
  console.log(JSON.stringify(result));
}

function runChild(decoder: Decoder): ChildResult {
  const out = execFileSync(process.execPath, ['--expose-gc', here, '--child', decoder], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out.trim().split('\n').pop()!) as ChildResult;
}

/** Decode figures: radome against the peer, each in a fresh process. */
function decodeRows(): { rows: BenchRow[]; extra: Record<string, unknown> } {
  const radome = runChild('radome');
  const peer = runChild('peer');
  const r = median(radome.times);
  const p = median(peer.times);
  const rc = median(radome.cpuTimes);
  const pc = median(peer.cpuTimes);
  const name = SAMPLE.split('/').pop();
  return {
    rows: [
      { metric: `decode ${name}, wall (median of ${RUNS})`, unit: 'ms', radome: r, peer: p, ratio: p / r, target: '>= 10x' },
      { metric: `decode ${name}, CPU (median of ${RUNS})`, unit: 'ms', radome: rc, peer: pc, ratio: pc / rc, target: '>= 10x' },
      { metric: 'peak RSS of a decoding process', unit: 'MB', radome: radome.peakRssMb, peer: peer.peakRssMb, ratio: peer.peakRssMb / radome.peakRssMb, target: 'radome < 400' },
      { metric: 'radials decoded', unit: 'count', radome: radome.radials, peer: peer.radials },
    ],
    extra: { sample: SAMPLE, runsMs: { radome: radome.times, peer: peer.times }, cpuMs: { radome: radome.cpuTimes, peer: peer.cpuTimes }, systemMs: { radome: radome.systemTimes, peer: peer.systemTimes } },
  };
}

// Render and whole-volume (decode + render + store) figures are added here by the ingest layer.
function pipelineRows(): { rows: BenchRow[]; extra: Record<string, unknown> } {
  return { rows: [], extra: {} };
}

const childAt = process.argv.indexOf('--child');
if (childAt >= 0) {
  child(process.argv[childAt + 1] as Decoder);
} else if (!existsSync(samplePath)) {
  console.log(`bench level2: sample ${samplePath} not found (set RADOME_SAMPLE_DATA); nothing measured`);
} else {
  const decode = decodeRows();
  const pipeline = pipelineRows();
  report('level2', [...decode.rows, ...pipeline.rows], { ...decode.extra, ...pipeline.extra });
}
