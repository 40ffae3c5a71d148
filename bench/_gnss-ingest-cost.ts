/**
 * Child of bench/gnss-ir.ts: the steady-state cost of one part of ingesting the multi-GNSS
 * station-day (bench/_gnss-ir-days.ts), in a process of its own so one part's JIT state and heap
 * never weigh on another's. Cases (argv[2]):
 * - plain: planning the day without orbits (Parquet and SNR rollups), as a worker does;
 * - withGeometry: the same plan, then its geometry (stationDayGeometry, as ingest/gnss/plan.ts
 *   calls it) and addDayGeometry (the three Parquet columns appended, the elevation rollups), as
 *   reconcile does when the day's orbits are stored;
 * - geometry, columns, elevationRollups: those parts alone.
 * After warm-up calls, `rounds` blocks of `block` calls; prints one JSON line with each block's
 * mean CPU (this process, user + system) and wall ms per call. A block's mean bills each call its
 * share of the garbage collections its allocations cause.
 */
import { gnssIrDays } from './_gnss-ir-days.js';
import { satelliteKey, constellationIndex } from '../store/gnss/satellites.js';
import { addDayGeometry, planGnssDay } from '../ingest/gnss/plan-day.js';
import { stationDayGeometry } from '../ingest/gnss/day-orbits.js';
import { ecefToGeodetic } from '../ingest/decode/rinex/geodetic.js';
import { addSnrGeometry } from '../store/gnss/snr-parquet.js';
import { objectBytes } from '../store/objects/object-body.js';
import { buildSnrElevationRollups } from '../ingest/gnss/rollups.js';

export const INGEST_COST_CASES = ['plain', 'withGeometry', 'geometry', 'columns', 'elevationRollups'] as const;
export type IngestCostCase = (typeof INGEST_COST_CASES)[number];

function ingestCostCases(): Record<IngestCostCase, () => unknown> | null {
  const days = gnssIrDays();
  if (!days) return null;
  const day = days.multiDay;
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
  const plainBody = objectBytes(planned.object.body);
  const withColumns = { ...obs, geometry: geometryOf() };
  return {
    plain: () => planGnssDay('SLAC', DAY, obs, from),
    withGeometry: () => addDayGeometry(planGnssDay('SLAC', DAY, obs, from), { ...obs, geometry: geometryOf() }, 'precise'),
    geometry: geometryOf,
    columns: () => addSnrGeometry(plainBody, withColumns.geometry, n),
    elevationRollups: () => buildSnrElevationRollups(withColumns, DAY, [planned.commit.row.firstTime, planned.commit.row.lastTime]),
  };
}

const which = process.argv[2] as IngestCostCase | undefined;
if (which !== undefined) {
  if (!INGEST_COST_CASES.includes(which)) throw new Error(`_gnss-ingest-cost: unknown case "${which}" (one of ${INGEST_COST_CASES.join(', ')})`);
  const fn = ingestCostCases()?.[which];
  if (!fn) process.exit(0);
  const rounds = Number(process.argv[3] ?? 7);
  const block = 6;
  for (let r = 0; r < 8; r++) fn();
  const cpu: number[] = [];
  const wall: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const before = process.cpuUsage();
    const start = performance.now();
    for (let r = 0; r < block; r++) fn();
    const used = process.cpuUsage(before);
    wall.push((performance.now() - start) / block);
    cpu.push((used.user + used.system) / 1000 / block);
  }
  console.log(JSON.stringify({ case: which, cpu, wall }));
}
