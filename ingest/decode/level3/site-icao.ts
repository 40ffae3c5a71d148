import { isLevel3RadarId, isRadarSiteId, type RadarSiteId } from '../../../core/vocabulary/index.js';

/**
 * Level 3 AWIPS ids and file names name the radar with 3 letters ("LOT"). The 4-letter ICAO is
 * that id with a leading 'K' for the contiguous US; radars elsewhere have other first letters,
 * listed here (Alaska PA…, Hawaii PH…, Guam PG…, Puerto Rico TJ…, DoD radars in Japan and Korea R…).
 * TDWR products (codes 180-199) name terminal radars whose ICAO starts with 'T' (ORD → TORD).
 */
const NON_CONUS_ICAO: Readonly<Record<string, string>> = {
  // Alaska
  ABC: 'PABC',
  ACG: 'PACG',
  AEC: 'PAEC',
  AHG: 'PAHG',
  AIH: 'PAIH',
  AKC: 'PAKC',
  APD: 'PAPD',
  // Hawaii
  HKI: 'PHKI',
  HKM: 'PHKM',
  HMO: 'PHMO',
  HWA: 'PHWA',
  // Guam, Puerto Rico
  GUA: 'PGUA',
  JUA: 'TJUA',
  // Department of Defense radars in Japan and South Korea
  ODN: 'RODN',
  KJK: 'RKJK',
  KSG: 'RKSG',
};

const TDWR_CODES = { min: 180, max: 199 };

/**
 * 4-letter ICAO for a 3-letter Level 3 radar id, or null if `radarId` is not 3 letters. A 4-letter
 * id is returned upper-cased as it is. `productCode` decides the TDWR 'T' prefix when known.
 */
export function siteIcaoFromRadarId(radarId: string, productCode?: number): RadarSiteId | null {
  const id = radarId.trim().toUpperCase();
  if (isRadarSiteId(id)) return id;
  if (!isLevel3RadarId(id)) return null;
  const tdwr = productCode !== undefined && productCode >= TDWR_CODES.min && productCode <= TDWR_CODES.max;
  const icao = tdwr ? `T${id}` : (NON_CONUS_ICAO[id] ?? `K${id}`);
  // A Level 3 id may hold digits, an ICAO may not: such an id names no radar.
  return isRadarSiteId(icao) ? icao : null;
}
