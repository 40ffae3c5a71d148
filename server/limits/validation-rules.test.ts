// The depth and selection limits measure each fragment once: a document whose fragments each
// spread the next twice has 2^levels paths, and walking them all (as the depth rule once did)
// never ends at 40 levels. Without the memo this file runs into the test timeout.
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { maxDepthRule, maxSelectionsRule } from './validation-rules.js';
import { buildRadomeSchema } from '../schema.js';

const schema = buildRadomeSchema();

/** `levels` fragments, each spreading the next twice and wrapping it in `wrap` (e.g. one nesting level). */
function bomb(levels: number, wrap: (inner: string) => string = (inner) => inner): string {
  const fragments = [`fragment F${levels} on Sweep { id }`];
  for (let i = levels - 1; i >= 0; i--) fragments.push(`fragment F${i} on Sweep { ${wrap(`...F${i + 1} ...F${i + 1}`)} }`);
  return `{ sweeps(first: 1) { edges { node { ...F0 } } } } ${fragments.join(' ')}`;
}

const messages = (query: string, rules: ReturnType<typeof maxDepthRule>[]) => validate(schema, parse(query), rules).map((e) => e.message);

describe('maxDepthRule and maxSelectionsRule over fragment bombs', () => {
  it('measures the depth of a 40-level bomb (2^40 paths) once per fragment', () => {
    expect(messages(bomb(40), [maxDepthRule(12)])).toEqual([]);
    // Each level nests two fields: 4 + 2 × 40 levels deep.
    expect(
      messages(
        bomb(40, (inner) => `volume { sweeps { ${inner} } }`),
        [maxDepthRule(12)],
      ),
    ).toEqual([expect.stringMatching(/nests fields more than 12 deep/)]);
  });

  it('counts the selections a bomb expands to', () => {
    expect(messages(bomb(40), [maxSelectionsRule(2000)])).toEqual([expect.stringMatching(/selects more than 2000 fields once its fragments are expanded/)]);
    // 5 levels: 2^5 ids, 2^6 - 2 spreads inside the fragments, and 3 fields and a spread above them.
    expect(messages(bomb(5), [maxSelectionsRule(98)])).toEqual([]);
    expect(messages(bomb(5), [maxSelectionsRule(97)])).toHaveLength(1);
  });

  it('still ends the walk at a fragment cycle (NoFragmentsCycles reports it)', () => {
    const cyclic = '{ sweeps(first: 1) { edges { node { ...A } } } } fragment A on Sweep { id ...B } fragment B on Sweep { volume { id } ...A }';
    expect(validate(schema, parse(cyclic), [maxDepthRule(12), maxSelectionsRule(2000)])).toEqual([]);
  });
});
