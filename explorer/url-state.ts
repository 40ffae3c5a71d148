// The view as query parameters, so a URL is a permalink: site, layer (level2:REF:0.5,
// level3:N0H, mosaic:REF, gnss:YORK), time (ISO 8601), z, lon, lat.
export type LayerSpec = { kind: 'level2'; moment: string; elevation: number } | { kind: 'level3'; mnemonic: string } | { kind: 'mosaic'; moment: string } | { kind: 'gnss'; station: string };

export interface ViewState {
  site: string | null;
  layer: LayerSpec | null;
  time: string | null;
  z: number | null;
  lon: number | null;
  lat: number | null;
}

/** `level2:REF:0.5` → a LayerSpec; null for anything else. */
export function parseLayer(text: string | null): LayerSpec | null {
  if (!text) return null;
  const [kind, a, b] = text.split(':');
  if (kind === 'level2' && a && b !== undefined && Number.isFinite(Number(b))) return { kind, moment: a.toUpperCase(), elevation: Number(b) };
  if (kind === 'level3' && a) return { kind, mnemonic: a.toUpperCase() };
  if (kind === 'mosaic' && a) return { kind, moment: a.toUpperCase() };
  if (kind === 'gnss' && a) return { kind, station: a.toUpperCase() };
  return null;
}

export function formatLayer(layer: LayerSpec): string {
  switch (layer.kind) {
    case 'level2':
      return `level2:${layer.moment}:${layer.elevation}`;
    case 'level3':
      return `level3:${layer.mnemonic}`;
    case 'mosaic':
      return `mosaic:${layer.moment}`;
    case 'gnss':
      return `gnss:${layer.station}`;
  }
}

function numberParam(params: URLSearchParams, name: string): number | null {
  const text = params.get(name);
  const value = text === null || text === '' ? NaN : Number(text);
  return Number.isFinite(value) ? value : null;
}

export function readViewState(search: string): ViewState {
  const params = new URLSearchParams(search);
  const time = params.get('time');
  return {
    site: params.get('site')?.toUpperCase() || null,
    layer: parseLayer(params.get('layer')),
    time: time && !Number.isNaN(Date.parse(time)) ? new Date(time).toISOString() : null,
    z: numberParam(params, 'z'),
    lon: numberParam(params, 'lon'),
    lat: numberParam(params, 'lat'),
  };
}

export function formatViewState(state: ViewState): string {
  const params = new URLSearchParams();
  if (state.site) params.set('site', state.site);
  if (state.layer) params.set('layer', formatLayer(state.layer));
  if (state.time) params.set('time', state.time);
  if (state.z !== null) params.set('z', state.z.toFixed(2));
  if (state.lon !== null) params.set('lon', state.lon.toFixed(4));
  if (state.lat !== null) params.set('lat', state.lat.toFixed(4));
  return `?${params.toString().replace(/%3A/g, ':')}`;
}
