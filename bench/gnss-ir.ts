/**
 * GNSS-IR: satellite geometry (elevation, azimuth, edot) per SNR value, its extra cost at ingest,
 * reflector heights for one station-day, and a year of daily reflector heights from a cold cache.
 *
 * - geometry for SLAC's real 2-hour file (slac1180.21o, GPS+GLONASS+Galileo, SP3 orbits);
 * - geometry for one multi-GNSS station-day: every satellite of the SP3 file that is above the
 *   horizon at SLAC, every 30 s for 24 h, with SLAC's SNR codes per system (3 GPS, 2 GLONASS,
 *   4 Galileo, 2 BeiDou, 3 QZSS). The SP3 file covers 18–24 h only, so the day plays that span
 *   forward and back (legs of 6 h less 7 s; bench/_gnss-ir-days.ts): same satellites, same
 *   interpolation work, a full day's rows, and orbits without jumps;
 * - geometry for one GPS-only station-day from the broadcast file (which covers 18–22 h: played
 *   likewise over those 4 hours).
 * - the extra ingest cost of geometry for that multi-GNSS station-day, as ingest pays it when the
 *   day's orbits are stored: the geometry, the three Parquet columns appended to the day's planned
 *   object, the elevation rollups, over planning the day without orbits (CPU time in steady state,
 *   each case in processes of its own: bench/_gnss-ingest-cost.ts; BENCH_GNSS_IR_PROCESSES per case,
 *   default 5);
 * - reflector heights of MCHL 2025-010 (gnssrefl SNR files, mchl.json settings): the pure
 *   computation, and the GraphQL-path query (stored days read back) from a cold cache;
 * - one year of daily reflector heights from a cold cache: MCHL's three days stored 122 times
 *   over (366 station-days, each its own object and row), dailyReflectorHeights over the year;
 * - SNR-versus-elevation curves over those days: 31 days from Parquet and from elevation rollups,
 *   and the whole year from elevation rollups.
 * No peer figures: gnssrefl (Python) is not installable here (only the npm registry and Debian
 * are reachable), and its documentation states no timing for rinex2snr's orbits or for gnssir.
 *
 *   npm run bench -- gnss-ir
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { satelliteGeometry, type GeometryInput } from '../ingest/gnss/satellite-geometry.js';
import { gnssIrDays, orbitsDir } from './_gnss-ir-days.js';
import { INGEST_COST_CASES, type IngestCostCase } from './_gnss-ingest-cost.js';
import { median, report, timeRuns, type BenchRow } from './harness.js';
import { parseGnssStationId } from '../core/vocabulary/index.js';

const days = gnssIrDays();
if (!days) process.exit(0);
const { slac, multiDay, gpsDay } = days;
const uniquePairs = (g: GeometryInput) => new Set(Array.from(g.times, (t, i) => `${t}|${g.satellites[i]}`)).size;

/** Median wall and CPU (this process, ms) of `runs` runs after `warmup`: CPU is what a shared machine distorts least. */
async function wallAndCpu(fn: () => unknown, runs: number, warmup: number): Promise<{ wall: number; cpu: number }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let r = 0; r < warmup + runs; r++) {
    const before = process.cpuUsage();
    const start = performance.now();
    await fn();
    const used = process.cpuUsage(before);
    if (r < warmup) continue;
    wall.push(performance.now() - start);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall: median(wall), cpu: median(cpu) };
}

const rows: BenchRow[] = [];
for (const [metric, input, target] of [
  ['geometry, SLAC 2-h real file (SP3)', slac, undefined],
  ['geometry, one multi-GNSS station-day (SP3)', multiDay, '≤ 20'],
  ['geometry, one GPS station-day (broadcast)', gpsDay, '≤ 20'],
] as const) {
  // Wall time and this process's CPU time per run: the machine is shared, and CPU time is the
  // figure contention distorts least.
  const cpu: number[] = [];
  const ms = median(
    await timeRuns(
      () => {
        const before = process.cpuUsage();
        satelliteGeometry(input);
        const used = process.cpuUsage(before);
        cpu.push((used.user + used.system) / 1000);
      },
      9,
      2,
    ),
  );
  const cpuMs = median(cpu.slice(2));
  console.log(`${metric}: ${input.count} SNR values, ${uniquePairs(input)} satellite-epochs, ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (load average ${loadavg()[0]!.toFixed(1)})`);
  rows.push({ metric, unit: 'ms', radome: ms, target });
  rows.push({ metric: `  same, CPU time`, unit: 'ms', radome: cpuMs, target });
}
rows.push(...(await ingestCostRows()));
rows.push(...(await reflectorHeightRows()));
report('gnss-ir', rows, { multiDayRows: multiDay.count, gpsDayRows: gpsDay.count, slacRows: slac.count, loadAverage: loadavg()[0] });

/**
 * The extra ingest cost of geometry for one station-day, as ingest pays it: an SNR file's day is
 * planned on a worker (Parquet and SNR rollups), and at reconcile, when the day's orbits are
 * stored, it gets its geometry and addDayGeometry appends the three columns and builds the
 * elevation rollups. Without orbits the day is the plan alone. Each case runs in its own process
 * (bench/_gnss-ingest-cost.ts), the cases' processes interleaved over several rounds (the order
 * turned each round) so load changes hit each alike; a case's figure is the median over its
 * processes of their median block. The extra cost is "with geometry" − "without" (CPU: the
 * figure a shared machine distorts least), beside the sum of the parts measured alone.
 */
async function ingestCostRows(): Promise<BenchRow[]> {
  const child = fileURLToPath(new URL('./_gnss-ingest-cost.js', import.meta.url));
  const processes = Number(process.env.BENCH_GNSS_IR_PROCESSES ?? 5);
  const runs = new Map<IngestCostCase, { cpu: number; wall: number }[]>(INGEST_COST_CASES.map((c) => [c, []]));
  for (let round = 0; round < processes; round++) {
    for (let k = 0; k < INGEST_COST_CASES.length; k++) {
      const which = INGEST_COST_CASES[(k + round) % INGEST_COST_CASES.length]!;
      const out = execFileSync(process.execPath, [child, which, '7'], { encoding: 'utf8' }).trim().split('\n').at(-1)!;
      const { cpu, wall } = JSON.parse(out) as { cpu: number[]; wall: number[] };
      runs.get(which)!.push({ cpu: median(cpu), wall: median(wall) });
    }
  }
  const cost = Object.fromEntries(INGEST_COST_CASES.map((c) => [c, { cpu: median(runs.get(c)!.map((r) => r.cpu)), wall: median(runs.get(c)!.map((r) => r.wall)) }])) as Record<
    IngestCostCase,
    { cpu: number; wall: number }
  >;
  const extra = { wall: cost.withGeometry.wall - cost.plain.wall, cpu: cost.withGeometry.cpu - cost.plain.cpu };
  const parts = cost.geometry.cpu + cost.columns.cpu + cost.elevationRollups.cpu;
  const ms = (c: { wall: number; cpu: number }) => `${c.wall.toFixed(1)} ms wall / ${c.cpu.toFixed(1)} ms CPU`;
  console.log(
    `ingest of one multi-GNSS station-day (${multiDay.count} values), steady state, medians of ${processes} processes per case: without orbits ${ms(cost.plain)}, with them ${ms(cost.withGeometry)}; extra ${ms(extra)}; parts alone: geometry ${ms(cost.geometry)}, Parquet columns appended ${ms(cost.columns)}, elevation rollups ${ms(cost.elevationRollups)}, sum ${parts.toFixed(1)} ms CPU (load ${loadavg()[0]!.toFixed(1)})`,
  );
  return [
    { metric: 'extra ingest cost of geometry, one multi-GNSS station-day', unit: 'ms', radome: extra.wall, target: '≤ 10' },
    { metric: '  same, CPU time', unit: 'ms', radome: extra.cpu, target: '≤ 10' },
    { metric: '  of which geometry (CPU)', unit: 'ms', radome: cost.geometry.cpu },
    { metric: '  of which elevation/azimuth/edot Parquet columns (CPU)', unit: 'ms', radome: cost.columns.cpu },
    { metric: '  of which elevation rollups (CPU)', unit: 'ms', radome: cost.elevationRollups.cpu },
    { metric: '  sum of the parts alone (CPU)', unit: 'ms', radome: parts, target: '≤ 10' },
  ];
}

async function reflectorHeightRows(): Promise<BenchRow[]> {
  const gdir = join(orbitsDir, '..', 'gnssrefl');
  const names = ['mchl0100.25.snr66.gz', 'mchl0110.25.snr66.gz', 'mchl0120.25.snr66.gz', 'mchl.json', 'mchl_refr.txt'].map((f) => join(gdir, f));
  if (!names.every(existsSync)) {
    console.warn(`gnssrefl samples not found in ${gdir}: no reflector height rows`);
    return [];
  }
  const { gunzipSync } = await import('node:zlib');
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { readSnrFile } = await import('../ingest/decode/gnssrefl/read-snr-file.js');
  const { dayReflectorHeights } = await import('../ingest/derive/gnssir/reflector-heights.js');
  const { stationSettingsFromJson } = await import('../ingest/derive/gnssir/station-settings.js');
  const { planGnssDay } = await import('../ingest/gnss/plan-day.js');
  const { concatSnrObservations } = await import('../store/gnss/snr-merge.js');
  const { openCatalog } = await import('../store/catalog/index.js');
  const { FileObjectStore } = await import('../store/objects/index.js');
  const { dailyReflectorHeights, reflectorHeights, clearReflectorHeightCache } = await import('../server/gnss-ir/reflector-height-query.js');
  const files = names.slice(0, 3).map((p) => readSnrFile(gunzipSync(readFileSync(p)), p));
  const settings = stationSettingsFromJson(readFileSync(names[3]!, 'utf8'), readFileSync(names[4]!, 'latin1'));
  const day10 = files[0]!.day;
  const three = concatSnrObservations(files.map((f) => f.observations));
  let arcs = 0;
  const pure = await wallAndCpu(() => (arcs = dayReflectorHeights(three, day10 * 86400e3, settings.reflectorHeights).length), 9, 2);
  console.log(
    `reflector heights, MCHL 2025-010: ${arcs} arcs, ${three.count} SNR values over 3 days, ${pure.wall.toFixed(1)} ms wall, ${pure.cpu.toFixed(1)} ms CPU (load ${loadavg()[0]!.toFixed(1)})`,
  );

  // A year of stored station-days: the three real days repeated with their times shifted.
  const root = mkdtempSync(join(tmpdir(), 'radome-bench-gnssir-'));
  try {
    const catalog = await openCatalog(join(root, 'catalog.db'));
    const objects = new FileObjectStore(join(root, 'objects'), { durable: false });
    const firstDay = Date.UTC(2024, 0, 1) / 86400e3;
    const DAYS = 366;
    const t0 = performance.now();
    for (let k = 0; k < DAYS; k += 30) {
      const days = [];
      const batch = [];
      for (let d = k; d < Math.min(DAYS, k + 30); d++) {
        const src = files[d % 3]!;
        const shift = (firstDay + d - src.day) * 86400e3;
        const obs = { ...src.observations, times: src.observations.times.map((t) => t + shift) };
        const planned = planGnssDay('MCHL', firstDay + d, obs, { source: 'bench', sourceKey: `mchl-${d}`, timeSystem: 'GPS', ingestedAt: 1, geometry: 'file' });
        days.push(planned.commit);
        batch.push(planned.object);
      }
      await objects.putMany(batch);
      await catalog.writer.gnss.commitDays({
        file: { source: 'bench', key: `year-${k}`, fingerprint: 'x', size: 0, ingestedAt: 1 },
        station: {
          id: parseGnssStationId('MCHL', 'bench station'),
          name: null,
          longName: null,
          latitude: settings.latitude,
          longitude: settings.longitude,
          heightM: settings.heightM,
          receiverType: null,
          antennaType: null,
        },
        days,
      });
    }
    await catalog.writer.gnss.commitStationSettings({
      file: { source: 'bench', key: 'mchl.json', fingerprint: 'x', size: 0, ingestedAt: 1 },
      station: 'MCHL',
      settingsJson: readFileSync(names[3]!, 'utf8'),
      refractionText: readFileSync(names[4]!, 'latin1'),
    });
    console.log(`stored ${DAYS} station-days in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    const q = { station: 'MCHL', from: firstDay * 86400e3, to: (firstDay + DAYS) * 86400e3 };
    const oneDay = await wallAndCpu(
      async () => {
        clearReflectorHeightCache();
        await reflectorHeights(catalog.reader, objects, { station: 'MCHL', from: (firstDay + 9) * 86400e3, to: (firstDay + 10) * 86400e3 });
      },
      7,
      1,
    );
    clearReflectorHeightCache();
    let daysWithMean = 0;
    const year = await wallAndCpu(
      async () => {
        clearReflectorHeightCache();
        daysWithMean = (await dailyReflectorHeights(catalog.reader, objects, q)).filter((d) => d.mean !== null).length;
      },
      1,
      0,
    );
    const warm = await wallAndCpu(() => dailyReflectorHeights(catalog.reader, objects, q), 3, 0);
    console.log(
      `dailyReflectorHeights over ${DAYS} days: ${daysWithMean} daily means; cold ${(year.wall / 1000).toFixed(1)} s wall, ${(year.cpu / 1000).toFixed(1)} s CPU; cached ${warm.wall.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(1)})`,
    );
    // Elevation curves over the stored days: from elevation rollups, and (31 days, the raw limit) from Parquet.
    const { snrByElevation } = await import('../server/gnss-ir/snr-by-elevation.js');
    const month = { station: 'MCHL', from: firstDay * 86400e3, to: (firstDay + 31) * 86400e3, binWidth: 5, groupBy: ['SATELLITE' as const] };
    const curveRaw = await wallAndCpu(() => snrByElevation(catalog.reader, objects, month, true), 3, 1);
    const curveMonth = await wallAndCpu(() => snrByElevation(catalog.reader, objects, month), 5, 1);
    const curveYear = await wallAndCpu(() => snrByElevation(catalog.reader, objects, { ...q, binWidth: 5, minElevation: 5, maxElevation: 30 }), 3, 1);
    console.log(
      `snrByElevation per satellite: 31 days from Parquet ${curveRaw.wall.toFixed(0)} ms, from elevation rollups ${curveMonth.wall.toFixed(1)} ms; ${DAYS} days (5–30°) from rollups ${curveYear.wall.toFixed(0)} ms (load ${loadavg()[0]!.toFixed(1)})`,
    );
    await catalog.close();
    return [
      { metric: 'snrByElevation per satellite, 31 days, raw Parquet', unit: 'ms', radome: curveRaw.wall },
      { metric: 'snrByElevation per satellite, 31 days, elevation rollups', unit: 'ms', radome: curveMonth.wall },
      { metric: `snrByElevation 5–30°, ${DAYS} days, elevation rollups`, unit: 'ms', radome: curveYear.wall },
      { metric: 'reflector heights, one station-day (pure, MCHL 2025-010)', unit: 'ms', radome: pure.wall, peer: 'n/a (gnssrefl not installable here)', target: '≤ 100' },
      { metric: '  same, CPU time', unit: 'ms', radome: pure.cpu, target: '≤ 100' },
      { metric: 'reflectorHeights query, one station-day, cold cache (reads 3 days)', unit: 'ms', radome: oneDay.wall, target: '≤ 100' },
      { metric: '  same, CPU time', unit: 'ms', radome: oneDay.cpu, target: '≤ 100' },
      { metric: `dailyReflectorHeights, one year (${DAYS} days), cold cache`, unit: 's', radome: year.wall / 1000, target: '≤ 30' },
      { metric: '  same, CPU time', unit: 's', radome: year.cpu / 1000, target: '≤ 30' },
      { metric: '  same, cached', unit: 'ms', radome: warm.wall },
    ];
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
