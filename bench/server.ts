/// <reference path="../test/fixtures/compressjs.d.ts" />
/**
 * The API under load on loopback (autocannon): req/s and p50/p99 latency of `sweeps(first: 20)`,
 * `productCodes` and a 1-year daily `snrSeries`, beside a bare Apollo Server hello-world measured
 * in the same run; p99 at a fixed 1,000 req/s; and server RSS after a warm-up and after a soak.
 * Each server runs in its own process (BENCH_WORKERS > 1: node:cluster workers sharing the port).
 *
 *   npm run bench -- server
 *   BENCH_SECONDS=10 BENCH_WARMUP_SECONDS=30 BENCH_SOAK_SECONDS=300 BENCH_WORKERS=2 npm run bench -- server
 *
 * Targets (issue 6): >= 3,000 req/s for sweeps(first: 20) on 2 cores (BENCH_WORKERS=2, as it was
 * measured; the default is one worker, which a core caps at about half that); p99 <= 25 ms at
 * 1,000 req/s; 0 errors; RSS flat within 10 %. The servers' CPU per request is printed too: on a
 * shared machine req/s follows the load, CPU per request much less.
 *
 * "Flat" is about growth under steady load, so the RSS baseline is taken after a warm-up: the
 * throughput runs, BENCH_WARMUP_SECONDS more of sweeps load, and then more until every server's
 * young generation is at its bound (at most MAX_EXTRA_WARMUP_SECONDS). Under sustained load V8
 * doubles a server's young generation twice (32 → 128 MB reserved, kept after GC), at a point that
 * depends on the machine's load (20–60 s in): +100 MB RSS on 2 workers, while the live heap after
 * GC stays at 28 MB per worker: one-time, not a leak. The rows print RSS after the first 2 s of
 * load too, and the live heap and young generation at both ends, so growth shows as what it is.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startIngestedServer } from '../test/sdk/ingested-server.js';
import { report, type BenchRow } from './harness.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 20);
const SOAK_SECONDS = Number(process.env.BENCH_SOAK_SECONDS ?? 20);
/** The soak runs in slices of this many seconds, with memory read after each: the RSS series. */
const SOAK_SLICE_SECONDS = 10;
const MAX_EXTRA_WARMUP_SECONDS = 120;
/**
 * The servers' semi-space cap, MB: V8's own default for this heap size on 64-bit Node 24, passed
 * explicitly so the bench knows the young generation's bound (two semi-spaces).
 */
const MAX_SEMI_SPACE_MB = 64;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 1);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 16);
const here = fileURLToPath(new URL('.', import.meta.url));

interface Child {
  url: string;
  pids: number[];
  process: ChildProcess;
  /** The last `HEAP <pid> <heapUsed> <youngGeneration>` line (bytes) each server process printed after a GC. */
  heaps: Map<number, { liveHeap: number; youngGeneration: number }>;
}

function startChild(script: string, args: string[]): Promise<Child> {
  // --expose-gc: the radome child collects on SIGUSR2 before RSS is read (cluster workers inherit it).
  // NODE_ENV=production as deployed (both servers): graphql-js then skips its multi-realm checks.
  const child = spawn(process.execPath, ['--expose-gc', `--max-semi-space-size=${MAX_SEMI_SPACE_MB}`, join(here, script), ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, NODE_ENV: 'production' },
  });
  return new Promise((resolve, reject) => {
    let out = '';
    const heaps: Child['heaps'] = new Map();
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      for (const line of out.split('\n').slice(0, -1)) {
        const heap = /^HEAP (\d+) (\d+) (\d+)$/.exec(line);
        if (heap) heaps.set(Number(heap[1]), { liveHeap: Number(heap[2]), youngGeneration: Number(heap[3]) });
        const m = /^LISTENING (\S+) ([\d ]+)$/.exec(line);
        if (m) resolve({ url: m[1]!, pids: m[2]!.trim().split(' ').map(Number), process: child, heaps });
      }
      out = out.slice(out.lastIndexOf('\n') + 1);
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}: ${out}`)));
  });
}

interface Memory {
  /** Resident set of the server processes (primary and workers), MB, from /proc. */
  rss: number;
  /** JS heap in use after the GC, summed over the processes, MB: what a leak in JS grows. */
  liveHeap: number;
  /** V8 young generation reserved, summed, MB: grows in steps to its bound during warm-up. */
  youngGeneration: number;
  /** Whether every serving process's young generation has reached its bound. */
  youngGenerationAtBound: boolean;
}

/** Memory of the server processes after a full GC in each. */
async function memory(server: Child): Promise<Memory> {
  const { readFile } = await import('node:fs/promises');
  server.heaps.clear();
  for (const pid of server.pids) process.kill(pid, 'SIGUSR2');
  await new Promise((resolve) => setTimeout(resolve, 1000));
  let kb = 0;
  for (const pid of server.pids) {
    const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => '');
    kb += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  }
  const heaps = [...server.heaps.values()];
  const mb = (bytes: number) => bytes / 2 ** 20;
  // With workers, the first pid is the cluster primary, which serves nothing.
  const serving = server.pids.length > 1 ? server.pids.slice(1) : server.pids;
  return {
    rss: kb / 1024,
    liveHeap: mb(heaps.reduce((sum, h) => sum + h.liveHeap, 0)),
    youngGeneration: mb(heaps.reduce((sum, h) => sum + h.youngGeneration, 0)),
    youngGenerationAtBound: serving.every((pid) => mb(server.heaps.get(pid)?.youngGeneration ?? 0) >= 2 * MAX_SEMI_SPACE_MB),
  };
}

/** CPU milliseconds (user + system) the processes have used, from /proc (utime and stime count 1/100 s on Linux). */
async function cpuMs(pids: number[]): Promise<number> {
  const { readFile } = await import('node:fs/promises');
  let ticks = 0;
  for (const pid of pids) {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    // Fields after the command name, which may hold spaces: state is field 3, utime 14, stime 15.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    ticks += Number(fields[11] ?? 0) + Number(fields[12] ?? 0);
  }
  return ticks * 10;
}

interface Load {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  /** Server CPU (all its processes) per answered request, ms. */
  cpuMsPerRequest: number;
}

async function load(server: Child, query: string, variables: Record<string, unknown>, seconds: number, overallRate?: number): Promise<Load> {
  const cpuBefore = await cpuMs(server.pids);
  const result = await autocannon({
    url: `${server.url}/graphql`,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
    connections: CONNECTIONS,
    duration: seconds,
    ...(overallRate ? { overallRate } : {}),
  });
  const cpu = (await cpuMs(server.pids)) - cpuBefore;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    errors: result.errors + result.timeouts + result.non2xx,
    cpuMsPerRequest: cpu / Math.max(1, result.requests.total),
  };
}

const SWEEPS =
  'query($site: String) { sweeps(filter: { site: $site }, first: 20) { totalCount edges { node { id moment elevationAngle startTime bbox imageUrl } } pageInfo { hasNextPage endCursor } } }';
const PRODUCT_CODES = '{ productCodes { code mnemonic name category units count } }';
const SNR_YEAR = 'query($station: String!) { snrSeries(station: $station, from: "2024-01-01T00:00:00Z", to: "2025-01-01T00:00:00Z", interval: "P1D") { points { start count mean min max stddev } } }';
const HELLO = '{ hello }';

const data = await startIngestedServer();
const catalogPath = join(data.dir, 'catalog.db');
const objectsDir = join(data.dir, 'objects');
const [radome, hello] = await Promise.all([startChild('_server-child.js', [catalogPath, objectsDir, String(WORKERS)]), startChild('_hello-child.js', [])]);
const stationRes = await fetch(`${radome.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ gnssStations { id } }' }) });
const station = ((await stationRes.json()) as { data: { gnssStations: { id: string }[] } }).data.gnssStations[0]!.id;

try {
  // Warm up JIT, statement caches and Apollo's document cache before the throughput runs.
  await load(radome, SWEEPS, { site: 'KLOT' }, 2);
  await load(hello, HELLO, {}, 2);
  const afterFirstLoad = await memory(radome);

  const helloLoad = await load(hello, HELLO, {}, SECONDS);
  const sweeps = await load(radome, SWEEPS, { site: 'KLOT' }, SECONDS);
  const codes = await load(radome, PRODUCT_CODES, {}, SECONDS);
  const snr = await load(radome, SNR_YEAR, { station }, SECONDS);
  const fixed = await load(radome, SWEEPS, { site: 'KLOT' }, SECONDS, 1000);
  const warmup = await load(radome, SWEEPS, { site: 'KLOT' }, WARMUP_SECONDS);
  let warmupSeconds = 2 + 4 * SECONDS + WARMUP_SECONDS;
  let soakStart = await memory(radome);
  for (let extra = 0; !soakStart.youngGenerationAtBound && extra < MAX_EXTRA_WARMUP_SECONDS; extra += SOAK_SLICE_SECONDS) {
    warmup.errors += (await load(radome, SWEEPS, { site: 'KLOT' }, SOAK_SLICE_SECONDS)).errors;
    warmupSeconds += SOAK_SLICE_SECONDS;
    soakStart = await memory(radome);
  }
  const soakSeries: Memory[] = [];
  let soakErrors = 0;
  for (let left = SOAK_SECONDS; left > 0; left -= SOAK_SLICE_SECONDS) {
    soakErrors += (await load(radome, SWEEPS, { site: 'KLOT' }, Math.min(SOAK_SLICE_SECONDS, left))).errors;
    soakSeries.push(await memory(radome));
  }
  const soakEnd = soakSeries.at(-1) ?? soakStart;
  const mbPair = (a: number, b: number) => `${a.toFixed(1)} / ${b.toFixed(1)}`;

  const rows: BenchRow[] = [
    {
      metric: 'sweeps(first: 20) req/s',
      unit: 'req/s',
      radome: sweeps.rps,
      peer: helloLoad.rps,
      ratio: (sweeps.rps / helloLoad.rps).toFixed(2),
      // The target was set and met with 2 workers; one worker is bounded by one core's share.
      target: WORKERS === 2 ? '>= 3000 (2 cores)' : `>= 3000 needs BENCH_WORKERS=2 (ran ${WORKERS})`,
    },
    {
      metric: 'sweeps(first: 20) server CPU per request',
      unit: 'ms',
      radome: sweeps.cpuMsPerRequest,
      peer: helloLoad.cpuMsPerRequest,
      ratio: (sweeps.cpuMsPerRequest / helloLoad.cpuMsPerRequest).toFixed(2),
    },
    { metric: 'sweeps(first: 20) p50 / p99', unit: 'ms', radome: `${sweeps.p50} / ${sweeps.p99}`, peer: `${helloLoad.p50} / ${helloLoad.p99}` },
    { metric: 'productCodes req/s', unit: 'req/s', radome: codes.rps, peer: helloLoad.rps, ratio: (codes.rps / helloLoad.rps).toFixed(2) },
    { metric: 'productCodes p50 / p99', unit: 'ms', radome: `${codes.p50} / ${codes.p99}` },
    { metric: '1-year daily snrSeries req/s', unit: 'req/s', radome: snr.rps, peer: helloLoad.rps, ratio: (snr.rps / helloLoad.rps).toFixed(2) },
    { metric: '1-year daily snrSeries p50 / p99', unit: 'ms', radome: `${snr.p50} / ${snr.p99}` },
    { metric: 'sweeps p99 at 1000 req/s', unit: 'ms', radome: fixed.p99, target: '<= 25' },
    { metric: 'errors (all runs)', unit: '', radome: sweeps.errors + codes.errors + snr.errors + fixed.errors + warmup.errors + soakErrors, target: '0' },
    {
      metric: `RSS after 2 s load / after ${warmupSeconds} s warm-up load (after GC)`,
      unit: 'MB',
      radome: mbPair(afterFirstLoad.rss, soakStart.rss),
      ratio: (soakStart.rss / afterFirstLoad.rss).toFixed(3),
    },
    {
      metric: `RSS after warm-up${soakStart.youngGenerationAtBound ? '' : ' (young generation not yet at its bound)'} / after ${SOAK_SECONDS} s more load (after GC)`,
      unit: 'MB',
      radome: mbPair(soakStart.rss, soakEnd.rss),
      ratio: (soakEnd.rss / soakStart.rss).toFixed(3),
      target: 'within 10 %',
    },
    { metric: 'live JS heap after warm-up / after soak (after GC)', unit: 'MB', radome: mbPair(soakStart.liveHeap, soakEnd.liveHeap), ratio: (soakEnd.liveHeap / soakStart.liveHeap).toFixed(3) },
    { metric: 'V8 young generation after 2 s load / after warm-up / after soak', unit: 'MB', radome: `${afterFirstLoad.youngGeneration} / ${soakStart.youngGeneration} / ${soakEnd.youngGeneration}` },
  ];
  report('server', rows, {
    workers: WORKERS,
    connections: CONNECTIONS,
    seconds: SECONDS,
    warmupSeconds,
    soakSeconds: SOAK_SECONDS,
    peer: 'bare Apollo Server 5 hello-world (startStandaloneServer), same run',
    runs: { sweeps, productCodes: codes, snrSeries: snr, helloWorld: helloLoad, fixedRate1000: fixed, warmup },
    memoryMb: { afterFirstLoad, afterWarmup: soakStart, soakEverySlice: soakSeries, soakSliceSeconds: SOAK_SLICE_SECONDS },
  });
} finally {
  radome.process.kill();
  hello.process.kill();
  await data.close();
}
