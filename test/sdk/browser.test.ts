import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { createRadarFixture, startTestServer, type RadarFixture, type TestServer } from '../support/radar-fixture.js';
import { serveFiles } from '../support/static-server.js';
import { bundleSdk } from '../support/sdk-bundle.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);

/** The page's own module: uses the SDK as an app would and exposes the checks to the test. */
const APP = `
import { createRadomeClient } from './sdk.js';

async function loadImage(url) {
  const image = new Image();
  const loaded = await new Promise((resolve) => {
    image.onload = () => resolve(true);
    image.onerror = () => resolve(false);
    image.src = url;
  });
  return { loaded, naturalWidth: image.naturalWidth };
}

window.radomeApp = {
  async latestSweeps(graphqlUrl) {
    const client = createRadomeClient({ url: graphqlUrl });
    const sweeps = await client.sweeps({ filter: { site: 'KLOT' }, first: 3 });
    if (sweeps.error) return { error: { kind: sweeps.error.kind, message: sweeps.error.message } };
    const imageUrl = sweeps.data.sweeps.edges[0].node.imageUrl;
    const bad = await client.sweeps({ filter: { site: 'Chicago' } });
    return {
      origin: location.origin,
      totalCount: sweeps.data.sweeps.totalCount,
      sites: sweeps.data.sweeps.edges.map((e) => e.node.site.id),
      imageUrl,
      ...(await loadImage(imageUrl)),
      badKind: bad.error?.kind,
      badCode: bad.error?.errors?.[0]?.code,
    };
  },
  async abortedKind(graphqlUrl) {
    const result = await createRadomeClient({ url: graphqlUrl }).radarSites({}, { signal: AbortSignal.abort() });
    return result.error?.kind;
  },
};
`;

describe.skipIf(!chromiumPath)('SDK in headless Chromium, from another origin', () => {
  let fixture: RadarFixture;
  let api: TestServer;
  let page: { url: string; close(): Promise<void> };
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    fixture = await createRadarFixture();
    api = await startTestServer(fixture);
    const sdk = await bundleSdk();
    expect(sdk).not.toMatch(/from\s*["'](graphql|@graphql)/);
    page = await serveFiles({
      '/': {
        body: '<!doctype html><meta charset="utf-8"><title>radome sdk</title><link rel="icon" href="data:,"><script type="module" src="/app.js"></script>',
        contentType: 'text/html; charset=utf-8',
      },
      '/sdk.js': { body: sdk, contentType: 'text/javascript; charset=utf-8' },
      '/app.js': { body: APP, contentType: 'text/javascript; charset=utf-8' },
    });
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(async () => {
    await browser?.close();
    await page?.close();
    await api?.close();
    fixture?.remove();
  });

  /** Opens the page and waits for its module (which imports the SDK) to be ready. */
  async function openApp() {
    const tab = await browser.context.newPage();
    await tab.goto(`${page.url}/`);
    await tab.waitForFunction(() => 'radomeApp' in window);
    return tab;
  }

  it('queries sweeps of KLOT cross-origin and loads a sweep PNG', async () => {
    const tab = await openApp();
    const result = await tab.evaluate((graphqlUrl) => (window as any).radomeApp.latestSweeps(graphqlUrl), api.graphqlUrl);

    expect(result).not.toHaveProperty('error');
    expect(result.origin).not.toBe(new URL(api.url).origin);
    expect(result.totalCount).toBe(fixture.sweeps.filter((s) => s.site === 'KLOT').length);
    expect(result.sites).toEqual(['KLOT', 'KLOT', 'KLOT']);
    expect(result.imageUrl.startsWith(`${api.url}/objects/`)).toBe(true);
    expect(result.loaded).toBe(true);
    expect(result.naturalWidth).toBe(8);
    expect(result).toMatchObject({ badKind: 'graphql', badCode: 'BAD_USER_INPUT' });
    expect(browser.requests.filter((u) => !isLoopback(u))).toEqual([]);
    // The one console error is Chromium noting the deliberately bad query's 400 (an answer with
    // no data, only the client's error, has that error's status).
    expect(browser.errors).toEqual(['Failed to load resource: the server responded with a status of 400 (Bad Request)']);
    await tab.close();
  });

  it('aborts a request from the page', async () => {
    const tab = await openApp();
    expect(await tab.evaluate((graphqlUrl) => (window as any).radomeApp.abortedKind(graphqlUrl), api.graphqlUrl)).toBe('abort');
    await tab.close();
  });
});
