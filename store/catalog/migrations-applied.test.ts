// Migrations already applied must stay byte-identical: databases in use have run them, and a
// migration is never run twice. The SQL of both engines is partly built (table descriptions in
// ./table-ddl.ts, trigger helpers), so this test pins each step's SQL by its hash. A new step
// appends its line here; a changed hash of an existing step means a shipped migration changed.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { PG_MIGRATIONS } from './postgres/migrations.js';
import { MIGRATIONS } from './sqlite/migrations.js';

const APPLIED = {
  sqlite: [
    [1, '98935e163c742b18'],
    [2, '8bf66110b49e885f'],
    [3, 'c69c139575f1b5ca'],
    [4, 'db6f223082978556'],
    [5, '45dacd54a22130b8'],
    [6, 'b4673e46307d2bbd'],
    [7, 'dbee9e53afa92b6a'],
    [8, '08d78d291f6fec37'],
    [9, '961c2edda568bc2a'],
    [10, '5e64a9bbcdb95791'],
    [11, '3e9b828d7480939c'],
    [12, '7fef65bba5ef56e5'],
    [13, '1647500480ceb6ae'],
    [14, '0cb18bc8bfb9a1f8'],
    [15, 'f53afea9d1970617'],
    [16, '8aaf8ff12a9f74d1'],
    [17, '6a1026f414a2a843'],
  ],
  postgres: [
    [1, '3654f02a5f8d8dc8'],
    [2, '77b38b26cfb3cb5c'],
    [3, 'd10d6ade9f46fafe'],
    [4, '46f4479880bd4b98'],
    [5, 'eaea40a0cf8b9ca5'],
    [6, 'b1686cb2231eb5bf'],
    [7, '15f8459aa7bce3e4'],
  ],
};

const hashOf = (sql: string) => createHash('sha256').update(sql).digest('hex').slice(0, 16);

describe('applied migrations', () => {
  it.each([
    ['sqlite', MIGRATIONS],
    ['postgres', PG_MIGRATIONS],
  ] as const)('%s: every applied step builds the SQL it was applied with', (engine, migrations) => {
    const built = migrations.map((m) => [m.version, hashOf(m.sql)]);
    expect(built.slice(0, APPLIED[engine].length)).toEqual(APPLIED[engine]);
  });
});
