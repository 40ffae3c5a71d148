// The offline basemap: coastlines and country borders (world-atlas, Natural Earth 1:50m), US
// states and counties (us-atlas, Census 1:10m) as vector line layers over a plain background,
// from TopoJSON shipped with the app; optionally a raster basemap (RADOME_BASEMAP_URL) beneath.
import type { Map as MaplibreMap, StyleSpecification } from 'maplibre-gl';
import { feature, mesh } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
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

async function topology(url: string): Promise<Topology> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`basemap ${url}: HTTP ${res.status}`);
  return (await res.json()) as Topology;
}

/** Adds the vector layers: land below the radar, lines above it. */
export async function addVectorBasemap(map: MaplibreMap, config: PageConfig): Promise<void> {
  const world = await topology(config.basemap.countries);
  const countries = world.objects.countries as GeometryCollection;
  // Land is filled only without a raster basemap (it would hide it).
  if (!config.basemapUrl) {
    map.addSource('land', { type: 'geojson', data: feature(world, countries) });
    map.addLayer({ id: 'land', type: 'fill', source: 'land', paint: { 'fill-color': LAND } }, ANCHOR_RADAR_BOTTOM);
  }
  map.addSource('coasts', { type: 'geojson', data: mesh(world, countries, (a, b) => a === b) });
  map.addLayer({ id: 'coasts', type: 'line', source: 'coasts', paint: { 'line-color': '#5b7285', 'line-width': 0.8 } }, ANCHOR_MARKERS);
  map.addSource('borders', { type: 'geojson', data: mesh(world, countries, (a, b) => a !== b) });
  map.addLayer({ id: 'borders', type: 'line', source: 'borders', paint: { 'line-color': '#6b6b6b', 'line-width': 1 } }, ANCHOR_MARKERS);

  const us = await topology(config.basemap.states);
  map.addSource('states', { type: 'geojson', data: mesh(us, us.objects.states as GeometryCollection, (a, b) => a !== b) });
  map.addLayer({ id: 'states', type: 'line', source: 'states', paint: { 'line-color': '#7d7d7d', 'line-width': 0.8 } }, ANCHOR_MARKERS);
  // Counties (the largest file) come last, drawn from zoom 5, so they never hold up the radar.
  const counties = await topology(config.basemap.counties);
  map.addSource('counties', { type: 'geojson', data: mesh(counties, counties.objects.counties as GeometryCollection, (a, b) => a !== b) });
  map.addLayer({ id: 'counties', type: 'line', source: 'counties', minzoom: 5, paint: { 'line-color': '#b3b3b3', 'line-width': 0.4 } }, 'states');
}
