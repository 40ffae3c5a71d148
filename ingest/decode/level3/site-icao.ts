import { nexradSiteIds } from '../../../core/nexrad-sites.js';
import { isLevel3RadarId, isRadarSiteId, type RadarSiteId } from '../../../core/vocabulary/index.js';

/**
 * Level 3 AWIPS ids and file names name the radar with 3 letters ("LOT"): its ICAO without the first
 * letter. That letter is 'K' for the contiguous US; radars elsewhere have others (Alaska PA…, Hawaii
 * PH…, Guam PG…, Puerto Rico TJ…, the Azores LP…, DoD radars in Japan and Korea R…), taken from the
 * site table (core/nexrad-sites.ts) so a site added there is found here too: a hand-kept list here
 * once lacked Lajes (LPLA), whose products were then looked for as "KPLA" and never listed.
 * TDWR products (codes 180-199) name terminal radars whose ICAO starts with 'T' (ORD → TORD).
 */
const NON_CONUS_ICAO: ReadonlyMap<string, RadarSiteId> = new Map(
  nexradSiteIds()
    .filter((icao) => !icao.startsWith('K'))
    .map((icao) => [icao.slice(1), icao]),
);

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
  const icao = tdwr ? `T${id}` : (NON_CONUS_ICAO.get(id) ?? `K${id}`);
  // A Level 3 id may hold digits, an ICAO may not: such an id names no radar.
  return isRadarSiteId(icao) ? icao : null;
}
