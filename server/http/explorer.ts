// GET /: the radome explorer (explorer/, bundled by scripts/build-explorer.mjs into dist/explorer).
// index.html is a template: the page's config (GraphQL endpoint, optional raster basemap) goes in
// at load time. Hashed assets under /explorer/ are immutable; index.html is revalidated each time.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { isNotModified, sendMethodNotAllowed, sendText } from './respond.js';

export const EXPLORER_ASSETS_PREFIX = '/explorer/';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.geojson': 'application/geo+json',
  '.txt': 'text/plain; charset=utf-8',
  '.map': 'application/json',
};

/** Same-origin only; MapLibre runs its worker from a blob: URL and decodes tiles into blob: images. */
const CSP =
  "default-src 'self'; img-src 'self' data: blob: http: https:; worker-src 'self' blob:; child-src blob:; style-src 'self' 'unsafe-inline'; connect-src 'self' ws: wss: http: https:; object-src 'none'; base-uri 'none'";

/** Names with a content hash (`app-3FJ2K1QZ.js`) or under a versioned folder (`maplibre-gl-6.17.0/`) never change, so clients keep them. */
const HASHED = /-[A-Z0-9]{8}\.[a-z]+$|^[a-z-]+-\d+\.\d+\.\d+\//;

interface Asset {
  body: Buffer;
  gzipped: Buffer | null;
  contentType: string;
  etag: string;
  immutable: boolean;
}

export interface ExplorerPageConfig {
  /** A raster basemap XYZ template (`https://…/{z}/{x}/{y}.png`) drawn under the offline vector basemap (ServerConfig.basemapUrl, RADOME_BASEMAP_URL). */
  basemapUrl?: string;
}

/** dist/explorer from the sources (server/http) or from the compiled server (dist/server/http). */
export function defaultExplorerDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', '..', 'dist', 'explorer'), resolve(here, '..', '..', 'explorer')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

function asset(body: Buffer, path: string, immutable: boolean): Asset {
  const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  const compressible = /^(text\/|application\/(geo\+)?json)/.test(contentType) && body.byteLength > 1024;
  return { body, gzipped: compressible ? gzipSync(body, { level: 9 }) : null, contentType, etag: `"${createHash('sha1').update(body).digest('base64url')}"`, immutable };
}

function renderIndex(template: string, config: ExplorerPageConfig): string {
  // Relative, so the page also works behind a proxy that adds a path prefix.
  const json = JSON.stringify({ graphqlPath: 'graphql', basemapUrl: config.basemapUrl ?? null }).replace(/</g, '\\u003c');
  return template.replace('<!-- RADOME_CONFIG -->', `<script type="application/json" id="radome-explorer-config">${json}</script>`);
}

/** Loads the bundle on first use (it is built after the server code) and keeps it in memory; null while it is not (fully) there. */
function loadAssets(dir: string, config: ExplorerPageConfig): Map<string, Asset> | null {
  try {
    return readAssets(dir, config);
  } catch (e) {
    // A build replacing the folder while it is read: answered as not built, read again next time.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw e;
  }
}

function readAssets(dir: string, config: ExplorerPageConfig): Map<string, Asset> | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const assets = new Map<string, Asset>();
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/');
    const body = readFileSync(join(dir, path));
    assets.set(path, path === 'index.html' ? asset(Buffer.from(renderIndex(body.toString('utf8'), config)), path, false) : asset(body, path, HASHED.test(path)));
  }
  return assets;
}

function acceptsGzip(req: IncomingMessage): boolean {
  return /\bgzip\b/.test(String(req.headers['accept-encoding'] ?? ''));
}

/** True for the paths this route answers: `/` and `/explorer/…`. */
export function isExplorerPath(rawPath: string): boolean {
  return rawPath === '/' || rawPath.startsWith(EXPLORER_ASSETS_PREFIX);
}

export function createExplorerRoute(dir = defaultExplorerDir(), config: ExplorerPageConfig = {}) {
  let assets: Map<string, Asset> | null = null;
  return function serveExplorer(req: IncomingMessage, res: ServerResponse, rawPath: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
    assets ??= loadAssets(dir, config);
    if (!assets) return sendText(res, 503, `the explorer is not built: ${dir} is missing. Run: npm run build\n`);
    const name = rawPath === '/' ? 'index.html' : rawPath.slice(EXPLORER_ASSETS_PREFIX.length);
    // Only files found in the bundle directory are served (an exact map lookup), so no path can reach outside it.
    const file = name === 'index.html' && rawPath !== '/' ? undefined : assets.get(name);
    if (!file) return sendText(res, 404, `not found: ${rawPath.slice(0, 200)}\n`);
    const headers: Record<string, string> = {
      etag: file.etag,
      'cache-control': file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
      'x-content-type-options': 'nosniff',
      // Keeps the CORS middleware's Vary: Origin.
      vary: [res.getHeader('vary'), 'accept-encoding'].filter(Boolean).join(', '),
    };
    if (file.contentType.startsWith('text/html')) headers['content-security-policy'] = CSP;
    if (isNotModified(req, file.etag)) return void res.writeHead(304, headers).end();
    const gzip = file.gzipped && acceptsGzip(req) ? file.gzipped : null;
    const body = gzip ?? file.body;
    res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': String(body.byteLength), ...(gzip ? { 'content-encoding': 'gzip' } : {}) });
    res.end(req.method === 'HEAD' ? undefined : body);
  };
}
