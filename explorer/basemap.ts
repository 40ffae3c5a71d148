// The offline basemap: land and country borders (world-atlas, Natural Earth 1:50m), US states and
// counties (us-atlas, Census 1:10m) as vector layers, from GeoJSON the build made from their
// TopoJSON; MapLibre's worker fetches and tiles each file. Optionally a raster basemap
// (RADOME_BASEMAP_URL) beneath.
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import type { PageConfig } from './page-config.js';

const LAND = '#f2efe9';
const WATER = '#c9d9e8';

/**
 * Empty layers marking the drawing order, whatever loads first: land, then radar (below
 * ANCHOR_RADAR_TOP), then the basemap's lines, then sites and stations (below ANCHOR_MARKERS).
 */
export const ANCHOR_RADAR_BOTTOM = 'anchor-radar-bottom';
export const ANCHOR_RADAR_TOP = 'anchor-radar-top';
export const ANCHOR_MARKERS = 'anchor-markers';

/** The style the map starts with: background, an optional raster basemap and the anchors. */
export function baseStyle(config: PageConfig): StyleSpecification {
  const style: StyleSpecification = { version: 8, sources: {}, layers: [{ id: 'background', type: 'background', paint: { 'background-color': WATER } }] };
  if (config.basemapUrl) {
    style.sources.raster = { type: 'raster', tiles: [config.basemapUrl], tileSize: 256 };
    style.layers.push({ id: 'basemap-raster', type: 'raster', source: 'raster' });
  }
  for (const id of [ANCHOR_RADAR_BOTTOM, ANCHOR_RADAR_TOP, ANCHOR_MARKERS]) style.layers.push({ id, type: 'background', layout: { visibility: 'none' } });
  return style;
}

/**
 * Adds the vector layers: land below the radar, lines above it, once `later` resolves (the first
 * radar frame drawn), so they never hold up the first radar pixels: land, counties and borders
 * (1.1 MB, 600 kB and 350 kB of GeoJSON) are most of the worker's parsing and tiling and of the main
 * thread's bucket uploads (measured with them early, the first radar pixels came 0.4–2.5 s later),
 * and even the states (54 kB), added at once, were tiled for the view the map starts at and again
 * for the site's, with repaints of both on SwiftShader's CPU path.
 */
export function addVectorBasemap(map: MaplibreMap, config: PageConfig, later: Promise<unknown>): void {
  const url = (path: string) => new URL(path, document.baseURI).href;
  void later.then(() => {
    map.addSource('states', { type: 'geojson', data: url(config.basemap.states) });
    map.addLayer({ id: 'states', type: 'line', source: 'states', paint: { 'line-color': '#7d7d7d', 'line-width': 0.8 } }, ANCHOR_MARKERS);
    map.addSource('borders', { type: 'geojson', data: url(config.basemap.borders) });
    map.addLayer({ id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#6b6b6b', 'line-width': 1 } }, ANCHOR_MARKERS);
    map.addSource('land', { type: 'geojson', data: url(config.basemap.land), tolerance: 0.5 });
    // Land is filled only without a raster basemap (it would hide it); its outline is the coast
    // (the coasts layer), so the fill skips its own antialiasing outline pass, drawn at every repaint.
    if (!config.basemapUrl) map.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND, 'fill-antialias': false } }, ANCHOR_RADAR_BOTTOM);
    map.addLayer({ id: 'coasts', type: 'line', source: 'land', paint: { 'line-color': '#5b7285', 'line-width': 0.8 } }, 'borders');
    map.addSource('counties', { type: 'geojson', data: url(config.basemap.counties) });
    map.addLayer({ id: 'counties', type: 'line', source: 'counties', minzoom: 5, paint: { 'line-color': '#b3b3b3', 'line-width': 0.4 } }, 'states');
  });
}
