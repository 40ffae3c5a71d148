import { readRinexNav, readSp3 } from '../decode/orbits/index.js';
import { orbitIngestPlanOf, planOrbitFile, type OrbitPlan } from '../gnss/orbit-plan.js';
import { isRinexNavigationLine, rinexFirstLine } from './rinex-header.js';
import { asciiAt, type FileFormat } from './types.js';

/** RINEX navigation files (broadcast ephemerides): a RINEX first line of type N, G or H. Stored per GPS day. */
export const rinexNavigation: FileFormat<ReturnType<typeof readRinexNav>, OrbitPlan> = {
  id: 'rinex-nav',
  name: 'RINEX navigation file',
  test: (bytes) => isRinexNavigationLine(rinexFirstLine(bytes)),
  decode: readRinexNav,
  plan: (bytes, object, options) => planOrbitFile('rinex-nav', bytes, object, options),
  ingestPlan: orbitIngestPlanOf,
};

/** SP3-c/d precise orbits: `#c` or `#d`, then P or V, then the year. Stored per GPS day. */
export const sp3Orbits: FileFormat<ReturnType<typeof readSp3>, OrbitPlan> = {
  id: 'sp3',
  name: 'SP3 orbit file',
  test: (bytes) => /^#[cd][PV]\d{4} /.test(asciiAt(bytes, 0, 82)),
  decode: readSp3,
  plan: (bytes, object, options) => planOrbitFile('sp3', bytes, object, options),
  ingestPlan: orbitIngestPlanOf,
};
