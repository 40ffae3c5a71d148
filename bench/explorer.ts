// `npm run bench -- explorer`: the explorer's budgets, read from Chromium's own timings
// (performance marks and resource timing) on a local server with the real samples ingested:
// first radar pixels after navigation (cold browser cache), a frame step with every frame's tiles
// loaded (from the step to the new frame on screen: the map's 'idle', then the next animation
// frame, which begins after the render's pixels are committed), and the JavaScript shipped beyond maplibre-gl (bytes over the wire, gzip). Beside each
// wall time, the CPU time (user + sys) Chromium's processes and the server spent on it, read from
// /proc: the machine is shared, and CPU time tells a real gain from a quieter minute.
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { median, report } from './harness.js';
import { chromiumSkipReason, findChromium, launchBrowser, SWIFTSHADER_WEBGL } from '../test/support/browser.js';
import { missingSamples, prepareExplorerSamples } from '../test/explorer/explorer-server.js';

const NAVIGATIONS = 5;
const STEPS = 24;

const chromiumPath = findChromium();
const missing = missingSamples();
if (!chromiumPath || missing) {
  console.log(`bench explorer skipped: ${chromiumPath ? missing : chromiumSkipReason}`);
  process.exit(0);
}

// The server runs in its own process (_server-child.js), so Chromium's driver does not share its event loop.
const samples = await prepareExplorerSamples();
const child = spawn(process.execPath, [join(dirname(fileURLToPath(import.meta.url)), '_server-child.js'), samples.catalogPath, samples.objectsDir], { stdio: ['ignore', 'pipe', 'inherit'] });
const serverUrl = await new Promise<string>((resolve, reject) => {
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
    const m = /LISTENING (\S+)/.exec(out);
    if (m) resolve(m[1]!);
  });
  child.once('exit', (code) => reject(new Error(`server child exited with ${code}`)));
});
const url = `${serverUrl}/?site=KLOT&layer=level2:REF:0.4`;

const TICK_MS = 10; // USER_HZ = 100 on Linux

/** CPU ms (user + sys) of this process's descendants: the server child's, and all the rest (Chromium's). */
function descendantsCpu(serverPid: number): { server: number; chromium: number } {
  const stats = new Map<number, { ppid: number; ms: number }>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
      stats.set(Number(name), { ppid: Number(f[1]), ms: (Number(f[11]) + Number(f[12])) * TICK_MS });
    } catch {
      // Gone between the listing and the read.
    }
  }
  const rootOf = (pid: number): number | null => {
    for (let p = pid, hops = 0; hops < 64; hops++) {
      const ppid = stats.get(p)?.ppid;
      if (ppid === undefined || ppid === 0) return null;
      if (ppid === process.pid) return p;
      p = ppid;
    }
    return null;
  };
  const cpu = { server: 0, chromium: 0 };
  for (const [pid, { ms }] of stats) {
    const root = rootOf(pid);
    if (root === serverPid) cpu.server += ms;
    else if (root !== null) cpu.chromium += ms;
  }
  return cpu;
}

function cpuSince(before: { server: number; chromium: number }): { server: number; chromium: number } {
  const now = descendantsCpu(child.pid!);
  return { server: now.server - before.server, chromium: now.chromium - before.chromium };
}

/** The page's marks, ms after navigation: catalog answered, map loaded, frames listed, first radar pixels. */
const MARKS = ['radome:catalog', 'radome:map-load', 'radome:frames', 'radome:first-radar'] as const;

type Navigation = Record<(typeof MARKS)[number], number> & { cpuChromium: number; cpuServer: number };

async function firstRadar(page: Page): Promise<Navigation> {
  await page.setViewportSize({ width: 1024, height: 720 });
  const before = descendantsCpu(child.pid!);
  await page.goto(url);
  await page.waitForFunction(() => document.body.dataset.radar === 'ready', null, { timeout: 120_000 });
  const cpu = cpuSince(before);
  const marks = (await page.evaluate((names) => Object.fromEntries(names.map((n) => [n, performance.getEntriesByName(n)[0]?.startTime ?? NaN])), [...MARKS])) as Record<(typeof MARKS)[number], number>;
  return { ...marks, cpuChromium: cpu.chromium, cpuServer: cpu.server };
}

/** Script bytes over the wire (gzip), the explorer's own and maplibre-gl's, from resource timing. */
function scriptBytes(page: Page): Promise<{ app: number; maplibre: number }> {
  return page.evaluate(() => {
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((e) => /\.m?js(\?|$)/.test(new URL(e.name).pathname + new URL(e.name).search));
    const sum = (list: PerformanceResourceTiming[]) => list.reduce((n, e) => n + e.encodedBodySize, 0);
    return { app: sum(scripts.filter((e) => !e.name.includes('/maplibre-gl-'))), maplibre: sum(scripts.filter((e) => e.name.includes('/maplibre-gl-'))) };
  });
}

const navigations: Navigation[] = [];
let stepCpu = NaN;
let stepRenders = NaN;
let bytes = { app: 0, maplibre: 0 };
const steps: number[] = [];
try {
  // A fresh browser (empty cache) per navigation; the server's tile cache is warm after the first.
  for (let i = 0; i < NAVIGATIONS; i++) {
    const browser = await launchBrowser(chromiumPath, SWIFTSHADER_WEBGL);
    try {
      const page = await browser.context.newPage();
      navigations.push(await firstRadar(page));
      if (i === 0) {
        // Worker scripts load after the page's own; wait for every frame before counting bytes.
        await page.waitForFunction(() => (window as any).radomeExplorer.map.loaded(), null, { timeout: 120_000 });
        bytes = await scriptBytes(page);
      }
      if (i === NAVIGATIONS - 1) {
        await page.waitForFunction(
          () => {
            const map = (window as any).radomeExplorer.map;
            return (window as any).radomeExplorer.frames().length >= 3 && map.loaded() && map.areTilesLoaded();
          },
          null,
          { timeout: 120_000 },
        );
        const count = await page.evaluate(() => (window as any).radomeExplorer.frames().length as number);
        await page.evaluate(() => {
          const w = window as any;
          w.benchRenders = 0;
          w.radomeExplorer.map.on('render', () => w.benchRenders++);
        });
        const before = descendantsCpu(child.pid!);
        for (let s = 0; s < STEPS; s++) steps.push(await page.evaluate((index) => (window as any).radomeExplorer.showFrame(index) as Promise<number>, s % count));
        stepCpu = cpuSince(before).chromium / STEPS;
        stepRenders = (await page.evaluate(() => (window as any).benchRenders as number)) / STEPS;
      }
    } finally {
      await browser.close();
    }
  }
} finally {
  child.kill();
  rmSync(samples.dir, { recursive: true, force: true });
}

const firsts = navigations.map((n) => n['radome:first-radar']);
const stage = (name: keyof Navigation) => median(navigations.slice(1).map((n) => n[name]));
const load = loadavg()
  .map((l) => l.toFixed(1))
  .join(' ');
report(
  'explorer',
  [
    { metric: 'first radar pixels after navigation, cold browser cache (median, warm server)', unit: 'ms', radome: median(firsts.slice(1)), target: '≤ 1500' },
    { metric: 'first radar pixels, first navigation (cold server too)', unit: 'ms', radome: firsts[0]! },
    { metric: '  CPU time to first radar pixels, Chromium (all processes; median, warm server)', unit: 'ms', radome: stage('cpuChromium') },
    { metric: '  CPU time to first radar pixels, server (median, warm server)', unit: 'ms', radome: stage('cpuServer') },
    { metric: '  of which: catalog answered (median, warm server)', unit: 'ms', radome: stage('radome:catalog') },
    { metric: '  of which: map loaded', unit: 'ms', radome: stage('radome:map-load') },
    { metric: '  of which: frames listed', unit: 'ms', radome: stage('radome:frames') },
    { metric: 'frame step, tiles cached (median)', unit: 'ms', radome: median(steps), target: '≤ 100' },
    { metric: '  CPU time per frame step, Chromium (mean)', unit: 'ms', radome: stepCpu },
    { metric: '  map renders per frame step (each a full SwiftShader repaint)', unit: '', radome: stepRenders },
    { metric: 'JS shipped beyond maplibre-gl (gzip over the wire)', unit: 'kB', radome: bytes.app / 1024, target: '≤ 350' },
    { metric: 'maplibre-gl JS (gzip over the wire), for scale', unit: 'kB', radome: bytes.maplibre / 1024 },
  ],
  { navigations, frameStepMs: steps, loadAverage: load },
);
console.log(
  `load average ${load} (2 cores shared); timings are Chromium's performance marks (navigation start → the frame after the shown frame's tiles are in; a step → the animation frame after the render that drew it) and resource timing`,
);
