// GET /tiles/…: XYZ map tiles (colour and value PNGs) and TileJSON 3.0 documents of sweeps,
// Level 3 products, the newest sweep of a site × moment × elevation, and the national mosaic.
//
//   /tiles/sweep/{volumeId}/{cut}/…   (a sweep id, e.g. KLOT20220317_000842/e01-REF)
//   /tiles/product/{productId}/…
//   /tiles/latest/{site}/{moment}/{elevation}/…
//   /tiles/mosaic/{moment}/{time}/…   (time: ISO 8601 UTC, e.g. 2022-03-17T00:10:00Z; ?toleranceMinutes=N, default 5)
//   /tiles/rainfall/{method}/{from}/{to}/{sites}/…   (accumulation; sites comma-separated, "-" for none)
//   /tiles/swath/{from}/{to}/{sites}/…   (per-pixel maximum of the lowest REF)
// where … is [value/]{z}/{x}/{y}.png, [value/]{z}/{x}/{y}@2x.png or [value/]tilejson.json; the mosaic
// also has frame.png and frame.json, its CONUS frame at 0.01°. tilejson.json?tileSize=512 names
// the @2x tiles in its template.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRadomeError } from '../../core/errors.js';
import { type Moment, parseProductId, parseRadarMoment, parseRadarSiteId, parseSweepId, type ProductId, type RadarSiteId, type SweepId } from '../../core/vocabulary/index.js';
import { MAX_TILE_ZOOM, VALUE_ENCODING, checkTile } from '../../ingest/render/render-tile.js';
import type { BBox } from '../../core/geo.js';
import type { ColorLegend } from '../../ingest/render/types.js';
import { errorBody } from '../errors.js';
import { DEFAULT_TOLERANCE_MINUTES, type MosaicLayers } from '../tiles/mosaic.js';
import type { ByteBudgetLru } from '../tiles/lru.js';
import type { RadarLayers } from '../tiles/radar-layers.js';
import type { DerivedFields, DerivedRequest } from '../radar-time/derived-fields.js';
import { parseDerivedLayer } from '../radar-time/derived-request.js';
import { isNotModified, sendJson, sendMethodNotAllowed } from './respond.js';

export const TILES_PREFIX = '/tiles/';

const IMMUTABLE = 'public, max-age=31536000, immutable';
/** "Newest" layers change when the next volume lands (every 4–10 min). */
const NEWEST = 'public, max-age=30';
/** Elevation angles of a "latest" layer match sweeps within this many degrees (0.5 finds 0.48). */
const ELEVATION_TOLERANCE_DEG = 0.3;
const ATTRIBUTION = 'NOAA NEXRAD (NWS/NCEI) via radome';

/** A tile request or TileJSON request, as parsed from the path. */
type LayerRef =
  | { kind: 'sweep'; id: SweepId }
  | { kind: 'product'; id: ProductId }
  | { kind: 'latest'; site: RadarSiteId; moment: Moment; elevation: number }
  | { kind: 'mosaic'; moment: Moment; time: number; toleranceMinutes: number }
  | { kind: 'derived'; request: DerivedRequest };

interface TileAddress {
  layer: LayerRef;
  /** Path of the layer under /tiles/, without the tail. */
  layerPath: string;
  value: boolean;
  tile: { z: number; x: number; y: number; size: number } | null;
  /** The mosaic's CONUS frame image or its JSON. */
  frame: 'png' | 'json' | null;
}

/** What a resolved layer serves: tiles, TileJSON facts and HTTP caching. */
export interface ServedLayer {
  name: string;
  description: string;
  bbox: BBox;
  legend: ColorLegend;
  units: string;
  /** A validator of the layer's data (tiles add their address). */
  etag: string;
  cacheControl: string;
  render(z: number, x: number, y: number, size: number, value: boolean): Promise<Uint8Array>;
}

class TileRequestError extends Error {
  constructor(
    readonly status: 400 | 404,
    message: string,
  ) {
    super(message);
  }
}

const bad = (message: string) => new TileRequestError(400, message);

/** Parses an ISO 8601 UTC time (…Z) to epoch ms, or throws 400. */
export function parseTileTime(raw: string): number {
  const t = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?Z$/.test(raw) ? Date.parse(raw) : NaN;
  if (Number.isNaN(t)) throw bad(`time ${JSON.stringify(raw)} is not an ISO 8601 UTC time such as 2022-03-17T00:10:00Z`);
  return t;
}

/** A path segment through its vocabulary parser; a bad one answers 400 with the parser's message. */
function param<T>(parse: (raw: string, what: string) => T, raw: string, what: string): T {
  try {
    return parse(raw, what);
  } catch (e) {
    throw isRadomeError(e) ? bad(e.message) : e;
  }
}

function parseInteger(raw: string, what: string): number {
  if (!/^\d{1,6}$/.test(raw)) throw bad(`${what} ${JSON.stringify(raw)} is not a whole number`);
  return Number(raw);
}

export function parseTilePath(rawPath: string, search = ''): TileAddress {
  let parts: string[];
  try {
    parts = rawPath.slice(TILES_PREFIX.length).split('/').map(decodeURIComponent);
  } catch {
    throw bad('the path is not valid percent-encoding');
  }
  const usage =
    'use /tiles/{sweep/<id>|product/<id>|latest/<site>/<moment>/<elevation>|mosaic/<moment>/<time>|rainfall/<method>/<from>/<to>/<sites>|swath/<from>/<to>/<sites>}/[value/]{z}/{x}/{y}[@2x].png or …/tilejson.json';
  let tile: TileAddress['tile'] = null;
  const last = parts.pop() ?? '';
  const frame = last === 'frame.png' ? 'png' : last === 'frame.json' ? 'json' : null;
  if (frame && parts[0] !== 'mosaic') throw new TileRequestError(404, `only the mosaic has a frame; ${usage}`);
  if (last !== 'tilejson.json' && !frame) {
    const m = /^(\d{1,6})(@2x)?\.png$/.exec(last);
    if (!m || parts.length < 3) throw new TileRequestError(404, `no such tile path; ${usage}`);
    const x = parseInteger(parts.pop()!, 'tile x');
    const z = parseInteger(parts.pop()!, 'zoom');
    tile = { z, x, y: Number(m[1]), size: m[2] ? 512 : 256 };
    try {
      checkTile(tile.z, tile.x, tile.y, tile.size);
    } catch (e) {
      throw bad(e instanceof Error ? e.message : String(e));
    }
  }
  const value = parts.at(-1) === 'value';
  if (value) parts.pop();
  const [kind, ...args] = parts;
  const layerPath = parts.map(pathSegment).join('/');
  let layer: LayerRef;
  if (kind === 'sweep' && args.length === 2) layer = { kind, id: param(parseSweepId, args.join('/'), 'sweep id') };
  else if (kind === 'product' && args.length === 1) layer = { kind, id: param(parseProductId, args[0]!, 'product id') };
  else if (kind === 'latest' && args.length === 3) {
    const site = param(parseRadarSiteId, args[0]!, 'site');
    const elevation = Number(args[2]);
    if (!/^\d{1,2}(\.\d{1,3})?$/.test(args[2]!) || !(elevation < 90)) throw bad(`elevation ${JSON.stringify(args[2])} is not an angle in degrees such as 0.5`);
    layer = { kind, site, moment: param(parseRadarMoment, args[1]!, 'moment'), elevation };
  } else if (kind === 'mosaic' && args.length === 2) {
    const tolerance = new URLSearchParams(search).get('toleranceMinutes');
    const toleranceMinutes = tolerance === null ? DEFAULT_TOLERANCE_MINUTES : parseInteger(tolerance, 'toleranceMinutes');
    if (toleranceMinutes > 60) throw bad(`toleranceMinutes ${toleranceMinutes} is more than 60`);
    layer = { kind, moment: param(parseRadarMoment, args[0]!, 'moment'), time: parseTileTime(args[1]!), toleranceMinutes };
  } else if (kind === 'rainfall' || kind === 'swath') {
    try {
      layer = { kind: 'derived', request: parseDerivedLayer(kind, args, parseTileTime) };
    } catch (e) {
      if (e instanceof TileRequestError) throw e;
      throw bad(e instanceof Error ? e.message : String(e));
    }
  } else throw new TileRequestError(404, `unknown tile layer /tiles/${parts.join('/')}; ${usage}`);
  return { layer, layerPath, value, tile, frame };
}

/** Absolute URLs of a layer's TileJSON documents (colour and value), under a base ending in "/". */
export function tileJsonUrls(baseUrl: string, layerPath: string, query = ''): { tileJsonUrl: string; valueTileJsonUrl: string } {
  return { tileJsonUrl: `${baseUrl}tiles/${layerPath}/tilejson.json${query}`, valueTileJsonUrl: `${baseUrl}tiles/${layerPath}/value/tilejson.json${query}` };
}

/** A path segment percent-encoded, but for ":" (times read better, and RFC 3986 allows it). */
function pathSegment(segment: string): string {
  return encodeURIComponent(segment).replace(/%3A/g, ':');
}

/** The layer path of a sweep or product id (ids are URL-safe; sweep ids hold one "/"). */
export function layerPathOf(kind: 'sweep' | 'product', id: string): string {
  return `${kind}/${id.split('/').map(pathSegment).join('/')}`;
}

/** The TileJSON 3.0 document of a layer (https://github.com/mapbox/tilejson-spec/tree/master/3.0.0). */
export function tileJson(layer: ServedLayer, template: string, value: boolean): Record<string, unknown> {
  const [w, s, e, n] = layer.bbox;
  const clamp = (lat: number) => Math.max(-85.0511, Math.min(85.0511, lat));
  return {
    tilejson: '3.0.0',
    name: value ? `${layer.name} (values)` : layer.name,
    description: `${layer.description} XYZ Web Mercator tiles, 256 px; append @2x before .png for 512 px.`,
    version: '1.0.0',
    attribution: ATTRIBUTION,
    scheme: 'xyz',
    tiles: [template],
    minzoom: 0,
    maxzoom: MAX_TILE_ZOOM,
    bounds: [w, clamp(s), e, clamp(n)],
    center: [(w + e) / 2, (clamp(s) + clamp(n)) / 2, 6],
    units: layer.units,
    legend: layer.legend,
    ...(value
      ? {
          encoding: {
            format: 'rgb-value',
            formula: 'value = (R * 65536 + G * 256 + B) * scale + offset, where alpha = 255',
            scale: VALUE_ENCODING.scale,
            offset: VALUE_ENCODING.offset,
            units: layer.units,
            noEcho: { alpha: VALUE_ENCODING.noEchoAlpha, meaning: 'covered by a radar that measured no value here (below threshold or range folded)' },
            noData: { alpha: 0, meaning: 'no radar data here' },
          },
        }
      : {}),
  };
}

export interface TilesRouteOptions {
  layers: RadarLayers;
  /** Rendered tiles by ETag (a tile asked for again is sent, not rendered). */
  rendered: ByteBudgetLru<Uint8Array>;
  /** The national mosaic; without it mosaic layers are 404. */
  mosaics?: MosaicLayers;
  /** Rainfall accumulations and swaths; without it their layers are 404. */
  derived?: Pick<DerivedFields, 'served'>;
  /** Base URL of the request, ending in "/". */
  baseUrlOf(req: IncomingMessage): string;
  onError(error: unknown): void;
}

/** Resolves a layer reference against the catalog; throws 404 for what it does not have. */
async function resolveLayer(ref: LayerRef, options: TilesRouteOptions): Promise<ServedLayer> {
  const { layers } = options;
  const { catalog } = layers;
  switch (ref.kind) {
    case 'sweep': {
      const row = (await catalog.radar.sweepsByIds([ref.id]))[0];
      if (!row) throw new TileRequestError(404, `the catalog has no sweep ${ref.id}; sweeps lists them`);
      return layers.servedSweep(row, IMMUTABLE);
    }
    case 'latest': {
      const page = await catalog.radar.sweeps(
        { site: ref.site, moments: [ref.moment], minElevation: ref.elevation - ELEVATION_TOLERANCE_DEG, maxElevation: ref.elevation + ELEVATION_TOLERANCE_DEG, order: 'DESC' },
        { first: 1 },
      );
      const row = page.rows[0];
      if (!row) throw new TileRequestError(404, `the catalog has no ${ref.moment} sweep of ${ref.site} within ${ELEVATION_TOLERANCE_DEG}° of elevation ${ref.elevation}°`);
      return layers.servedSweep(row, NEWEST);
    }
    case 'product': {
      const row = (await catalog.products.byIds([ref.id]))[0];
      if (!row) throw new TileRequestError(404, `the catalog has no product ${ref.id}; products lists them`);
      if (row.imageKey === null) throw new TileRequestError(404, `product ${ref.id} has no radial or raster grid to tile (graphic, tabular or null product)`);
      return layers.servedProduct(row, IMMUTABLE);
    }
    case 'mosaic':
      if (ref.moment !== 'REF') throw new TileRequestError(404, `the mosaic is made of REF only, not ${ref.moment}`);
      if (!options.mosaics) throw new TileRequestError(404, 'this server serves no mosaic');
      return options.mosaics.served(ref.time, ref.toleranceMinutes);
    case 'derived':
      if (!options.derived) throw new TileRequestError(404, 'this server derives no rainfall or swaths');
      return options.derived.served(ref.request);
  }
}

function sendError(res: ServerResponse, error: unknown, onError: (e: unknown) => void): void {
  if (error instanceof TileRequestError) {
    return sendJson(res, error.status, errorBody(error.status === 400 ? 'BAD_USER_INPUT' : 'NOT_FOUND', error.message));
  }
  if (isRadomeError(error)) {
    // Missing or corrupt stored data: the tile cannot be made (and nothing was cached).
    const status = error.code === 'BAD_INPUT' ? 400 : 404;
    return sendJson(res, status, errorBody(status === 400 ? 'BAD_USER_INPUT' : 'NOT_FOUND', error.message, { reason: error.code }));
  }
  onError(error);
  sendJson(res, 500, { error: 'internal server error' });
}

export async function serveTiles(req: IncomingMessage, res: ServerResponse, rawPath: string, search: string, options: TilesRouteOptions): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
  try {
    const address = parseTilePath(rawPath, search);
    const layer = await resolveLayer(address.layer, options);
    const { tile, value, frame } = address;
    const query = search && address.layer.kind === 'mosaic' && address.layer.toleranceMinutes !== DEFAULT_TOLERANCE_MINUTES ? `?toleranceMinutes=${address.layer.toleranceMinutes}` : '';
    if (frame && address.layer.kind === 'mosaic') {
      const etag = `"${layer.etag}/frame-${frame}"`;
      const headers = { etag, 'cache-control': layer.cacheControl, 'x-content-type-options': 'nosniff' };
      if (isNotModified(req, etag)) return void res.writeHead(304, headers).end();
      const made = await options.mosaics!.frame(address.layer.time, address.layer.toleranceMinutes);
      const body = frame === 'png' ? made.png : Buffer.from(JSON.stringify({ ...made.json, imageUrl: `${options.baseUrlOf(req)}tiles/${address.layerPath}/frame.png${query}` }));
      res.writeHead(200, { ...headers, 'content-type': frame === 'png' ? 'image/png' : 'application/json; charset=utf-8', 'content-length': String(body.byteLength) });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    if (!tile) {
      const base = `${options.baseUrlOf(req)}tiles/${address.layerPath}/${value ? 'value/' : ''}`;
      const retina = new URLSearchParams(search).get('tileSize') === '512' ? '@2x' : '';
      const body = JSON.stringify(tileJson(layer, `${base}{z}/{x}/{y}${retina}.png${query}`, value));
      res.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'content-length': Buffer.byteLength(body),
        'cache-control': layer.cacheControl === IMMUTABLE ? 'public, max-age=3600' : layer.cacheControl,
      });
      return void res.end(req.method === 'HEAD' ? undefined : body);
    }
    const etag = `"${layer.etag}/${value ? 'v' : 'c'}${tile.z}-${tile.x}-${tile.y}-${tile.size}"`;
    const headers = { etag, 'cache-control': layer.cacheControl, 'x-content-type-options': 'nosniff' };
    if (isNotModified(req, etag)) return void res.writeHead(304, headers).end();
    const png = await options.rendered.get(etag, () => layer.render(tile.z, tile.x, tile.y, tile.size, value));
    res.writeHead(200, { ...headers, 'content-type': 'image/png', 'content-length': String(png.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : png);
  } catch (error) {
    if (res.headersSent) return void res.destroy();
    sendError(res, error, options.onError);
  }
}
