import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../sample-data.js';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser, type LaunchedBrowser } from '../support/browser.js';
import { createRadarFixture, startTestServer, type RadarFixture, type TestServer } from '../support/radar-fixture.js';
import { startIngestedServer, VOLUME_COUNT, type IngestedServer } from '../sdk/ingested-server.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);

describe.skipIf(!chromiumPath)('self-hosted GraphiQL in headless Chromium', () => {
  let fixture: RadarFixture;
  let server: TestServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    fixture = await createRadarFixture();
    server = await startTestServer(fixture);
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fixture?.remove();
  });

  it('loads from this server only, runs the default query and shows KLOT sweeps', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${server.url}/graphiql`);
    const run = page.locator('.graphiql-execute-button');
    await run.waitFor({ state: 'visible', timeout: 30_000 });
    // The query editor opens with the first example tab.
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toMatch(/LatestSweeps/);
    await run.click();
    const response = page.locator('.result-window');
    await expect.poll(async () => (await response.innerText()).replace(/\u00a0/g, ' '), { timeout: 30_000 }).toMatch(/"totalCount": \d+/);
    const text = (await response.innerText()).replace(/\u00a0/g, ' ');
    const newest = fixture.sweeps.filter((s) => s.site === 'KLOT').sort((a, b) => b.startTime - a.startTime || (a.id < b.id ? 1 : -1))[0]!;
    expect(text).toContain(`"totalCount": ${fixture.sweeps.filter((s) => s.site === 'KLOT').length}`);
    expect(text).toContain(newest.id);
    expect(text).toContain(`${server.url}/objects/`);

    mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
    await page.screenshot({ path: join(repoRoot, 'test-artifacts', 'graphiql.png') });

    expect(browser.requests.length).toBeGreaterThan(3);
    expect(browser.requests.filter((url) => !isLoopback(url))).toEqual([]);
    expect(browser.errors).toEqual([]);
    await page.close();
  });
});

describe.skipIf(!chromiumPath)('GraphiQL subscriptions in headless Chromium', () => {
  let server: IngestedServer;
  let browser: LaunchedBrowser;

  beforeAll(async () => {
    server = await startIngestedServer({ config: { eventsPollMs: 50 } });
    browser = await launchBrowser(chromiumPath);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('runs the live example tab over a websocket and shows sweeps as the ingest commits them', async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize({ width: 1400, height: 900 });
    await page.goto(`${server.url}/graphiql`);
    await page.locator('.graphiql-tab', { hasText: 'LiveSweeps' }).click();
    await expect.poll(() => page.locator('.graphiql-query-editor').innerText()).toMatch(/subscription LiveSweeps/);
    // GraphiQL takes the operation name from the editor a moment after a tab switch.
    await new Promise((r) => setTimeout(r, 1000));
    await page.locator('.graphiql-execute-button').click();
    // The server starts following the feed when the subscription arrives.
    await new Promise((r) => setTimeout(r, 1000));
    await server.ingestVolume(VOLUME_COUNT);
    const response = page.locator('.result-window');
    await expect.poll(async () => (await response.innerText()).replace(/\u00a0/g, ' '), { timeout: 30_000 }).toMatch(/"sweepAdded"/);
    const text = (await response.innerText()).replace(/\u00a0/g, ' ');
    expect(text).toMatch(/"imageUrl": "http:\/\/127\.0\.0\.1:\d+\/objects\/.+\.png"/);
    expect(browser.requests.filter((url) => !isLoopback(url))).toEqual([]);
    expect(browser.errors).toEqual([]);
    await page.close();
  });
});
