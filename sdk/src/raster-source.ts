/**
 * A MapLibre GL (or Mapbox GL) raster source for radome map tiles: give it a `tileJsonUrl` or
 * `valueTileJsonUrl` (Sweep, Product, Mosaic) and MapLibre reads the tiles template, bounds and
 * zoom range from the TileJSON. Usage:
 * `map.addSource('radar', rasterSource(sweep.tileJsonUrl)); map.addLayer({ id: 'radar', type: 'raster', source: 'radar' })`.
 */
export interface RasterSourceSpecification {
  type: 'raster';
  url: string;
  tileSize: 256 | 512;
}

export interface RasterSourceOptions {
  /** 512 asks for the @2x tiles (the TileJSON's template then names them). Default 256. */
  tileSize?: 256 | 512;
}

export function rasterSource(tileJsonUrl: string, options: RasterSourceOptions = {}): RasterSourceSpecification {
  let url: URL;
  try {
    url = new URL(tileJsonUrl);
  } catch {
    throw new TypeError(`rasterSource: ${JSON.stringify(tileJsonUrl)} is not an absolute TileJSON URL`);
  }
  const tileSize = options.tileSize ?? 256;
  if (tileSize === 512) url.searchParams.set('tileSize', '512');
  return { type: 'raster', url: url.href, tileSize };
}
