import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';

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

const fmt = (v: number | string | undefined): string =>
  v === undefined ? '' : typeof v === 'number' ? (Math.abs(v) >= 100 ? v.toFixed(0) : v.toPrecision(3)) : v;

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
