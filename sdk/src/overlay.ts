/** [longitude, latitude], WGS84 degrees. */
export type LngLat = [number, number];

/** Where a sweep or product PNG (an EPSG:3857 raster) goes on a web map. */
export interface ImageOverlay {
  /** The PNG. */
  url: string;
  /** MapLibre/Mapbox image source `coordinates`: top-left, top-right, bottom-right, bottom-left. */
  coordinates: [LngLat, LngLat, LngLat, LngLat];
  /** Leaflet `L.imageOverlay(url, bounds)`: [[south, west], [north, east]]. */
  bounds: [[number, number], [number, number]];
  /** [west, south, east, north]. */
  bbox: [number, number, number, number];
}

/** Anything with an image and its bounds: Sweep, Product, or your own fragment of them. */
export interface HasImage {
  imageUrl?: string | null;
  bbox?: readonly number[] | null;
}

/**
 * The overlay of a sweep or product, or null when it has no image (graphic/tabular products).
 * Usage: `map.addSource('radar', { type: 'image', url: o.url, coordinates: o.coordinates })` or
 * `L.imageOverlay(o.url, o.bounds).addTo(map)`.
 */
export function imageOverlay(item: HasImage): ImageOverlay | null {
  const { imageUrl, bbox } = item;
  if (!imageUrl || !bbox || bbox.length !== 4 || !bbox.every(Number.isFinite)) return null;
  const [west, south, east, north] = bbox as [number, number, number, number];
  return {
    url: imageUrl,
    coordinates: [
      [west, north],
      [east, north],
      [east, south],
      [west, south],
    ],
    bounds: [
      [south, west],
      [north, east],
    ],
    bbox: [west, south, east, north],
  };
}
