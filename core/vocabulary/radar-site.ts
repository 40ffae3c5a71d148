import type { IdentifierKind } from './identifiers.js';

/**
 * The one rule every radar site id passes, wherever it comes from (volume header, message 31
 * radials, bucket key, file name, flags, queries): a 4-letter ICAO id, upper case.
 */
const RADAR_SITE_ID = /^[A-Z]{4}$/;

export function isRadarSiteId(id: string): boolean {
  return RADAR_SITE_ID.test(id);
}

export const RADAR_SITE: IdentifierKind = { test: isRadarSiteId, one: 'a 4-letter ICAO radar id like KLOT', many: '4-letter ICAO radar ids' };
