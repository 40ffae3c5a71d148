import { readFileSync, readdirSync } from 'node:fs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type DocumentNode, Kind, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { GRAPHIQL_TABS } from './graphiql/examples.js';
import { buildRadomeSchema, emitRadomeSchema } from './index.js';
import { expandAllArguments } from '../sdk/all-arguments.js';
import { repoRoot } from '../test/sample-data.js';

const committedPath = join(repoRoot, 'schema', 'schema.graphql');

describe('schema/schema.graphql', () => {
  it('is what the server code builds (else run: npm run emit-schema)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'radome-schema-'));
    try {
      const emitted = join(dir, 'schema.graphql');
      await emitRadomeSchema(emitted);
      const built = readFileSync(emitted, 'utf8');
      const committed = readFileSync(committedPath, 'utf8');
      expect(committed === built, 'schema/schema.graphql is out of date: run npm run emit-schema and commit the result').toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('has the Relay connection and enum shapes clients rely on', () => {
    const sdl = readFileSync(committedPath, 'utf8');
    expect(sdl).toContain('enum RadarMoment {\n  CFP\n  PHI\n  REF\n  RHO\n  SW\n  VEL\n  ZDR\n}');
    expect(sdl).toMatch(/type SweepConnection \{\n  edges: \[SweepEdge!\]!\n  pageInfo: PageInfo!\n[\s\S]*?totalCount: Int!\n\}/);
    expect(sdl).toContain('bbox: [Float!]!');
    expect(sdl).toContain('corners: [[Float!]!]!');
    expect(sdl).toContain('scalar DateTimeISO');
  });
});

describe('documents', () => {
  const schema = buildRadomeSchema();
  const operationsDir = join(repoRoot, 'schema', 'operations');
  // As the SDK's codegen reads them: each file with its @allArguments fields expanded.
  const operations: DocumentNode = {
    kind: Kind.DOCUMENT,
    definitions: readdirSync(operationsDir)
      .filter((f) => f.endsWith('.graphql'))
      .flatMap((f) => expandAllArguments(schema, parse(readFileSync(join(operationsDir, f), 'utf8')), f).definitions),
  };

  it('SDK operations are valid against the schema', () => {
    expect(validate(schema, operations).map((e) => e.message)).toEqual([]);
  });

  it('GraphiQL example tabs are valid against the schema', () => {
    expect(GRAPHIQL_TABS.length).toBeGreaterThanOrEqual(3);
    for (const tab of GRAPHIQL_TABS) expect(validate(schema, parse(tab.query)).map((e) => e.message)).toEqual([]);
  });
});
