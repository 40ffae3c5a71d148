// Reflector heights (GNSS-IR) against gnssrefl 4.2.1's own results for MCHL 2025 day 10, from
// the gnssrefl SNR files of days 10-12 and the station's gnssir settings (mchl.json) and
// refraction inputs (mchl_refr.txt).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lombScargle, periodogramPeak } from './lomb-scargle.js';
import { dayReflectorHeights } from './reflector-heights.js';
import { atmosphereFromGpt2wFile, bennettElevation } from './refraction.js';
import { stationSettingsFromJson } from './station-settings.js';
import { skipReason } from '../../../test/sample-data.js';
import { DAY10, G, MCHL_JSON, MCHL_PRESENT, MCHL_REFR, mchlObservations, referenceArcs } from '../../../test/gnssir/mchl-reference.js';

if (!MCHL_PRESENT) console.warn(skipReason(`${G}/mchl0100.25.snr66.gz … mchl.json, mchl_refr.txt, mchl-2025-010-gnssir-results.txt`));

describe('Lomb–Scargle periodogram', () => {
  it('equals the direct sums (trig per frequency) at every frequency, on uneven samples', () => {
    const n = 97;
    const x = Float64Array.from({ length: n }, (_, i) => 10 + i * 0.37 + 0.1 * Math.sin(i * 1.7));
    const y = Float64Array.from(x, (v, i) => Math.cos(2 * Math.PI * 1.3 * v + 0.4) + 0.2 * Math.sin(i));
    const w0 = 0.05;
    const dw = 0.013;
    const count = 700;
    const fast = lombScargle(x, y, n, w0, dw, count);
    for (let k = 0; k < count; k += 7) {
      const w = w0 + k * dw;
      // Scargle's definition, directly: τ from tan(2ωτ) = Σsin2ωx / Σcos2ωx.
      let s2 = 0,
        c2 = 0;
      for (const v of x) {
        s2 += Math.sin(2 * w * v);
        c2 += Math.cos(2 * w * v);
      }
      const tau = Math.atan2(s2, c2) / (2 * w);
      let yc = 0,
        ys = 0,
        cc = 0,
        ss = 0;
      x.forEach((v, j) => {
        const c = Math.cos(w * (v - tau));
        const s = Math.sin(w * (v - tau));
        yc += y[j]! * c;
        ys += y[j]! * s;
        cc += c * c;
        ss += s * s;
      });
      expect(fast[k]).toBeCloseTo(0.5 * ((yc * yc) / cc + (ys * ys) / ss), 8);
    }
  });
});

describe('periodogram peak (coarse grid, refined peaks)', () => {
  it('finds the fine grid argmax and the noise mean of the full grid within 0.8 % (the PkNoise test reads it), on 300 arcs like gnssir sees', () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    let worstNoise = 0;
    for (let c = 0; c < 300; c++) {
      // An arc from 5° to 15–25° sampled every 15–30 s, in x = sin(e)/(λ/2) for L1, L2 or L5.
      const halfLambda = [0.0952, 0.1221, 0.1275][c % 3]!;
      const n = 60 + Math.floor(random() * 200);
      const top = 15 + random() * 10;
      const x = Float64Array.from({ length: n }, (_, i) => Math.sin(((5 + ((top - 5) * i) / (n - 1)) * Math.PI) / 180) / halfLambda);
      const h = 0.5 + random() * 7;
      const y = Float64Array.from(x, (v) => (3 + random() * 20) * Math.cos(2 * Math.PI * h * v + random() * 6) + 10 * (random() - 0.5));
      const span = x[n - 1]! - x[0]!;
      const dh = 0.005;
      const count = 1600;
      const h0 = 1 / (span * (1 / span / dh));
      const full = lombScargle(x, y, n, 2 * Math.PI * h0, 2 * Math.PI * dh, count);
      let best = -1;
      let noise = 0;
      let noiseN = 0;
      for (let k = 0; k < count; k++) {
        const hk = h0 + k * dh;
        const amp = 2 * Math.sqrt(full[k]! / n);
        if (hk > 0.5 && hk < 8) (noise += amp), noiseN++;
        if (hk > 0.5 && (best < 0 || full[k]! > full[best]!)) best = k;
      }
      const peak = periodogramPeak(x, y, n, h0, dh, count, 0.5, [0.5, 8]);
      expect(peak.index).toBe(best);
      expect(peak.amplitude).toBeCloseTo(2 * Math.sqrt(full[best]! / n), 9);
      worstNoise = Math.max(worstNoise, Math.abs(peak.noise / (noise / noiseN) - 1));
    }
    expect(worstNoise).toBeLessThan(0.008);
  });
});

describe('refraction', () => {
  it('Bennett: about 10 arcmin at 5° for the standard atmosphere, nothing at the zenith', () => {
    expect((bennettElevation(5, 1010.16, 10) - 5) * 60).toBeCloseTo(9.9, 1);
    expect(bennettElevation(90, 1010.16, 10) - 90).toBeLessThan(1e-3);
  });
});

describe.skipIf(!MCHL_PRESENT)('reflector heights for MCHL 2025-010 against gnssrefl 4.2.1', () => {
  // skipIf still runs this body to collect the tests: without the samples, read nothing.
  if (!MCHL_PRESENT) return;
  const settings = stationSettingsFromJson(readFileSync(MCHL_JSON!, 'utf8'), readFileSync(MCHL_REFR!, 'latin1'));
  const arcs = dayReflectorHeights(mchlObservations(), DAY10, settings.reflectorHeights);
  const reference = referenceArcs();

  it('reads the refraction inputs: the site mean pressure and temperature', () => {
    const j = JSON.parse(readFileSync(MCHL_JSON!, 'utf8'));
    const atm = atmosphereFromGpt2wFile(readFileSync(MCHL_REFR!, 'latin1'), j.lat, j.lon, j.ht);
    // 977 hPa at the 342 m grid height reduced to ~497 m; 21.8 °C less the lapse over 155 m.
    expect(atm.pressureHpa).toBeGreaterThan(955);
    expect(atm.pressureHpa).toBeLessThan(962);
    expect(atm.temperatureC).toBeGreaterThan(19);
    expect(atm.temperatureC).toBeLessThan(22);
  });

  it("finds at least 95 % of gnssrefl's arcs (satellite, frequency, rising, ±5 min), each within 1 cm", () => {
    let found = 0;
    for (const r of reference) {
      const sat = `G${String(r.sat).padStart(2, '0')}`;
      const ours = arcs.find((a) => a.satellite === sat && a.frequency === r.frequency && a.rising === r.rising && Math.abs((a.time - DAY10) / 3600e3 - r.hours) <= 5 / 60);
      if (!ours) continue;
      found++;
      expect(Math.abs(ours.height - r.rh), `${sat} f${r.frequency} at ${r.hours} h`).toBeLessThanOrEqual(0.01);
      expect(ours.azimuth).toBeCloseTo(r.azimuth, 1);
      expect(ours.minElevation).toBeCloseTo(r.eMin, 1);
      expect(ours.points).toBe(r.points);
      expect(Math.abs(ours.amplitude - r.amplitude) / r.amplitude).toBeLessThan(0.02);
    }
    expect(reference.length).toBeGreaterThan(90);
    expect(found / reference.length).toBeGreaterThanOrEqual(0.95);
    // And not many more than gnssrefl's: the same quality rejections.
    expect(arcs.length).toBeLessThanOrEqual(Math.ceil(reference.length * 1.05));
  });

  it('gives the daily mean within 5 mm', () => {
    const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
    expect(Math.abs(mean(arcs.map((a) => a.height)) - mean(reference.map((r) => r.rh)))).toBeLessThan(0.005);
  });
});
