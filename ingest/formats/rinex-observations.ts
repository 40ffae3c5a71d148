import { gnssIngestPlanOf, planGnssFile, type GnssPlan } from '../gnss/plan.js';
import { readRinex, type ReadRinexResult } from '../decode/rinex/index.js';
import { isRinexFirstLine, isRinexNavigationLine, rinexFirstLine } from './rinex-header.js';
import type { FileFormat } from './types.js';

/** RINEX observation files (2.x, 3.x, 4.x, and Hatanaka compact RINEX): stored as SNR station-days. */
export const rinexObservations: FileFormat<ReadRinexResult, GnssPlan> = {
  id: 'rinex',
  name: 'RINEX observation file',
  test(bytes) {
    const line = rinexFirstLine(bytes);
    return isRinexFirstLine(line) && !isRinexNavigationLine(line);
  },
  decode: readRinex,
  plan: (bytes, object, options) => planGnssFile(readRinex(bytes), object, options),
  ingestPlan: gnssIngestPlanOf,
};
