/**
 * The catalog at a week of national data (issue 23 item 3): a catalog bulk-filled with 7 days ×
 * 160 sites of ingest-shaped rows (bench/_catalog-week-rows.ts), then p50/p99 of the reads the
 * API and tiles make, and a retention pass deleting the oldest day while a writer commits.
 *
 *   npm run bench -- catalog-week
 *   BENCH_WEEK_DAYS=1 BENCH_WEEK_SITES=40 npm run bench -- catalog-week   (a fraction: quicker; days may be fractional, e.g. 0.25)
 *   BENCH_WEEK_RETENTION_HOURS=2 (retention of the oldest 2 h, not a day), BENCH_WEEK_RETENTION=0 (none),
 *   BENCH_WEEK_QUERIES=0 (build and retention only), BENCH_WEEK_RETENTION_MAX_S=900 (stop the pass after 15 min, print how far it got)
 *   BENCH_WEEK_ENGINE=postgres (the same rows by the COPY bulk loader into Debian's PostgreSQL on a
 *   temporary folder, the same queries; not cached: the server and its data go when the bench ends)
 *
 * The built catalog is cached in var/bench/catalog-week/, keyed by the rows' version, the schema
 * version and the shape; retention runs on a copy, or on the cached file itself (which it then
 * deletes) when the disk lacks room for a copy with 8 GB to spare (a full week is ~22 GB). Targets: every query p99 ≤ 25 ms,
 * radarCoverage of a day of all sites ≤ 200 ms, retention holds a writer back ≤ 1 s at a time.
 */
import { fork } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, fsyncSync, openSync, mkdirSync, mkdtempSync, readFileSync, renameSync, rmSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { PerformanceObserver, performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createRadomeServer } from '../server/index.js';
import { bulkLoadPostgresCatalog } from '../store/catalog/postgres/bulk-load.js';
import { startPostgres } from '../test/support/postgres-server.js';
import pg from 'pg';
import { bulkLoadSqliteCatalog, CATALOG_SCHEMA_VERSION, openCatalog, openReadOnlyCatalog, type BulkLoadResult, type CatalogReader, type ReadOnlyCatalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/file-store.js';
import { NATIONAL_WEEK, WEEK_ROWS_VERSION, weekItems, weekSites, type WeekShape } from './_catalog-week-rows.js';
import { median, report, type BenchRow } from './harness.js';

const DAY_MS = 86_400_000;
/** Retention deletes the oldest this many hours (a day by default; fewer to keep a run short). */
const RETENTION_HOURS = Number(process.env.BENCH_WEEK_RETENTION_HOURS ?? 24);
/** Stops the retention pass after this many seconds (unset: runs to the end); the bench then prints how far it got. */
const RETENTION_MAX_SECONDS = process.env.BENCH_WEEK_RETENTION_MAX_S;
const RUNS = Number(process.env.BENCH_WEEK_RUNS ?? 200);
const shape: WeekShape = { ...NATIONAL_WEEK, days: Number(process.env.BENCH_WEEK_DAYS ?? NATIONAL_WEEK.days), sites: Number(process.env.BENCH_WEEK_SITES ?? NATIONAL_WEEK.sites) };
const here = fileURLToPath(new URL('.', import.meta.url));
const ENGINE = process.env.BENCH_WEEK_ENGINE ?? 'sqlite';

interface Built extends BulkLoadResult {
  buildSeconds: number;
  /** CPU seconds (user + system) of the building process (on PostgreSQL, not the server's own). */
  buildCpuSeconds?: number;
}

/** CPU seconds this process has used since `since` (a process.cpuUsage()). */
function cpuSecondsSince(since: NodeJS.CpuUsage): number {
  const u = process.cpuUsage(since);
  return (u.user + u.system) / 1e6;
}

/** The cached catalog of `shape`, built when missing (under a temporary name, renamed when done). */
function cachedCatalog(): { path: string; built: Built; cached: boolean } {
  const dir = join(process.env.RADOME_BENCH_DIR ?? join('var', 'bench'), 'catalog-week');
  const path = join(dir, `rows${WEEK_ROWS_VERSION}-schema${CATALOG_SCHEMA_VERSION}-${shape.days}d-${shape.sites}s.db`);
  const sidecar = `${path}.json`;
  if (existsSync(path) && existsSync(sidecar)) return { path, built: JSON.parse(readFileSync(sidecar, 'utf8')) as Built, cached: true };
  mkdirSync(dir, { recursive: true });
  const tmp = `${path}.building`;
  rmSync(tmp, { force: true });
  console.log(`building ${path} (${shape.days} days × ${shape.sites} sites)…`);
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const counts = bulkLoadSqliteCatalog(tmp, weekItems(shape));
  const built = { ...counts, buildSeconds: (performance.now() - t0) / 1000, buildCpuSeconds: cpuSecondsSince(c0) };
  renameSync(tmp, path);
  writeFileSync(sidecar, JSON.stringify(built));
  return { path, built, cached: false };
}

/** A new PostgreSQL catalog of `shape` (COPY bulk loader); its size is the database's on disk. */
async function postgresCatalog(url: string): Promise<{ built: Built; sizeBytes: number }> {
  console.log(`building the PostgreSQL catalog (${shape.days} days × ${shape.sites} sites)…`);
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const counts = await bulkLoadPostgresCatalog(url, weekItems(shape));
  const built = { ...counts, buildSeconds: (performance.now() - t0) / 1000, buildCpuSeconds: cpuSecondsSince(c0) };
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const size = await client.query<{ n: string }>('SELECT pg_database_size(current_database()) AS n');
    return { built, sizeBytes: Number(size.rows[0]!.n) };
  } finally {
    await client.end();
  }
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** CPU milliseconds (user + system) this process has used: on a shared machine, wall time waits for a core. */
function cpuMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Each query run RUNS times over varying sites/times (a seeded walk), after a few warm-up runs:
 * wall and CPU milliseconds of each run.
 */
async function timeQuery(fn: (i: number) => Promise<unknown>, runs = RUNS): Promise<{ wall: number[]; cpu: number[] }> {
  for (let i = 0; i < 3; i++) await fn(i);
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const [t0, c0] = [performance.now(), cpuMs()];
    await fn(i + 3);
    wall.push(performance.now() - t0);
    cpu.push(cpuMs() - c0);
  }
  return { wall, cpu };
}

/** Rows of one query's figures: wall p50 and p99, CPU p50 and p99; the target is judged on the wall p99 and, on a loaded machine, the CPU p99. */
function queryRows(name: string, target: number, t: { wall: number[]; cpu: number[]; gcPauses: number; longestGcMs: number }): BenchRow[] {
  const [p50, p99, cpu50, cpu99] = [median(t.wall), percentile(t.wall, 99), median(t.cpu), percentile(t.cpu, 99)];
  return [
    { metric: `${name} p50`, radome: p50, unit: 'ms', target: `CPU ${cpu50.toFixed(2)} ms; ${t.wall.length} runs, ${t.gcPauses} GC pauses (longest ${t.longestGcMs.toFixed(1)} ms)` },
    { metric: `${name} p99`, radome: p99, unit: 'ms', target: `≤ ${target} ms ${p99 <= target ? 'OK' : 'MISSED'}; CPU p99 ${cpu99.toFixed(2)} ms ${cpu99 <= target ? 'OK' : 'MISSED'}` },
  ];
}

function queries(reader: CatalogReader): { name: string; target: number; run: (i: number) => Promise<unknown>; runs?: number }[] {
  const sites = weekSites(shape.sites).map((s) => s.id);
  const end = shape.start + shape.days * DAY_MS;
  const site = (i: number) => sites[(i * 37) % sites.length]!;
  // A time somewhere in the catalog's span (a walk across it), and the day around it.
  const time = (i: number) => shape.start + Math.floor((((i * 7919) % 1000) / 1000) * (end - shape.start - DAY_MS)) + DAY_MS / 2;
  const lastDay = { from: end - DAY_MS, to: end };
  return [
    // README: sweeps(filter: { site: "KLOT", moment: REF }, first: 5) with totalCount.
    { name: 'README sweeps(site, moment REF, first 5)', target: 25, run: (i) => reader.radar.sweeps({ site: site(i), moments: ['REF'] }, { first: 5 }) },
    // README: volumes of a site in a day (the API's default page: 50, newest first), each with
    // its VEL sweeps (one batched sweepsForVolumes, as the resolver's DataLoader does).
    {
      name: 'README volumes(site, day, first 50) + sweeps(VEL)',
      target: 25,
      run: async (i) => {
        const from = time(i) - DAY_MS / 2;
        const page = await reader.radar.volumes({ site: site(i), from, to: from + DAY_MS }, { first: 50 });
        return reader.radar.sweepsForVolumes(
          page.rows.map((v) => v.id),
          { moments: ['VEL'] },
        );
      },
    },
    { name: 'README productCodes(PRECIPITATION, site)', target: 25, run: (i) => reader.products.codeCounts({ category: 'PRECIPITATION', site: site(i) }) },
    { name: 'README latestProducts(site, [165, 170])', target: 25, run: (i) => reader.products.latest(site(i), [165, 170]) },
    {
      name: 'README radarFrames: nearestSweeps(site, REF, 0.5°, 3 h)',
      target: 25,
      run: (i) => reader.radar.nearestSweeps({ site: site(i), moment: 'REF', elevation: 0.5, from: time(i), to: time(i) + 3 * 3_600_000 }),
    },
    { name: 'sweeps(site, 1 h window, first 100)', target: 25, run: (i) => reader.radar.sweeps({ site: site(i), from: time(i), to: time(i) + 3_600_000 }, { first: 100 }) },
    {
      name: 'sweeps(site, REF, 1 h window, ASC, first 100)',
      target: 25,
      run: (i) => reader.radar.sweeps({ site: site(i), moments: ['REF'], from: time(i), to: time(i) + 3_600_000, order: 'ASC' }, { first: 100 }),
    },
    { name: 'sweeps(all sites, 10 min window, first 100)', target: 25, run: (i) => reader.radar.sweeps({ from: time(i), to: time(i) + 600_000 }, { first: 100 }) },
    { name: 'productCodes(all sites, a day)', target: 25, runs: 5, run: (i) => reader.products.codeCounts({ from: time(i) - DAY_MS / 2, to: time(i) + DAY_MS / 2 }) },
    { name: 'productCodes(site) whole catalog', target: 25, run: (i) => reader.products.codeCounts({ site: site(i) }) },
    { name: 'latestProducts(site) all codes', target: 25, run: (i) => reader.products.latest(site(i)) },
    { name: 'latestVolumes(all sites)', target: 25, run: () => reader.radar.latestVolumes(sites) },
    // Tiles' point values: the newest volume of a site at a time, then its sweeps.
    {
      name: 'tiles: newest volume at time + its sweeps',
      target: 25,
      run: async (i) => {
        const v = (await reader.radar.volumes({ site: site(i), to: time(i) + 1, order: 'DESC' }, { first: 1 })).rows[0];
        return v ? reader.radar.sweepsForVolumes([v.id]) : null;
      },
    },
    // Tiles' mosaic: every site's volumes near a time (mosaic.ts asks ±15 min with first 10,000).
    { name: 'tiles: mosaic volumes(all sites, ±15 min)', target: 25, run: (i) => reader.radar.volumes({ from: time(i) - 900_000 - 300_000, to: time(i) + 300_001, order: 'ASC' }, { first: 10_000 }) },
    { name: 'events.after(seq, 500)', target: 25, run: (i) => reader.events.after((i * 104_729) % 1_000_000, 500) },
    { name: 'latestPrecipitation(all sites, a day)', target: 25, runs: 5, run: () => reader.products.latestPrecipitation(sites, lastDay.from, lastDay.to) },
    { name: 'latestPrecipitation(site, a day)', target: 25, run: (i) => reader.products.latestPrecipitation([site(i)], time(i) - DAY_MS / 2, time(i) + DAY_MS / 2) },
    { name: 'productCodes(site, a day)', target: 25, run: (i) => reader.products.codeCounts({ site: site(i), from: time(i) - DAY_MS / 2, to: time(i) + DAY_MS / 2 }) },
    // radarCoverage as the explorer and GraphiQL ask it: whole hours, from an hour.
    {
      name: 'radarCoverage: bucketCounts(all sites, a day, 1 h)',
      target: 200,
      runs: 20,
      run: (i) => {
        const from = Math.floor((time(i) - DAY_MS / 2) / 3_600_000) * 3_600_000;
        return reader.radar.bucketCounts({ sites, from, to: from + DAY_MS, bucketMs: 3_600_000 });
      },
    },
    // From a part-minute: the edges count rows, the whole minutes between come from radar_minute_counts.
    {
      name: 'radarCoverage: bucketCounts(all sites, a day from a part-minute, 1 h)',
      target: 200,
      runs: 20,
      run: (i) => reader.radar.bucketCounts({ sites, from: time(i) - DAY_MS / 2 + 12_345, to: time(i) + DAY_MS / 2, bucketMs: 3_600_000 }),
    },
  ];
}

/**
 * Untimed GraphQL requests before each case's timed runs. A fresh server's first ~10 requests cost
 * 15–40 ms of CPU each (V8 compiling graphql-js and Apollo's paths), a warm one 4–5 ms: with 3,
 * those landed in the timed runs (one in 50 was GraphQL sweeps' 65.8 ms p99). The first request of
 * all is printed on its own.
 */
const GRAPHQL_WARMUP = 20;

/** Garbage-collection pauses (PerformanceObserver 'gc' entries) seen while `fn` runs: how many, and the longest. */
async function withGcPauses<T>(fn: () => Promise<T>): Promise<T & { gcPauses: number; longestGcMs: number }> {
  const pauses: number[] = [];
  const observer = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) pauses.push(e.duration);
  });
  observer.observe({ entryTypes: ['gc'] });
  try {
    const result = await fn();
    // Entries are delivered asynchronously: let the last ones arrive.
    await new Promise((r) => setImmediate(r));
    return { ...result, gcPauses: pauses.length, longestGcMs: Math.max(0, ...pauses) };
  } finally {
    observer.disconnect();
  }
}

/**
 * The bench's own garbage (earlier cases' result rows, the build's) collected before a case's
 * timed runs, not in them; the pauses that do fall in them are printed (npm run bench runs node
 * with --expose-gc).
 */
function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

interface Timings {
  name: string;
  target: number;
  wall: number[];
  cpu: number[];
  gcPauses: number;
  longestGcMs: number;
}

/** A few of the README's queries and radarCoverage end to end: HTTP, GraphQL, resolvers, catalog. */
async function graphqlTimings(catalog: ReadOnlyCatalog): Promise<{ cases: Timings[]; firstRequestMs: number; firstRequestCpuMs: number }> {
  const objectsDir = mkdtempSync(join(tmpdir(), 'radome-week-objects-'));
  const server = await createRadomeServer({ catalog: catalog.reader, objects: new FileObjectStore(objectsDir, { durable: false }) }).listen(0, '127.0.0.1');
  const sites = weekSites(shape.sites).map((s) => s.id);
  const day = (i: number) => new Date(shape.start + (i % shape.days) * DAY_MS).toISOString();
  const dayAfter = (i: number) => new Date(shape.start + ((i % shape.days) + 1) * DAY_MS).toISOString();
  const cases: { name: string; target: number; runs: number; query: (i: number) => string }[] = [
    {
      name: 'GraphQL README sweeps(site, REF, first 5)',
      target: 25,
      runs: RUNS,
      query: (i) =>
        `{ sweeps(filter: { site: "${sites[(i * 37) % sites.length]}", moment: REF }, first: 5) { totalCount edges { node { id elevationAngle startTime imageUrl metadataUrl bbox corners } } pageInfo { hasNextPage endCursor } } }`,
    },
    {
      // first: 20: at the default page (50) the README's query costs 66,051, over the server's 50,000.
      name: 'GraphQL README volumes(site, day, first 20) { sweeps(VEL) }',
      target: 25,
      runs: RUNS,
      query: (i) =>
        `{ volumes(filter: { site: "${sites[(i * 37) % sites.length]}", from: "${day(i)}", to: "${dayAfter(i)}" }, first: 20) { edges { node { id scanStart vcp sweepCount sweeps(moment: VEL) { id elevationAngle imageUrl } } } } }`,
    },
    {
      name: 'GraphQL README productCodes + latestProducts',
      target: 25,
      runs: RUNS,
      query: (i) => {
        const site = sites[(i * 37) % sites.length];
        return `{ productCodes(category: PRECIPITATION, site: "${site}") { code mnemonic name units count } latestProducts(site: "${site}", codes: [165, 170]) { id mnemonic scanTime imageUrl corners } }`;
      },
    },
    {
      name: 'GraphQL radarCoverage(all sites, a day, PT1H)',
      target: 200,
      runs: 20,
      query: (i) => `{ radarCoverage(from: "${day(i)}", to: "${dayAfter(i)}", interval: "PT1H") { volumes sweeps products buckets { start volumes } } }`,
    },
  ];
  try {
    const results: Timings[] = [];
    let first: { wall: number; cpu: number } | null = null;
    for (const c of cases) {
      const post = async (i: number) => {
        const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: c.query(i) }) });
        const body = (await res.json()) as { errors?: unknown[] };
        if (res.status !== 200 || body.errors) throw new Error(`${c.name}: HTTP ${res.status} ${JSON.stringify(body.errors)}`);
      };
      for (let i = 0; i < GRAPHQL_WARMUP; i++) {
        const [t0, c0] = [performance.now(), cpuMs()];
        await post(i);
        first ??= { wall: performance.now() - t0, cpu: cpuMs() - c0 };
      }
      collectGarbage();
      const timed = await withGcPauses(async () => {
        const [wall, cpu]: number[][] = [[], []];
        for (let i = 0; i < c.runs; i++) {
          const [t0, c0] = [performance.now(), cpuMs()];
          await post(i + GRAPHQL_WARMUP);
          wall.push(performance.now() - t0);
          cpu.push(cpuMs() - c0);
        }
        return { wall, cpu };
      });
      results.push({ name: c.name, target: c.target, ...timed });
    }
    return { cases: results, firstRequestMs: first!.wall, firstRequestCpuMs: first!.cpu };
  } finally {
    await server.close();
    rmSync(objectsDir, { recursive: true, force: true });
  }
}

interface RetentionFigures {
  seconds: number;
  /** The pass hit BENCH_WEEK_RETENTION_MAX_S before deleting everything older than the cutoff. */
  stoppedEarly: boolean;
  /** Volumes older than the cutoff before the pass. */
  doomedBefore: number;
  batches: number;
  longestBatchMs: number;
  /** Time spent reading each batch's pages before its transaction (no write lock held). */
  warmMs: number;
  /** How long the retention process took to close its catalog after the pass (analyseBeforeClose). */
  closeMs: number;
  /** The writer's longest wait while the retention process closed its catalog. */
  maxWaitClosingMs: number;
  volumes: number;
  products: number;
  objects: number;
  writes: number;
  maxWaitMs: number;
  p99WaitMs: number;
}

/**
 * Deletes the oldest day from a copy of the catalog in a child process, while this process commits
 * a small write every 10 ms: the longest of those writes is how long retention held writers back.
 */
async function retentionPass(path: string): Promise<RetentionFigures & { inPlace: boolean }> {
  // SQLite: on a copy (the built file is cached), or on the file itself when a copy would leave
  // the disk under 8 GB free (other work shares it): the cache is then spent and deleted after.
  // PostgreSQL: on the bench's own database.
  const freeAfterCopy = () => {
    const disk = statfsSync(dirname(path));
    return disk.bavail * disk.bsize - statSync(path).size;
  };
  const inPlace = ENGINE === 'postgres' || freeAfterCopy() < 8e9;
  const copy = inPlace ? path : `${path}.retention`;
  if (copy !== path) {
    rmSync(copy, { force: true });
    copyFileSync(path, copy);
    // Written to disk before the pass: otherwise the kernel's writeback of the copy's GBs throttles
    // the pass's and the writer's own writes (a 2 s stall of both at one national day).
    const fd = openSync(copy, 'r+');
    fsyncSync(fd);
    closeSync(fd);
  }
  const writer = await openCatalog(copy);
  const waits: number[] = [];
  const cutoff = shape.start + RETENTION_HOURS * 3_600_000;
  const volumesLeft = async () => (await writer.reader.radar.volumes({ to: cutoff }, { first: 1 })).totalCount;
  let progress: NodeJS.Timeout | undefined;
  try {
    const doomedBefore = await volumesLeft();
    const child = fork(join(here, '_catalog-week-retention.js'), [copy, String(cutoff), ...(RETENTION_MAX_SECONDS ? [RETENTION_MAX_SECONDS] : [])], {
      stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
    });
    let out = '';
    child.stdout!.on('data', (b: Buffer) => (out += b.toString()));
    const done = new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
    let finished = false;
    void done.then(() => (finished = true));
    // Waits after the pass (the retention process closing its catalog) are counted apart.
    let passDone = false;
    child.on('message', () => (passDone = true));
    let longestClosingWait = 0;
    let n = 0;
    // A running maximum: a day's pass makes ~100,000 waits, too many to spread into Math.max.
    let longestWait = 0;
    // A day's pass at a national week runs many minutes: a line a minute shows it is going.
    const started = performance.now();
    progress = setInterval(() => {
      const s = Math.round((performance.now() - started) / 1000);
      void volumesLeft().then((left) =>
        console.log(
          `retention: ${s} s in, ${doomedBefore - left} of ${doomedBefore} volumes gone, ${waits.length} writer commits, longest wait so far ${longestWait.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(1)})`,
        ),
      );
    }, 60_000).unref();
    while (!finished) {
      const t0 = performance.now();
      try {
        await writer.writer.ingest.setFlag('bench-week-writer', String(n++), Date.now());
      } catch (e) {
        // SQLITE_BUSY after the connection's busy timeout (5 s): counted as a wait that long.
        if ((e as { code?: string }).code !== 'SQLITE_BUSY') throw e;
      }
      if (passDone) longestClosingWait = Math.max(longestClosingWait, performance.now() - t0);
      else {
        waits.push(performance.now() - t0);
        longestWait = Math.max(longestWait, waits.at(-1)!);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    if ((await done) !== 0) throw new Error(`retention child failed: ${out}`);
    const result = JSON.parse(out) as Omit<RetentionFigures, 'writes' | 'maxWaitMs' | 'p99WaitMs' | 'doomedBefore' | 'maxWaitClosingMs'>;
    return { ...result, doomedBefore, writes: waits.length, maxWaitMs: longestWait, p99WaitMs: percentile(waits, 99), maxWaitClosingMs: longestClosingWait, inPlace };
  } finally {
    clearInterval(progress);
    await writer.close();
    if (ENGINE !== 'postgres' && (copy !== path || inPlace)) for (const suffix of ['', '-wal', '-shm', '.json']) rmSync(`${copy}${suffix}`, { force: true });
  }
}

async function main(): Promise<void> {
  const server = ENGINE === 'postgres' ? await startPostgres() : null;
  try {
    await measure(server ? await server.createDatabase('week') : null);
  } finally {
    await server?.stop();
  }
}

async function measure(postgresUrl: string | null): Promise<void> {
  const { path, built, cached, sizeBytes } = postgresUrl
    ? { path: postgresUrl, cached: false, ...(await postgresCatalog(postgresUrl)) }
    : (() => {
        const c = cachedCatalog();
        return { ...c, sizeBytes: statSync(c.path).size };
      })();
  const sizeGb = sizeBytes / 1e9;
  const rows: BenchRow[] = [
    { metric: `engine: ${ENGINE}; shape: ${shape.days} days × ${shape.sites} sites`, radome: `${built.volumes} volumes, ${built.sweeps} sweeps, ${built.products} products` },
    { metric: `build time${cached ? ' (cached build)' : ''}`, radome: built.buildSeconds, unit: 's' },
    { metric: `build CPU (${ENGINE === 'postgres' ? 'loader process, not the server' : 'user + system'})`, radome: built.buildCpuSeconds ?? 'not recorded', unit: 's' },
    { metric: 'build rate', radome: Math.round(built.sweeps / built.buildSeconds), unit: 'sweep rows/s' },
    { metric: 'catalog size on disk', radome: sizeGb, unit: 'GB' },
    { metric: 'bytes per sweep row (whole file)', radome: Math.round((sizeGb * 1e9) / built.sweeps), unit: 'B' },
  ];
  const catalog = await openReadOnlyCatalog(path);
  const figures: Record<string, { p50: number; p99: number; cpuP50: number; cpuP99: number }> = {};
  rows.push({ metric: 'load average (1 min) before the queries', radome: loadavg()[0]! });
  if (process.env.BENCH_WEEK_QUERIES === '0') await catalog.close();
  else
    try {
      for (const q of queries(catalog.reader)) {
        collectGarbage();
        const t = await withGcPauses(() => timeQuery(q.run, q.runs));
        figures[q.name] = { p50: median(t.wall), p99: percentile(t.wall, 99), cpuP50: median(t.cpu), cpuP99: percentile(t.cpu, 99) };
        rows.push(...queryRows(q.name, q.target, t));
      }
      const graphql = await graphqlTimings(catalog);
      rows.push({ metric: 'GraphQL: first request after the server starts (untimed warm-up)', radome: graphql.firstRequestMs, unit: 'ms', target: `CPU ${graphql.firstRequestCpuMs.toFixed(1)} ms` });
      for (const g of graphql.cases) {
        figures[g.name] = { p50: median(g.wall), p99: percentile(g.wall, 99), cpuP50: median(g.cpu), cpuP99: percentile(g.cpu, 99) };
        rows.push(...queryRows(g.name, g.target, g));
      }
    } finally {
      await catalog.close();
    }
  let retention: RetentionFigures | null = null;
  if (process.env.BENCH_WEEK_RETENTION !== '0') {
    const r = await retentionPass(path);
    retention = r;
    rows.push(
      {
        metric: `retention of the oldest ${RETENTION_HOURS} h${r.inPlace && ENGINE !== 'postgres' ? ' (on the cached catalog, deleted after: no room for a copy)' : ''}${r.stoppedEarly ? ' STOPPED at BENCH_WEEK_RETENTION_MAX_S' : ''}`,
        radome: r.seconds,
        unit: 's',
        target: `${r.volumes} of ${r.doomedBefore} volumes, ${r.products} products, ${r.objects} objects doomed${r.stoppedEarly && r.volumes > 0 ? `; whole pass at this rate ~${Math.round((r.seconds * r.doomedBefore) / r.volumes)} s` : ''}`,
      },
      { metric: 'longest retention transaction', radome: r.longestBatchMs, unit: 'ms', target: `${r.batches} batches` },
      { metric: 'retention warm-up reads before the batches (no lock held), total', radome: r.warmMs / 1000, unit: 's', target: `${((r.warmMs / 1000 / r.seconds) * 100).toFixed(0)} % of the pass` },
      { metric: 'writer wait during the retention pass, max', radome: r.maxWaitMs, unit: 'ms', target: `≤ 1000 ms ${r.maxWaitMs <= 1000 ? 'OK' : 'MISSED'}` },
      { metric: 'writer wait during the retention pass, p99', radome: r.p99WaitMs, unit: 'ms', target: `${r.writes} writes` },
      {
        metric: 'writer wait while the retention process closes its catalog, max',
        radome: r.maxWaitClosingMs,
        unit: 'ms',
        target: `close took ${r.closeMs.toFixed(0)} ms (re-analyses the tables the pass made stale, doomed_objects never) ${r.maxWaitClosingMs <= 1000 ? 'OK' : 'MISSED'}`,
      },
    );
  }
  rows.push({ metric: 'load average (1 min) at end', radome: loadavg()[0]! });
  report(ENGINE === 'postgres' ? 'catalog-week-postgres' : 'catalog-week', rows, { engine: ENGINE, shape, built, figures, retention });
}

await main();
