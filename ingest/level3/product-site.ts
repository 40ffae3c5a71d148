import { RadomeError } from '../../core/errors.js';
import type { RadarSiteId } from '../../core/vocabulary/index.js';
import { nexradSiteIds, nexradSiteLocation } from '../../core/nexrad-sites.js';
import { siteIcaoFromRadarId, type Level3Product } from '../decode/level3/index.js';
import { parseLevel3Key } from '../sources/level3-keys.js';

/** Level 3 positions are stated to 0.001°: a known site this close is the product's radar. */
const SAME_SITE_KM = 3;

function nearestKnownSite(latitude: number, longitude: number): RadarSiteId | null {
  const cosLat = Math.cos((latitude * Math.PI) / 180);
  let best: RadarSiteId | null = null;
  let bestKm = SAME_SITE_KM;
  for (const id of nexradSiteIds()) {
    const s = nexradSiteLocation(id)!;
    const km = 111.2 * Math.hypot(s.latitude - latitude, (s.longitude - longitude) * cosLat);
    if (km < bestKm) [best, bestKm] = [id, km];
  }
  return best;
}

export interface ProductSite {
  icao: RadarSiteId;
  /** What said so: the AWIPS id in the bytes, the radar position in the bytes, or the file name. */
  from: 'awips-id' | 'position' | 'file-name';
}

/**
 * The 4-letter ICAO of the product's radar: from its AWIPS id (WMO heading) when it has one, else
 * from its stated position when that is a known NEXRAD site, else from the file name
 * (`LOT_N0H_…` → KLOT). UNSUPPORTED when none tells.
 */
export function productSite(product: Level3Product, fileKey: string): ProductSite {
  if (product.siteIcao) return { icao: product.siteIcao, from: 'awips-id' };
  const { latitude, longitude } = product.description;
  const near = nearestKnownSite(latitude, longitude);
  if (near) return { icao: near, from: 'position' };
  const named = parseLevel3Key(fileKey);
  const icao = named && siteIcaoFromRadarId(named.radarId, product.message.code);
  if (icao) return { icao, from: 'file-name' };
  throw new RadomeError(
    'UNSUPPORTED',
    `cannot tell the product's radar: no AWIPS id, position (${latitude}, ${longitude}) is no known NEXRAD site, and the file name is not SSS_PPP_YYYY_MM_DD_HH_MM_SS`,
  );
}
