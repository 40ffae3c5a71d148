import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LEVEL3_PRODUCTS } from './products.js';

/** JSON with every object's keys sorted, so the digest pins values, not the order they are written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v));
}

describe('LEVEL3_PRODUCTS', () => {
  it('holds exactly the values it held as object literals, one a product (8fbe66c), whatever builds the rows now', () => {
    // A deliberate change to the table changes this digest: update it with the change.
    const digest = createHash('sha256').update(canonicalJson(LEVEL3_PRODUCTS)).digest('hex');
    expect(digest).toBe('d7619a25fffb61b1886550d1238789638383180901a616e689810693e01a8d0a');
  });
});
