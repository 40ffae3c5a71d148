// Issue 2's walking skeleton end to end, with real processes: a Level 2 volume under its public
// bucket key on an S3-compatible server → `radome ingest once` → objects in S3 + rows in SQLite →
// `radome serve` → GraphQL over HTTP and the SDK in headless Chromium, which loads a PNG.
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { openObjectStore } from '../../store/objects/index.js';
import type { Level2Volume } from '../../ingest/decode/level2/types.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser } from '../support/browser.js';
import { S3RVER_CREDENTIALS, s3TestClient, startS3Server, type S3TestServer } from '../support/s3-server.js';
import { bundleSdk } from '../support/sdk-bundle.js';
import { serveFiles } from '../support/static-server.js';
import { runRadome, startRadome, type RadomeServerProcess } from './radome-process.js';
import { testSite } from '../support/ids.js';
import { expectPngAt } from '../support/png-response.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));
const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);

const SOURCE_BUCKET = 'nexrad-level2-mirror';
const OBJECT_BUCKET = 'radome-objects';
const VOLUME_START = Date.UTC(2022, 2, 17, 0, 8, 42);

describe.skipIf(!samplePath)('Level 2 from a bucket to GraphQL, the SDK and a browser', () => {
  let s3: S3TestServer;
  let dataDir: string;
  let env: Record<string, string>;
  let volume: Level2Volume;
  let server: RadomeServerProcess | undefined;

  beforeAll(async () => {
    s3 = await startS3Server({ buckets: [SOURCE_BUCKET, OBJECT_BUCKET] });
    const bytes = readFileSync(samplePath!);
    const key = level2KeyFor('KLOT', VOLUME_START);
    expect(key).toBe('2022/03/17/KLOT/KLOT20220317_000842_V06');
    await s3TestClient(s3.endpoint).send(new PutObjectCommand({ Bucket: SOURCE_BUCKET, Key: key, Body: bytes }));
    dataDir = mkdtempSync(join(tmpdir(), 'radome-e2e-'));
    env = {
      RADOME_DATA_DIR: dataDir,
      RADOME_OBJECTS: `s3://${OBJECT_BUCKET}/tiles?endpoint=${s3.endpoint}&forcePathStyle=true`,
      RADOME_LEVEL2_BUCKET: SOURCE_BUCKET,
      RADOME_LEVEL2_ENDPOINT: s3.endpoint,
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'info',
    };
    // The test reads the object store in-process too, with the same credentials.
    for (const name of ['AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_REGION'] as const) process.env[name] = env[name];
    volume = decodeArchiveII(bytes);
  });

  afterAll(async () => {
    await server?.stop();
    await s3?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  const ingestOnce = () => runRadome(['ingest', 'once', '--source', 'level2', '--site', 'KLOT', '--from', '2022-03-16T23:30:00Z', '--to', '2022-03-17T00:30:00Z'], env);

  it('ingests the volume: one volume, VCP 35, 12 cuts, a sweep per cut × moment, each with PNG and JSON', async () => {
    const run = await ingestOnce();
    expect(run.stderr).not.toMatch(/"level":5\d/);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/1 ingested, 0 unchanged, 0 failed/);

    const expected = volume.sweeps.flatMap((s) => Object.keys(s.moments).map((m) => `e${String(s.elevationNumber).padStart(2, '0')}-${m}`));
    const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
    try {
      const volumes = await catalog.reader.radar.volumes({ site: testSite('KLOT') }, { first: 10 });
      expect(volumes.totalCount).toBe(1);
      const v = volumes.rows[0]!;
      expect(v).toMatchObject({ id: 'KLOT20220317_000842', site: 'KLOT', vcp: 35, sourceKey: '2022/03/17/KLOT/KLOT20220317_000842_V06' });
      const sweeps = await catalog.reader.radar.sweeps({ site: testSite('KLOT') }, { first: 500 });
      expect(new Set(sweeps.rows.map((s) => s.elevationNumber)).size).toBe(12);
      expect(sweeps.rows.map((s) => s.id.split('/')[1]).sort()).toEqual(expected.sort());
      // CFP is kept (the reference decoder drops it).
      expect(sweeps.rows.some((s) => s.moment === 'CFP')).toBe(true);

      const objects = openObjectStore(env.RADOME_OBJECTS!);
      for (const s of sweeps.rows) {
        const png = await objects.head(s.imageKey);
        const json = await objects.get(s.metadataKey);
        expect(png?.contentType, s.imageKey).toBe('image/png');
        expect(json, s.metadataKey).not.toBeNull();
        expect(s.imageKey).toMatch(/^radar\/level2\/KLOT\/2022\/03\/17\/KLOT20220317_000842\/e\d{2}-[A-Z]{2,3}\.png$/);
        const meta = JSON.parse(new TextDecoder().decode(json!.body));
        expect(meta.bbox).toEqual(s.bbox);
      }
    } finally {
      await catalog.close();
    }
  });

  it('re-ingesting the same file changes nothing', async () => {
    const before = snapshot();
    const run = await ingestOnce();
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/0 ingested, 1 unchanged, 0 failed/);
    expect(snapshot()).toEqual(before);
  });

  it('serves the sweeps over HTTP, with PNG and JSON objects', async () => {
    server = await startRadome('serve', env);
    const res = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: `{ sweeps(filter: { site: "KLOT" }, first: 100) { totalCount edges { node { id moment elevationNumber imageUrl metadataUrl bbox corners volume { vcp } } } } }`,
      }),
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body.errors).toBeUndefined();
    const nodes = body.data.sweeps.edges.map((e: any) => e.node);
    expect(body.data.sweeps.totalCount).toBe(nodes.length);
    expect(nodes.length).toBe(volume.sweeps.reduce((n, s) => n + Object.keys(s.moments).length, 0));
    expect(nodes.every((n: any) => n.volume.vcp === 35)).toBe(true);
    await expectPngAt(nodes[0].imageUrl);
    const meta = (await (await fetch(nodes[0].metadataUrl)).json()) as any;
    expect(meta.corners).toEqual(nodes[0].corners);
  });

  it.skipIf(!chromiumPath)('the SDK in Chromium lists KLOT sweeps and loads one PNG', async () => {
    server ??= await startRadome('serve', env);
    const sdk = await bundleSdk();
    const page = await serveFiles({
      '/': { body: '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><script type="module" src="/app.js"></script>', contentType: 'text/html; charset=utf-8' },
      '/sdk.js': { body: sdk, contentType: 'text/javascript; charset=utf-8' },
      '/app.js': {
        body: `import { createRadomeClient } from './sdk.js';
window.run = async (url) => {
  const client = createRadomeClient({ url });
  const r = await client.sweeps({ filter: { site: 'KLOT' }, first: 100 });
  if (r.error) return { error: r.error.message };
  const node = r.data.sweeps.edges[0].node;
  const img = new Image();
  const loaded = await new Promise((ok) => { img.onload = () => ok(true); img.onerror = () => ok(false); img.src = node.imageUrl; });
  return { count: r.data.sweeps.totalCount, moments: [...new Set(r.data.sweeps.edges.map((e) => e.node.moment))].sort(), loaded, width: img.naturalWidth, height: img.naturalHeight };
};`,
        contentType: 'text/javascript; charset=utf-8',
      },
    });
    const browser = await launchBrowser(chromiumPath!);
    try {
      const tab = await browser.context.newPage();
      await tab.goto(page.url);
      await tab.waitForFunction(() => typeof (window as any).run === 'function');
      const result = await tab.evaluate((url) => (window as any).run(url), `${server.url}/graphql`);
      expect(result.error).toBeUndefined();
      expect(result.count).toBe(volume.sweeps.reduce((n, s) => n + Object.keys(s.moments).length, 0));
      expect(result.moments).toEqual(['CFP', 'PHI', 'REF', 'RHO', 'SW', 'VEL', 'ZDR']);
      expect(result.loaded).toBe(true);
      expect(Math.max(result.width, result.height)).toBe(1024);
      expect(browser.requests.every(isLoopback)).toBe(true);
    } finally {
      await browser.close();
      await page.close();
    }
  });

  async function snapshot() {
    const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
    try {
      return {
        volumes: (await catalog.reader.radar.volumes({}, { first: 100 })).rows,
        sweeps: (await catalog.reader.radar.sweeps({}, { first: 1000 })).rows,
        failures: await catalog.reader.ingest.failures(),
      };
    } finally {
      await catalog.close();
    }
  }
});
