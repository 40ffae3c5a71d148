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
import { decodeLevel3 } from '../../ingest/decode/level3/index.js';
import { productGrid } from '../../ingest/level3/product-render.js';
import { PolarPointSampler } from '../../ingest/render/gate-at-point.js';
import type { CodedPolarGrid } from '../../ingest/render/types.js';
import { repoRoot, sampleFile } from '../sample-data.js';
import { chromiumSkipReason, findChromium, isLoopback, launchBrowser, SWIFTSHADER_WEBGL, type LaunchedBrowser } from '../support/browser.js';
import { level3ProductAt, missingSamples, retimedKlotFrame, SAMPLES, startEmptyExplorerServer, startExplorerServer, startResitedExplorerServer, type ExplorerServer } from './explorer-server.js';

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

/** Chooses a layer in the picker and waits for its first frame's radar pixels. */
async function chooseLayer(page: Page, layer: string): Promise<void> {
  await page.locator('#layer-picker').selectOption(layer);
  await page.waitForFunction(() => document.body.dataset.radar === 'ready', null, { timeout: 120_000 });
}

/**
 * Moves the mouse over a radar pixel well inside an echo (its neighbours are echoes too) for which
 * `accept` holds on the lon/lat of the pixel's centre and of its corners (0.75 px out: a value tile's
 * pixel is at most 0.71 screen px), and returns the readout once it settles there.
 */
async function hoverEcho(
  page: Page,
  accept: (around: number[][]) => boolean | Promise<boolean>,
  where: 'echoes' | 'anywhere' = 'echoes',
): Promise<{ lon: number; lat: number; value: string | undefined; text: string | null }> {
  const echoes = where === 'echoes' ? await radarPixels(page) : [];
  const inside = new Set(echoes.map((p) => `${p.x},${p.y}`));
  const inner =
    where === 'echoes'
      ? echoes.filter((p) => [-2, 0, 2].every((dx) => [-2, 0, 2].every((dy) => inside.has(`${p.x + dx},${p.y + dy}`))))
      : Array.from({ length: Math.floor(VIEWPORT.width / 7) * Math.floor(VIEWPORT.height / 7) }, (_, i) => ({
          x: 3 + 7 * (i % Math.floor(VIEWPORT.width / 7)),
          y: 3 + 7 * Math.floor(i / Math.floor(VIEWPORT.width / 7)),
        }));
  // Null for pixels under a panel (the map gets no mouse events there).
  const arounds = (await page.evaluate(
    (points) =>
      points.map((p) => {
        const canvas = document.querySelector('#map canvas')!;
        const box = canvas.getBoundingClientRect();
        if (document.elementFromPoint(box.left + p.x + 0.5, box.top + p.y + 0.5) !== canvas) return null;
        return [
          [0, 0],
          [-0.75, -0.75],
          [0.75, -0.75],
          [-0.75, 0.75],
          [0.75, 0.75],
        ].map(([dx, dy]) => (window as any).radomeExplorer.map.unproject([p.x + 0.5 + dx!, p.y + 0.5 + dy!]).toArray());
      }),
    inner,
  )) as (number[][] | null)[];
  let target: { x: number; y: number } | undefined;
  for (let i = 0; i < inner.length && !target; i++) if (arounds[i] && (await accept(arounds[i]!))) target = inner[i];
  expect(target, `no pixel accepted among ${inner.length} inner of ${echoes.length} radar pixels; first: ${JSON.stringify(arounds[0])}`).toBeDefined();
  const box = (await page.locator('#map canvas').boundingBox())!;
  await page.evaluate(() => document.getElementById('readout')!.removeAttribute('data-lon'));
  await page.mouse.move(box.x + target!.x + 0.5, box.y + target!.y + 0.5);
  await page.waitForFunction(() => document.getElementById('readout')!.dataset.lon !== undefined && !document.getElementById('readout')!.hidden, null, { timeout: 60_000 });
  // Let the readout settle on the last position asked.
  await page.waitForTimeout(500);
  return page.locator('#readout').evaluate((el: HTMLElement) => ({ lon: Number(el.dataset.lon), lat: Number(el.dataset.lat), value: el.dataset.value, text: el.textContent }));
}

/**
 * Opens `url`, ingests `files` while the page is open (as the daemon would), and checks that the
 * loop gained the one new frame through the SDK's subscriptions, `gapMs` after the newest before,
 * and shows it (the newest frame was shown); saves the screenshot `name`.
 */
async function expectLoopExtendedLive(browser: LaunchedBrowser, server: ExplorerServer, url: string, files: Map<string, Uint8Array>, gapMs: number, name: string): Promise<void> {
  const live = await browser.context.newPage();
  await openExplorer(live, url);
  const before = (await live.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
  expect(before.length).toBeGreaterThan(0);
  // Subscribed once the frames are shown; give graphql-ws its round trip before the commit.
  await live.waitForTimeout(1000);
  await server.ingest(files);
  await live.waitForFunction((n) => (window as any).radomeExplorer.frames().length === n, before.length + 1, { timeout: 120_000 });
  const after = (await live.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
  expect(after.slice(0, -1).map((f) => f.time)).toEqual(before.map((f) => f.time));
  expect(Date.parse(after.at(-1)!.time) - Date.parse(before.at(-1)!.time)).toBe(gapMs);
  expect(await live.evaluate(() => (window as any).radomeExplorer.currentIndex())).toBe(after.length - 1);
  expect(await live.locator('#frame').getAttribute('max')).toBe(String(after.length - 1));
  expect(await live.locator('#frame-time').getAttribute('data-time')).toBe(after.at(-1)!.time);
  await settled(live);
  // Only the new frame is drawn (the one shown before is hidden, not left under it).
  const drawn = await live.evaluate(() => {
    const map = (window as any).radomeExplorer.map;
    return (map.getStyle().layers as { id: string; type: string }[])
      .filter((l) => l.type === 'raster' && l.id !== 'basemap-raster' && map.getPaintProperty(l.id, 'raster-opacity') > 0)
      .map((l) => l.id);
  });
  expect(drawn).toHaveLength(1);
  expect(drawn[0]).toContain(after.at(-1)!.tileJsonUrl);
  await save(live, name);
  await live.close();
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
        basemap: ['land', 'lines'].map((id) => map.isSourceLoaded(id)),
        states: map.queryRenderedFeatures({ layers: ['states'] }).length,
        counties: map.queryRenderedFeatures({ layers: ['counties'] }).length,
      };
    });
    expect(state.basemap).toEqual([true, true]);
    expect(state.states).toBeGreaterThan(0);
    expect(state.counties).toBeGreaterThan(0);
    expect(state.search).toMatch(/layer=level2:REF:0\.\d/);
    // The pickers hold what the catalog holds: the site, the moments of its newest volume, its imaged Level 3 product, the mosaic, YORK.
    const choices = await page.$$eval('#layer-picker option', (os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(choices.filter((c) => c.startsWith('level2:REF:')).length).toBeGreaterThan(0);
    expect(choices.filter((c) => !c.startsWith('level2:')).sort()).toEqual(['gnss:YORK', 'level3:N0H', 'level3:N1P', 'mosaic:REF']);
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

  it('draws a frame step in one repaint, and that repaint shows the new frame', { timeout: 600_000 }, async () => {
    await settled(page);
    await showPanels(page, false);
    const mapPixels = async () =>
      createHash('sha256')
        .update(await page.locator('#map canvas').screenshot())
        .digest('hex');
    const before = await mapPixels();
    const renders = await page.evaluate(async () => {
      const explorer = (window as any).radomeExplorer;
      let count = 0;
      const counted = () => count++;
      explorer.map.on('render', counted);
      await explorer.showFrame((explorer.currentIndex() + 1) % explorer.frames().length);
      // MapLibre's repeat render after a style change would come within a frame or two.
      await new Promise((resolve) => setTimeout(resolve, 500));
      explorer.map.off('render', counted);
      return count;
    });
    expect(renders).toBe(1);
    const stepped = await mapPixels();
    expect(stepped).not.toBe(before);
    // Nothing was left for a later render: a forced repaint draws the same picture.
    await settled(page);
    expect(await mapPixels()).toBe(stepped);
    await showPanels(page, true);
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

  it('shows a Level 3 product from a link: picker, frame, legend, and the value under the cursor from its value tiles', { timeout: 600_000 }, async () => {
    // Straight from a link naming the layer; the picker then shows it.
    await openExplorer(page, `${server.url}/?site=KLOT&layer=level3:N0H`);
    expect(await page.locator('#layer-picker').inputValue()).toBe('level3:N0H');
    expect(new URLSearchParams(new URL(page.url()).search).get('layer')).toBe('level3:N0H');
    const products = await server.graphql<{ products: { edges: { node: { scanTime: string; units: string } }[] } }>(
      '{ products(filter: { site: "KLOT", mnemonics: ["N0H"] }, first: 10) { edges { node { scanTime units } } } }',
    );
    const times = products.data!.products.edges.map((e) => e.node.scanTime);
    const frames = (await page.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    expect(frames.map((f) => f.time)).toEqual(times);
    expect(await page.locator('#frame-time').getAttribute('data-time')).toBe(times.at(-1));
    expect(await page.locator('#legend .legend-title').textContent()).toMatch(/N0H.*\(class\)/);
    expect(await page.locator('#legend li').count()).toBeGreaterThan(3);
    await settled(page);
    // The decoded product's value at a point, by its exact gate lookup (the readout reads the value tiles).
    const product = decodeLevel3(new Uint8Array(readFileSync(sampleFile(SAMPLES.level3)!)));
    const { grid, levelValues } = productGrid(product);
    const polar = grid as CodedPolarGrid;
    const sampler = new PolarPointSampler(polar);
    const productValueAt = ([lon, lat]: number[]) => {
      const gate = sampler.lookup(lat!, lon!);
      return 'outside' in gate ? NaN : levelValues[polar.codes[gate.radial * polar.gateCount + gate.gate]!]!;
    };
    // Any point of the map the product has a value at (its classes are drawn translucent, some clear).
    const shown = await hoverEcho(
      page,
      (around) => {
        const values = around.map(productValueAt);
        return Number.isFinite(values[0]) && values.every((v) => v === values[0]);
      },
      'anywhere',
    );
    expect(shown.value).not.toBe('');
    expect(Number(shown.value)).toBeCloseTo(productValueAt([shown.lon, shown.lat]), 3);
    expect(shown.text).toMatch(/ class · KLOT range \d+\.\d km · 2021-01-31 \d\d:\d\d:\d\d UTC/);
    await save(page, 'level3-value');
  });

  it('shows the national mosaic: its frames at the Level 2 times, legend, stepping, and the value radarValue gives', { timeout: 600_000 }, async () => {
    await chooseLayer(page, 'mosaic:REF');
    const frames = (await page.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    expect(frames.length).toBeGreaterThanOrEqual(3);
    expect(frames.every((f) => f.tileJsonUrl.includes('/tiles/mosaic/'))).toBe(true);
    expect(await page.locator('#legend .legend-title').textContent()).toMatch(/mosaic.*\(dBZ\)/i);
    await settled(page);
    await showPanels(page, false);
    const before = createHash('sha256')
      .update(await page.locator('#map canvas').screenshot())
      .digest('hex');
    await showPanels(page, true);
    await page.locator('#frame').focus();
    await page.keyboard.press('ArrowLeft');
    await settled(page);
    await showPanels(page, false);
    const after = createHash('sha256')
      .update(await page.locator('#map canvas').screenshot())
      .digest('hex');
    await showPanels(page, true);
    expect(after).not.toBe(before);
    const index = (await page.evaluate(() => (window as any).radomeExplorer.currentIndex())) as number;
    expect(index).toBe(frames.length - 2);
    const valueAt = async ([lon, lat]: number[]) =>
      (
        await server.graphql<{ radarValue: { value: number | null; units: string } | null }>(
          'query($lon: Float!, $lat: Float!, $time: DateTimeISO) { radarValue(lon: $lon, lat: $lat, moment: REF, time: $time) { value units } }',
          { lon, lat, time: frames[index]!.time },
        )
      ).data!.radarValue;
    // The mosaic's colour tiles also tint covered pixels without echo: hover one with a value.
    let asked = 0;
    const shown = await hoverEcho(page, async (around) => asked++ % 25 === 0 && (await valueAt(around[0]!))?.value != null);
    const answer = { data: { radarValue: await valueAt([shown.lon, shown.lat]) } };
    expect(answer.data.radarValue!.value).not.toBeNull();
    expect(Number(shown.value)).toBe(answer.data.radarValue!.value);
    await save(page, 'mosaic');
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

  it('works at phone width, every control with an accessible name, on the radar and the GNSS views', { timeout: 600_000 }, async () => {
    const phone = await browser.context.newPage();
    await phone.setViewportSize({ width: 375, height: 740 });
    /** Named controls, and none reaching past the screen's edges (no sideways scrolling). */
    const check = async () =>
      phone.evaluate(() => {
        const nameOf = (el: HTMLElement) => (el.getAttribute('aria-label') ?? (el as HTMLInputElement).labels?.[0]?.textContent ?? el.textContent ?? '').trim();
        const controls = [...document.querySelectorAll<HTMLElement>('select, input, button, a[href], output')].filter((el) => el.getClientRects().length > 0 && !el.closest('[hidden]'));
        return {
          count: controls.length,
          unnamed: controls.filter((el) => !nameOf(el)).map((el) => el.outerHTML.slice(0, 80)),
          outside: controls
            .filter((el) => {
              const r = el.getBoundingClientRect();
              return r.left < 0 || r.right > innerWidth + 0.5;
            })
            .map((el) => el.outerHTML.slice(0, 80)),
          scrollWidth: document.documentElement.scrollWidth,
          map: document.getElementById('map')!.getBoundingClientRect().height,
        };
      });
    await openExplorer(phone, `${server.url}/?site=KLOT`);
    await phone.setViewportSize({ width: 375, height: 740 });
    const radar = await check();
    expect(radar.count).toBeGreaterThan(6);
    expect(radar.unnamed).toEqual([]);
    expect(radar.outside).toEqual([]);
    expect(radar.scrollWidth).toBeLessThanOrEqual(375);
    expect(radar.map).toBeGreaterThan(300);
    await save(phone, 'phone');
    await phone.goto(`${server.url}/?layer=gnss:YORK`);
    await phone.waitForSelector('#snr-table tbody tr', { timeout: 120_000 });
    const gnss = await check();
    expect(gnss.count).toBeGreaterThan(radar.count);
    expect(gnss.unnamed).toEqual([]);
    expect(gnss.outside).toEqual([]);
    expect(gnss.scrollWidth).toBeLessThanOrEqual(375);
    await save(phone, 'phone-gnss');
    await phone.close();
  });

  it('extends the loop live when a new volume is ingested (sweepAdded), showing it when the newest frame was shown', { timeout: 600_000 }, async () => {
    await expectLoopExtendedLive(browser, server, `${server.url}/?site=KLOT`, new Map([['KLOT-retimed-4', retimedKlotFrame(4)]]), 5 * 60_000, 'live-level2');
  });

  it('extends a Level 3 loop live when a new product of its code is ingested (productAdded)', { timeout: 600_000 }, async () => {
    const newest = await server.graphql<{ products: { edges: { node: { scanTime: string } }[] } }>(
      '{ products(filter: { site: "KLOT", mnemonics: ["N0H"] }, first: 1, order: DESC) { edges { node { scanTime } } } }',
    );
    const next = Date.parse(newest.data!.products.edges[0]!.node.scanTime) + 6 * 60_000;
    // A product of another code, ingested first and 3 minutes earlier, must not extend the N0H loop.
    const files = new Map([
      ['LOT_DAA-next', level3ProductAt('KLOT', 'DAA', next - 3 * 60_000)],
      ['LOT_N0H-next', level3ProductAt('KLOT', 'N0H', next)],
    ]);
    await expectLoopExtendedLive(browser, server, `${server.url}/?site=KLOT&layer=level3:N0H`, files, 6 * 60_000, 'live-level3');
  });

  it('says the server cannot be reached when GraphQL requests fail, over a drawn basemap', { timeout: 600_000 }, async () => {
    const down = await browser.context.newPage();
    await down.setViewportSize(VIEWPORT);
    await down.route('**/graphql', (route) => route.abort('connectionrefused'));
    await down.goto(`${server.url}/?site=KLOT`);
    await down.waitForSelector('#status[data-kind="offline"]', { timeout: 60_000 });
    expect(await down.locator('#status').textContent()).toMatch(/cannot be reached.*radome serve/);
    await down.waitForFunction(() => (window as any).radomeExplorer.map.isSourceLoaded('lines'), null, { timeout: 60_000 });
    await save(down, 'server-down');
    await down.close();
  });
});

describe.skipIf(!chromiumPath || missing)('the explorer in Chromium on a mosaic of several sites', () => {
  // The real KLOT volume re-sited to KLOT and KDVN (208 km apart), scanned at the same time.
  const SITES = ['KLOT', 'KDVN'] as const;
  let server: ExplorerServer;
  let browser: LaunchedBrowser;
  beforeAll(async () => {
    server = await startResitedExplorerServer(SITES, Date.UTC(2022, 2, 17, 0, 10, 0));
    browser = await launchBrowser(chromiumPath, SWIFTSHADER_WEBGL);
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('draws radar pixels around each site on the mosaic layer', { timeout: 600_000 }, async () => {
    const page = await browser.context.newPage();
    await openExplorer(page, `${server.url}/?site=KLOT&layer=mosaic:REF&z=6&lon=-89.33&lat=41.6`);
    await settled(page);
    expect(await page.locator('#layer-picker').inputValue()).toBe('mosaic:REF');
    expect(await page.$$eval('#site-picker option', (os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([...SITES].sort());
    const frames = (await page.evaluate(() => (window as any).radomeExplorer.frames())) as FrameInfo[];
    expect(frames.length).toBe(1);
    expect(frames[0]!.tileJsonUrl).toContain('/tiles/mosaic/');
    const echoes = await radarPixels(page);
    for (const site of SITES) {
      const { longitude, latitude } = nexradSiteLocation(site)!;
      const at = await page.evaluate(([lon, lat]) => (window as any).radomeExplorer.map.project([lon, lat]), [longitude, latitude]);
      // Within 60 px (55 km at zoom 6) of the site: its volume's echoes, only the mosaic can have drawn them.
      expect(echoes.filter((p) => Math.hypot(p.x - at.x, p.y - at.y) < 60).length, `radar pixels around ${site}`).toBeGreaterThan(300);
    }
    await save(page, 'mosaic-sites');
    expect(browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
    await page.close();
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
    await page.waitForFunction(() => (window as any).radomeExplorer.map.isSourceLoaded('lines'), null, { timeout: 60_000 });
    await save(page, 'empty');
    expect(browser.errors.filter((e) => !e.includes('favicon'))).toEqual([]);
  });
});
