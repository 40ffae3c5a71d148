/**
 * GNSS-IR building blocks. So far: satellite geometry (elevation, azimuth, edot) per SNR value.
 *
 * - geometry for SLAC's real 2-hour file (slac1180.21o, GPS+GLONASS+Galileo, SP3 orbits);
 * - geometry for one multi-GNSS station-day: every satellite of the SP3 file that is above the
 *   horizon at SLAC, every 30 s for 24 h, with SLAC's SNR codes per system (3 GPS, 2 GLONASS,
 *   4 Galileo, 2 BeiDou, 3 QZSS). The SP3 file covers 18–24 h only, so the day's hours are folded
 *   onto that span (t → 18 h + t mod 6 h): same satellites, same interpolation work, a full day's rows;
 * - geometry for one GPS-only station-day from the broadcast file (which covers 18–22 h: folded
 *   likewise onto those 4 hours).
 * No peer figure: gnssrefl computes geometry inside its RINEX conversion (rinex2snr), which is not
 * installed here, and publishes no separate figure for it.
 *
 *   npm run bench -- gnss-ir
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { broadcastOrbits, preferPrecise, readRinexNav, readSp3, sp3Orbits, type OrbitSource } from '../ingest/decode/orbits/index.js';
import { readRinex } from '../ingest/decode/rinex/index.js';
import { satelliteGeometry, type GeometryInput } from '../ingest/gnss/satellite-geometry.js';
import { median, report, timeRuns, type BenchRow } from './harness.js';

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
const folded = (orbits: OrbitSource, start: number, spanMs: number): OrbitSource => ({
  kind: `${orbits.kind} (folded)`,
  position: (sat, t, out, at) => orbits.position(sat, start + ((((t - start) % spanMs) + spanMs) % spanMs), out, at),
});
const CODES_PER_SYSTEM: Record<string, number> = { G: 3, R: 2, E: 4, C: 2, J: 3 };

/** One station-day of rows (epoch-major, satellite, code) for the satellites above 0°. */
function stationDay(orbits: OrbitSource, satellites: string[]): GeometryInput {
  const epochs = 2880;
  const sys: number[] = [];
  const prn: number[] = [];
  const times: number[] = [];
  const probe = { station, orbits, count: satellites.length, times: new Float64Array(satellites.length), satSystem: Uint8Array.from(satellites, (s) => s.charCodeAt(0)), satPrn: Uint8Array.from(satellites, (s) => Number(s.slice(1))) };
  for (let e = 0; e < epochs; e++) {
    const t = DAY0 + e * 30e3;
    probe.times.fill(t);
    const { elevation } = satelliteGeometry(probe);
    satellites.forEach((s, k) => {
      if (!(elevation[k]! > 0)) return;
      for (let c = 0; c < (CODES_PER_SYSTEM[s[0]!] ?? 1); c++) {
        sys.push(s.charCodeAt(0));
        prn.push(Number(s.slice(1)));
        times.push(t);
      }
    });
  }
  return { station, orbits, count: times.length, times: Float64Array.from(times), satSystem: Uint8Array.from(sys), satPrn: Uint8Array.from(prn) };
}

const slac: GeometryInput = { station, orbits: precise, count: obs.snr.count, times: obs.snr.times, satSystem: obs.snr.satSystem, satPrn: obs.snr.satPrn };
const multiDay = stationDay(folded(precise, SP3_START, 6 * 3600e3), sp3.satellites);
const gpsDay = stationDay(folded(broadcastOrbits(nav), SP3_START, 4 * 3600e3), [...new Set(nav.kepler.map((e) => `G${String(e.prn).padStart(2, '0')}`))]);
const uniquePairs = (g: GeometryInput) => new Set(Array.from(g.times, (t, i) => `${t}|${g.satSystem[i]}|${g.satPrn[i]}`)).size;

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
    await timeRuns(() => {
      const before = process.cpuUsage();
      satelliteGeometry(input);
      const used = process.cpuUsage(before);
      cpu.push((used.user + used.system) / 1000);
    }, 9, 2),
  );
  const cpuMs = median(cpu.slice(2));
  console.log(`${metric}: ${input.count} SNR values, ${uniquePairs(input)} satellite-epochs, ${ms.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU (load average ${loadavg()[0]!.toFixed(1)})`);
  rows.push({ metric, unit: 'ms', radome: ms, target });
  rows.push({ metric: `  same, CPU time`, unit: 'ms', radome: cpuMs, target });
}
report('gnss-ir', rows, { multiDayRows: multiDay.count, gpsDayRows: gpsDay.count, slacRows: slac.count });
