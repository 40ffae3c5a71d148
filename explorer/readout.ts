// The value under the cursor, with units, range and time: radarValue for Level 2 (pinned to the
// shown frame's sweep, with beam height) and the mosaic (the nearest site at the frame's time); the
// frame's value tiles for Level 3 products, which radarValue does not read.
import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Frame } from './frames.js';
import type { RadarMoment, RadomeClient } from './sdk.js';
import type { LayerSpec } from './url-state.js';
import { valueAt } from './value-tiles.js';

export interface ReadoutContext {
  layer(): LayerSpec | null;
  frame(): Frame | null;
  /** The chosen radar site and where it is. */
  site(): { id: string; lon: number; lat: number } | null;
}

function variablesFor(layer: LayerSpec, frame: Frame, lon: number, lat: number) {
  if (layer.kind === 'level2' && frame.sweepId) return { lon, lat, moment: layer.moment as RadarMoment, sweep: frame.sweepId };
  return { lon, lat, moment: 'REF' as RadarMoment, time: frame.time };
}

/** Great-circle distance, km (a readout's range from the radar; radome's own geometry is ellipsoidal). */
function rangeKm(from: { lon: number; lat: number }, lon: number, lat: number): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat - from.lat) * rad) / 2) ** 2 + Math.cos(from.lat * rad) * Math.cos(lat * rad) * Math.sin(((lon - from.lon) * rad) / 2) ** 2;
  return 2 * 6371.0088 * Math.asin(Math.sqrt(a));
}

const utc = (iso: string) => `${iso.slice(0, 19).replace('T', ' ')} UTC`;

/** A Level 3 product's value under the point, from the shown frame's value tiles. */
async function productReadout(el: HTMLOutputElement, frame: Frame, site: ReturnType<ReadoutContext['site']>, lon: number, lat: number, zoom: number): Promise<string> {
  if (!frame.valueTileJsonUrl) return 'this product has no value tiles';
  const read = await valueAt(frame.valueTileJsonUrl, lon, lat, zoom);
  if (read.kind === 'no-data') return 'outside the product';
  el.dataset.value = read.kind === 'value' ? String(read.value) : '';
  const value = read.kind === 'value' ? `${read.value} ${read.units}`.trim() : 'no echo';
  return `${value} · ${site ? `${site.id} range ${rangeKm(site, lon, lat).toFixed(1)} km · ` : ''}${utc(frame.time)}`;
}

/** Follows the mouse; at most one request in flight, always for the newest position. */
export function attachReadout(map: MaplibreMap, client: RadomeClient, context: ReadoutContext): void {
  const el = document.getElementById('readout') as HTMLOutputElement;
  let busy = false;
  let next: { lon: number; lat: number } | null = null;

  async function read(point: { lon: number; lat: number }): Promise<void> {
    const layer = context.layer();
    const frame = context.frame();
    if (!layer || !frame || layer.kind === 'gnss') return;
    busy = true;
    const where = `${point.lat.toFixed(3)}°, ${point.lon.toFixed(3)}°`;
    el.dataset.value = '';
    if (layer.kind === 'level3') {
      const text = await productReadout(el, frame, context.site(), point.lon, point.lat, map.getZoom() + 1).catch((e: Error) => e.message);
      busy = false;
      show(point, `${text} · ${where}`);
      if (next) readNext();
      return;
    }
    const result = await client.radarValue(variablesFor(layer, frame, point.lon, point.lat), { retry: false });
    busy = false;
    show(point, '');
    if (result.error) {
      const reason = result.error.errors?.[0]?.extensions?.reason;
      el.textContent = `${where}: ${typeof reason === 'string' ? reason : result.error.message}`;
    } else if (!result.data.radarValue) {
      el.textContent = `${where}: outside radar coverage`;
    } else {
      const v = result.data.radarValue;
      el.dataset.value = v.value === null ? '' : String(v.value);
      const value = v.value === null ? 'no echo' : `${v.value} ${v.units}`;
      el.textContent = `${value} · ${v.site.id} range ${v.rangeKm.toFixed(1)} km · beam ${Math.round(v.beamHeightM)} m · ${utc(v.time)} · ${where}`;
    }
    if (next) readNext();
  }

  function show(point: { lon: number; lat: number }, text: string): void {
    el.hidden = false;
    el.dataset.lon = String(point.lon);
    el.dataset.lat = String(point.lat);
    el.textContent = text;
  }

  function readNext(): void {
    const p = next!;
    next = null;
    void read(p);
  }

  map.on('mousemove', (e: MapMouseEvent) => {
    const point = { lon: e.lngLat.lng, lat: e.lngLat.lat };
    if (busy) next = point;
    else void read(point);
  });
}
