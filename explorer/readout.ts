// The value under the cursor: radarValue for the shown frame (Level 2 pins its sweep; the mosaic
// asks the nearest site at the frame's time), with units, range, beam height and time.
import type { Map as MaplibreMap, MapMouseEvent } from 'maplibre-gl';
import type { Frame } from './frames.js';
import type { RadarMoment, RadomeClient } from './sdk.js';
import type { LayerSpec } from './url-state.js';

export interface ReadoutContext {
  layer(): LayerSpec | null;
  frame(): Frame | null;
  site(): string | null;
}

function variablesFor(layer: LayerSpec, frame: Frame, site: string | null, lon: number, lat: number) {
  if (layer.kind === 'level2' && frame.sweepId) return { lon, lat, moment: layer.moment as RadarMoment, sweep: frame.sweepId };
  if (layer.kind === 'mosaic') return { lon, lat, moment: 'REF' as RadarMoment, time: frame.time };
  // radarValue reads Level 2 gates only: a Level 3 product shows the site's reflectivity at its time, said as such.
  return { lon, lat, moment: 'REF' as RadarMoment, time: frame.time, site: site ?? undefined };
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
    const result = await client.radarValue(variablesFor(layer, frame, context.site(), point.lon, point.lat), { retry: false });
    busy = false;
    el.hidden = false;
    el.dataset.lon = String(point.lon);
    el.dataset.lat = String(point.lat);
    const where = `${point.lat.toFixed(3)}°, ${point.lon.toFixed(3)}°`;
    if (result.error) {
      const reason = result.error.errors?.[0]?.extensions?.reason;
      el.dataset.value = '';
      el.textContent = `${where}: ${typeof reason === 'string' ? reason : result.error.message}`;
    } else if (!result.data.radarValue) {
      el.dataset.value = '';
      el.textContent = `${where}: outside radar coverage`;
    } else {
      const v = result.data.radarValue;
      el.dataset.value = v.value === null ? '' : String(v.value);
      const value = (v.value === null ? 'no echo' : `${v.value} ${v.units}`) + (layer?.kind === 'level3' ? ' (Level 2 REF)' : '');
      el.textContent = `${value} · ${v.site.id} range ${v.rangeKm.toFixed(1)} km · beam ${Math.round(v.beamHeightM)} m · ${v.time.slice(0, 19).replace('T', ' ')} UTC · ${where}`;
    }
    if (next) {
      const p = next;
      next = null;
      void read(p);
    }
  }

  map.on('mousemove', (e: MapMouseEvent) => {
    const point = { lon: e.lngLat.lng, lat: e.lngLat.lat };
    if (busy) next = point;
    else void read(point);
  });
}
