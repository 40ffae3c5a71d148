// The value under a point read from a layer's value tiles (its TileJSON's `encoding`: RGB holds the
// physical value, alpha 128 "no echo", alpha 0 "no data"), for layers radarValue does not read:
// Level 3 products. The tile under the point is fetched once and kept for the next reads.

interface ValueTileJson {
  tiles: string[];
  maxzoom: number;
  units?: string;
  encoding: { scale: number; offset: number; units?: string; noEcho: { alpha: number } };
}

export type TileValue = { kind: 'value'; value: number; units: string } | { kind: 'no-echo'; units: string } | { kind: 'no-data' };

/** Decoded tiles kept (least recently used go first): a few screens of hovering. */
const KEPT_TILES = 48;

const documents = new Map<string, Promise<ValueTileJson>>();
const tiles = new Map<string, Promise<ImageData | null>>();

function valueTileJson(url: string): Promise<ValueTileJson> {
  let pending = documents.get(url);
  if (!pending) {
    pending = fetch(url).then(async (r) => {
      if (!r.ok) throw new Error(`value tiles ${url}: HTTP ${r.status}`);
      const doc = (await r.json()) as ValueTileJson;
      if (!doc.encoding || !doc.tiles?.length) throw new Error(`value tiles ${url}: the TileJSON has no value encoding`);
      return doc;
    });
    pending.catch(() => documents.delete(url));
    documents.set(url, pending);
  }
  return pending;
}

/** A tile's RGBA (null where the layer has no tile: outside its bounds). */
function tilePixels(url: string): Promise<ImageData | null> {
  let pending = tiles.get(url);
  if (pending) {
    tiles.delete(url);
    tiles.set(url, pending);
    return pending;
  }
  pending = fetch(url).then(async (r) => {
    if (r.status === 404) return null;
    if (!r.ok) throw new Error(`value tile ${url}: HTTP ${r.status}`);
    // No premultiplication and no colour conversion: the bytes are numbers, not colours.
    const bitmap = await createImageBitmap(await r.blob(), { premultiplyAlpha: 'none', colorSpaceConversion: 'none' });
    const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
    const context = canvas.getContext('2d', { willReadFrequently: true })!;
    context.drawImage(bitmap, 0, 0);
    bitmap.close();
    return context.getImageData(0, 0, canvas.width, canvas.height, { colorSpace: 'srgb' });
  });
  pending.catch(() => tiles.delete(url));
  tiles.set(url, pending);
  if (tiles.size > KEPT_TILES) tiles.delete(tiles.keys().next().value!);
  return pending;
}

/**
 * The value at a point, from the tile under it at tile zoom `zoom` rounded up (capped at the layer's
 * maxzoom), so a tile pixel is never coarser than a screen pixel.
 */
export async function valueAt(valueTileJsonUrl: string, lon: number, lat: number, zoom: number): Promise<TileValue> {
  const doc = await valueTileJson(valueTileJsonUrl);
  const z = Math.max(0, Math.min(doc.maxzoom, Math.ceil(zoom)));
  const n = 2 ** z;
  const φ = (Math.max(-85.0511, Math.min(85.0511, lat)) * Math.PI) / 180;
  const fx = ((lon + 180) / 360) * n;
  const fy = ((1 - Math.log(Math.tan(φ) + 1 / Math.cos(φ)) / Math.PI) / 2) * n;
  const x = Math.floor(fx);
  const y = Math.min(n - 1, Math.floor(fy));
  const url = doc.tiles[0]!.replace('{z}', String(z))
    .replace('{x}', String(((x % n) + n) % n))
    .replace('{y}', String(y));
  const image = await tilePixels(url);
  if (!image) return { kind: 'no-data' };
  const px = Math.min(image.width - 1, Math.floor((fx - x) * image.width));
  const py = Math.min(image.height - 1, Math.floor((fy - y) * image.height));
  const i = 4 * (py * image.width + px);
  const [r, g, b, a] = [image.data[i]!, image.data[i + 1]!, image.data[i + 2]!, image.data[i + 3]!];
  const units = doc.encoding.units ?? doc.units ?? '';
  if (a === doc.encoding.noEcho.alpha) return { kind: 'no-echo', units };
  if (a !== 255) return { kind: 'no-data' };
  // Rounded to the encoding's step, as the server decodes it (value = (R·65536 + G·256 + B) · scale + offset).
  const steps = 1 / doc.encoding.scale;
  return { kind: 'value', value: Math.round((r * 65536 + g * 256 + b) * doc.encoding.scale * steps + doc.encoding.offset * steps) / steps, units };
}
