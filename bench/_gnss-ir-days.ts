/**
 * The gnss-ir bench's station-days (shared by bench/gnss-ir.ts and its ingest-cost child
 * bench/_gnss-ingest-cost.ts): SLAC's real 2-hour file, and one multi-GNSS and one GPS-only
 * station-day built on SLAC's orbits (see bench/gnss-ir.ts). Null when the samples are absent.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { broadcastOrbits, positionVelocityOf, preferPrecise, readRinexNav, readSp3, satelliteNumberOf, sp3Orbits, type OrbitSource } from '../ingest/decode/orbits/index.js';
import { readRinex } from '../ingest/decode/rinex/index.js';
import { rinexSatellites, satelliteGeometry, type GeometryInput } from '../ingest/gnss/satellite-geometry.js';

export const orbitsDir = join(process.env.RADOME_SAMPLE_DATA ?? resolve(process.cwd(), '..', 'shared', 'data'), 'gnss', 'orbits');

export interface GnssIrDays {
  slac: GeometryInput;
  multiDay: GeometryInput;
  gpsDay: GeometryInput;
}

export function gnssIrDays(): GnssIrDays | null {
  const files = ['slac1180.21o', 'brdc1180.21n', 'COD0MGXFIN_20211180000_01D_05M_ORB.SP3'].map((f) => join(orbitsDir, f));
  if (!files.every(existsSync)) {
    console.warn(`samples ${files.join(', ')} not all found: the gnss-ir bench needs them; nothing measured`);
    return null;
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
  return { slac, multiDay, gpsDay };
}
