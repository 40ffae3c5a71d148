// Every GraphQL example in the README must run against the real schema.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { loadServerConfig } from '../../core/config.js';
import { buildRadomeSchema } from '../../server/index.js';
import { operationCost } from '../../server/limits/cost.js';
import { repoRoot } from '../sample-data.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
const examples = [...readme.matchAll(/```graphql\n([\s\S]*?)```/g)].map((m) => m[1]!);

describe('README GraphQL examples', () => {
  it('has examples', () => expect(examples.length).toBeGreaterThanOrEqual(4));
  it.each(examples.map((e) => [e.split('\n')[0]!, e]))('%s validates against the schema', (_title, source) => {
    expect(validate(buildRadomeSchema(), parse(source)).map((e) => e.message)).toEqual([]);
  });
  // A reader copying an example must not meet QUERY_TOO_COMPLEX under the default settings.
  it.each(examples.map((e) => [e.split('\n')[0]!, e]))('%s costs no more than the default RADOME_MAX_COST', (_title, source) => {
    expect(operationCost(buildRadomeSchema(), parse(source), undefined, undefined)).toBeLessThanOrEqual(loadServerConfig({}).maxCost);
  });
});
