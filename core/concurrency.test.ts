// The per-day orbit lock: SNR files of different stations on one day share it (their commits go
// on together), an orbit file of that day holds it alone (it waits for them, and they for it), so
// a late orbit file can never miss a station-day being written.
import { describe, expect, it } from 'vitest';
import { NamedLocks } from './concurrency.js';

const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('NamedLocks with shared names', () => {
  it('lets shared holders run together, an exclusive one alone, in the order they asked', async () => {
    const locks = new NamedLocks();
    const events: string[] = [];
    const hold = async (who: string, names: string[], shared: string[], ms: number) => {
      const release = await locks.acquire(names, shared);
      events.push(`+${who}`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      events.push(`-${who}`);
      release();
    };
    const day = 'gnss-orbits/19000';
    const runs = [
      hold('snrA', ['gnss/AAAA/19000'], [day], 30),
      hold('snrB', ['gnss/BBBB/19000'], [day], 30),
      hold('orbit', [day], [], 10),
      hold('snrC', ['gnss/CCCC/19000'], [day], 10),
      hold('snrA2', ['gnss/AAAA/19000'], [day], 10),
    ];
    await Promise.all(runs);
    // A and B overlap; the orbit file starts after both end; C (asked after it) starts after it
    // ends; A's second file waits for the orbit file and for nothing else of A's.
    expect(events.slice(0, 2).sort()).toEqual(['+snrA', '+snrB']);
    expect(events.indexOf('+orbit')).toBeGreaterThan(Math.max(events.indexOf('-snrA'), events.indexOf('-snrB')));
    expect(events.indexOf('+snrC')).toBeGreaterThan(events.indexOf('-orbit'));
    expect(events.indexOf('+snrA2')).toBeGreaterThan(events.indexOf('-orbit'));
    expect(events.indexOf('+snrC')).toBeLessThan(events.indexOf('-snrA2'));
    await tick();
  });

  it('frees a name once every shared holder is gone, whatever order they leave in', async () => {
    const locks = new NamedLocks();
    const first = await locks.acquire([], ['d']);
    const second = await locks.acquire([], ['d']);
    let exclusive = false;
    const waiting = locks.acquire(['d']).then((release) => {
      exclusive = true;
      return release;
    });
    second();
    await tick();
    expect(exclusive).toBe(false);
    first();
    (await waiting)();
    expect(exclusive).toBe(true);
    // And it can be taken again at once.
    (await locks.acquire([], ['d']))();
  });
});
