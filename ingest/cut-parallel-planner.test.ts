import { afterAll, describe, expect, it } from 'vitest';
import { encodeArchiveII } from '../test/fixtures/archive2-encoder.js';
import { volume31 } from '../test/level2/synthetic-volumes.js';
import { createCutParallelPlanner } from './cut-parallel-planner.js';
import { createLevel2Pool, type Level2Pool } from './level2/level2-pool.js';

const options = { renderSize: 64, ingestedAt: 5 };
const fileOf = (bytes: Uint8Array) => ({ source: 'test', key: 'KLOT20220317_000842_V06', size: bytes.length, fingerprint: 'f' });

describe('createCutParallelPlanner', () => {
  const pool = createLevel2Pool(1);
  afterAll(() => pool.close());

  it("throws a pool thread's exit (the caller tries again) instead of calling a good file corrupt", async () => {
    const dying: Level2Pool = { ...pool, close: async () => undefined, renderCut: () => Promise.reject(new Error('worker thread exited')) };
    const bytes = encodeArchiveII(volume31());
    await expect(createCutParallelPlanner(dying).planFile(bytes, fileOf(bytes), options)).rejects.toThrow('worker thread exited');
  });

  it("returns bad input as the file's typed error", async () => {
    const bytes = encodeArchiveII(volume31()).slice(0, 3000);
    const outcome = await createCutParallelPlanner({ ...pool, close: async () => undefined }).planFile(bytes, fileOf(bytes), options);
    expect('error' in outcome && outcome.error.code).toMatch(/TRUNCATED|CORRUPT/);
  });

  it('plans a good volume', async () => {
    const bytes = encodeArchiveII(volume31());
    const outcome = await createCutParallelPlanner({ ...pool, close: async () => undefined }).planFile(bytes, fileOf(bytes), options);
    expect('plan' in outcome && outcome.plan.objects.length).toBeGreaterThan(0);
  });
});
