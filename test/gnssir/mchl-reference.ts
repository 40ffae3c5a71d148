import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readSnrFile } from '../../ingest/decode/gnssrefl/read-snr-file.js';
import { concatSnrObservations } from '../../store/gnss/snr-merge.js';
import type { SnrObservations } from '../../store/gnss/snr-parquet.js';
import { sampleFile } from '../sample-data.js';

export const G = 'gnss/gnssrefl';
export const MCHL_FILES = ['mchl0100.25.snr66.gz', 'mchl0110.25.snr66.gz', 'mchl0120.25.snr66.gz'].map((f) => sampleFile(`${G}/${f}`));
export const MCHL_JSON = sampleFile(`${G}/mchl.json`);
export const MCHL_REFR = sampleFile(`${G}/mchl_refr.txt`);
export const MCHL_RESULTS = sampleFile(`${G}/mchl-2025-010-gnssir-results.txt`);
export const MCHL_PRESENT = MCHL_FILES.every(Boolean) && !!MCHL_JSON && !!MCHL_REFR && !!MCHL_RESULTS;
export const DAY10 = Date.UTC(2025, 0, 10);

/** gnssrefl's results file: one row per arc. */
export interface ReferenceArc {
  rh: number;
  sat: number;
  hours: number;
  azimuth: number;
  amplitude: number;
  eMin: number;
  eMax: number;
  points: number;
  frequency: number;
  rising: boolean;
  peakToNoise: number;
  minutes: number;
}

export function referenceArcs(): ReferenceArc[] {
  return readFileSync(MCHL_RESULTS!, 'latin1')
    .split('\n')
    .filter((l) => l.trim() && !l.startsWith('%'))
    .map((l) => l.trim().split(/\s+/).map(Number))
    .map((f) => ({
      rh: f[2]!,
      sat: f[3]!,
      hours: f[4]!,
      azimuth: f[5]!,
      amplitude: f[6]!,
      eMin: f[7]!,
      eMax: f[8]!,
      points: f[9]!,
      frequency: f[10]!,
      rising: f[11] === 1,
      peakToNoise: f[13]!,
      minutes: f[14]!,
    }));
}

/** The three days' observations (with geometry) as one time-ordered set. */
export function mchlObservations(): SnrObservations {
  return concatSnrObservations(MCHL_FILES.map((p) => readSnrFile(gunzipSync(readFileSync(p!)), p!).observations));
}
