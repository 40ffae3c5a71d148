/**
 * GNSS end to end: daily RINEX files as archives serve them (RINEX 2, Hatanaka, then Unix
 * compress: `.d.Z`) from a local S3 endpoint (s3rver) → parse → Parquet → rollups → catalog.
 *
 * - reader throughput in MB/s of RINEX for CEDA (RINEX 3), york (Hatanaka) and the .Z file;
 * - ms per station-day, one thread;
 * - THE HEADLINE: station-days that become a daily-mean SNR series in 30 s on 2 worker threads
 *   (listing + fetching from s3rver included), beside EarthScope GeoLab's cloud demo: the median of
 *   3 runs, each into a fresh catalog and store, from a backlog larger than 30 s can take;
 * - query times (server time, median) of a 10-year daily and a 1-year hourly series.
 *
 * The backlog is the real york0440 day (2015-02-13) rewritten under shifted dates by editing the
 * compact RINEX text's epoch-initialisation lines and TIME OF FIRST OBS, then compressed with the
 * project's LZW encoder (no `compress` tool is installed here).
 *
 *   npm run bench -- gnss       (parse throughput: npm run bench -- gnss-parse)
 */
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { forEachConcurrent } from '../core/concurrency.js';
import { decompressLzw } from '../ingest/decode/containers/lzw.js';
import { decodeHatanaka, readRinex } from '../ingest/decode/rinex/index.js';
import { planGnssFile } from '../ingest/gnss/plan.js';
import { createPlanPool } from '../ingest/plan-pool.js';
import { buildSnrRollups } from '../ingest/gnss/rollups.js';
import { ingestObject, type IngestContext } from '../ingest/ingest-object.js';
import { expandGnssTemplate, GnssArchiveSource } from '../ingest/sources/gnss-archive.js';
import type { SourceObject } from '../ingest/sources/types.js';
import { openCatalog } from '../store/catalog/index.js';
import { DAY_MS, DAY_SECONDS } from '../store/gnss/rollup-levels.js';
import { encodeSnrParquet } from '../store/gnss/snr-parquet.js';
import { snrSeries } from '../store/gnss/snr-series.js';
import { FileObjectStore } from '../store/objects/index.js';
import { compressLzw } from '../test/fixtures/lzw-compress.js';
import { s3TestClient, startS3Server } from '../test/support/s3-server.js';
import { readerThroughput } from './_gnss-reader.js';
import { cpuDelta, median, peakRssMb, report, threadCpuSeconds, timeRuns, type BenchRow } from './harness.js';

const dataDir = process.env.RADOME_SAMPLE_DATA ?? resolve(process.cwd(), '..', 'shared', 'data');
const yorkPath = join(dataDir, 'gnss', 'rinex', 'york0440.15d');
if (!existsSync(yorkPath)) {
  console.warn(`sample ${yorkPath} not found: the GNSS bench needs it; nothing measured`);
  process.exit(0);
}

// More days than 30 s can take, so the headline is never capped by the backlog.
const BACKLOG_DAYS = Number(process.env.RADOME_BENCH_GNSS_DAYS ?? 1500);
/** Headline runs (each 30 s into a fresh catalog); the median is quoted. */
const HEADLINE_RUNS = Number(process.env.RADOME_BENCH_GNSS_RUNS ?? 3);
const THREADS = 2;
const BUDGET_MS = 30_000;
const FIRST_DAY = Date.UTC(2012, 0, 1) / DAY_MS;
const TEMPLATE_PATH = 'rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z';
const BUCKET = 'gnss-archive';
const GEOLAB = { download: 9, tiledb: 50, dask: 440 };

const crx = Buffer.from(readFileSync(yorkPath)).toString('latin1');
const two = (n: number, pad = ' ') => String(n).padStart(2, pad);

/** york0440 moved to another GPS day (its epochs keep their time of day). */
function shiftedCrx(day: number): Uint8Array {
  const d = new Date(day * DAY_MS);
  const [y, m, dd] = [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
  const text = crx
    .replace(/^&15  2 13/gm, `&${two(y % 100, '0')} ${two(m)} ${two(dd)}`)
    .replace(/^ {2}2015 {5}2 {4}13(?=.*TIME OF (FIRST|LAST) OBS)/gm, `${String(y).padStart(6)}${String(m).padStart(6)}${String(dd).padStart(6)}`);
  return Buffer.from(text, 'latin1');
}

/**
 * CPU time (ms) of our s3rver child so far, from /proc (Linux; 0 elsewhere): the process whose
 * command line names its data folder. Clock ticks are 100 Hz on Linux.
 */
function s3rverCpuMs(dir: string): number {
  if (!existsSync('/proc')) return 0;
  for (const pid of readdirSync('/proc').filter((p) => /^\d+$/.test(p))) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'latin1').includes(dir)) continue;
      const fields = readFileSync(`/proc/${pid}/stat`, 'latin1')
        .replace(/^.*\) /, '')
        .split(' ');
      return (Number(fields[11]) + Number(fields[12])) * 10;
    } catch {
      // a process that ended meanwhile
    }
  }
  return 0;
}

const rows: BenchRow[] = [];
const extra: Record<string, unknown> = { backlogDays: BACKLOG_DAYS, threads: THREADS, budgetMs: BUDGET_MS };
const work = mkdtempSync(join(tmpdir(), 'radome-bench-gnss-'));
const silent = pino({ level: 'silent' });

// --- the backlog in a local S3 bucket ---------------------------------------------------------
const check = readRinex(compressLzw(shiftedCrx(FIRST_DAY)));
if (Math.floor(check.snr.times[0]! / DAY_MS) !== FIRST_DAY) throw new Error('date shifting of the york CRX text failed');
const s3 = await startS3Server({ buckets: [BUCKET] });
const client = s3TestClient(s3.endpoint);
// Listed like a bucket (ListObjectsV2 pages of 1,000 keys), not by a HEAD request per day.
const source = new GnssArchiveSource({ template: `${s3.endpoint}/${BUCKET}/${TEMPLATE_PATH}`, listing: 's3' });
let backlogBytes = 0;
const t0 = performance.now();
await forEachConcurrent(
  Array.from({ length: BACKLOG_DAYS }, (_, i) => FIRST_DAY + i),
  4,
  async (day) => {
    const body = compressLzw(shiftedCrx(day));
    backlogBytes += body.length;
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: expandGnssTemplate(TEMPLATE_PATH, 'york', day), Body: body }));
  },
);
extra.backlog = { days: BACKLOG_DAYS, bytes: backlogBytes, bytesPerDay: backlogBytes / BACKLOG_DAYS, buildSeconds: (performance.now() - t0) / 1000 };
console.log(`backlog: ${BACKLOG_DAYS} york .d.Z days, ${(backlogBytes / 1e6).toFixed(0)} MB, in s3rver`);

async function openContext(name: string, planFile?: IngestContext['planFile']): Promise<IngestContext & { close(): Promise<void> }> {
  const catalog = await openCatalog(join(work, `${name}.db`));
  return { catalog, objects: new FileObjectStore(join(work, `${name}-objects`)), renderSize: 0, log: silent, planFile, close: () => catalog.close() };
}

const window = (days: number) => ({ from: FIRST_DAY * DAY_MS, to: (FIRST_DAY + days) * DAY_MS });

// --- ms per station-day, one thread, and where it goes ------------------------------------------
{
  const ctx = await openContext('single');
  const objects: SourceObject[] = [];
  for await (const o of source.list('york', window(14))) objects.push(o);
  const times: number[] = [];
  for (const [i, o] of objects.slice(0, 7).entries()) {
    const t = performance.now();
    const outcome = await ingestObject(ctx, source, o);
    if (outcome.status !== 'ingested') throw new Error(`bench ingest failed: ${JSON.stringify(outcome)}`);
    if (i >= 2) times.push(performance.now() - t);
  }
  // The same steps one by one on other days (warm), to say where the time goes.
  const stage: Record<string, number[]> = { fetch: [], lzw: [], hatanakaParse: [], parquet: [], rollups: [], plan: [], put: [], commit: [] };
  let crxBytes = 0;
  let zBytes = 0;
  for (const o of objects.slice(7)) {
    let t = performance.now();
    const z = await source.fetch(o);
    stage.fetch!.push(performance.now() - t);
    t = performance.now();
    const plain = decompressLzw(z);
    stage.lzw!.push(performance.now() - t);
    t = performance.now();
    const rinex = readRinex(plain);
    stage.hatanakaParse!.push(performance.now() - t);
    t = performance.now();
    const plan = planGnssFile(rinex, o, { ingestedAt: 0 });
    stage.plan!.push(performance.now() - t);
    const obs = {
      count: rinex.snr.count,
      times: rinex.snr.times,
      satellites: Uint16Array.from(rinex.snr.satPrn, (p) => 100 + p),
      codeIndex: rinex.snr.codeIndex,
      codes: rinex.snr.codes,
      values: rinex.snr.values,
    };
    t = performance.now();
    encodeSnrParquet(obs);
    stage.parquet!.push(performance.now() - t);
    t = performance.now();
    buildSnrRollups(obs, plan.days[0]!.row.day);
    stage.rollups!.push(performance.now() - t);
    t = performance.now();
    await ctx.objects.putMany(plan.objects);
    stage.put!.push(performance.now() - t);
    t = performance.now();
    await ctx.catalog.writer.gnss.commitDays({ file: { source: o.source, key: o.key, fingerprint: o.fingerprint, size: o.size, ingestedAt: 0 }, station: plan.station, days: plan.days });
    stage.commit!.push(performance.now() - t);
    zBytes = z.length;
    crxBytes = plain.length;
  }
  // The RINEX text the compact file stands for (radome's reader never writes it), for the MB/s.
  const rinexBytes = decodeHatanaka(shiftedCrx(FIRST_DAY)).length;
  await ctx.close();
  const m = Object.fromEntries(Object.entries(stage).map(([k, v]) => [k, median(v)])) as Record<keyof typeof stage, number>;
  const mbps = (bytes: number, ms: number) => bytes / 1e6 / (ms / 1000);
  const snrValues = readRinex(compressLzw(shiftedCrx(FIRST_DAY))).snr.count;
  rows.push({ metric: `station-day end to end, 1 thread (s3rver GET → LZW → Hatanaka → parse → Parquet → rollups → catalog; ${snrValues} SNR values)`, unit: 'ms', radome: median(times) });
  rows.push({ metric: `  fetch (s3rver GET, ${(zBytes / 1e3).toFixed(0)} kB)`, unit: 'ms', radome: m.fetch });
  rows.push({ metric: `  LZW (${mbps(crxBytes, m.lzw).toFixed(0)} MB/s of compact RINEX out)`, unit: 'ms', radome: m.lzw });
  rows.push({ metric: `  Hatanaka + SNR parse, fused (${mbps(rinexBytes, m.hatanakaParse).toFixed(0)} MB/s of RINEX ${(rinexBytes / 1e6).toFixed(1)} MB)`, unit: 'ms', radome: m.hatanakaParse });
  rows.push({ metric: '  plan: Parquet + rollups (planGnssFile)', unit: 'ms', radome: m.plan });
  rows.push({ metric: '    of which Parquet (store/parquet)', unit: 'ms', radome: m.parquet });
  rows.push({ metric: '    of which rollups', unit: 'ms', radome: m.rollups });
  rows.push({ metric: '  Parquet object put (local files)', unit: 'ms', radome: m.put });
  rows.push({ metric: '  catalog commit (SQLite: day, rollups)', unit: 'ms', radome: m.commit });
  extra.singleThread = { runs: times.length, msPerDay: median(times), stagesMs: m, stageRuns: stage.fetch!.length, snrValuesPerDay: snrValues, zBytes, crxBytes, rinexBytes };
}

// --- the headline: station-days → daily-mean series in 30 s, 2 threads ---------------------------
interface HeadlineRun {
  inBudget: number;
  ingested: number;
  failed: number;
  listed: number;
  listMs: number;
  ingestMs: number;
  queryMs: number;
  radomeCpuMs: number;
  s3CpuMs: number;
  threadCpu: Record<string, number>;
  load: number;
}

/** One 30-second run into a fresh catalog and store: every station-day committed in time, then the series. */
async function headlineRun(run: number): Promise<HeadlineRun> {
  const pool = createPlanPool(THREADS);
  const ctx = await openContext(`headline-${run}`, pool.planFile);
  const cpu0 = process.cpuUsage();
  const threads0 = threadCpuSeconds();
  const s3cpu0 = s3rverCpuMs(s3.dir);
  const start = performance.now();
  const deadline = start + BUDGET_MS;
  let ingested = 0;
  let failed = 0;
  const listed: SourceObject[] = [];
  for await (const o of source.list('york', window(BACKLOG_DAYS))) listed.push(o);
  const listMs = performance.now() - start;
  const committedBy: number[] = [];
  await forEachConcurrent(listed, THREADS * 2, async (o) => {
    if (performance.now() >= deadline) return;
    const outcome = await ingestObject(ctx, source, o);
    if (outcome.status === 'ingested') {
      ingested++;
      committedBy.push(performance.now() - start);
    } else failed++;
  });
  const ingestMs = performance.now() - start;
  const cpu = process.cpuUsage(cpu0);
  const threadCpu = cpuDelta(threads0, threadCpuSeconds());
  const s3CpuMs = s3rverCpuMs(s3.dir) - s3cpu0;
  const load = loadavg()[0]!;
  const q = performance.now();
  await snrSeries(ctx.catalog.reader.gnss, ctx.objects, { station: 'YORK', from: window(BACKLOG_DAYS).from, to: window(BACKLOG_DAYS).to, interval: 'P1D', obsCodes: ['S1'] });
  const queryMs = performance.now() - q;
  await pool.close();
  await ctx.close();
  // Station-days whose commit and the series query both fit in the budget.
  const inBudget = committedBy.filter((t) => t + queryMs <= BUDGET_MS).length;
  console.log(`  headline run ${run + 1}: ${inBudget} station-days in 30 s (${ingested} ingested, ${failed} failed)`);
  return { inBudget, ingested, failed, listed: listed.length, listMs, ingestMs, queryMs, radomeCpuMs: (cpu.user + cpu.system) / 1000, s3CpuMs, threadCpu, load };
}

{
  const runs: HeadlineRun[] = [];
  for (let run = 0; run < HEADLINE_RUNS; run++) runs.push(await headlineRun(run));
  // The run of median station-days speaks for all: its CPU figures explain its count.
  const m = [...runs].sort((a, b) => a.inBudget - b.inBudget)[runs.length >> 1]!;
  const perDay = (ms: number) => ms / Math.max(1, m.ingested);
  const all = runs.map((r) => r.inBudget).join(', ');
  rows.push({
    metric: `HEADLINE: station-days of .d.Z RINEX → daily-mean SNR series in 30 s (${THREADS} worker threads; median of ${runs.length} runs: ${all}) vs GeoLab download + georinex`,
    unit: 'days',
    radome: m.inBudget,
    peer: GEOLAB.download,
    ratio: m.inBudget / GEOLAB.download,
    target: '>= 1000',
  });
  rows.push({ metric: '  vs GeoLab TileDB from S3', unit: 'days', radome: m.inBudget, peer: GEOLAB.tiledb, ratio: m.inBudget / GEOLAB.tiledb });
  rows.push({ metric: '  vs GeoLab Dask cluster', unit: 'days', radome: m.inBudget, peer: GEOLAB.dask, ratio: m.inBudget / GEOLAB.dask });
  rows.push({ metric: '  throughput while ingesting', unit: 'days/s', radome: m.ingested / (m.ingestMs / 1000) });
  rows.push({ metric: '  CPU per station-day: radome (main + worker threads)', unit: 'ms', radome: perDay(m.radomeCpuMs) });
  for (const [kind, what] of [
    ['main', 'main thread (fetch, object put, catalog commit)'],
    ['worker', 'worker threads (LZW, Hatanaka, parse, Parquet, rollups)'],
    ['other', "V8's GC and compiler threads, libuv's pool"],
  ] as const) {
    rows.push({ metric: `    of which ${what}`, unit: 'ms', radome: perDay((m.threadCpu[kind] ?? NaN) * 1000) });
  }
  rows.push({ metric: '  CPU per station-day: s3rver serving the GETs (same 2 cores)', unit: 'ms', radome: perDay(m.s3CpuMs) });
  rows.push({
    metric: `  CPU share we got: (radome + s3rver CPU) / (${cpus().length} cores × wall); 1-min load average ${m.load.toFixed(1)}`,
    unit: '%',
    radome: (100 * (m.radomeCpuMs + m.s3CpuMs)) / (cpus().length * m.ingestMs),
  });
  rows.push({
    metric: '  projection: station-days in 30 s with both cores to ourselves (60 core-s / CPU per day)',
    unit: 'days',
    radome: Math.floor((THREADS * BUDGET_MS) / perDay(m.radomeCpuMs + m.s3CpuMs)),
  });
  rows.push({ metric: `  listing ${m.listed} days (ListObjectsV2), inside the 30 s`, unit: 'ms', radome: m.listMs });
  rows.push({ metric: '  daily-mean series query after the last commit, inside the 30 s', unit: 'ms', radome: m.queryMs });
  extra.headline = { stationDaysIn30s: m.inBudget, runs, geolab: GEOLAB };
}

// --- query times on a 10-year catalog ------------------------------------------------------------
{
  const catalog = await openCatalog(join(work, 'tenyears.db'));
  const objects = new FileObjectStore(join(work, 'tenyears-objects'));
  const york = readRinex(compressLzw(shiftedCrx(FIRST_DAY)));
  const file = { source: 'bench', key: 'york', size: 0, fingerprint: 'x', ingestedAt: 0 };
  const plan = planGnssFile(york, file, { ingestedAt: 0 });
  const day0 = plan.days[0]!;
  const YEARS = 10;
  const days = YEARS * 365 + 3;
  const t = performance.now();
  // The same day's rollups under each date of 10 years (no Parquet objects: whole-day ranges never read them).
  for (let start = 0; start < days; start += 50) {
    const batch = [];
    for (let i = start; i < Math.min(days, start + 50); i++) {
      const shift = i * DAY_SECONDS;
      batch.push({ row: { ...day0.row, day: day0.row.day + i }, codes: day0.codes, rollups: { ...day0.rollups, bucket: day0.rollups.bucket.map((b) => b + shift) } });
    }
    await catalog.writer.gnss.commitDays({ file: { ...file, key: `york-${start}` }, station: plan.station, days: batch });
  }
  const buildS = (performance.now() - t) / 1000;
  const from = FIRST_DAY * DAY_MS;
  const to = (FIRST_DAY + days) * DAY_MS;
  const series =
    (interval: string, range: number, extraSel: object = {}) =>
    () =>
      snrSeries(catalog.reader.gnss, objects, { station: 'YORK', from, to: from + range, interval, obsCodes: ['S1'], ...extraSel });
  const daily = median(await timeRuns(series('P1D', to - from), 7, 2));
  const dailyAll = median(await timeRuns(series('P1D', to - from, { obsCodes: null, groupBy: ['OBS_CODE'] }), 7, 2));
  const hourly = median(await timeRuns(series('PT1H', 365 * DAY_MS), 7, 2));
  const hourlySat = median(await timeRuns(series('PT1H', 30 * DAY_MS, { groupBy: ['SATELLITE'] }), 7, 2));
  const points = (await series('P1D', to - from)()).points.length;
  rows.push({ metric: `10-year daily series, S1 (${points} points; ${days} days of rollups)`, unit: 'ms', radome: daily, target: '<= 50' });
  rows.push({ metric: '10-year daily series, all codes grouped by code', unit: 'ms', radome: dailyAll });
  rows.push({ metric: '1-year hourly series, S1', unit: 'ms', radome: hourly, target: '<= 100' });
  rows.push({ metric: '30-day hourly series per satellite, S1', unit: 'ms', radome: hourlySat });
  const { size } = statSync(join(work, 'tenyears.db'));
  extra.tenYears = {
    days,
    buildSeconds: buildS,
    catalogBytes: size,
    bytesPerStationDay: size / days,
    dailyMs: daily,
    dailyAllCodesMs: dailyAll,
    hourlyYearMs: hourly,
    hourlySatellite30dMs: hourlySat,
  };
  await catalog.close();
}

const parseFigures = join(process.env.RADOME_BENCH_DIR ?? join('var', 'bench'), 'gnss-parse.json');
if (existsSync(parseFigures)) extra.parse = JSON.parse(readFileSync(parseFigures, 'utf8')).rows;
extra.peakRssMb = peakRssMb();
await s3.stop();
rmSync(work, { recursive: true, force: true });
// Reader throughput (CEDA RINEX 3, york Hatanaka, the .Z file), as `bench gnss-parse` prints it.
const reader = await readerThroughput();
rows.unshift(...reader.rows);
extra.reader = reader.extra;
report('gnss', rows, extra);
