import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { broadcastOrbits, glonassPosition, GlonassTrajectory, keplerPosition, readRinexNav, readSp3, satelliteNumberOf, sp3Orbits, type KeplerEphemeris, type RinexNav } from './index.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';
import { BEIDOU_CONSTANTS, fineGlonass, GALILEO_CONSTANTS, GPS_CONSTANTS, independentKepler, rawRecords, secondsOfWeek, type KeplerConstants } from '../../../test/orbits/independent-orbits.js';

const O = 'gnss/orbits';
const BRDC = sampleFile(`${O}/brdc1180.21n`);
const SP3 = sampleFile(`${O}/COD0MGXFIN_20211180000_01D_05M_ORB.SP3`);
const ELKO = sampleFile(`${O}/ELKO00USA_R_20182100000_01D_MN.rnx.gz`);
const GLO2 = sampleFile(`${O}/p1462100.18g`);

if (!BRDC || !SP3) console.warn(skipReason(`${O}/brdc1180.21n and COD0MGXFIN_20211180000_01D_05M_ORB.SP3`));
if (!ELKO) console.warn(skipReason(`${O}/ELKO00USA_R_20182100000_01D_MN.rnx.gz`));

const out = new Float64Array(3);
const dist = (a: ArrayLike<number>, b: ArrayLike<number>) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

describe.skipIf(!BRDC || !SP3)('GPS broadcast against SP3 (SLAC day, 2021-118)', () => {
  it('agrees within 5 m 3D RMS at the SP3 epochs', () => {
    const nav = readRinexNav(readFileSync(BRDC!));
    const sp3 = readSp3(readFileSync(SP3!));
    expect(sp3.timeSystem).toBe('GPS');
    const brdc = broadcastOrbits(nav);
    const n = sp3.epochs.length;
    let sum2 = 0;
    let radial = 0;
    let count = 0;
    let worst = 0;
    sp3.satellites.forEach((id, s) => {
      if (!id.startsWith('G')) return;
      for (let e = 0; e < n; e++) {
        const p = sp3.positions.subarray((s * n + e) * 3, (s * n + e) * 3 + 3);
        if (Number.isNaN(p[0]!) || !brdc.position(satelliteNumberOf(id), sp3.epochs[e]!, out)) continue;
        const d = dist(out, p);
        // Broadcast orbits are those of the antenna phase centre, SP3 of the centre of mass: the
        // difference is mostly radial (the antenna offset points to the Earth), about 1 m.
        radial += ((out[0]! - p[0]!) * p[0]! + (out[1]! - p[1]!) * p[1]! + (out[2]! - p[2]!) * p[2]!) / Math.hypot(p[0]!, p[1]!, p[2]!);
        sum2 += d * d;
        worst = Math.max(worst, d);
        count++;
      }
    });
    const rms = Math.sqrt(sum2 / count);
    console.log(`GPS broadcast − SP3: ${count} positions, 3D RMS ${rms.toFixed(2)} m, max ${worst.toFixed(2)} m, mean radial ${(radial / count).toFixed(2)} m`);
    expect(count).toBeGreaterThan(30 * 70);
    expect(rms).toBeLessThan(5);
    expect(worst).toBeLessThan(15);
  });

  it('interpolates SP3 at mid-epochs within 5 cm of the epochs left out', () => {
    const sp3 = readSp3(readFileSync(SP3!));
    const n = sp3.epochs.length;
    // Every other epoch (10 min apart) is kept; the odd ones are what the interpolation must hit.
    const kept = Math.ceil(n / 2);
    const epochs = new Float64Array(kept);
    const positions = new Float64Array(sp3.satellites.length * kept * 3);
    for (let s = 0; s < sp3.satellites.length; s++) {
      for (let k = 0; k < kept; k++) {
        epochs[k] = sp3.epochs[2 * k]!;
        positions.set(sp3.positions.subarray((s * n + 2 * k) * 3, (s * n + 2 * k) * 3 + 3), (s * kept + k) * 3);
      }
    }
    const thinned = sp3Orbits({ epochs, satellites: sp3.satellites, positions });
    let worst = 0;
    let count = 0;
    const bySystem = new Map<string, number>();
    sp3.satellites.forEach((id, s) => {
      // Mid-epochs with a centred 10-point window (5 kept epochs either side).
      for (let e = 9; e < n - 9; e += 2) {
        const p = sp3.positions.subarray((s * n + e) * 3, (s * n + e) * 3 + 3);
        if (Number.isNaN(p[0]!) || !thinned.position(satelliteNumberOf(id), sp3.epochs[e]!, out)) continue;
        const d = dist(out, p);
        worst = Math.max(worst, d);
        bySystem.set(id[0]!, Math.max(bySystem.get(id[0]!) ?? 0, d));
        count++;
      }
    });
    console.log(`SP3 mid-epoch interpolation: ${count} points, worst ${(worst * 100).toFixed(2)} cm; by system (cm): ${[...bySystem].map(([k, v]) => `${k} ${(v * 100).toFixed(2)}`).join(', ')}`);
    expect(count).toBeGreaterThan(100 * 25);
    expect(worst).toBeLessThan(0.05);
  });

  it('interpolates across a gap in the epochs (general Lagrange form) as well', () => {
    const sp3 = readSp3(readFileSync(SP3!));
    const n = sp3.epochs.length;
    // Keep every other epoch but drop one more in the middle: windows there are uneven.
    const keep = [...Array(n).keys()].filter((e) => e % 2 === 0 && e !== 36);
    const positions = new Float64Array(sp3.satellites.length * keep.length * 3);
    sp3.satellites.forEach((_, s) => keep.forEach((e, k) => positions.set(sp3.positions.subarray((s * n + e) * 3, (s * n + e) * 3 + 3), (s * keep.length + k) * 3)));
    const gappy = sp3Orbits({ epochs: Float64Array.from(keep, (e) => sp3.epochs[e]!), satellites: sp3.satellites, positions });
    let worst = 0;
    let count = 0;
    sp3.satellites.forEach((id, s) => {
      for (const e of [31, 33, 35, 36, 37, 39, 41]) {
        const p = sp3.positions.subarray((s * n + e) * 3, (s * n + e) * 3 + 3);
        if (Number.isNaN(p[0]!) || !gappy.position(satelliteNumberOf(id), sp3.epochs[e]!, out)) continue;
        worst = Math.max(worst, dist(out, p));
        count++;
      }
    });
    expect(count).toBeGreaterThan(100 * 6);
    expect(worst).toBeLessThan(0.05);
  });

  it('never extrapolates beyond the file and gives the SP3 point itself at an epoch', () => {
    const sp3 = readSp3(readFileSync(SP3!));
    const precise = sp3Orbits(sp3);
    const g01 = satelliteNumberOf('G01');
    expect(precise.position(g01, sp3.epochs[0]! - 1000, out)).toBe(false);
    expect(precise.position(g01, sp3.epochs[sp3.epochs.length - 1]! + 1000, out)).toBe(false);
    expect(precise.position(g01, sp3.epochs[3]!, out)).toBe(true);
    expect(dist(out, sp3.positions.subarray(9, 12))).toBe(0);
  });
});

/** Seconds of week and GPS ms of a time `offsetS` after a record's epoch, in the record's system. */
function timesAfter(epoch: number[], offsetS: number, toGpsS: number): { sow: number; gpsMs: number } {
  const [y, mo, d, h, mi, s] = epoch as [number, number, number, number, number, number];
  return { sow: secondsOfWeek(y, mo, d, h, mi, s) + offsetS, gpsMs: Date.UTC(y, mo - 1, d, h, mi) + (s + offsetS + toGpsS) * 1000 };
}

describe.skipIf(!ELKO)('ELKO mixed navigation (RINEX 3.03, 2018-210)', () => {
  const text = ELKO ? new TextDecoder().decode(gunzipSync(readFileSync(ELKO))) : '';
  const nav: RinexNav | null = ELKO ? readRinexNav(new TextEncoder().encode(text)) : null;

  it('decodes every record of every system, counting the impossible C16 orbits the receiver logged', () => {
    const bySystem = new Map<string, number>();
    for (const e of nav!.kepler) bySystem.set(e.system, (bySystem.get(e.system) ?? 0) + 1);
    const recordsIn = (letter: string) => text.split('\n').filter((l) => l.startsWith(letter) && /^[A-Z]\d\d \d{4}/.test(l)).length;
    // ELKO's receiver logged C16 (then in test) with e 0.25–0.49 and √A 1000–2000: no such orbit exists.
    const c16 = text.split('\n').filter((l) => l.startsWith('C16 ')).length;
    expect(c16).toBe(4);
    expect(Object.fromEntries(bySystem)).toEqual({ C: recordsIn('C') - c16, E: recordsIn('E'), G: recordsIn('G') });
    expect(nav!.kepler.some((e) => e.system === 'C' && e.prn === 16)).toBe(false);
    expect(nav!.glonass.length).toBe(recordsIn('R'));
    expect(nav!.warnings).toEqual([{ code: 'BAD_RECORD', count: c16, firstLine: text.split('\n').findIndex((l) => l.startsWith('C16 ')) + 1 }]);
  });

  const cases: [string, KeplerConstants, number][] = [
    ['G', GPS_CONSTANTS, 0],
    ['E', GALILEO_CONSTANTS, 0],
    ['C', BEIDOU_CONSTANTS, -14],
  ];
  for (const [system, constants, toGpsS] of cases) {
    it(`${system}: Keplerian positions equal the test's own computation (every record, ±2 h around toc)`, () => {
      const sats = [...new Set(nav!.kepler.filter((e) => e.system === system).map((e) => `${e.system}${String(e.prn).padStart(2, '0')}`))];
      let compared = 0;
      for (const sat of sats) {
        const raw = rawRecords(text, sat, 8).filter((r) => r.values[10]! > 3000);
        const decoded = nav!.kepler.filter((e) => `${e.system}${String(e.prn).padStart(2, '0')}` === sat);
        expect(decoded.length).toBe(raw.length);
        for (const rec of raw) {
          const eph = decoded.find((e) => e.iode === rec.values[3] && e.sqrtA === rec.values[10] && e.m0 === rec.values[6])!;
          expect(eph, `${sat} record of ${rec.epoch.join(' ')}`).toBeDefined();
          for (const offset of [-7200, -1800, 0, 900, 3600, 7200]) {
            // BDT runs 14 s behind GPS time: the decoder takes GPS ms, the test works in BDT.
            const { sow, gpsMs } = timesAfter(rec.epoch, offset, -toGpsS);
            keplerPosition(eph, gpsMs, out);
            expect(dist(out, independentKepler(rec.values, sow, constants))).toBeLessThan(1e-3);
            compared++;
          }
        }
      }
      expect(compared).toBeGreaterThan(100);
    });
  }

  it('E and C orbits have their constellations’ radii, and consecutive ephemerides meet', () => {
    // Radii half an hour after every toe: Galileo MEO (not the eccentric E14/E18), BeiDou MEO
    // and IGSO, each in its own shell.
    const shells: [RegExp, number, number][] = [
      [/^E(?!14|18)/, 29.4e6, 29.8e6],
      [/^C(11|12|14|19|2\d|3\d)$/, 27.7e6, 28.1e6],
      [/^C(0[6-9]|10|13|16)$/, 41.7e6, 42.6e6],
    ];
    let checked = 0;
    for (const eph of nav!.kepler) {
      const id = `${eph.system}${String(eph.prn).padStart(2, '0')}`;
      const shell = shells.find(([re]) => re.test(id));
      if (!shell) continue;
      keplerPosition(eph, eph.toeMs + 1800e3, out);
      const r = Math.hypot(out[0]!, out[1]!, out[2]!);
      expect(r, id).toBeGreaterThan(shell[1]);
      expect(r, id).toBeLessThan(shell[2]);
      checked++;
    }
    expect(checked).toBeGreaterThan(1000);
    for (const system of ['E', 'C'] as const) {
      const bySat = new Map<number, KeplerEphemeris[]>();
      for (const e of nav!.kepler) if (e.system === system) bySat.set(e.prn, [...(bySat.get(e.prn) ?? []), e]);
      let worst = 0;
      const a = new Float64Array(3);
      for (const list of bySat.values()) {
        for (let k = 1; k < list.length; k++) {
          if (list[k]!.toeMs - list[k - 1]!.toeMs > 3 * 3600e3 || list[k]!.toeMs === list[k - 1]!.toeMs) continue;
          const mid = (list[k]!.toeMs + list[k - 1]!.toeMs) / 2;
          keplerPosition(list[k - 1]!, mid, a);
          keplerPosition(list[k]!, mid, out);
          worst = Math.max(worst, dist(a, out));
        }
      }
      console.log(`${system}: consecutive broadcast ephemerides differ by at most ${worst.toFixed(2)} m at their midpoints`);
      expect(worst).toBeLessThan(10);
    }
  });

  it('BeiDou GEO records get the tilted-frame rotation (a C06 record renamed C01)', () => {
    const record = text.split('\n');
    const at = record.findIndex((l) => l.startsWith('C06 '));
    const header = record.slice(0, record.findIndex((l) => l.includes('END OF HEADER')) + 1);
    const geoText = [...header, 'C01' + record[at]!.slice(3), ...record.slice(at + 1, at + 8)].join('\n');
    const [geo] = readRinexNav(new TextEncoder().encode(geoText)).kepler;
    const [raw] = rawRecords(geoText, 'C01', 8);
    for (const offset of [0, 1800, 5400]) {
      const { sow, gpsMs } = timesAfter(raw!.epoch, offset, 14);
      keplerPosition(geo!, gpsMs, out);
      const expected = independentKepler(raw!.values, sow, BEIDOU_CONSTANTS, true);
      expect(dist(out, expected)).toBeLessThan(1e-3);
      // …and differs from the non-GEO formula by far more than that.
      expect(dist(out, independentKepler(raw!.values, sow, BEIDOU_CONSTANTS))).toBeGreaterThan(1000);
    }
  });

  it('GLONASS: RK4 (30 s steps) equals a 1 s-step integration within 1 cm, and consecutive state vectors meet', () => {
    let compared = 0;
    let worstFine = 0;
    let worstMeet = 0;
    const byPrn = new Map<number, RinexNav['glonass']>();
    for (const e of nav!.glonass) byPrn.set(e.prn, [...(byPrn.get(e.prn) ?? []), e]);
    for (const [prn, list] of byPrn) {
      const raw = rawRecords(text, `R${String(prn).padStart(2, '0')}`, 4);
      expect(raw.length).toBe(list.length);
      // Every third state vector keeps the 1 s integration affordable.
      for (let k = 0; k < list.length; k += 3) {
        const eph = list[k]!;
        const v = raw[k]!.values;
        const s0 = [v[3]!, v[7]!, v[11]!, v[4]!, v[8]!, v[12]!].map((x) => x * 1000);
        const acc = [v[5]!, v[9]!, v[13]!].map((x) => x * 1000);
        const trajectory = new GlonassTrajectory(eph, 3600);
        for (const dt of [-900, -347, 15, 600, 900]) {
          const fine = fineGlonass(s0, acc, dt, 1);
          glonassPosition(eph, eph.tbMs + dt * 1000, out);
          worstFine = Math.max(worstFine, dist(out, fine));
          expect(trajectory.position(eph.tbMs + dt * 1000, out)).toBe(true);
          worstFine = Math.max(worstFine, dist(out, fine));
          compared++;
        }
        const next = list[k + 1];
        if (next && next.tbMs - eph.tbMs === 1800e3) {
          const a = new Float64Array(3);
          glonassPosition(eph, eph.tbMs + 900e3, a);
          glonassPosition(next, eph.tbMs + 900e3, out);
          worstMeet = Math.max(worstMeet, dist(a, out));
        }
      }
    }
    console.log(`GLONASS: ${compared} positions, RK4 − fine integration at most ${(worstFine * 1000).toFixed(2)} mm; consecutive state vectors meet within ${worstMeet.toFixed(2)} m`);
    expect(compared).toBeGreaterThan(300);
    expect(worstFine).toBeLessThan(0.01);
    expect(worstMeet).toBeLessThan(20);
  });
});

describe.skipIf(!GLO2)('RINEX 2 GLONASS navigation (p1462100.18g)', () => {
  it('reads UTC epochs as GPS time (+18 s) and integrates orbits of GLONASS radius', () => {
    const nav = readRinexNav(readFileSync(GLO2!));
    expect(nav.kepler).toEqual([]);
    const first = nav.glonass[0]!;
    expect(new Date(first.tbMs).getUTCSeconds()).toBe(18);
    glonassPosition(first, first.tbMs + 600e3, out);
    expect(Math.hypot(out[0]!, out[1]!, out[2]!)).toBeGreaterThan(25.4e6);
    expect(Math.hypot(out[0]!, out[1]!, out[2]!)).toBeLessThan(25.6e6);
  });
});
