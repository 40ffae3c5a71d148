import { RadomeError } from '../../../core/errors.js';
/**
 * Refraction of low-elevation GNSS signals for reflectometry, as gnssrefl's refraction model 1
 * (Bennett 1982, "The calculation of astronomical refraction in marine navigation"): the apparent
 * elevation is the geometric one plus R (arcmin) = cot(e + 7.31/(e + 4.4)) scaled by pressure
 * and temperature, R · (P/1010.16) · 510/(9/5·T + 492), with P in hPa and T in °C.
 */
export function bennettElevation(elevationDeg: number, pressureHpa: number, temperatureC: number): number {
  const e = elevationDeg;
  const arcmin = ((510 / ((9 / 5) * temperatureC + 492)) * (pressureHpa / 1010.16)) / Math.tan(((e + 7.31 / (e + 4.4)) * Math.PI) / 180);
  return e + arcmin / 60;
}

/** Pressure and temperature at the antenna for the refraction correction. */
export interface RefractionAtmosphere {
  pressureHpa: number;
  temperatureC: number;
}

/**
 * The U.S. Standard Atmosphere 1976 at an orthometric height (m): the fallback when no station
 * refraction file gives the site's mean pressure and temperature.
 */
export function standardAtmosphere(heightM: number): RefractionAtmosphere {
  return { pressureHpa: 1013.25 * (1 - 2.25577e-5 * heightM) ** 5.25588, temperatureC: 15 - 0.0065 * heightM };
}

const G = 9.80665;
const MOLAR_MASS_DRY_AIR = 28.965e-3;
const GAS_CONSTANT = 8.3143;

/**
 * Mean pressure and temperature at a station from gnssrefl's station refraction file
 * (`<station>_refr.txt`: the GPT2w 1° grid cells around the station, 4 cells × 5 rows of mean,
 * annual and semi-annual terms of pressure (Pa), temperature (K), specific humidity (g/kg), lapse
 * rate (mK/m), geoid undulation and grid height (m), …). As gnssrefl's refraction model 1 (no time
 * variation): each cell's mean pressure and temperature reduced from the cell's height to the
 * station's (virtual temperature for pressure, the lapse rate for temperature), then bilinear
 * weights of the station between the cell centres (Böhm et al. 2015, GPT2w).
 */
export function atmosphereFromGpt2wFile(text: string, latitude: number, longitude: number, ellipsoidalHeightM: number): RefractionAtmosphere {
  const rows = text
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number))
    .filter((r) => r.length >= 10 && r.every((v) => !Number.isNaN(v)));
  if (rows.length < 20) throw new RadomeError('CORRUPT', `a GPT2w station refraction file has 4 cells × 5 rows of at least 10 numbers; found ${rows.length} rows`);
  const cell = (i: number) => {
    const mean = rows[i * 5]!;
    const [p0, t0, q, dT, undulation, gridHeight] = [mean[2]!, mean[3]!, mean[4]! / 1000, mean[5]! / 1000, mean[6]!, mean[7]!];
    const redh = ellipsoidalHeightM - undulation - gridHeight;
    const virtual = t0 * (1 + 0.6077 * q);
    const c = (G * MOLAR_MASS_DRY_AIR) / (GAS_CONSTANT * virtual);
    return { p: (p0 * Math.exp(-c * redh)) / 100, t: t0 + dT * redh - 273.15 };
  };
  // The cells are in GPT2w's order: nearest, then its neighbours in polar distance, longitude, both.
  const polar = 90 - latitude;
  const lon = longitude < 0 ? longitude + 360 : longitude;
  const dPolar = Math.abs(polar - (Math.floor(polar + 1) - 0.5));
  const dLon = Math.abs(lon - (Math.floor(lon + 1) - 0.5));
  const [a, b, c, d] = [cell(0), cell(1), cell(2), cell(3)];
  const mix = (k: 'p' | 't') => (1 - dLon) * ((1 - dPolar) * a[k] + dPolar * b[k]) + dLon * ((1 - dPolar) * c[k] + dPolar * d[k]);
  return { pressureHpa: mix('p'), temperatureC: mix('t') };
}
