import type { Branded, IdentifierKind } from './identifiers.js';
import { idParser } from './identifiers.js';

/** A GNSS station's 4-character code (YORK), checked. */
export type GnssStationId = Branded<'GnssStationId'>;

/** A GNSS station's 4-character code (the first four of a RINEX name, or its marker), upper case. */
const GNSS_STATION_ID = /^[A-Z0-9]{4}$/;

export function isGnssStationId(id: string): id is GnssStationId {
  return GNSS_STATION_ID.test(id);
}

export const GNSS_STATION: IdentifierKind = { test: isGnssStationId, one: 'a 4-character GNSS station code like YORK', many: '4-character station codes' };

/** `raw` (any case, trimmed) as a station id; else a `code` error naming `what` (the argument, field or file). */
export const parseGnssStationId = idParser(isGnssStationId, GNSS_STATION.one);
