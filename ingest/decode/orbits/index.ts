/** radome's orbit readers: RINEX navigation (2.x/3.x/4.x) and SP3-c/d, and orbit sources over them. */
export { readRinexNav } from './read-rinex-nav.js';
export { readSp3 } from './read-sp3.js';
export { keplerPosition, isBeidouGeo, EARTH_ROTATION } from './kepler.js';
export { glonassPosition, glonassRk4Step, GlonassTrajectory, GLONASS_STEP_S } from './glonass.js';
export { broadcastOrbits, KEPLER_MAX_AGE_S, GLONASS_MAX_AGE_S } from './broadcast-orbits.js';
export { sp3Orbits, SP3_LAGRANGE_POINTS } from './sp3-orbits.js';
export { positionVelocityOf, preferPrecise, satelliteNumber, satelliteNumberOf, type OrbitSource, type PositionVelocity } from './orbit-source.js';
export { gpsMinusUtc, toGpsOffsetMs, GPS_WEEK_EPOCH_MS, BDT_WEEK_EPOCH_MS } from './time-scales.js';
export type * from './types.js';
