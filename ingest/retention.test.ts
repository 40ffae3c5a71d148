import { describe, expect, it } from 'vitest';
import type { Catalog } from '../store/catalog/index.js';
import { nextBatchVolumes, removeRowsOlderThan } from './retention.js';

describe('nextBatchVolumes', () => {
  it('halves a batch that held the write lock past its target, down to one volume', () => {
    expect(nextBatchVolumes(5, 874)).toBe(2);
    expect(nextBatchVolumes(2, 400)).toBe(1);
    expect(nextBatchVolumes(1, 5_000)).toBe(1);
  });

  it('grows a quick batch by one volume, up to 20, and keeps one near its target', () => {
    expect(nextBatchVolumes(5, 10)).toBe(6);
    expect(nextBatchVolumes(20, 1)).toBe(20);
    expect(nextBatchVolumes(5, 120)).toBe(5);
  });
});

describe('removeRowsOlderThan', () => {
  /** A catalog whose retention removes `left` volumes, a batch taking `msOf(maxVolumes)` on the test's clock. */
  function fakeCatalog(left: number, msOf: (maxVolumes: number) => number) {
    const calls: string[] = [];
    const events: string[] = [];
    let clock = 0;
    const retention = {
      warmBatchOlderThan: async (_cutoff: number, maxVolumes: number) => {
        calls.push(`warm ${maxVolumes}`);
        events.push('warm');
      },
      doomBatchOlderThan: async (_cutoff: number, _at: number, maxVolumes: number) => {
        calls.push(`doom ${maxVolumes}`);
        events.push('doom');
        const volumes = Math.min(left, maxVolumes);
        left -= volumes;
        clock += msOf(maxVolumes);
        return { volumes, products: 0, objects: volumes };
      },
    };
    const sleeps: number[] = [];
    const pacing = {
      now: () => clock,
      sleep: async (ms: number) => {
        sleeps.push(ms);
        events.push(`sleep ${ms}`);
      },
    };
    return { catalog: { writer: { retention } } as unknown as Catalog, calls, events, sleeps, pacing };
  }

  it('shrinks the next batch after one that held the lock too long, warms each batch first, and pauses as long as each took', async () => {
    // 100 ms a volume: 5 volumes take 500 ms (past the 200 ms target), 2 take 200, 1 takes 100.
    const f = fakeCatalog(12, (n) => n * 100);
    const result = await removeRowsOlderThan(f.catalog, 1, 2, undefined, f.pacing);
    expect(f.calls.slice(0, 6)).toEqual(['warm 5', 'doom 5', 'warm 2', 'doom 2', 'warm 2', 'doom 2']);
    // The warm-up of the next batch comes right after each batch, before the pause.
    expect(f.events.slice(0, 4)).toEqual(['warm', 'doom', 'warm', 'sleep 500']);
    expect(result).toMatchObject({ volumes: 12, batches: 5, longestBatchMs: 500 });
    expect(f.sleeps).toEqual([500, 200, 200, 200, 200]);
  });

  it('grows quick batches, up to 20 volumes, and pauses at least WRITER_POLL_MS', async () => {
    const f = fakeCatalog(300, () => 1);
    await removeRowsOlderThan(f.catalog, 1, 2, undefined, f.pacing);
    const sizes = f.calls.filter((c) => c.startsWith('doom')).map((c) => Number(c.slice(5)));
    expect(sizes.slice(0, 4)).toEqual([5, 6, 7, 8]);
    expect(Math.max(...sizes)).toBe(20);
    expect(Math.min(...f.sleeps)).toBe(110);
  });
});
