import { Piscina } from 'piscina';

/**
 * A piscina pool of `threads` threads running the worker module `name` (e.g. './record-worker.js')
 * found beside the module at `moduleUrl`. Idle threads do not keep the process alive; they stay
 * up a minute between tasks so their warm state (JIT, decoder work arrays) is reused.
 */
export function startWorkerPool<Task, Result>(name: string, moduleUrl: string, threads: number): Piscina<Task, Result> {
  return new Piscina<Task, Result>({ filename: workerUrl(name, moduleUrl).href, minThreads: threads, maxThreads: threads, idleTimeout: 60_000 });
}

/**
 * The URL of worker module `name` beside the module at `moduleUrl`. Worker threads load plain
 * JavaScript: when the caller runs from TypeScript source (vitest), the compiled twin under dist/
 * is used instead (test/support/global-setup.ts builds dist/ before the tests).
 */
export function workerUrl(name: string, moduleUrl: string): URL {
  const url = new URL(name, moduleUrl);
  if (!moduleUrl.endsWith('.ts')) return url;
  // This file is <repo>/ingest/worker-pool.ts when it runs from source.
  const repo = new URL('../', import.meta.url).href;
  if (!url.href.startsWith(repo)) throw new Error(`worker ${url.href} lies outside the repository ${repo}`);
  return new URL(`dist/${url.href.slice(repo.length)}`, repo);
}
