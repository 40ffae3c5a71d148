// The SDK bundled as a web app would bundle it (core + @radome/sdk/subscriptions), in headless
// Chromium on another origin, against a server over ingested data: typed methods, multi-page
// iteration, a 503 retried after Retry-After, an abort, overlays, and a subscription event over
// the browser's own WebSocket.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { bundleApp } from '../support/sdk-bundle.js';
import { serveFiles } from '../support/static-server.js';
import { startFlakyProxy, type FlakyProxy } from './flaky-proxy.js';
import { startIngestedServer, SWEEPS_PER_VOLUME, VOLUME_COUNT, type IngestedServer } from './ingested-server.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);

/** The page's module: uses the SDK as an app would and exposes the checks to the test. */
const APP = `
import { createRadomeClient, imageOverlay } from '@radome/sdk';
import { createRadomeSubscriptions } from '@radome/sdk/subscriptions';

const plain = (e) => e && { kind: e.kind, status: e.status, code: e.code, message: e.message };

window.radome = {
  async methods(url) {
    const c = createRadomeClient({ url });
    const [sites, volumes, product, series] = await Promise.all([
      c.radarSites(),
      c.volumes({ filter: { site: 'KLOT' }, first: 2 }),
      c.latestProducts({ site: 'KLOT', codes: [165] }),
      c.snrSeries({ station: 'SYNT', from: '2024-02-29T00:00:00Z', to: '2024-03-02T00:00:00Z', interval: 'P1D' }),
    ]);
    const p = product.data.latestProducts[0];
    return {
      errors: [sites, volumes, product, series].map((r) => plain(r.error)),
      sites: sites.data.radarSites.map((s) => s.id),
      volumeTotal: volumes.data.volumes.totalCount,
      product: { mnemonic: p.mnemonic, overlay: imageOverlay(p), corners: p.corners },
      days: series.data.snrSeries.points.map((x) => x.start),
    };
  },
  async iterate(url) {
    const requests = [];
    const fetchCounting = (input, init) => (requests.push(JSON.parse(init.body).operationName), fetch(input, init));
    const c = createRadomeClient({ url, fetch: fetchCounting });
    const ids = [];
    for await (const sweep of c.iterate.sweeps({ filter: { site: 'KLOT' } }, { pageSize: 9 })) ids.push(sweep.id);
    return { ids, requests };
  },
  async retried(url) {
    const started = performance.now();
    const result = await createRadomeClient({ url }).radarSites();
    return { error: plain(result.error), sites: result.data?.radarSites.map((s) => s.id), ms: performance.now() - started };
  },
  async abortDuringBackoff(url) {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 100);
    const started = performance.now();
    const result = await createRadomeClient({ url, signal: controller.signal }).radarSites();
    return { error: plain(result.error), ms: performance.now() - started };
  },
  subscribe(url) {
    const live = createRadomeSubscriptions({ url });
    window.received = [];
    window.subscription = live.sweepAdded({ site: 'KLOT', moment: 'VEL' });
    (async () => {
      for await (const event of window.subscription) window.received.push(event.error ? plain(event.error) : event.data.sweepAdded.id);
      live.dispose();
    })();
  },
};
`;

describe.skipIf(!chromiumPath)('SDK in headless Chromium against ingested data', () => {
  let server: IngestedServer;
  let page: { url: string; close(): Promise<void> };
  let browser: LaunchedBrowser;
  const proxies: FlakyProxy[] = [];

  beforeAll(async () => {
    server = await startIngestedServer({ config: { eventsPollMs: 20 } });
    const app = await bundleApp(APP, { loader: 'js' });
    page = await serveFiles({
      '/': {
        body: '<!doctype html><meta charset="utf-8"><title>radome sdk</title><link rel="icon" href="data:,"><script type="module" src="/app.js"></script>',
        contentType: 'text/html; charset=utf-8',
      },
      '/app.js': { body: app, contentType: 'text/javascript; charset=utf-8' },
    });
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    for (const p of proxies) await p.close();
    await server?.close();
  });

  async function openApp() {
    const tab = await browser.context.newPage();
    await tab.goto(`${page.url}/`);
    await tab.waitForFunction(() => 'radome' in window);
    return tab;
  }

  it('each method returns typed data; overlays come out of a product', async () => {
    const tab = await openApp();
    const r = await tab.evaluate((url) => (window as any).radome.methods(url), server.graphqlUrl);
    expect(r.errors.filter(Boolean)).toEqual([]);
    expect(r.sites).toEqual(['KLOT']);
    expect(r.volumeTotal).toBe(VOLUME_COUNT);
    expect(r.product.mnemonic).toBe('N0H');
    expect(r.product.overlay.coordinates).toEqual(r.product.corners);
    expect(r.days).toEqual(['2024-02-29T00:00:00.000Z', '2024-03-01T00:00:00.000Z']);
    await tab.close();
  });

  it('iterates a multi-page connection', async () => {
    const tab = await openApp();
    const { ids, requests } = await tab.evaluate((url) => (window as any).radome.iterate(url), server.graphqlUrl);
    const total = VOLUME_COUNT * SWEEPS_PER_VOLUME;
    expect(ids).toHaveLength(total);
    expect(new Set(ids).size).toBe(total);
    expect(requests).toEqual(Array(Math.ceil(total / 9)).fill('Sweeps'));
    await tab.close();
  });

  it('retries a 503 after its Retry-After, cross-origin; an abort during the wait returns at once', async () => {
    const once = await startFlakyProxy(server.graphqlUrl, (n) => (n === 0 ? { status: 503, headers: { 'retry-after': '1' } } : 'forward'));
    const always = await startFlakyProxy(server.graphqlUrl, () => ({ status: 503, headers: { 'retry-after': '10' } }));
    proxies.push(once, always);
    const tab = await openApp();
    const retried = await tab.evaluate((url) => (window as any).radome.retried(url), once.graphqlUrl);
    expect(retried.error).toBeUndefined();
    expect(retried.sites).toEqual(['KLOT']);
    expect(once.arrivals).toHaveLength(2);
    expect(retried.ms).toBeGreaterThanOrEqual(950);

    const aborted = await tab.evaluate((url) => (window as any).radome.abortDuringBackoff(url), always.graphqlUrl);
    expect(aborted.error.kind).toBe('abort');
    expect(aborted.ms).toBeLessThan(2000);
    expect(always.arrivals).toHaveLength(1);
    await tab.close();
  });

  it('receives a subscription event over the browser WebSocket', async () => {
    const tab = await openApp();
    await tab.evaluate((url) => (window as any).radome.subscribe(url), server.graphqlUrl);
    // Subscriptions start "from now on": ingest until the page has the two VEL sweeps of one volume.
    for (let i = 0; i < 5; i++) {
      const before = await tab.evaluate(() => (window as any).received.length);
      await server.ingestVolume(VOLUME_COUNT + 20 + i);
      try {
        await tab.waitForFunction((n) => (window as any).received.length >= n + 2, before, { timeout: 2000 });
        break;
      } catch {
        // not subscribed yet when that volume was committed
      }
    }
    const received: string[] = await tab.evaluate(() => (window as any).received);
    expect(received.length).toBeGreaterThanOrEqual(2);
    expect(received.slice(-2).map((id) => id.split('/')[1])).toEqual(['e02-VEL', 'e03-VEL']);
    await tab.evaluate(() => (window as any).subscription.return());
    expect(browser.requests.filter((u) => !isLoopback(u))).toEqual([]);
    // The proxies' 503s are logged by Chromium as failed loads; nothing else may be.
    expect(browser.errors.filter((e) => !/status of 503/.test(e))).toEqual([]);
    await tab.close();
  });
});
