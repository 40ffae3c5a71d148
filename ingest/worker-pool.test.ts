// Node 20 aborts the process when a worker thread is terminated while it loads ES modules, so
// closing a pool right after starting it (a daemon stopped as it starts) must wait for the loads.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startWorkerPool } from './worker-pool.js';

const fixtures = new URL('../test/fixtures/', import.meta.url).href;

describe('startWorkerPool', () => {
  let dir = '';
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    delete process.env.RADOME_TEST_LOADED_DIR;
  });

  it('close() right after the start lets every thread finish loading before ending it', async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-pool-'));
    process.env.RADOME_TEST_LOADED_DIR = dir;
    const pool = startWorkerPool<number, number>('./slow-loading-worker.mjs', fixtures, 2);
    await pool.close();
    expect(readdirSync(dir)).toHaveLength(2);
  });

  it('runs tasks', async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-pool-'));
    process.env.RADOME_TEST_LOADED_DIR = dir;
    const pool = startWorkerPool<number, number>('./slow-loading-worker.mjs', fixtures, 2);
    expect(await Promise.all([1, 2, 3].map((n) => pool.run(n)))).toEqual([2, 4, 6]);
    await pool.close();
  });
});
