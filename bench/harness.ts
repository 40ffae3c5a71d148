import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';

/** Median of a list of numbers (the figure quoted everywhere: machines here are noisy). */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Runs `fn` `runs` times (after `warmup` untimed runs) and returns each run's milliseconds. */
export async function timeRuns(fn: () => unknown, runs = 5, warmup = 1): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}

export interface BenchRow {
  metric: string;
  radome: number | string;
  peer?: number | string;
  /** peer / radome (how many times faster radome is), or another stated ratio. */
  ratio?: number | string;
  target?: string;
  unit?: string;
}

const fmt = (v: number | string | undefined): string => (v === undefined ? '' : typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v);

/** Prints rows as an aligned table and writes them (plus `extra`) to var/bench/<name>.json. */
export function report(name: string, rows: BenchRow[], extra: Record<string, unknown> = {}): void {
  const header = ['metric', 'unit', 'radome', 'peer', 'ratio', 'target'];
  const lines = rows.map((r) => [r.metric, r.unit ?? '', fmt(r.radome), fmt(r.peer), fmt(r.ratio), r.target ?? '']);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join('  ');
  console.log(`\n== bench: ${name} (${new Date().toISOString()}, node ${process.version})`);
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) console.log(line(l));
  const out = join(process.env.RADOME_BENCH_DIR ?? join('var', 'bench'), `${name}.json`);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ name, at: new Date().toISOString(), node: process.version, rows, ...extra }, null, 2));
  console.log(`written ${out}`);
}

function threadIds(): string[] {
  try {
    return readdirSync('/proc/self/task');
  } catch {
    return []; // not Linux: the breakdown stays empty
  }
}

/**
 * Threads by kind, told apart by when they appear (Node names them all "node"): those of
 * start-up besides the main one are V8's platform (GC, compiler) and libuv's pool ('other'), the
 * plan pool's workers come later. libuv starts its pool at the first request that needs it: a
 * bench that has made none yet calls startLibuvPool before it starts any worker thread.
 */
let startupThreads = new Set(threadIds());

/** Starts libuv's thread pool (one request) and counts its threads as 'other'. */
export async function startLibuvPool(): Promise<void> {
  await stat(process.execPath);
  startupThreads = new Set(threadIds());
}

function threadKind(tid: string): string {
  if (tid === String(process.pid)) return 'main';
  return startupThreads.has(tid) ? 'other' : 'worker';
}

/**
 * CPU seconds used so far by this process's threads, summed by kind: 'main' (reads, object
 * writes, commits), 'worker' (the plan pool), 'other' (V8's GC and compiler threads, libuv's
 * pool). A thread that has exited is not counted, so take both snapshots while the pool is up.
 */
export function threadCpuSeconds(): Map<string, number> {
  const byKind = new Map<string, number>();
  for (const tid of threadIds()) {
    let stat: string;
    try {
      stat = readFileSync(`/proc/self/task/${tid}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // utime and stime, fields 14 and 15 of stat(5), in clock ticks (100 per second on Linux).
    const seconds = (Number(fields[11]) + Number(fields[12])) / 100;
    const kind = threadKind(tid);
    byKind.set(kind, (byKind.get(kind) ?? 0) + seconds);
  }
  return byKind;
}

export function cpuDelta(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [kind, s] of after) out[kind] = s - (before.get(kind) ?? 0);
  return out;
}

/**
 * Threads that do a fixed amount of integer arithmetic when asked and answer with its wall
 * milliseconds: `latency-bound` is one dependent chain, which leaves most of a core's integer
 * units idle (room for a hyperthread sibling); `throughput-bound` is eight independent chains,
 * which keep them all busy, so a core shared with another thread slows it.
 */
const ARITHMETIC_THREAD = `
const { parentPort, workerData } = require('node:worker_threads');
parentPort.on('message', (n) => {
  const t0 = performance.now();
  let a = 1, b = 2, c = 3, d = 4, e = 5, f = 6, g = 7, h = 8;
  if (workerData === 'latency-bound') {
    for (let i = 0; i < n; i++) a = Math.imul(a ^ i, 0x9e3779b1) >>> 0;
  } else {
    for (let i = 0; i < n; i++) {
      a = (a + i) | 0; b ^= i; c = (c + (i << 1)) | 0; d ^= i >> 1;
      e = (e + (i << 2)) | 0; f ^= i << 3; g = (g + (i >> 2)) | 0; h ^= i >> 3;
    }
  }
  parentPort.postMessage([performance.now() - t0, a ^ b ^ c ^ d ^ e ^ f ^ g ^ h]);
});`;

/** Two threads against one on pure arithmetic (no memory traffic, no locks), of each kind. */
export interface TwoThreadCapacity {
  /** 2.0 unless the vCPUs are time-sliced (another process or tenant takes turns on them). */
  latencyBound: number;
  /**
   * 2.0 when the VM's two vCPUs run on separate physical cores that no other tenant shares;
   * about 1 when they are one core's two hyperthreads, which a dependent chain does not show;
   * above 2 when the lone thread's core was the busier one. On this project's VMs it swings
   * from ~1.3 to ~2.4 within seconds, so one probe describes a moment, not a run.
   */
  throughputBound: number;
}

/**
 * What the host gives two busy threads against one: one thread's rate alone against the sum of
 * two threads' rates side by side, the median of `rounds`. Printed beside a speed-up, it tells a
 * host whose cores are shared apart from one whose caches and memory are (which this does not
 * see; a workload's own CPU per unit with 2 threads against 1 does).
 */
export async function twoThreadCapacity(rounds = 3, work = 2e8): Promise<TwoThreadCapacity> {
  return { latencyBound: await capacityOf('latency-bound', rounds, work), throughputBound: await capacityOf('throughput-bound', rounds, work) };
}

async function capacityOf(kind: 'latency-bound' | 'throughput-bound', rounds: number, work: number): Promise<number> {
  const threads = [new Worker(ARITHMETIC_THREAD, { eval: true, workerData: kind }), new Worker(ARITHMETIC_THREAD, { eval: true, workerData: kind })];
  const time = (w: Worker) =>
    new Promise<number>((resolve) => {
      w.once('message', ([ms]: [number]) => resolve(ms));
      w.postMessage(work);
    });
  try {
    await Promise.all(threads.map(time)); // compiled and warm
    const capacities: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const alone = await time(threads[0]!);
      const [a, b] = await Promise.all(threads.map(time));
      capacities.push(alone / a! + alone / b!);
    }
    return median(capacities);
  } finally {
    await Promise.all(threads.map((w) => w.terminate()));
  }
}
