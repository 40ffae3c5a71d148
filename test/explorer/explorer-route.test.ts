// GET / and /explorer/…: the explorer's static files, over a real HTTP server: content types,
// caching (hashed names immutable, index.html revalidated), gzip, 404s and no way out of the folder.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../core/config.js';
import { createExplorerRoute, isExplorerPath } from '../../server/http/explorer.js';
import { startEmptyExplorerServer } from './explorer-server.js';

describe('the explorer route', () => {
  let dir: string;
  let server: Server;
  let url: string;
  const js = `console.log(${JSON.stringify('x'.repeat(4000))});`;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-explorer-route-'));
    mkdirSync(join(dir, 'maplibre-gl-6.17.0'));
    writeFileSync(join(dir, 'index.html'), '<!doctype html><head><!-- RADOME_CONFIG --></head><script type="module" src="explorer/app-ABCD1234.js"></script>');
    writeFileSync(join(dir, 'app-ABCD1234.js'), js);
    writeFileSync(join(dir, 'land-0A1B2C3D.geojson'), '{"type":"FeatureCollection","features":[]}');
    writeFileSync(join(dir, 'maplibre-gl-6.17.0', 'maplibre-gl.mjs'), 'export {};');
    writeFileSync(join(dir, 'notes.txt'), 'not hashed');
    writeFileSync(join(tmpdir(), 'radome-explorer-secret.txt'), 'TOP-SECRET-CONTENT');
    const serve = createExplorerRoute(dir, { basemapUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
    server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0]!;
      if (isExplorerPath(path)) serve(req, res, path);
      else res.writeHead(404).end('other route');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    rmSync(dir, { recursive: true, force: true });
    rmSync(join(tmpdir(), 'radome-explorer-secret.txt'), { force: true });
  });

  it('serves index.html at / with its config, no-cache and a same-origin CSP', async () => {
    const res = await fetch(`${url}/?site=KLOT&layer=level2:REF:0.5`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-cache');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    const html = await res.text();
    const config = JSON.parse(/<script type="application\/json" id="radome-explorer-config">(.*?)<\/script>/.exec(html)![1]!);
    expect(config).toEqual({ graphqlPath: 'graphql', basemapUrl: 'https://tiles.example.org/{z}/{x}/{y}.png' });
  });

  it('serves hashed and versioned assets as immutable with their content types, gzipped when asked', async () => {
    const app = await fetch(`${url}/explorer/app-ABCD1234.js`, { headers: { 'accept-encoding': 'identity' } });
    expect(app.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(app.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await app.text()).toBe(js);
    const land = await fetch(`${url}/explorer/land-0A1B2C3D.geojson`);
    expect(land.headers.get('content-type')).toBe('application/geo+json');
    const maplibre = await fetch(`${url}/explorer/maplibre-gl-6.17.0/maplibre-gl.mjs`);
    expect(maplibre.headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${url}/explorer/notes.txt`)).headers.get('cache-control')).toBe('no-cache');
    // fetch() undoes gzip itself; node:http's raw bytes show it was sent compressed.
    const raw = await new Promise<{ encoding: string | undefined; body: Buffer }>((resolve, reject) => {
      import('node:http').then(({ get }) =>
        get(`${url}/explorer/app-ABCD1234.js`, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => resolve({ encoding: res.headers['content-encoding'], body: Buffer.concat(chunks) }));
        }).on('error', reject),
      );
    });
    expect(raw.encoding).toBe('gzip');
    expect(gunzipSync(raw.body).toString()).toBe(js);
  });

  it('answers 304 to a matching If-None-Match, 405 to other methods and HEAD without a body', async () => {
    const first = await fetch(`${url}/explorer/app-ABCD1234.js`);
    const again = await fetch(`${url}/explorer/app-ABCD1234.js`, { headers: { 'if-none-match': first.headers.get('etag')! } });
    expect(again.status).toBe(304);
    expect((await fetch(`${url}/`, { method: 'POST' })).status).toBe(405);
    const head = await fetch(`${url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('answers 404 for unknown assets, the template by name, and paths leaving the folder', async () => {
    for (const path of [
      '/explorer/app-FFFFFFFF.js',
      '/explorer/',
      '/explorer/index.html',
      '/explorer/../package.json',
      '/explorer/%2e%2e/radome-explorer-secret.txt',
      '/explorer/..%2F..%2Fradome-explorer-secret.txt',
    ]) {
      const res = await fetch(`${url}${path}`);
      expect(res.status, path).toBe(404);
      expect(await res.text()).not.toContain('TOP-SECRET-CONTENT');
    }
  });
});

describe('the raster basemap setting (RADOME_BASEMAP_URL, core/config)', () => {
  it('is validated with the other server settings: an http(s) template naming {z}, {x} and {y}', () => {
    expect(loadServerConfig({}).basemapUrl).toBeUndefined();
    expect(loadServerConfig({ RADOME_BASEMAP_URL: ' ' }).basemapUrl).toBeUndefined();
    expect(loadServerConfig({ RADOME_BASEMAP_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' }).basemapUrl).toBe('https://tiles.example.org/{z}/{x}/{y}.png');
    expect(() => loadServerConfig({ RADOME_BASEMAP_URL: 'https://tiles.example.org/{z}/{x}.png' })).toThrow(/RADOME_BASEMAP_URL=.*missing \{y\}/);
    expect(() => loadServerConfig({ RADOME_BASEMAP_URL: 'tiles/{z}/{x}/{y}.png' })).toThrow(/RADOME_BASEMAP_URL=.*not a raster tile template/);
    expect(() => loadServerConfig({ RADOME_BASEMAP_URL: 'javascript:alert(1)//{z}/{x}/{y}' })).toThrow(/an http\(s\) URL/);
  });

  it('reaches the page a radome server serves at / from its config, not from process.env', async () => {
    process.env.RADOME_BASEMAP_URL = 'https://from-the-environment.example.org/{z}/{x}/{y}.png';
    const server = await startEmptyExplorerServer(loadServerConfig({ RADOME_BASEMAP_URL: 'https://tiles.example.org/{z}/{x}/{y}.png' }));
    try {
      const html = await (await fetch(`${server.url}/`)).text();
      const config = JSON.parse(/<script type="application\/json" id="radome-explorer-config">(.*?)<\/script>/.exec(html)![1]!);
      expect(config.basemapUrl).toBe('https://tiles.example.org/{z}/{x}/{y}.png');
    } finally {
      delete process.env.RADOME_BASEMAP_URL;
      await server.close();
    }
  });
});
