// Headless Chromium for browser tests: Debian's chromium driven by playwright-core (no browser
// download). Tests call findChromium() and skip with chromiumSkipReason when it returns null.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext } from 'playwright-core';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** CHROMIUM_PATH if set (and present), else the first Chromium found at the usual Debian paths. */
export function findChromium(): string | null {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : null;
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export const chromiumSkipReason = `no Chromium found (set CHROMIUM_PATH, or apt-get install chromium; looked at ${process.env.CHROMIUM_PATH ?? CANDIDATES.join(', ')}); skipping browser tests`;

export interface LaunchedBrowser {
  context: BrowserContext;
  /** Every URL the browser requested, in order. */
  requests: string[];
  /** Console errors and uncaught page errors. */
  errors: string[];
  close(): Promise<void>;
}

/** Launch flags verified with Debian chromium 156 (STACK.md item 6): no sandbox, GPU or background traffic. */
const ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** WebGL on the CPU (SwiftShader through ANGLE), for pages that draw with WebGL (MapLibre). */
export const SWIFTSHADER_WEBGL = ['--use-gl=angle', '--use-angle=swiftshader', '--enable-unsafe-swiftshader'];

export async function launchBrowser(executablePath = findChromium(), extraArgs: readonly string[] = []): Promise<LaunchedBrowser> {
  if (!executablePath) throw new Error(chromiumSkipReason);
  const profile = mkdtempSync(join(tmpdir(), 'radome-chromium-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath, headless: true, args: [...ARGS, ...extraArgs] });
  const requests: string[] = [];
  const errors: string[] = [];
  context.on('request', (request) => requests.push(request.url()));
  context.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  context.on('weberror', (error) => errors.push(String(error.error())));
  return {
    context,
    requests,
    errors,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** True for URLs served from this machine (or not fetched from any host: data:, blob:, about:). */
export function isLoopback(url: string): boolean {
  const { protocol, hostname } = new URL(url);
  if (protocol === 'data:' || protocol === 'blob:' || protocol === 'about:') return true;
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}
