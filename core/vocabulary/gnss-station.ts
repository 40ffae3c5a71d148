import type { IdentifierKind } from './identifiers.js';

/** A GNSS station's 4-character code (the first four of a RINEX name, or its marker), upper case. */
const GNSS_STATION_ID = /^[A-Z0-9]{4}$/;

export function isGnssStationId(id: string): boolean {
  return GNSS_STATION_ID.test(id);
}

export const GNSS_STATION: IdentifierKind = { test: isGnssStationId, one: 'a 4-character GNSS station code like YORK', many: '4-character station codes' };
