// GET /graphiql/: the GraphiQL bundle from dist/graphiql (scripts/build-graphiql.mjs), with the
// endpoint and example tabs injected into index.html. Every asset is same-origin.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { dirname, extname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { GRAPHIQL_TABS } from '../graphiql/examples.js';
import { isNotModified, sendMethodNotAllowed, sendText } from './respond.js';

export const GRAPHIQL_PATH = '/graphiql';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/** The browser may load nothing but this server's own assets (inline styles: React sets them). */
const CSP = "default-src 'self'; img-src 'self' data:; font-src 'self' data:; style-src 'self' 'unsafe-inline'; connect-src 'self'; object-src 'none'; base-uri 'none'";

interface Asset {
  body: Buffer;
  contentType: string;
  etag: string;
}

/** dist/graphiql from the sources (server/http) or from the compiled server (dist/server/http). */
export function defaultGraphiqlDir(): string {
  const here = dirname(fileURLToPath(import.meta.url));
  const candidates = [resolve(here, '..', '..', 'dist', 'graphiql'), resolve(here, '..', '..', 'graphiql')];
  return candidates.find((dir) => existsSync(join(dir, 'index.html'))) ?? candidates[0]!;
}

function asset(body: Buffer, path: string): Asset {
  const etag = `"${createHash('sha1').update(body).digest('base64url')}"`;
  return { body, contentType: CONTENT_TYPES[extname(path)] ?? 'application/octet-stream', etag };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

function renderIndex(template: string): string {
  // Relative to /graphiql/, so the page also works behind a proxy that adds a path prefix.
  const config = JSON.stringify({ endpoint: '../graphql', tabs: GRAPHIQL_TABS }).replace(/</g, '\\u003c');
  return template.replace('<!-- RADOME_CONFIG -->', `<script type="application/json" id="radome-graphiql-config">${config}</script>`);
}

/** Loads the bundle on first use (it is built after the server code) and keeps it in memory. */
function loadAssets(dir: string): Map<string, Asset> | null {
  if (!existsSync(join(dir, 'index.html'))) return null;
  const assets = new Map<string, Asset>();
  for (const path of listFiles(dir)) {
    const body = readFileSync(join(dir, path));
    assets.set(path, path === 'index.html' ? asset(Buffer.from(renderIndex(body.toString('utf8'))), path) : asset(body, path));
  }
  return assets;
}

export function createGraphiqlRoute(dir: string) {
  let assets: Map<string, Asset> | null = null;
  return function serveGraphiql(req: IncomingMessage, res: ServerResponse, rawPath: string, search: string): void {
    if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
    // Relative asset URLs need the trailing slash.
    if (rawPath === GRAPHIQL_PATH) return void res.writeHead(308, { location: `graphiql/${search}` }).end();
    assets ??= loadAssets(dir);
    if (!assets) return sendText(res, 503, `GraphiQL is not built: ${dir} is missing. Run: node scripts/build-graphiql.mjs\n`);
    const name = rawPath.slice(GRAPHIQL_PATH.length + 1) || 'index.html';
    // Only files found in the bundle directory are served, so no path can reach outside it.
    const file = assets.get(name);
    if (!file) return sendText(res, 404, 'not found\n');
    const headers = { etag: file.etag, 'cache-control': 'no-cache', 'content-security-policy': CSP, 'x-content-type-options': 'nosniff' };
    if (isNotModified(req, file.etag)) return void res.writeHead(304, headers).end();
    res.writeHead(200, { ...headers, 'content-type': file.contentType, 'content-length': String(file.body.byteLength) });
    res.end(req.method === 'HEAD' ? undefined : file.body);
  };
}
