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
  /**
   * `orbits` with the day played forward and back over [start, start + spanMs], the span the
   * sample files cover: legs of spanMs alternate forward and backward, so positions run on without
   * a jump (a satellite turns back at each end of the span), and a velocity is the derivative of
   * the positions given (negated on a backward leg). Folding the hours onto the span instead (t →
   * start + t mod span) jumped at each fold, and geometry's segment before a fold ran to a node
   * taken from the other side (angles and rates of another place). spanMs is chosen so that turns
   * fall neither on a 30-s epoch nor on a grid node of geometry's segments: every node has the
   * rate of its own leg.
   */
  const backAndForth = (orbits: OrbitSource, start: number, spanMs: number): OrbitSource => {
    const positionVelocity = positionVelocityOf(orbits);
    // Math.floor, not %: V8's floating-point % is a C call that would cost more than the geometry's own steps.
    const legOf = (t: number) => Math.floor((t - DAY0) / spanMs);
    const spanTime = (t: number, leg: number) => {
      const u = t - DAY0 - leg * spanMs;
      return leg & 1 ? start + spanMs - u : start + u;
    };
    return {
      kind: `${orbits.kind} (forward and back)`,
      position: (sat, t, out, at) => orbits.position(sat, spanTime(t, legOf(t)), out, at),
      positionVelocity: (sat, t, out, at = 0) => {
        const leg = legOf(t);
        if (!positionVelocity(sat, spanTime(t, leg), out, at)) return false;
        if (leg & 1) for (let k = 3; k < 6; k++) out[at + k] = -out[at + k]!;
        return true;
      },
    };
  };
  /** Legs 7 s short of whole hours: turns at k × 7 s past a whole hour (k < 6), off the 30-s epochs and the grid. */
  const LEG_SHORT_MS = 7e3;
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
  const multiDay = stationDay(backAndForth(precise, SP3_START, 6 * 3600e3 - LEG_SHORT_MS), sp3.satellites);
  const gpsDay = stationDay(backAndForth(broadcastOrbits(nav), SP3_START, 4 * 3600e3 - LEG_SHORT_MS), [...new Set(nav.kepler.map((e) => `G${String(e.prn).padStart(2, '0')}`))]);
  return { slac, multiDay, gpsDay };
}
