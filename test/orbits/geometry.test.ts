import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { rinexSatellites, satelliteGeometry, satelliteNumberOfKey } from '../../ingest/gnss/satellite-geometry.js';
import { constellationIndex, satelliteKey } from '../../store/gnss/satellites.js';
import { broadcastOrbits, preferPrecise, readRinexNav, readSp3, sp3Orbits, type OrbitSource } from '../../ingest/decode/orbits/index.js';
import { readRinex } from '../../ingest/decode/rinex/index.js';
import { sampleFile, skipReason } from '../sample-data.js';

const O = 'gnss/orbits';
const OBS = sampleFile(`${O}/slac1180.21o`);
const BRDC = sampleFile(`${O}/brdc1180.21n`);
const SP3 = sampleFile(`${O}/COD0MGXFIN_20211180000_01D_05M_ORB.SP3`);
if (!OBS || !BRDC || !SP3) console.warn(skipReason(`${O}/slac1180.21o, brdc1180.21n and COD0MGXFIN_20211180000_01D_05M_ORB.SP3`));

/**
 * The test's own topocentric angles: geodetic latitude by Bowring's closed form, the local frame
 * as a rotation matrix, light time iterated to convergence, the Earth's rotation during it applied
 * as a rotation of the satellite about Z; angles in degrees.
 */
function topocentric(station: readonly number[], orbits: OrbitSource, sat: number, tMs: number): [number, number] | null {
  const a = 6378137;
  const f = 1 / 298.257223563;
  const b = a * (1 - f);
  const e2 = 1 - (b * b) / (a * a);
  const ep2 = (a * a) / (b * b) - 1;
  const [x, y, z] = station as [number, number, number];
  const p = Math.hypot(x, y);
  const theta = Math.atan2(z * a, p * b);
  const lat = Math.atan2(z + ep2 * b * Math.sin(theta) ** 3, p - e2 * a * Math.cos(theta) ** 3);
  const lon = Math.atan2(y, x);
  const R = [
    [-Math.sin(lon), Math.cos(lon), 0],
    [-Math.sin(lat) * Math.cos(lon), -Math.sin(lat) * Math.sin(lon), Math.cos(lat)],
    [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)],
  ];
  const s = new Float64Array(3);
  let travel = 0;
  let los = [0, 0, 0];
  for (let k = 0; k < 6; k++) {
    if (!orbits.position(sat, tMs - travel * 1000, s)) return null;
    const w = 7.2921151467e-5 * travel;
    const rotated = [Math.cos(w) * s[0]! + Math.sin(w) * s[1]!, -Math.sin(w) * s[0]! + Math.cos(w) * s[1]!, s[2]!];
    los = rotated.map((v, i) => v - station[i]!);
    travel = Math.hypot(los[0]!, los[1]!, los[2]!) / 299792458;
  }
  const [e, n, u] = R.map((row) => row[0]! * los[0]! + row[1]! * los[1]! + row[2]! * los[2]!) as [number, number, number];
  const deg = 180 / Math.PI;
  return [Math.atan2(u, Math.hypot(e, n)) * deg, (Math.atan2(e, n) * deg + 360) % 360];
}

describe.skipIf(!OBS || !BRDC || !SP3)('satellite geometry for SLAC 2021-118 (SP3 preferred, else broadcast)', () => {
  const obs = readRinex(readFileSync(OBS!));
  const nav = readRinexNav(readFileSync(BRDC!));
  const sp3 = readSp3(readFileSync(SP3!));
  const orbits = preferPrecise(sp3Orbits(sp3), broadcastOrbits(nav));
  const station = obs.header.approxPositionXyz!;
  const { snr } = obs;
  const geometry = satelliteGeometry({ station, orbits, count: snr.count, times: snr.times, satellites: rinexSatellites(snr.satSystem, snr.satPrn), timeSystem: obs.header.timeSystem });

  it('agrees with an independent topocentric computation within 0.01°, for every observation', () => {
    expect(obs.header.timeSystem).toBe('GPS');
    let worstEl = 0;
    let worstAz = 0;
    let compared = 0;
    const systems = new Set<string>();
    for (let i = 0; i < snr.count; i++) {
      const sat = snr.satSystem[i]! * 100 + snr.satPrn[i]!;
      const own = topocentric(station, orbits, sat, snr.times[i]!);
      if (!own) {
        expect(geometry.elevation[i]).toBeNaN();
        continue;
      }
      worstEl = Math.max(worstEl, Math.abs(own[0] - geometry.elevation[i]!));
      // Azimuth differences wrap at north; near the zenith azimuth is ill-defined, so weight by cos(el).
      const dAz = Math.abs(((own[1] - geometry.azimuth[i]! + 540) % 360) - 180) * Math.cos((own[0] * Math.PI) / 180);
      worstAz = Math.max(worstAz, dAz);
      systems.add(String.fromCharCode(snr.satSystem[i]!));
      compared++;
    }
    console.log(
      `SLAC geometry: ${compared} of ${snr.count} SNR values (${[...systems].join('')}), worst |Δel| ${worstEl.toExponential(2)}°, worst |Δaz|·cos el ${worstAz.toExponential(2)}°; ${geometry.missing} without orbits`,
    );
    expect(compared).toBeGreaterThan(0.99 * snr.count);
    expect(geometry.missing).toBe(snr.count - compared);
    expect(worstEl).toBeLessThan(0.01);
    expect(worstAz).toBeLessThan(0.01);
  });

  it('interpolates within 0.001° of the independent computation for every satellite of the SP3 file, every 30 s for 6 h', () => {
    // Geometry interpolates between exact angles on a grid (ingest/gnss/satellite-geometry.ts):
    // here every satellite above the horizon, at every elevation up to the zenith, is compared.
    const sp3Only = sp3Orbits(sp3);
    const epochs = Math.floor((sp3.epochs[sp3.epochs.length - 1]! - sp3.epochs[0]!) / 30e3);
    const n = epochs * sp3.satellites.length;
    const times = new Float64Array(n);
    const satSystem = new Uint8Array(n);
    const satPrn = new Uint8Array(n);
    for (let e = 0, r = 0; e < epochs; e++) {
      for (const id of sp3.satellites) {
        times[r] = sp3.epochs[0]! + e * 30e3 + 7e3;
        satSystem[r] = id.charCodeAt(0);
        satPrn[r++] = Number(id.slice(1));
      }
    }
    const day = satelliteGeometry({ station, orbits: sp3Only, count: n, times, satellites: rinexSatellites(satSystem, satPrn) });
    let worstEl = 0;
    let worstAz = 0;
    let compared = 0;
    let high = 0;
    for (let r = 0; r < n; r++) {
      const own = topocentric(station, sp3Only, satSystem[r]! * 100 + satPrn[r]!, times[r]!);
      if (!own || own[0] < 0) continue;
      compared++;
      if (own[0] > 70) high++;
      worstEl = Math.max(worstEl, Math.abs(own[0] - day.elevation[r]!));
      worstAz = Math.max(worstAz, Math.abs(((own[1] - day.azimuth[r]! + 540) % 360) - 180) * Math.cos((own[0] * Math.PI) / 180));
    }
    console.log(`whole-sky geometry: ${compared} satellite-epochs above the horizon (${high} above 70°), worst |Δel| ${worstEl.toExponential(2)}°, worst |Δaz|·cos el ${worstAz.toExponential(2)}°`);
    expect(compared).toBeGreaterThan(10000);
    expect(high).toBeGreaterThan(500);
    expect(worstEl).toBeLessThan(1e-3);
    expect(worstAz).toBeLessThan(1e-3);
  });

  it('puts every tracked satellite above the horizon', () => {
    let below = 0;
    let finite = 0;
    for (let i = 0; i < snr.count; i++) {
      if (Number.isNaN(geometry.elevation[i]!)) continue;
      finite++;
      if (geometry.elevation[i]! < -1) below++;
    }
    expect(finite).toBeGreaterThan(0);
    expect(below).toBe(0);
  });

  it('gives an elevation rate equal to the finite difference of elevation', () => {
    // Elevation 5 s before and after each observation, by the same function: (el⁺ − el⁻) / 10 s.
    const h = 5000;
    const at = (shift: number) => satelliteGeometry({ station, orbits, count: snr.count, times: snr.times.map((t) => t + shift), satellites: rinexSatellites(snr.satSystem, snr.satPrn) });
    const before = at(-h);
    const after = at(h);
    let worst = 0;
    let largest = 0;
    let compared = 0;
    for (let i = 0; i < snr.count; i++) {
      if (Number.isNaN(before.elevation[i]!) || Number.isNaN(after.elevation[i]!)) continue;
      const fd = (after.elevation[i]! - before.elevation[i]!) / ((2 * h) / 1000);
      worst = Math.max(worst, Math.abs(fd - geometry.edot[i]!));
      largest = Math.max(largest, Math.abs(fd));
      compared++;
    }
    console.log(`edot vs finite difference (±5 s): ${compared} values, worst difference ${worst.toExponential(2)} °/s (rates up to ${largest.toExponential(2)} °/s)`);
    expect(compared).toBeGreaterThan(0.99 * snr.count);
    expect(largest).toBeGreaterThan(5e-3);
    expect(worst).toBeLessThan(1e-5);
  });

  it('edot integrates to the elevation change between epochs (30 s, trapezoid rule, below 80°)', () => {
    const bySat = new Map<number, { t: number; el: number; edot: number }[]>();
    for (let i = 0; i < snr.count; i++) {
      if (Number.isNaN(geometry.elevation[i]!)) continue;
      const sat = snr.satSystem[i]! * 100 + snr.satPrn[i]!;
      const list = bySat.get(sat) ?? [];
      if (list.length === 0 || list[list.length - 1]!.t !== snr.times[i]) list.push({ t: snr.times[i]!, el: geometry.elevation[i]!, edot: geometry.edot[i]! });
      bySat.set(sat, list);
    }
    let worst = 0;
    let pairs = 0;
    for (const list of bySat.values()) {
      for (let k = 1; k < list.length; k++) {
        const dt = (list[k]!.t - list[k - 1]!.t) / 1000;
        // Near the zenith the elevation turns too fast for a 30 s trapezoid to follow.
        if (dt !== 30 || list[k]!.el > 80 || list[k - 1]!.el > 80) continue;
        const fd = (list[k]!.el - list[k - 1]!.el) / dt;
        worst = Math.max(worst, Math.abs(fd - (list[k]!.edot + list[k - 1]!.edot) / 2));
        pairs++;
      }
    }
    expect(pairs).toBeGreaterThan(1000);
    expect(worst).toBeLessThan(5e-6);
  });

  it('gives stored days (satellites as satelliteKey) the same geometry', () => {
    const keys = Uint16Array.from(snr.satSystem, (c, i) => satelliteKey(constellationIndex(String.fromCharCode(c)), snr.satPrn[i]!));
    const stored = satelliteGeometry({ station, orbits, count: snr.count, times: snr.times, satellites: keys, satelliteNumberOf: satelliteNumberOfKey });
    expect(stored.elevation).toEqual(geometry.elevation);
    expect(stored.azimuth).toEqual(geometry.azimuth);
  });

  it('broadcast-only GPS geometry is within 0.001° of the precise one', () => {
    const gps = snr.satSystem.map((c) => (c === 71 ? 1 : 0));
    const brdc = satelliteGeometry({ station, orbits: broadcastOrbits(nav), count: snr.count, times: snr.times, satellites: rinexSatellites(snr.satSystem, snr.satPrn) });
    let worst = 0;
    for (let i = 0; i < snr.count; i++) if (gps[i] && !Number.isNaN(geometry.elevation[i]!)) worst = Math.max(worst, Math.abs(brdc.elevation[i]! - geometry.elevation[i]!));
    expect(worst).toBeGreaterThan(0);
    expect(worst).toBeLessThan(1e-3);
  });
});
