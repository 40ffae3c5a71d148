/**
 * The catalog on PostgreSQL beside SQLite, on this machine: commit throughput of one process
 * (synthetic Level 2 volumes of 27 sweeps), of 1, 2 and 4 writer processes sharing one PostgreSQL
 * (against SQLite's single writer), a retention pass removing the oldest days — by
 * partition drop on PostgreSQL, by row deletes on SQLite — and the README's queries' p50/p99 on
 * both engines at the national-week size (bench/catalog-week.ts run once per engine, without its
 * retention pass; BENCH_WEEK_DAYS / BENCH_WEEK_SITES for a fraction, BENCH_WEEK_QUERIES=0 to skip).
 * Starts Debian's PostgreSQL (test/support/postgres-server.ts) on a temporary folder.
 *   npm run bench -- postgres
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { openCatalog } from '../store/catalog/index.js';
import { openPostgresCatalog } from '../store/catalog/postgres/postgres-catalog.js';
import { type PostgresServer, postgresSkipReason, startPostgres } from '../test/support/postgres-server.js';
import { tempDbPath } from '../test/store/catalog-fixtures.js';
import { benchVolumes, DAY, T0 } from './_postgres-volumes.js';
import { report, type BenchRow } from './harness.js';

const DAYS = 6;
/** Days committed by 1, 2 and 4 writer processes. */
const WORKER_DAYS = 2;
/** Retention keeps the last half of the days; the cutoff lies inside a day, as it does in service. */
const CUTOFF = T0 + (DAYS / 2) * DAY + 3_600_000;

/** Commits WORKER_DAYS of volumes into a new database from `workers` processes at once; volumes per second. */
async function workerThroughput(server: PostgresServer, workers: number): Promise<number> {
  const url = await server.createDatabase(`workers${workers}`);
  await (await openPostgresCatalog(url)).close(); // the schema, before the workers race to it
  const script = fileURLToPath(new URL('./_postgres-writer.js', import.meta.url));
  const children = Array.from({ length: workers }, (_, i) => spawn(process.execPath, [script, url, String(WORKER_DAYS), String(i), String(workers)], { stdio: ['pipe', 'pipe', 'inherit'] }));
  const said = (child: ChildProcess, word: string) =>
    new Promise<void>((resolve, reject) => {
      let out = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        out += chunk.toString();
        if (out.split('\n').includes(word)) resolve();
      });
      child.once('exit', (code) => (code === 0 ? resolve() : reject(new Error(`writer exited with ${code}`))));
    });
  await Promise.all(children.map((c) => said(c, 'READY')));
  const done = children.map((c) => said(c, 'DONE'));
  const t = performance.now();
  for (const c of children) c.stdin!.write('go\n');
  await Promise.all(done);
  const seconds = (performance.now() - t) / 1000;
  return benchVolumes(WORKER_DAYS).length / seconds;
}

/** A catalog-week run's per-query figures (its var/bench/<name>.json). */
type WeekFigures = Record<string, { p50: number; p99: number; cpuP50: number; cpuP99: number }>;

/**
 * The README's queries (and the GraphQL ones) on both engines at the week's size: catalog-week
 * once per engine in its own process, its figures read back and printed side by side.
 */
function weekQueryRows(): BenchRow[] {
  const bench = fileURLToPath(new URL('./catalog-week.js', import.meta.url));
  const figures: Record<string, WeekFigures> = {};
  let shape = '';
  for (const engine of ['sqlite', 'postgres']) {
    execFileSync(process.execPath, ['--expose-gc', bench], { env: { ...process.env, BENCH_WEEK_ENGINE: engine, BENCH_WEEK_RETENTION: '0' }, stdio: 'inherit' });
    const out = join(process.env.RADOME_BENCH_DIR ?? join('var', 'bench'), engine === 'postgres' ? 'catalog-week-postgres.json' : 'catalog-week.json');
    const json = JSON.parse(readFileSync(out, 'utf8')) as { figures: WeekFigures; shape: { days: number; sites: number } };
    figures[engine] = json.figures;
    shape = `${json.shape.days} days × ${json.shape.sites} sites`;
  }
  return Object.keys(figures.postgres!)
    .filter((name) => name.includes('README') || name.includes('radarCoverage'))
    .flatMap((name) => {
      const [pg, lite] = [figures.postgres![name]!, figures.sqlite![name]];
      return (['p50', 'p99'] as const).map((p) => ({
        metric: `${name} ${p} (${shape})`,
        unit: 'ms',
        radome: pg[p],
        peer: lite?.[p] ?? 'not run',
        ratio: lite ? `${(pg[p] / lite[p]).toPrecision(2)} (PostgreSQL / SQLite)` : '',
        target: `client CPU ${p}: PostgreSQL ${pg[p === 'p50' ? 'cpuP50' : 'cpuP99'].toFixed(2)} ms, SQLite ${lite ? lite[p === 'p50' ? 'cpuP50' : 'cpuP99'].toFixed(2) : '-'} ms`,
      }));
    });
}

async function main(): Promise<void> {
  const skip = postgresSkipReason();
  if (skip) {
    console.log(`bench postgres skipped: ${skip}`);
    return;
  }
  const inputs = benchVolumes(DAYS);
  const sweeps = inputs.reduce((n, i) => n + i.sweeps.length, 0);
  const rows: BenchRow[] = [];

  const server = await startPostgres();
  try {
    const pgCatalog = await openPostgresCatalog(await server.createDatabase('bench'));
    let t = performance.now();
    for (const input of inputs) await pgCatalog.writer.radar.commitVolume(input);
    const pgCommitMs = performance.now() - t;

    const path = tempDbPath();
    const sqlite = await openCatalog(path);
    t = performance.now();
    for (const input of inputs) await sqlite.writer.radar.commitVolume(input);
    const sqliteCommitMs = performance.now() - t;
    const pgRate = inputs.length / (pgCommitMs / 1000);
    const sqliteRate = inputs.length / (sqliteCommitMs / 1000);
    rows.push({
      metric: `volume commits, 1 process (${inputs.length} volumes, ${sweeps} sweeps)`,
      unit: 'volumes/s',
      radome: pgRate,
      peer: sqliteRate,
      ratio: `${(pgRate / sqliteRate).toPrecision(2)} (PostgreSQL / SQLite)`,
    });

    t = performance.now();
    const pgRetention = await pgCatalog.writer.retention.doomOlderThan(CUTOFF, Date.now());
    const pgRetentionMs = performance.now() - t;
    t = performance.now();
    const sqliteRetention = await sqlite.writer.retention.doomOlderThan(CUTOFF, Date.now());
    const sqliteRetentionMs = performance.now() - t;
    if (pgRetention.volumes !== sqliteRetention.volumes || pgRetention.objects !== sqliteRetention.objects) {
      throw new Error(`retention removed different rows: ${JSON.stringify(pgRetention)} vs ${JSON.stringify(sqliteRetention)}`);
    }
    const workerDays = benchVolumes(WORKER_DAYS);
    const sqliteWorkers = await openCatalog(tempDbPath());
    t = performance.now();
    for (const input of workerDays) await sqliteWorkers.writer.radar.commitVolume(input);
    const sqliteOneProcess = workerDays.length / ((performance.now() - t) / 1000);
    await sqliteWorkers.close();
    for (const workers of [1, 2, 4]) {
      const rate = await workerThroughput(server, workers);
      rows.push({
        metric: `volume commits, ${workers} writer process${workers > 1 ? 'es' : ''} on one PostgreSQL (${workerDays.length} volumes)`,
        unit: 'volumes/s',
        radome: rate,
        peer: sqliteOneProcess,
        ratio: `${(rate / sqliteOneProcess).toPrecision(2)} (PostgreSQL / SQLite's one process)`,
      });
    }
    rows.push({
      metric: `retention pass: ${pgRetention.volumes} volumes, ${pgRetention.objects} doomed keys (PostgreSQL drops ${DAYS / 2} day partitions)`,
      unit: 'ms',
      radome: pgRetentionMs,
      peer: sqliteRetentionMs,
      ratio: `${(sqliteRetentionMs / pgRetentionMs).toPrecision(2)} (SQLite / PostgreSQL)`,
    });
    await sqlite.close();
    rmSync(dirname(dirname(path)), { recursive: true, force: true });
    await pgCatalog.close();
  } finally {
    await server.stop();
  }
  if (process.env.BENCH_WEEK_QUERIES !== '0') rows.push(...weekQueryRows());
  report('postgres', rows, { loadavg: loadavg(), note: 'radome = PostgreSQL engine, peer = SQLite engine; single runs (both passes change the catalog)' });
  console.log(
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );
}

await main();
