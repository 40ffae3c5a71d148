import { RadomeError } from '../../core/errors.js';
import { readRinexNav, readSp3 } from '../decode/orbits/index.js';
import type { IngestPlan } from '../plan-types.js';
import { isRinexNavigationLine, rinexFirstLine } from './rinex-header.js';
import { asciiAt, type FileFormat } from './types.js';

/**
 * Orbit files decode (so a damaged one gets its own error) but are not stored yet: the object
 * store and catalog have no place for orbits, so planning one fails with UNSUPPORTED.
 */
function notStored(what: string): never {
  throw new RadomeError('UNSUPPORTED', `${what}: radome decodes orbit files but does not store them yet`);
}

const noIngestPlan = (): IngestPlan => notStored('orbit file');

/** RINEX navigation files (broadcast ephemerides): a RINEX first line of type N, G or H. */
export const rinexNavigation: FileFormat<ReturnType<typeof readRinexNav>, never> = {
  id: 'rinex-nav',
  name: 'RINEX navigation file',
  test: (bytes) => isRinexNavigationLine(rinexFirstLine(bytes)),
  decode: readRinexNav,
  plan: (bytes) => notStored(`RINEX navigation data (${readRinexNav(bytes).kepler.length} Keplerian ephemerides)`),
  ingestPlan: noIngestPlan,
};

/** SP3-c/d precise orbits: `#c` or `#d`, then P or V, then the year. */
export const sp3Orbits: FileFormat<ReturnType<typeof readSp3>, never> = {
  id: 'sp3',
  name: 'SP3 orbit file',
  test: (bytes) => /^#[cd][PV]\d{4} /.test(asciiAt(bytes, 0, 82)),
  decode: readSp3,
  plan: (bytes) => notStored(`SP3 orbits (${readSp3(bytes).satellites.length} satellites)`),
  ingestPlan: noIngestPlan,
};
