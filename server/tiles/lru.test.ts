import { describe, expect, it } from 'vitest';
import { ByteBudgetLru } from './lru.js';

describe('ByteBudgetLru (the decoded-sweep cache bounded by RADOME_TILE_CACHE_MB)', () => {
  it('keeps values within its byte budget, least recently used dropped first', async () => {
    const lru = new ByteBudgetLru<Uint8Array>(250, (v) => v.byteLength);
    let loads = 0;
    const load = (n: number) => async () => {
      loads++;
      return new Uint8Array(n);
    };
    await lru.get('a', load(100));
    await lru.get('b', load(100));
    await lru.get('a', load(100)); // a is now the most recent
    expect(loads).toBe(2);
    await lru.get('c', load(100)); // 300 > 250: b goes
    expect(lru.has('a')).toBe(true);
    expect(lru.has('b')).toBe(false);
    expect(lru.has('c')).toBe(true);
    expect(lru.bytesUsed).toBe(200);
  });

  it('shares a load in progress, and keeps no failed load', async () => {
    const lru = new ByteBudgetLru<Uint8Array>(1000, (v) => v.byteLength);
    let loads = 0;
    const slow = async () => {
      loads++;
      await new Promise((r) => setTimeout(r, 10));
      return new Uint8Array(10);
    };
    await Promise.all([lru.get('x', slow), lru.get('x', slow)]);
    expect(loads).toBe(1);
    await expect(lru.get('bad', async () => Promise.reject(new Error('corrupt chunk')))).rejects.toThrow('corrupt chunk');
    await new Promise((r) => setTimeout(r, 0));
    expect(lru.has('bad')).toBe(false);
    expect(await lru.get('bad', async () => new Uint8Array(5))).toHaveLength(5);
  });
});
