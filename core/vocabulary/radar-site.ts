import { RadomeError, type RadomeErrorCode } from '../errors.js';
import type { Branded, IdentifierKind } from './identifiers.js';

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

/** `raw` (any case, trimmed) as a radar site id; else a `code` error naming `what` (the argument, field or file). */
export function parseRadarSiteId(raw: string, what: string, code: RadomeErrorCode = 'BAD_INPUT'): RadarSiteId {
  const id = raw.trim().toUpperCase();
  if (!isRadarSiteId(id)) throw new RadomeError(code, `${what}: ${JSON.stringify(raw)} is not ${RADAR_SITE.one}`);
  return id;
}

/** Level 3 AWIPS ids and file names name the radar with 3 letters or digits ("LOT"; see ingest/decode/level3/site-icao.ts). */
const LEVEL3_RADAR_ID = /^[A-Z0-9]{3}$/;

export function isLevel3RadarId(id: string): boolean {
  return LEVEL3_RADAR_ID.test(id);
}

export const RADAR_SITE: IdentifierKind = { test: isRadarSiteId, one: 'a 4-letter ICAO radar id like KLOT', many: '4-letter ICAO radar ids' };
