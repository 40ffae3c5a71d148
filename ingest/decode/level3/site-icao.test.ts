// Level 3 radar ids (3 letters in AWIPS ids and bucket keys) back to the ICAO of every NEXRAD site,
// including those outside the contiguous US (issue 23: the Azores' LPLA was looked for as KPLA).
import { describe, expect, it } from 'vitest';
import { nexradSiteIds } from '../../../core/nexrad-sites.js';
import { level3KeyFor, level3RadarId, parseLevel3Key } from '../../sources/level3-keys.js';
import { siteIcaoFromRadarId } from './site-icao.js';

describe('siteIcaoFromRadarId', () => {
  it('gives back every known site from its 3-letter id, as the Level 3 bucket listing asks', () => {
    const ids = nexradSiteIds();
    expect(ids.length).toBeGreaterThan(150);
    const wrong = ids.filter((icao) => siteIcaoFromRadarId(level3RadarId(icao)) !== icao || siteIcaoFromRadarId(parseLevel3Key(level3KeyFor(icao, 'N0H', 0))!.radarId) !== icao);
    expect(wrong).toEqual([]);
  });

  it('names Lajes (Azores) LPLA, not KPLA', () => {
    expect(siteIcaoFromRadarId('PLA')).toBe('LPLA');
    expect(siteIcaoFromRadarId('pla', 165)).toBe('LPLA');
  });

  it('refuses ids that make no ICAO', () => {
    expect(siteIcaoFromRadarId('L0T')).toBeNull();
    expect(siteIcaoFromRadarId('LOTX1')).toBeNull();
  });
});
