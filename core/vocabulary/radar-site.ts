import type { Branded, IdentifierKind } from './identifiers.js';
import { idParser } from './identifiers.js';

/** A 4-letter ICAO radar site id (KLOT), checked. */
export type RadarSiteId = Branded<'RadarSiteId'>;

/**
 * The one rule every radar site id passes, wherever it comes from (volume header, message 31
 * radials, bucket key, file name, flags, queries): a 4-letter ICAO id, upper case.
 */
const RADAR_SITE_ID = /^[A-Z]{4}$/;

export function isRadarSiteId(id: string): id is RadarSiteId {
  return RADAR_SITE_ID.test(id);
}

/** Level 3 AWIPS ids and file names name the radar with 3 letters or digits ("LOT"; see ingest/decode/level3/site-icao.ts). */
const LEVEL3_RADAR_ID = /^[A-Z0-9]{3}$/;

export function isLevel3RadarId(id: string): boolean {
  return LEVEL3_RADAR_ID.test(id);
}

export const RADAR_SITE: IdentifierKind = { test: isRadarSiteId, one: 'a 4-letter ICAO radar id like KLOT', many: '4-letter ICAO radar ids' };

/** `raw` (any case, trimmed) as a radar site id; else a `code` error naming `what` (the argument, field or file). */
export const parseRadarSiteId = idParser(isRadarSiteId, RADAR_SITE.one);
