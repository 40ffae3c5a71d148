// What the catalog holds, for the pickers and markers: radar sites (with their newest volume), GNSS
// stations, the Level 2 moments and elevations of a site's newest volume, and its Level 3 codes.
import type { RadomeClient } from './sdk.js';
import { dataOrStatus } from './status.js';
import type { LayerSpec } from './url-state.js';

export interface RadarSiteInfo {
  id: string;
  lon: number;
  lat: number;
  latestVolume: { id: string; scanStart: string } | null;
}

export interface StationInfo {
  id: string;
  name: string;
  lon: number;
  lat: number;
  firstDay: string | null;
  lastDay: string | null;
  dayCount: number;
}

export interface CatalogOverview {
  sites: RadarSiteInfo[];
  stations: StationInfo[];
}

/** Null when the server could not answer (the status line then says why). */
export async function loadOverview(client: RadomeClient): Promise<CatalogOverview | null> {
  const [sites, stations] = await Promise.all([client.radarSites(), client.gnssStations()]);
  const s = dataOrStatus(sites, 'radar sites');
  const g = s && dataOrStatus(stations, 'GNSS stations');
  if (!s || !g) return null;
  return {
    sites: s.radarSites.map((site) => ({ id: site.id, lon: site.longitude, lat: site.latitude, latestVolume: site.latestVolume ?? null })),
    stations: g.gnssStations
      .filter((st) => st.latitude !== null && st.longitude !== null)
      .map((st) => ({ id: st.id, name: st.longName ?? st.name ?? st.id, lon: st.longitude!, lat: st.latitude!, firstDay: st.firstDay ?? null, lastDay: st.lastDay ?? null, dayCount: st.dayCount })),
  };
}

export interface LayerOption {
  layer: LayerSpec;
  label: string;
}

/** Level 2 moment × elevation of the site's newest volume, its imaged Level 3 products, and the REF mosaic. */
export async function layerOptions(client: RadomeClient, site: RadarSiteInfo): Promise<LayerOption[] | null> {
  const [sweepsResult, codesResult, latestResult] = await Promise.all([
    site.latestVolume ? client.sweeps({ filter: { site: site.id, volumeId: site.latestVolume.id }, first: 100, order: 'ASC' }) : null,
    client.productCodes({ site: site.id }),
    client.latestProducts({ site: site.id }),
  ]);
  const options: LayerOption[] = [];
  if (sweepsResult) {
    const sweeps = dataOrStatus(sweepsResult, `sweeps of ${site.id}`);
    if (!sweeps) return null;
    const seen = new Set<string>();
    for (const { node } of sweeps.sweeps.edges) {
      const elevation = Math.round(node.elevationAngle * 10) / 10;
      const key = `${node.moment}:${elevation}`;
      if (seen.has(key)) continue;
      seen.add(key);
      options.push({ layer: { kind: 'level2', moment: node.moment, elevation }, label: `Level 2 ${node.moment} ${elevation.toFixed(1)}°` });
    }
    options.sort((a, b) => (a.layer.kind === 'level2' && b.layer.kind === 'level2' ? a.layer.moment.localeCompare(b.layer.moment) || a.layer.elevation - b.layer.elevation : 0));
  }
  const codes = dataOrStatus(codesResult, `Level 3 products of ${site.id}`);
  const latest = codes && dataOrStatus(latestResult, `latest products of ${site.id}`);
  if (!codes || !latest) return null;
  // Only products drawn as images (radial or raster); storm tables and graphics have no tiles.
  const imaged = new Set(latest.latestProducts.filter((p) => p.tileJsonUrl).map((p) => p.mnemonic));
  for (const code of codes.productCodes) {
    if (!imaged.has(code.mnemonic)) continue;
    options.push({ layer: { kind: 'level3', mnemonic: code.mnemonic }, label: `Level 3 ${code.mnemonic} (${code.name}, ${code.count})` });
  }
  if (site.latestVolume) options.push({ layer: { kind: 'mosaic', moment: 'REF' }, label: 'National mosaic REF' });
  return options;
}
