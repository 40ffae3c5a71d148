// The explorer end to end: Debian's Chromium (playwright-core, WebGL through SwiftShader) on a
// radome server with the real samples ingested (explorer-server.ts). Each state's screenshot is
// saved under test-artifacts/explorer-*.png.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { repoRoot } from '../sample-data.js';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser, SWIFTSHADER_WEBGL, type LaunchedBrowser } from '../support/browser.js';
import { missingSamples, retimedKlotFrame, startEmptyExplorerServer, startExplorerServer, type ExplorerServer } from './explorer-server.js';

const chromiumPath = findChromium();
if (!chromiumPath) console.warn(chromiumSkipReason);
const missing = missingSamples();
if (missing) console.warn(missing);

const ARTIFACTS = join(repoRoot, 'test-artifacts');
const VIEWPORT = { width: 800, height: 600 };
const klot = nexradSiteLocation('KLOT')!;

interface FrameInfo {
  time: string;
  tileJsonUrl: string;
  sweepId: string | null;
}

async function save(page: Page, name: string): Promise<Buffer> {
  mkdirSync(ARTIFACTS, { recursive: true });
  const png = await page.screenshot();
  writeFileSync(join(ARTIFACTS, `explorer-${name}.png`), png);
  return png;
}

const PANELS = ['#legend', '#time', '#readout', '#chart', '#status', '.maplibregl-control-container'];

/** Hides (or shows again) the panels over the map, so a screenshot of the canvas is the map alone. */
async function showPanels(page: Page, visible: boolean): Promise<void> {
  await page.evaluate(([panels, show]) => (panels as string[]).forEach((sel) => document.querySelectorAll<HTMLElement>(sel).forEach((el) => (el.style.visibility = show ? '' : 'hidden'))), [
    PANELS,
    visible,
  ] as const);
}

async function setOpacity(page: Page, value: number): Promise<void> {
  await page.locator('#opacity').evaluate((el: HTMLInputElement, v) => {
    el.value = String(v);
    el.dispatchEvent(new Event('input'));
  }, value);
  await repainted(page);
}

async function repainted(page: Page): Promise<void> {
  await page.evaluate(
    () =>
      new Promise((resolve) => {
        const map = (window as any).radomeExplorer.map;
        map.once('render', resolve);
        map.triggerRepaint();
      }),
  );
}

/**
 * The map's radar pixels (CSS px within the canvas): those that differ between a screenshot with
 * the radar at full opacity and one with it hidden, the panels over the map hidden for both.
 */
async function radarPixels(page: Page): Promise<{ x: number; y: number }[]> {
  await showPanels(page, false);
  const canvas = page.locator('#map canvas');
  await setOpacity(page, 1);
  const shown = PNG.sync.read(await canvas.screenshot());
  await setOpacity(page, 0);
  const hidden = PNG.sync.read(await canvas.screenshot());
  await setOpacity(page, 1);
  await showPanels(page, true);
  const found: { x: number; y: number }[] = [];
  for (let y = 0; y < shown.height; y++) {
    for (let x = 0; x < shown.width; x++) {
      const i = 4 * (y * shown.width + x);
      if (shown.data[i] !== hidden.data[i] || shown.data[i + 1] !== hidden.data[i + 1] || shown.data[i + 2] !== hidden.data[i + 2]) found.push({ x, y });
    }
  }
  return found;
}

async function openExplorer(page: Page, url: string): Promise<void> {
  await page.setViewportSize(VIEWPORT);
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.radar === 'ready', null, { timeout: 120_000 });
}

/** Waits until MapLibre has drawn everything in view (the frame's tiles and the basemap). */
async function settled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const map = (window as any).radomeExplorer.map;
      return map.loaded() && map.areTilesLoaded();
    },
    null,
    { timeout: 120_000 },
  );
  await page.evaluate(() => new Promise((resolve) => (window as any).radomeExplorer.map.once('render', resolve) && (window as any).radomeExplorer.map.triggerRepaint()));
}

describe.skipIf(!chromiumPath || missing)('the explorer in Chromium on the real samples', () => {
  let server: ExplorerServer;
  let browser: LaunchedBrowser;
  let page: Page;
  beforeAll(async () => {
    server = await startExplorerServer();
    browser = await launchBrowser(chromiumPath, SWIFTSHADER_WEBGL);
    page = await browser.context.newPage();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the map with the basemap and radar pixels at KLOT, fetching nothing from off this machine', { timeout: 600_000 }, async () => {
    await openExplorer(page, `${server.url}/?site=KLOT`);
    await settled(page);
    const state = await page.evaluate(() => {
      const map = (window as any).radomeExplorer.map;
      return {
        search: location.search,
        basemap: ['land', 'borders', 'states', 'counties'].map((id) => map.isSourceLoaded(id)),
        states: map.queryRenderedFeatures({ layers: ['states'] }).length,
        counties: map.queryRenderedFeatures({ layers: ['counties'] }).length,
      };
    });
    expect(state.basemap).toEqual([true, true, true, true]);
    expect(state.states).toBeGreaterThan(0);
    expect(state.counties).toBeGreaterThan(0);
    expect(state.search).toMatch(/layer=level2:REF:0\.\d/);
    // The pickers hold what the catalog holds: the site, the moments of its newest volume, its imaged Level 3 product, the mosaic, YORK.
    const choices = await page.$$eval('#layer-picker option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(choices.filter((c) => c.startsWith('level2:REF:')).length).toBeGreaterThan(0);
    expect(choices.filter((c) => !c.startsWith('level2:'))).toEqual(['level3:N0H', 'mosaic:REF', 'gnss:YORK']);
    expect(await page.$$eval('#site-picker option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual(['KLOT']);
    expect(await page.locator('#legend li').count()).toBeGreaterThan(5);
    const echoes = await radarPixels(page);
    // The echoes are around the radar, and none beyond its range (KLOT is at the centre of the view).
    const box = (await page.locator('#map canvas').boundingBox())!;
    const radar = await page.evaluate(([lon, lat]) => (window as any).radomeExplorer.map.project([lon, lat]), [klot.longitude, klot.latitude]);
    const edge = await page.evaluate(([lon, lat]) => (window as any).radomeExplorer.map.project([lon, lat]), [klot.longitude, klot.latitude + 470 / 111.2]);
    expect(Math.abs(radar.x - box.width / 2)).toBeLessThan(2);
    expect(echoes.filter((p) => Math.hypot(p.x - radar.x, p.y - radar.y) < 100).length).toBeGreaterThan(300);
    expect(echoes.filter((p) => Math.hypot(p.x - radar.x, p.y - radar.y) > radar.y - edge.y)).toEqual([]);
    await save(page, 'klot');
    expect(browser.requests.filter((u) => !isLoopback(u))).toEqual([]);
    expect(browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });

  it('steps through the frames with the keyboard, and the image changes with each', { timeout: 600_000 }, async () => {
    const frames = (await page.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    expect(frames.length).toBeGreaterThanOrEqual(3);
    const seen: string[] = [];
    const times: string[] = [];
    for (let step = 0; step < frames.length; step++) {
      if (step > 0) {
        await page.locator('#frame').focus();
        await page.keyboard.press('ArrowLeft');
      }
      await settled(page);
      const index = await page.evaluate(() => (window as any).radomeExplorer.currentIndex());
      expect(index).toBe(frames.length - 1 - step);
      times.push(await page.locator('#frame-time').getAttribute('data-time').then(String));
      await save(page, `frame-${index}`);
      // The map alone (the basemap is the same in every frame, so only the radar can differ).
      await showPanels(page, false);
      seen.push(
        createHash('sha256')
          .update(await page.locator('#map canvas').screenshot())
          .digest('hex'),
      );
      await showPanels(page, true);
    }
    expect(new Set(times).size).toBe(frames.length);
    expect(times).toEqual(frames.map((f) => f.time).reverse());
    expect(new Set(seen).size).toBe(frames.length);
    expect(await page.locator('#frame-time').textContent()).toMatch(/UTC · /);
  });

  it('shows the value radarValue returns for the radar pixel under the cursor', { timeout: 600_000 }, async () => {
    await settled(page);
    const echoes = await radarPixels(page);
    const box = (await page.locator('#map canvas').boundingBox())!;
    // A pixel well inside an echo (its neighbours are echoes too), so the gate under it is one.
    const inside = new Set(echoes.map((p) => `${p.x},${p.y}`));
    const target = echoes.find((p) => [-2, 0, 2].every((dx) => [-2, 0, 2].every((dy) => inside.has(`${p.x + dx},${p.y + dy}`))))!;
    expect(target).toBeDefined();
    await page.mouse.move(box.x + target.x + 0.5, box.y + target.y + 0.5);
    await page.waitForFunction(() => document.getElementById('readout')!.dataset.lon !== undefined && !document.getElementById('readout')!.hidden, null, { timeout: 60_000 });
    // Let the readout settle on the last position asked.
    await page.waitForTimeout(500);
    const shown = await page.locator('#readout').evaluate((el: HTMLElement) => ({ lon: Number(el.dataset.lon), lat: Number(el.dataset.lat), value: el.dataset.value, text: el.textContent }));
    const frame = (await page.evaluate(() => (window as any).radomeExplorer.frames()[(window as any).radomeExplorer.currentIndex()])) as FrameInfo;
    const answer = await server.graphql<{ radarValue: { value: number | null; units: string; rangeKm: number } | null }>(
      'query($lon: Float!, $lat: Float!, $sweep: ID) { radarValue(lon: $lon, lat: $lat, moment: REF, sweep: $sweep) { value units rangeKm } }',
      { lon: shown.lon, lat: shown.lat, sweep: frame.sweepId },
    );
    const v = answer.data!.radarValue!;
    expect(v.value).not.toBeNull();
    expect(Number(shown.value)).toBe(v.value);
    expect(shown.text).toContain(`${v.value} ${v.units}`);
    expect(shown.text).toContain(`range ${v.rangeKm.toFixed(1)} km`);
    // The lon/lat the page asked about is the one under the cursor (within the pixel's rounding).
    const at = await page.evaluate(([lon, lat]) => (window as any).radomeExplorer.map.project([lon, lat]), [shown.lon, shown.lat]);
    expect(Math.abs(at.x - (target.x + 0.5))).toBeLessThanOrEqual(1);
    expect(Math.abs(at.y - (target.y + 0.5))).toBeLessThanOrEqual(1);
    await save(page, 'value');
  });

  it('restores the view from its permalink', { timeout: 600_000 }, async () => {
    await page.evaluate(() => (window as any).radomeExplorer.map.jumpTo({ zoom: 7.25, center: [-87.9, 41.75] }));
    await page.evaluate(() => (window as any).radomeExplorer.showFrame(1));
    await page.waitForFunction(() => new URLSearchParams(location.search).get('z') === '7.25');
    const permalink = page.url();
    const params = new URLSearchParams(new URL(permalink).search);
    const frames = (await page.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    expect(params.get('time')).toBe(frames[1]!.time);
    const other = await browser.context.newPage();
    await openExplorer(other, permalink);
    const restored = await other.evaluate(() => {
      const e = (window as any).radomeExplorer;
      const c = e.map.getCenter();
      return {
        index: e.currentIndex(),
        zoom: e.map.getZoom(),
        lon: c.lng,
        lat: c.lat,
        layer: (document.getElementById('layer-picker') as HTMLSelectElement).value,
        site: (document.getElementById('site-picker') as HTMLSelectElement).value,
      };
    });
    expect(restored.index).toBe(1);
    expect(restored.zoom).toBeCloseTo(7.25, 2);
    expect(restored.lon).toBeCloseTo(-87.9, 3);
    expect(restored.lat).toBeCloseTo(41.75, 3);
    expect(restored.layer).toBe(params.get('layer'));
    expect(restored.site).toBe('KLOT');
    await settled(other);
    await save(other, 'permalink');
    await other.close();
  });

  it("charts YORK's SNR with the same daily means as snrSeries", { timeout: 600_000 }, async () => {
    const gnss = await browser.context.newPage();
    await gnss.setViewportSize(VIEWPORT);
    await gnss.goto(`${server.url}/?layer=gnss:YORK`);
    await gnss.waitForSelector('#snr-table tbody tr', { timeout: 120_000 });
    // One day of data opens hourly; the interval picker turns it daily.
    await gnss.locator('#chart select[aria-label="Interval"]').selectOption('P1D');
    await gnss.waitForFunction(() => document.querySelectorAll('#snr-table tbody tr').length === 1, null, { timeout: 60_000 });
    const rows = await gnss.$$eval('#snr-table tbody tr', (trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const station = await server.graphql<{ gnssStation: { firstDay: string; lastDay: string } }>('{ gnssStation(id: "YORK") { firstDay lastDay } }');
    const { firstDay, lastDay } = station.data!.gnssStation;
    const series = await server.graphql<{ snrSeries: { points: { start: string; mean: number; count: number }[] } }>(
      'query($from: DateTimeISO!, $to: DateTimeISO!) { snrSeries(station: "YORK", from: $from, to: $to, interval: "P1D") { points { start mean count } } }',
      { from: new Date(firstDay).toISOString(), to: new Date(Date.parse(lastDay) + 86_400_000).toISOString() },
    );
    const points = series.data!.snrSeries.points;
    expect(points.length).toBeGreaterThan(0);
    // The table shows means to 2 decimals; the CSV has them whole.
    expect(rows.map((r) => [r[0], r[1], Number(r[5])])).toEqual(points.map((p) => [p.start, p.mean.toFixed(2), p.count]));
    expect(await gnss.locator('#chart .days').textContent()).toContain('Days covered: 1');
    expect(await gnss.locator('#chart canvas').count()).toBeGreaterThan(0);
    const [download] = await Promise.all([gnss.waitForEvent('download'), gnss.locator('#chart a[download]').click()]);
    const csv = readFileSync((await download.path())!, 'utf8');
    const csvRows = csv
      .trim()
      .split('\n')
      .slice(1)
      .map((line) => line.split(','));
    expect(csvRows.map((r) => [r[0], Number(r[1]), Number(r[5])])).toEqual(points.map((p) => [p.start, p.mean, p.count]));
    await save(gnss, 'gnss-york');
    await gnss.close();
  });

  it('extends the loop live when a new volume is ingested (sweepAdded), showing it when the newest frame was shown', { timeout: 600_000 }, async () => {
    const live = await browser.context.newPage();
    await openExplorer(live, `${server.url}/?site=KLOT`);
    const before = (await live.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    // Subscribed once the frames are shown; give graphql-ws its round trip before the commit.
    await live.waitForTimeout(1000);
    await server.ingest(new Map([['KLOT-retimed-4', retimedKlotFrame(4)]]));
    await live.waitForFunction((n) => (window as any).radomeExplorer.frames().length === n, before.length + 1, { timeout: 120_000 });
    const after = (await live.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    expect(after.slice(0, -1).map((f) => f.time)).toEqual(before.map((f) => f.time));
    expect(Date.parse(after.at(-1)!.time) - Date.parse(before.at(-1)!.time)).toBe(5 * 60_000);
    expect(await live.evaluate(() => (window as any).radomeExplorer.currentIndex())).toBe(after.length - 1);
    expect(await live.locator('#frame').getAttribute('max')).toBe(String(after.length - 1));
    await live.close();
  });

  it('says the server cannot be reached when GraphQL requests fail, over a drawn basemap', { timeout: 600_000 }, async () => {
    const down = await browser.context.newPage();
    await down.setViewportSize(VIEWPORT);
    await down.route('**/graphql', (route) => route.abort('connectionrefused'));
    await down.goto(`${server.url}/?site=KLOT`);
    await down.waitForSelector('#status[data-kind="offline"]', { timeout: 60_000 });
    expect(await down.locator('#status').textContent()).toMatch(/cannot be reached.*radome serve/);
    await down.waitForFunction(() => (window as any).radomeExplorer.map.isSourceLoaded('states'), null, { timeout: 60_000 });
    await save(down, 'server-down');
    await down.close();
  });
});

describe.skipIf(!chromiumPath)('the explorer in Chromium on an empty catalog', () => {
  let server: ExplorerServer;
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    server = await startEmptyExplorerServer();
    browser = await launchBrowser(chromiumPath, SWIFTSHADER_WEBGL);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('says the catalog is empty and how to ingest the sample data', { timeout: 600_000 }, async () => {
    const page = await browser.context.newPage();
    await page.setViewportSize(VIEWPORT);
    await page.goto(`${server.url}/`);
    await page.waitForSelector('#status[data-kind="empty"]', { timeout: 60_000 });
    expect(await page.locator('#status').textContent()).toContain('radome ingest files');
    await page.waitForFunction(() => (window as any).radomeExplorer.map.isSourceLoaded('states'), null, { timeout: 60_000 });
    await save(page, 'empty');
    expect(browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
