import type { Worker } from 'node:worker_threads';
import { Piscina } from 'piscina';

/** What piscina's worker posts once it has loaded the task module (piscina's common.READY). */
const PISCINA_READY = '_WORKER_READY';
/** A thread that has not loaded its module by then is ended anyway (it is stuck, not slow). */
const LOAD_WAIT_MS = 30_000;

export interface WorkerPool<Task, Result> {
  readonly threads: number;
  /** Runs `task` on a thread: by the module's default export, or its export `name`. */
  run(task: Task, options?: { transferList?: ArrayBuffer[]; name?: string }): Promise<Result>;
  /**
   * Ends the thread `threadId` (one stuck in a task): the tasks it holds reject, and a new thread
   * takes its place. (piscina's own abort signal would do it too, but piscina then hands a thread
   * running such a task no second task, which tasksPerThread relies on.)
   */
  endThread(threadId: number): void;
  /** Waits for threads still loading their module, then ends every thread; queued tasks reject. */
  close(): Promise<void>;
}

/**
 * A piscina pool of `threads` threads running the worker module `name` (e.g. './record-worker.js')
 * found beside the module at `moduleUrl`. Idle threads do not keep the process alive; they stay
 * up a minute between tasks so their warm state (JIT, decoder work arrays) is reused.
 * `tasksPerThread` tasks are handed to a thread at once (it runs them one after the other): more
 * than one keeps a thread busy while the caller, which hands out the next task, is busy itself.
 *
 * close() never ends a thread while it is still loading its module: Node 20 aborts the whole
 * process ("FATAL ERROR: v8::Module::IsGraphAsync must be used on an instantiated module") when a
 * worker is terminated in the middle of loading ES modules, which a daemon stopped right after it
 * started (a busy host loads slowly) hit about once in 200 stops.
 */
export function startWorkerPool<Task, Result>(name: string, moduleUrl: string, threads: number, { tasksPerThread = 1 } = {}): WorkerPool<Task, Result> {
  const pool = new Piscina<Task, Result>({
    filename: workerUrl(name, moduleUrl).href,
    minThreads: threads,
    maxThreads: threads,
    idleTimeout: 60_000,
    concurrentTasksPerWorker: tasksPerThread,
  });
  // The first threads start in the constructor; threads started later (to replace one that died)
  // join the pool only once loaded, so only these need watching.
  const loaded = allLoaded(pool.threads);
  return {
    threads,
    run: (task, options) => pool.run(task, options),
    endThread(threadId) {
      void pool.threads.find((t) => t.threadId === threadId)?.terminate();
    },
    async close() {
      await loaded;
      await pool.destroy();
    },
  };
}

/** Resolves once every worker has posted piscina's ready message or exited (or after LOAD_WAIT_MS). */
function allLoaded(workers: Worker[]): Promise<void> {
  return new Promise((resolve) => {
    const loading = new Set(workers);
    const timer = setTimeout(resolve, LOAD_WAIT_MS).unref();
    const settle = (worker?: Worker) => {
      if (worker) loading.delete(worker);
      if (loading.size > 0) return;
      clearTimeout(timer);
      resolve();
    };
    settle();
    for (const worker of workers) {
      const onMessage = (message: unknown) => {
        if (typeof message !== 'object' || message === null || !(PISCINA_READY in message)) return;
        worker.off('message', onMessage);
        settle(worker);
      };
      worker.on('message', onMessage);
      worker.once('exit', () => settle(worker));
    }
  });
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
