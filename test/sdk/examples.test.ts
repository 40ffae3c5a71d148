// sdk/examples run as a user would run them, against a server over ingested data: the Node CSV
// script with node, the static browser page in headless Chromium (screenshot kept as
// test-artifacts/sdk-example.png).
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../sample-data.js';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser } from '../support/browser.js';
import { bundleSdk } from '../support/sdk-bundle.js';
import { serveFiles } from '../support/static-server.js';
import { startIngestedServer, SWEEPS_PER_VOLUME, VOLUME_COUNT, type IngestedServer } from './ingested-server.js';

const examples = join(repoRoot, 'sdk', 'examples');
const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);

let server: IngestedServer;

/** Runs node asynchronously: the server answering the script lives in this process. */
function runNode(args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, args, { encoding: 'utf8', timeout: 30_000 }, (error, stdout, stderr) =>
      resolve({ status: error ? (typeof error.code === 'number' ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  server = await startIngestedServer();
});

afterAll(async () => {
  await server?.close();
});

describe('examples/node/daily-snr-csv.mjs', () => {
  it('writes the daily SNR series of a station per constellation as CSV', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radome-sdk-example-'));
    try {
      // The script imports '@radome/sdk' like an app; bundle it with the SDK sources for node.
      const script = join(dir, 'daily-snr-csv.mjs');
      await build({
        entryPoints: [join(examples, 'node', 'daily-snr-csv.mjs')],
        bundle: true,
        format: 'esm',
        platform: 'node',
        outfile: script,
        logLevel: 'silent',
        alias: { '@radome/sdk': join(repoRoot, 'sdk', 'src', 'index.ts') },
      });
      const run = await runNode([script, server.graphqlUrl, 'synt', '2024-02-29', '2024-03-02']);
      expect(run.status, run.stderr).toBe(0);
      const [header, ...rows] = run.stdout.trim().split('\n');
      expect(header).toBe('day,constellation,count,mean_dbhz,min_dbhz,max_dbhz,stddev_dbhz');
      expect(rows.length).toBeGreaterThan(1);
      const days = new Set(rows.map((r) => r.split(',')[0]));
      expect([...days]).toEqual(['2024-02-29', '2024-03-01']);
      for (const row of rows) {
        const [, constellation, count, mean, min, max] = row.split(',');
        expect(constellation).toMatch(/^[GRECJIS]$/);
        expect(Number(count)).toBeGreaterThan(0);
        expect(Number(min)).toBeLessThanOrEqual(Number(mean));
        expect(Number(mean)).toBeLessThanOrEqual(Number(max));
      }

      const bad = await runNode([script, server.graphqlUrl, 'synt', 'yesterday', '2024-03-02']);
      expect(bad.status).toBe(1);
      expect(bad.stderr).toMatch(/^radome: graphql error: /);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe.skipIf(!chromiumPath)('examples/browser in headless Chromium', () => {
  it('lists the latest sweeps of KLOT and shows the first as an overlay with its bounds', async () => {
    const file = (name: string) => ({ body: readFileSync(join(examples, 'browser', name)), contentType: name.endsWith('.html') ? 'text/html; charset=utf-8' : 'text/javascript; charset=utf-8' });
    // Served as the sdk/ folder would be, the import map's ../../dist/index.js being the SDK build.
    const site = await serveFiles({
      '/examples/browser/index.html': file('index.html'),
      '/examples/browser/app.js': file('app.js'),
      '/dist/index.js': { body: await bundleSdk(), contentType: 'text/javascript; charset=utf-8' },
    });
    const browser = await launchBrowser(chromiumPath);
    try {
      const tab = await browser.context.newPage();
      await tab.setViewportSize({ width: 1000, height: 640 });
      await tab.goto(`${site.url}/examples/browser/index.html?api=${encodeURIComponent(server.graphqlUrl)}&site=klot`);
      await tab.waitForSelector('#status[data-state="ready"]');
      await tab.waitForFunction(() => (document.getElementById('overlay') as HTMLImageElement).complete);

      const items = await tab.locator('#sweeps li').allInnerTexts();
      expect(items).toHaveLength(12);
      expect(items[0]).toMatch(/^\d\d:\d\d:\d\dZ\s+\d\.\d°\s+[A-Z]{2,3}$/);
      expect(await tab.locator('#status').innerText()).toBe(`${VOLUME_COUNT * SWEEPS_PER_VOLUME} sweeps`);
      const image = await tab.evaluate(() => {
        const img = document.getElementById('overlay') as HTMLImageElement;
        return { src: img.src, naturalWidth: img.naturalWidth };
      });
      expect(image.src.startsWith(`${server.url}/objects/radar/level2/KLOT/`)).toBe(true);
      expect(image.naturalWidth).toBe(64);
      const bounds = await tab.locator('#bounds').innerText();
      expect(bounds).toMatch(/^west -\d+\.\d{3}  south \d+\.\d{3}  east -\d+\.\d{3}  north \d+\.\d{3}\nMapLibre coordinates: \[\[/);
      expect(bounds).toMatch(/\nLeaflet bounds: \[\[\d+\.\d+,-\d+\.\d+\],\[\d+\.\d+,-\d+\.\d+\]\]$/);

      // Another sweep on click: the newest reflectivity.
      const ref = items.findIndex((t) => t.endsWith('REF'));
      await tab.locator('#sweeps button').nth(ref).click();
      await tab.waitForFunction(() => (document.getElementById('overlay') as HTMLImageElement).complete);
      expect(await tab.locator('#sweeps button[aria-pressed="true"]').innerText()).toBe(items[ref]);
      expect(await tab.locator('#caption').innerText()).toMatch(/e\d\d-REF: REF at/);

      mkdirSync(join(repoRoot, 'test-artifacts'), { recursive: true });
      writeFileSync(join(repoRoot, 'test-artifacts', 'sdk-example.png'), await tab.screenshot({ fullPage: true }));
      expect(browser.requests.filter((u) => !isLoopback(u))).toEqual([]);
      expect(browser.errors).toEqual([]);
    } finally {
      await browser.close();
      await site.close();
    }
  });
});
