/**
 * Start-up of the `radome` command as a user meets it, each a whole process, median of runs:
 * `radome --help`; `radome ingest files <one Level 2 volume>` into a fresh data dir; `radome serve`
 * until /healthz answers. Beside each, the same command from the code before issue 22 made the
 * subcommands load lazily (BENCH_CLI_BEFORE, default commit 14505ae), built from git into
 * var/bench/cli-before-<rev> over this checkout's node_modules, and run alternately with ours so
 * both meet the same machine load. Wall time and CPU time (user + system, from the shell's `times`)
 * are both printed: on a shared machine wall time swings with the load, CPU time much less.
 *
 *   npm run bench -- cli
 *   BENCH_CLI_RUNS=11 npm run bench -- cli
 *
 * Targets (issue 22): --help <= 150 ms; ingest files of one volume <= 1.0 s; serve answering
 * /healthz <= 1 s.
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { encodeArchiveII } from '../test/fixtures/archive2-encoder.js';
import { volume31 } from '../test/level2/synthetic-volumes.js';
import { median, report, type BenchRow } from './harness.js';

const RUNS = Number(process.env.BENCH_CLI_RUNS ?? 7);
const BEFORE = process.env.BENCH_CLI_BEFORE ?? '14505ae';
const root = process.cwd();
const sample = join(process.env.RADOME_SAMPLE_DATA ?? resolve(root, '..', 'shared', 'data'), 'nexrad', 'level2', 'KLOT20220317_000842_V06');

/** The code at `rev`, compiled, or null when this clone does not have it. */
function buildBefore(rev: string): string | null {
  const dir = resolve(root, 'var', 'bench', `cli-before-${rev}`);
  if (existsSync(join(dir, 'dist', 'cli', 'main.js'))) return dir;
  try {
    execFileSync('git', ['cat-file', '-e', `${rev}^{commit}`], { cwd: root, stdio: 'ignore' });
  } catch {
    return null;
  }
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  execFileSync('sh', ['-c', `git archive ${rev} | tar -x -C "${dir}"`], { cwd: root });
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: dir, stdio: 'inherit' });
  if (existsSync(join(root, 'dist', 'graphiql'))) symlinkSync(join(root, 'dist', 'graphiql'), join(dir, 'dist', 'graphiql'));
  return dir;
}

interface Run {
  wallMs: number;
  cpuMs: number;
}

/** Runs `node <checkout>/bin/radome.js <args>` to its end; wall and CPU milliseconds. */
function runCli(checkout: string, args: string[], env: Record<string, string>): Promise<Run> {
  // The shell's `times` prints its children's user and system CPU on its second line.
  const script = `"$0" "$@" >/dev/null 2>/tmp/radome-bench-cli.err || { cat /tmp/radome-bench-cli.err >&2; exit 1; }; times`;
  return new Promise((done, fail) => {
    const t0 = performance.now();
    const child = spawn('sh', ['-c', script, process.execPath, join(checkout, 'bin', 'radome.js'), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.on('close', (code) => {
      const wallMs = performance.now() - t0;
      if (code !== 0) return fail(new Error(`radome ${args.join(' ')} (${checkout}) exited with ${code}`));
      const m = /(\d+)m([\d.]+)s (\d+)m([\d.]+)s\s*$/.exec(out.trim());
      if (!m) return fail(new Error(`no times output: ${out}`));
      done({ wallMs, cpuMs: (Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4])) * 1000 });
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** CPU milliseconds (user + system) a live process has used, from /proc (Linux; NaN elsewhere). */
function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10; // clock ticks of 10 ms
  } catch {
    return NaN;
  }
}

/** `radome serve` from spawn until GET /healthz answers 200: wall and CPU ms. */
async function serveToHealthz(checkout: string, dataDir: string): Promise<Run> {
  const port = await freePort();
  const t0 = performance.now();
  const child = spawn(process.execPath, [join(checkout, 'bin', 'radome.js'), 'serve', '--port', String(port)], { env: { ...process.env, RADOME_DATA_DIR: dataDir }, stdio: 'ignore' });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`radome serve (${checkout}) exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return { wallMs: performance.now() - t0, cpuMs: processCpuMs(child.pid!) };
      if (performance.now() - t0 > 60_000) throw new Error(`radome serve (${checkout}) did not answer /healthz in 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await new Promise((r) => child.once('close', r));
  }
}

interface Figures {
  helpWall: number[];
  helpCpu: number[];
  ingestWall: number[];
  ingestCpu: number[];
  serveWall: number[];
  serveCpu: number[];
}
const empty = (): Figures => ({ helpWall: [], helpCpu: [], ingestWall: [], ingestCpu: [], serveWall: [], serveCpu: [] });

async function measureOnce(checkout: string, volume: string, into: Figures): Promise<void> {
  const help = await runCli(checkout, ['--help'], {});
  into.helpWall.push(help.wallMs);
  into.helpCpu.push(help.cpuMs);
  // Each run's data dir is kept until the end: on this machine's ext4, files created in the minutes
  // after many were deleted cost more (the allocator passes over the freed inodes), and deleting
  // the last run's ~500 objects before each run put 0.2-0.5 s of system time into the next one.
  const dataDir = join(scratch, `data-${dataDirs++}`);
  const ingest = await runCli(checkout, ['ingest', 'files', volume], { RADOME_DATA_DIR: dataDir, LOG_FORMAT: 'json' });
  into.ingestWall.push(ingest.wallMs);
  into.ingestCpu.push(ingest.cpuMs);
  const serve = await serveToHealthz(checkout, dataDir);
  into.serveWall.push(serve.wallMs);
  into.serveCpu.push(serve.cpuMs);
}

let dataDirs = 0;
const scratch = mkdtempSync(join(tmpdir(), 'radome-bench-cli-vol-'));
let volume = sample;
if (!existsSync(volume)) {
  console.log(`real sample ${sample} not found: timing a synthetic volume instead`);
  volume = join(scratch, 'KLOT20220317_000842_V06');
  writeFileSync(volume, encodeArchiveII(volume31()));
}

const before = buildBefore(BEFORE);
if (!before) console.log(`commit ${BEFORE} is not in this clone: printing today's figures only (set BENCH_CLI_BEFORE to compare)`);
const ours = empty();
const theirs = empty();
const loads: number[] = [];
try {
  await measureOnce(root, volume, empty()); // warm the page cache for both
  if (before) await measureOnce(before, volume, empty());
  for (let i = 0; i < RUNS; i++) {
    loads.push(loadavg()[0]!);
    await measureOnce(root, volume, ours);
    if (before) await measureOnce(before, volume, theirs);
  }
} finally {
  rmSync(scratch, { recursive: true, force: true });
}

const row = (metric: string, key: keyof Figures, target?: string): BenchRow => {
  const now = median(ours[key]);
  const then = before ? median(theirs[key]) : undefined;
  return { metric, unit: 'ms', radome: now, peer: then, ratio: then === undefined ? undefined : then / now, target };
};
report(
  'cli',
  [
    row('radome --help, wall', 'helpWall', '<= 150'),
    row('radome --help, CPU', 'helpCpu'),
    row('ingest files <one Level 2 volume>, wall', 'ingestWall', '<= 1000'),
    row('ingest files <one Level 2 volume>, CPU', 'ingestCpu'),
    row('serve until /healthz answers, wall', 'serveWall', '<= 1000'),
    row('serve until /healthz answers, CPU', 'serveCpu'),
  ],
  { runs: RUNS, before: before ? BEFORE : null, volume, loadAverage1m: { median: median(loads), max: Math.max(...loads) }, samples: { ours, before: theirs } },
);
console.log(
  `peer = the same command before lazy loading (${BEFORE}); ratio = before / now. ${RUNS} runs each, alternated; 1-min load average median ${median(loads).toFixed(1)} (max ${Math.max(...loads).toFixed(1)}) on ${process.env.HOSTNAME ?? 'this host'}.`,
);
