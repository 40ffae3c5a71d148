import { request } from 'node:http';
import { describe, expect, it } from 'vitest';
import { useFixtureServer } from '../support/radar-fixture.js';

const ctx = useFixtureServer();

/**
 * A request with the path sent byte for byte: fetch and URL would resolve `..` and `%2e%2e`
 * before sending, so they could not test what the ctx.server does with them.
 */
function rawRequest(path: string, method = 'GET', headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  const { hostname, port } = new URL(ctx.server.url);
  return new Promise((resolve, reject) => {
    const req = request({ host: hostname, port, path, method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('/objects', () => {
  const sweep = () => ctx.fixture.sweeps[0]!;

  it('serves an object with its type, ETag, Last-Modified and an immutable cache policy', async () => {
    const s = sweep();
    const stored = (await ctx.fixture.objects.get(s.imageKey))!;
    const res = await fetch(`${ctx.server.url}/objects/${s.imageKey}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/png');
    expect(res.headers.get('etag')).toBe(stored.etag);
    expect(res.headers.get('last-modified')).toBe(stored.lastModified.toUTCString());
    expect(res.headers.get('cache-control')).toMatch(/max-age=31536000/);
    expect(res.headers.get('cache-control')).toMatch(/immutable/);
    expect(Number(res.headers.get('content-length'))).toBe(stored.size);
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(stored.body))).toBe(true);
  });

  it('answers 304 to a matching If-None-Match (also weak or in a list) and 200 otherwise', async () => {
    const url = `${ctx.server.url}/objects/${sweep().imageKey}`;
    const etag = (await fetch(url, { method: 'HEAD' })).headers.get('etag')!;
    for (const ifNoneMatch of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const res = await fetch(url, { headers: { 'if-none-match': ifNoneMatch } });
      expect(res.status, ifNoneMatch).toBe(304);
      expect(res.headers.get('etag')).toBe(etag);
      expect((await res.arrayBuffer()).byteLength).toBe(0);
    }
    const changed = await fetch(url, { headers: { 'if-none-match': '"something-else"' } });
    expect(changed.status).toBe(200);
    expect((await changed.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });

  it('answers 304 to If-Modified-Since at or after Last-Modified', async () => {
    const url = `${ctx.server.url}/objects/${sweep().metadataKey}`;
    const lastModified = (await fetch(url, { method: 'HEAD' })).headers.get('last-modified')!;
    expect((await fetch(url, { headers: { 'if-modified-since': lastModified } })).status).toBe(304);
    expect((await fetch(url, { headers: { 'if-modified-since': 'Thu, 01 Jan 1970 00:00:00 GMT' } })).status).toBe(200);
  });

  it('answers HEAD with the headers of GET and no body', async () => {
    const s = sweep();
    const res = await rawRequest(`/objects/${s.metadataKey}`, 'HEAD');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json');
    expect(Number(res.headers['content-length'])).toBe((await ctx.fixture.objects.head(s.metadataKey))!.size);
    expect(res.body.byteLength).toBe(0);
  });

  it('decodes a percent-encoded key once', async () => {
    const s = sweep();
    const encoded = s.imageKey
      .split('/')
      .map((seg) => seg.replace(/-/g, '%2D'))
      .join('/');
    expect((await fetch(`${ctx.server.url}/objects/${encoded}`)).status).toBe(200);
  });

  it('answers 404 for missing keys and for anything that tries to leave the store', async () => {
    const paths = [
      '/objects/radar/level2/KLOT/missing.png',
      '/objects/../../etc/passwd',
      '/objects/..%2f..%2fetc%2fpasswd',
      '/objects/%2e%2e/%2e%2e/etc/passwd',
      '/objects/%2E%2E%2F%2E%2E%2Fetc%2Fpasswd',
      '/objects/%252e%252e%252f%252e%252e%252fetc%252fpasswd',
      '/objects/radar/..%5c..%5cetc%5cpasswd',
      '/objects/%2fetc%2fpasswd',
      '/objects//etc/passwd',
      '/objects/radar/%00.png',
      '/objects/%E0%A4%A',
      '/objects/',
    ];
    for (const path of paths) {
      const res = await rawRequest(path);
      expect(res.status, path).toBe(404);
      expect(res.body.toString()).not.toMatch(/root:/);
    }
  });

  it('allows only GET and HEAD', async () => {
    const res = await rawRequest(`/objects/${sweep().imageKey}`, 'DELETE');
    expect(res.status).toBe(405);
    expect(res.headers.allow).toBe('GET, HEAD');
  });

  it('lets other origins read objects (CORS), as map libraries need for WebGL textures', async () => {
    const res = await fetch(`${ctx.server.url}/objects/${sweep().imageKey}`, { headers: { origin: 'http://localhost:8080' } });
    expect(res.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
  });
});

describe('/objects byte ranges', () => {
  const key = () => ctx.fixture.sweeps[0]!.imageKey;

  it('answers a range with 206 and exactly those bytes, also open-ended and suffix ranges', async () => {
    const stored = Buffer.from((await ctx.fixture.objects.get(key()))!.body);
    const size = stored.byteLength;
    for (const [range, start, end] of [
      ['bytes=0-9', 0, 9],
      ['bytes=10-', 10, size - 1],
      ['bytes=-5', size - 5, size - 1],
      [`bytes=5-${size + 100}`, 5, size - 1],
    ] as const) {
      const res = await fetch(`${ctx.server.url}/objects/${key()}`, { headers: { range } });
      expect(res.status, range).toBe(206);
      expect(res.headers.get('content-range')).toBe(`bytes ${start}-${end}/${size}`);
      expect(res.headers.get('accept-ranges')).toBe('bytes');
      expect(Buffer.from(await res.arrayBuffer()).equals(stored.subarray(start, end + 1))).toBe(true);
    }
  });

  it('answers 416 to a range past the end and sends the whole object for ranges it ignores', async () => {
    const size = (await ctx.fixture.objects.head(key()))!.size;
    const past = await fetch(`${ctx.server.url}/objects/${key()}`, { headers: { range: `bytes=${size}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get('content-range')).toBe(`bytes */${size}`);
    for (const range of ['bytes=0-1,4-5', 'items=0-1', 'bytes=9-2']) {
      const res = await fetch(`${ctx.server.url}/objects/${key()}`, { headers: { range } });
      expect(res.status, range).toBe(200);
      expect((await res.arrayBuffer()).byteLength).toBe(size);
    }
  });

  it('applies a range under If-Range only while the ETag matches', async () => {
    const etag = (await ctx.fixture.objects.head(key()))!.etag;
    expect((await fetch(`${ctx.server.url}/objects/${key()}`, { headers: { range: 'bytes=0-3', 'if-range': etag } })).status).toBe(206);
    expect((await fetch(`${ctx.server.url}/objects/${key()}`, { headers: { range: 'bytes=0-3', 'if-range': '"stale"' } })).status).toBe(200);
  });
});

describe('/healthz', () => {
  it('reports the catalog as reachable', async () => {
    const res = await fetch(`${ctx.server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', catalog: { ok: true, radarSites: 2 } });
  });
});

describe('/graphiql', () => {
  it('redirects /graphiql to /graphiql/ and serves HTML whose scripts and styles are all same-origin', async () => {
    const redirect = await fetch(`${ctx.server.url}/graphiql?x=1`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(new URL(redirect.headers.get('location')!, `${ctx.server.url}/graphiql?x=1`).href).toBe(`${ctx.server.url}/graphiql/?x=1`);

    const res = await fetch(`${ctx.server.url}/graphiql`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${ctx.server.url}/graphiql/`);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    const html = await res.text();
    const refs = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1]!);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1]!);
    expect(scripts.length).toBeGreaterThan(0);
    for (const ref of refs) {
      const url = new URL(ref, res.url);
      if (url.protocol === 'data:') continue;
      expect(url.origin, ref).toBe(ctx.server.url);
      const asset = await fetch(url);
      expect(asset.status, ref).toBe(200);
    }
    // The example tabs are in the page; the first queries KLOT's sweeps with image URLs.
    const config = JSON.parse(/<script type="application\/json" id="radome-graphiql-config">(.*?)<\/script>/s.exec(html)![1]!);
    expect(config.endpoint).toBe('../graphql');
    expect(config.tabs[0].query).toMatch(/imageUrl/);
  });

  it('serves assets with validators and 404s unknown ones', async () => {
    const js = await fetch(`${ctx.server.url}/graphiql/graphiql.js`);
    expect(js.headers.get('content-type')).toMatch(/^text\/javascript/);
    const etag = js.headers.get('etag')!;
    expect((await fetch(`${ctx.server.url}/graphiql/graphiql.js`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await rawRequest('/graphiql/../package.json')).status).toBe(404);
    expect((await rawRequest('/graphiql/nope.js')).status).toBe(404);
  });
});

describe('routing', () => {
  it('answers 404 for unknown paths and 405 for wrong methods', async () => {
    expect((await fetch(`${ctx.server.url}/nope`)).status).toBe(404);
    const put = await fetch(`${ctx.server.url}/graphql`, { method: 'PUT', body: '{}' });
    expect(put.status).toBe(405);
    expect(put.headers.get('allow')).toBe('GET, POST');
  });
});
