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

/** The line layers, bottom to top, each drawn from the `lines` source's features of its `kind`. */
const LINES = [
  { id: 'counties', color: '#b3b3b3', width: 0.4, minzoom: 5 },
  { id: 'states', color: '#7d7d7d', width: 0.8 },
  { id: 'coasts', color: '#5b7285', width: 0.8 },
  { id: 'borders', color: '#6b6b6b', width: 1 },
];

/**
 * Adds the vector layers: land below the radar, lines above it, once `later` resolves (the first
 * radar frame drawn), so they never hold up the first radar pixels: land, counties and borders
 * (1.1 MB, 600 kB and 350 kB of GeoJSON) are most of the worker's parsing and tiling and of the main
 * thread's bucket uploads (measured with them early, the first radar pixels came 0.4–2.5 s later),
 * and even the states (54 kB), added at once, were tiled for the view the map starts at and again
 * for the site's, with repaints of both on SwiftShader's CPU path.
 * The four line layers share one source and are drawn one after another: MapLibre redraws each
 * tile's stencil clipping mask whenever the source changes between layers, a near-full-screen pass
 * on SwiftShader's CPU path, so one source is one mask per repaint for all the lines, not four.
 */
export function addVectorBasemap(map: MaplibreMap, config: PageConfig, later: Promise<unknown>): void {
  const url = (path: string) => new URL(path, document.baseURI).href;
  void later.then(() => {
    map.addSource('lines', { type: 'geojson', data: url(config.basemap.lines) });
    for (const { id, color, width, minzoom } of LINES) {
      map.addLayer({ id, type: 'line', source: 'lines', filter: ['==', ['get', 'kind'], id], ...(minzoom ? { minzoom } : {}), paint: { 'line-color': color, 'line-width': width } }, ANCHOR_MARKERS);
    }
    // Land is filled only without a raster basemap (it would hide it); its outline is the coast
    // (the coasts layer), so the fill skips its own antialiasing outline pass, drawn at every repaint.
    if (!config.basemapUrl) {
      map.addSource('land', { type: 'geojson', data: url(config.basemap.land), tolerance: 0.5 });
      map.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND, 'fill-antialias': false } }, ANCHOR_RADAR_BOTTOM);
    }
  });
}
