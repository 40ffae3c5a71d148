/**
 * GNSS-IR: satellite geometry (elevation, azimuth, edot) per SNR value, its extra cost at ingest,
 * reflector heights for one station-day, and a year of daily reflector heights from a cold cache.
 *
 * - geometry for SLAC's real 2-hour file (slac1180.21o, GPS+GLONASS+Galileo, SP3 orbits);
 * - geometry for one multi-GNSS station-day: every satellite of the SP3 file that is above the
 *   horizon at SLAC, every 30 s for 24 h, with SLAC's SNR codes per system (3 GPS, 2 GLONASS,
 *   4 Galileo, 2 BeiDou, 3 QZSS). The SP3 file covers 18–24 h only, so the day's hours are folded
 *   onto that span (t → 18 h + t mod 6 h): same satellites, same interpolation work, a full day's rows;
 * - geometry for one GPS-only station-day from the broadcast file (which covers 18–22 h: folded
 *   likewise onto those 4 hours).
 * - the extra ingest cost of geometry for that multi-GNSS station-day, as ingest pays it when the
 *   day's orbits are stored: the geometry, the three Parquet columns appended to the day's planned
 *   object, the elevation rollups, over planning the day without orbits (CPU time in steady state);
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
import { join, resolve } from 'node:path';
import { broadcastOrbits, positionVelocityOf, preferPrecise, readRinexNav, readSp3, satelliteNumberOf, sp3Orbits, type OrbitSource } from '../ingest/decode/orbits/index.js';
import { readRinex } from '../ingest/decode/rinex/index.js';
import { rinexSatellites, satelliteGeometry, type GeometryInput } from '../ingest/gnss/satellite-geometry.js';
import { median, report, timeRuns, type BenchRow } from './harness.js';
import { parseGnssStationId } from '../core/vocabulary/index.js';

const dir = join(process.env.RADOME_SAMPLE_DATA ?? resolve(process.cwd(), '..', 'shared', 'data'), 'gnss', 'orbits');
const files = ['slac1180.21o', 'brdc1180.21n', 'COD0MGXFIN_20211180000_01D_05M_ORB.SP3'].map((f) => join(dir, f));
if (!files.every(existsSync)) {
  console.warn(`samples ${files.join(', ')} not all found: the gnss-ir bench needs them; nothing measured`);
  process.exit(0);
}
const [obsPath, navPath, sp3Path] = files as [string, string, string];
const obs = readRinex(readFileSync(obsPath));
const nav = readRinexNav(readFileSync(navPath));
const sp3 = readSp3(readFileSync(sp3Path));
const station = obs.header.approxPositionXyz!;
const precise = preferPrecise(sp3Orbits(sp3), broadcastOrbits(nav));

const DAY0 = Date.UTC(2021, 3, 28);
const SP3_START = DAY0 + 18 * 3600e3;
/** `orbits` with the day's hours folded onto [start, start + spanMs), the span the sample files cover. */
const folded = (orbits: OrbitSource, start: number, spanMs: number): OrbitSource => {
  // Math.floor, not %: V8's floating-point % is a C call that would cost more than the geometry's own steps.
  const fold = (t: number) => t - spanMs * Math.floor((t - start) / spanMs);
  const positionVelocity = positionVelocityOf(orbits);
  return {
    kind: `${orbits.kind} (folded)`,
    position: (sat, t, out, at) => orbits.position(sat, fold(t), out, at),
    positionVelocity: (sat, t, out, at) => positionVelocity(sat, fold(t), out, at),
  };
};
const CODES_PER_SYSTEM: Record<string, number> = { G: 3, R: 2, E: 4, C: 2, J: 3 };

/** One station-day of rows (epoch-major, satellite, code) for the satellites above 0°. */
function stationDay(orbits: OrbitSource, satellites: string[]): GeometryInput {
  const epochs = 2880;
  const numbers: number[] = [];
  const times: number[] = [];
  const probe = {
    station,
    orbits,
    count: satellites.length,
    times: new Float64Array(satellites.length),
    satellites: Uint16Array.from(satellites, satelliteNumberOf),
  };
  for (let e = 0; e < epochs; e++) {
    const t = DAY0 + e * 30e3;
    probe.times.fill(t);
    const { elevation } = satelliteGeometry(probe);
    satellites.forEach((s, k) => {
      if (!(elevation[k]! > 0)) return;
      for (let c = 0; c < (CODES_PER_SYSTEM[s[0]!] ?? 1); c++) {
        numbers.push(probe.satellites[k]!);
        times.push(t);
      }
    });
  }
  return { station, orbits, count: times.length, times: Float64Array.from(times), satellites: Uint16Array.from(numbers) };
}

const slac: GeometryInput = { station, orbits: precise, count: obs.snr.count, times: obs.snr.times, satellites: rinexSatellites(obs.snr.satSystem, obs.snr.satPrn) };
const multiDay = stationDay(folded(precise, SP3_START, 6 * 3600e3), sp3.satellites);
const gpsDay = stationDay(folded(broadcastOrbits(nav), SP3_START, 4 * 3600e3), [...new Set(nav.kepler.map((e) => `G${String(e.prn).padStart(2, '0')}`))]);
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
rows.push(...(await ingestCostRows(multiDay)));
rows.push(...(await reflectorHeightRows()));
report('gnss-ir', rows, { multiDayRows: multiDay.count, gpsDayRows: gpsDay.count, slacRows: slac.count, loadAverage: loadavg()[0] });

/**
 * Steady-state cost of `fns` (ms per call, wall and this process's CPU): after `warmup` calls of
 * each, `rounds` rounds of a block of `block` back-to-back calls per function, the functions'
 * blocks interleaved so load changes hit each alike; the median over rounds of each block's
 * mean. A block's mean bills each call its share of the garbage collections its allocations
 * cause (a per-call median would leave them to whichever call they fall in).
 */
function steadyCost<K extends string>(fns: Record<K, () => unknown>, rounds = 7, block = 6, warmup = 6): Record<K, { wall: number; cpu: number }> {
  const keys = Object.keys(fns) as K[];
  for (let r = 0; r < warmup; r++) for (const k of keys) fns[k]();
  const wall = new Map<K, number[]>(keys.map((k) => [k, []]));
  const cpu = new Map<K, number[]>(keys.map((k) => [k, []]));
  for (let round = 0; round < rounds; round++) {
    for (const k of keys) {
      const before = process.cpuUsage();
      const start = performance.now();
      for (let r = 0; r < block; r++) fns[k]();
      const used = process.cpuUsage(before);
      wall.get(k)!.push((performance.now() - start) / block);
      cpu.get(k)!.push((used.user + used.system) / 1000 / block);
    }
  }
  return Object.fromEntries(keys.map((k) => [k, { wall: median(wall.get(k)!), cpu: median(cpu.get(k)!) }])) as Record<K, { wall: number; cpu: number }>;
}

/**
 * The extra ingest cost of geometry for one station-day, as ingest pays it: an SNR file's day is
 * planned on a worker (Parquet and SNR rollups), and at reconcile, when the day's orbits are
 * stored, it gets its geometry (stationDayGeometry, as ingest/gnss/plan.ts calls it) and
 * addDayGeometry appends the three columns and builds the elevation rollups. Without orbits the
 * day is the plan alone. The parts: the geometry, the columns, the elevation rollups.
 */
async function ingestCostRows(day: GeometryInput): Promise<BenchRow[]> {
  const { satelliteKey, constellationIndex } = await import('../store/gnss/satellites.js');
  const { addDayGeometry, planGnssDay } = await import('../ingest/gnss/plan-day.js');
  const { stationDayGeometry } = await import('../ingest/gnss/day-orbits.js');
  const { ecefToGeodetic } = await import('../ingest/decode/rinex/geodetic.js');
  const { addSnrGeometry } = await import('../store/gnss/snr-parquet.js');
  const { buildSnrElevationRollups } = await import('../ingest/gnss/rollups.js');
  const n = day.count;
  const obs = {
    count: n,
    times: day.times,
    satellites: day.satellites.map((s) => satelliteKey(constellationIndex(String.fromCharCode(Math.floor(s / 100))), s % 100)),
    codeIndex: Uint8Array.from({ length: n }, (_, i) => i % 3),
    codes: ['S1C', 'S2W', 'S5Q'],
    values: Float32Array.from({ length: n }, (_, i) => 30 + (i % 23)),
  };
  const from = { source: 'bench', sourceKey: 'bench', timeSystem: 'GPS', ingestedAt: 0 };
  const DAY = 18745;
  const { latitude, longitude, heightM } = ecefToGeodetic(...day.station);
  const position = { latitude, longitude, heightM };
  const geometryOf = () => stationDayGeometry(obs, position, 'GPS', day.orbits)!;
  const planned = planGnssDay('SLAC', DAY, obs, from);
  const withColumns = { ...obs, geometry: geometryOf() };
  const cost = steadyCost({
    plain: () => planGnssDay('SLAC', DAY, obs, from),
    withGeometry: () => addDayGeometry(planGnssDay('SLAC', DAY, obs, from), { ...obs, geometry: geometryOf() }, 'precise'),
    geometry: geometryOf,
    columns: () => addSnrGeometry(planned.object.body, withColumns.geometry, n),
    elevationRollups: () => buildSnrElevationRollups(withColumns, DAY),
  });
  const extra = { wall: cost.withGeometry.wall - cost.plain.wall, cpu: cost.withGeometry.cpu - cost.plain.cpu };
  const ms = (c: { wall: number; cpu: number }) => `${c.wall.toFixed(1)} ms wall / ${c.cpu.toFixed(1)} ms CPU`;
  console.log(
    `ingest of one multi-GNSS station-day (${n} values), steady state: without orbits ${ms(cost.plain)}, with them ${ms(cost.withGeometry)}; extra ${ms(extra)}, of which geometry ${ms(cost.geometry)}, Parquet columns appended ${ms(cost.columns)}, elevation rollups ${ms(cost.elevationRollups)} (load ${loadavg()[0]!.toFixed(1)})`,
  );
  return [
    { metric: 'extra ingest cost of geometry, one multi-GNSS station-day', unit: 'ms', radome: extra.wall, target: '≤ 10' },
    { metric: '  same, CPU time', unit: 'ms', radome: extra.cpu, target: '≤ 10' },
    { metric: '  of which geometry (CPU)', unit: 'ms', radome: cost.geometry.cpu },
    { metric: '  of which elevation/azimuth/edot Parquet columns (CPU)', unit: 'ms', radome: cost.columns.cpu },
    { metric: '  of which elevation rollups (CPU)', unit: 'ms', radome: cost.elevationRollups.cpu },
  ];
}

async function reflectorHeightRows(): Promise<BenchRow[]> {
  const gdir = join(dir, '..', 'gnssrefl');
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
