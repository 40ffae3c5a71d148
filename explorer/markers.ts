// Radar sites (with a 230 km ring: the range of Level 3 products and of the lowest cut's
// precipitation estimate) and GNSS stations as map layers; clicking one chooses it.
import type { Map as MaplibreMap, GeoJSONSource } from 'maplibre-gl';
import { ANCHOR_MARKERS } from './basemap.js';
import type { CatalogOverview } from './catalog.js';

const RING_KM = 230;
const EARTH_KM = 6371.0088;

/** A ring of `km` around a point on the sphere (a drawing aid; radome's own geometry is ellipsoidal). */
function ring(lon: number, lat: number, km: number): number[][] {
  const d = km / EARTH_KM;
  const φ1 = (lat * Math.PI) / 180;
  const λ1 = (lon * Math.PI) / 180;
  const points: number[][] = [];
  for (let i = 0; i <= 96; i++) {
    const θ = (i / 96) * 2 * Math.PI;
    const φ2 = Math.asin(Math.sin(φ1) * Math.cos(d) + Math.cos(φ1) * Math.sin(d) * Math.cos(θ));
    const λ2 = λ1 + Math.atan2(Math.sin(θ) * Math.sin(d) * Math.cos(φ1), Math.cos(d) - Math.sin(φ1) * Math.sin(φ2));
    points.push([(λ2 * 180) / Math.PI, (φ2 * 180) / Math.PI]);
  }
  return points;
}

export interface MarkerEvents {
  onSite(id: string): void;
  onStation(id: string): void;
}

export function addMarkers(map: MaplibreMap, overview: CatalogOverview, events: MarkerEvents): void {
  const sites: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: overview.sites.map((s) => ({ type: 'Feature', properties: { id: s.id }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })),
  };
  const rings: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: overview.sites.map((s) => ({ type: 'Feature', properties: { id: s.id }, geometry: { type: 'LineString', coordinates: ring(s.lon, s.lat, RING_KM) } })),
  };
  const stations: GeoJSON.FeatureCollection = {
    type: 'FeatureCollection',
    features: overview.stations.map((s) => ({ type: 'Feature', properties: { id: s.id }, geometry: { type: 'Point', coordinates: [s.lon, s.lat] } })),
  };
  const existing = map.getSource('sites') as GeoJSONSource | undefined;
  if (existing) {
    existing.setData(sites);
    (map.getSource('site-rings') as GeoJSONSource).setData(rings);
    (map.getSource('stations') as GeoJSONSource).setData(stations);
    return;
  }
  map.addSource('site-rings', { type: 'geojson', data: rings });
  map.addLayer({ id: 'site-rings', type: 'line', source: 'site-rings', paint: { 'line-color': '#1d2733', 'line-width': 1, 'line-dasharray': [3, 3], 'line-opacity': 0.6 } }, ANCHOR_MARKERS);
  map.addSource('sites', { type: 'geojson', data: sites });
  map.addLayer({ id: 'sites', type: 'circle', source: 'sites', paint: { 'circle-radius': 6, 'circle-color': '#1d2733', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
  map.addSource('stations', { type: 'geojson', data: stations });
  map.addLayer({ id: 'stations', type: 'circle', source: 'stations', paint: { 'circle-radius': 6, 'circle-color': '#2e7d32', 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2 } });
  map.on('click', 'sites', (e) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === 'string') events.onSite(id);
  });
  map.on('click', 'stations', (e) => {
    const id = e.features?.[0]?.properties?.id;
    if (typeof id === 'string') events.onStation(id);
  });
  for (const layer of ['sites', 'stations']) {
    map.on('mouseenter', layer, () => (map.getCanvas().style.cursor = 'pointer'));
    map.on('mouseleave', layer, () => (map.getCanvas().style.cursor = ''));
  }
}
