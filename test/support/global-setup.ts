// vitest globalSetup: builds the GraphiQL bundle (dist/graphiql) when it is missing or older than
// its build script, entry or the installed graphiql, so tests never depend on a manual build.
import { spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { repoRoot } from '../sample-data.js';
import { postgresSkipReason, startPostgres } from './postgres-server.js';
import type {} from './test-catalog.js';

const bundle = join(repoRoot, 'dist', 'graphiql', 'index.html');
const inputs = [join(repoRoot, 'scripts', 'build-graphiql.mjs'), join(repoRoot, 'server', 'graphiql', 'entry.js'), join(repoRoot, 'node_modules', 'graphiql', 'package.json')];

function isStale(): boolean {
  if (!existsSync(bundle)) return true;
  const built = statSync(bundle).mtimeMs;
  return inputs.some((p) => existsSync(p) && statSync(p).mtimeMs > built);
}

/**
 * Compiles the TypeScript to dist/ so tests can run the real `radome` command (bin/radome.js).
 * Type errors do not stop the emit (`npm test` typechecks before vitest runs).
 */
function buildDist(): void {
  const tsc = join(repoRoot, 'node_modules', '.bin', 'tsc');
  const run = spawnSync(tsc, ['-p', 'tsconfig.build.json'], { cwd: repoRoot, encoding: 'utf8' });
  if (!existsSync(join(repoRoot, 'dist', 'cli', 'main.js'))) {
    throw new Error(`compiling radome failed (tsc -p tsconfig.build.json):\n${run.stdout}${run.stderr}`);
  }
  // As `npm run build` does: the tests run `radome ingest files` from its bundle, as users do.
  const bundle = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'bundle-ingest-files.mjs')], { cwd: repoRoot, encoding: 'utf8' });
  if (bundle.status !== 0) throw new Error(`bundling ingest files failed (node scripts/bundle-ingest-files.mjs):\n${bundle.stderr || bundle.stdout}`);
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  buildDist();
  if (isStale()) {
    const run = spawnSync(process.execPath, [join(repoRoot, 'scripts', 'build-graphiql.mjs')], { cwd: repoRoot, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`building GraphiQL failed (node scripts/build-graphiql.mjs):\n${run.stderr || run.stdout}`);
  }
  // RADOME_TEST_CATALOG=postgres: one PostgreSQL server for the run; fixtures create databases on it (test-catalog.ts).
  const skip = process.env.RADOME_TEST_CATALOG === 'postgres' ? postgresSkipReason() : null;
  if (skip) console.warn(`RADOME_TEST_CATALOG=postgres: ${skip}; the fixtures stay on SQLite`);
  if (process.env.RADOME_TEST_CATALOG !== 'postgres' || skip) {
    project.provide('postgresAdminUrl', null);
    return undefined;
  }
  const server = await startPostgres();
  project.provide('postgresAdminUrl', server.url('postgres'));
  return () => server.stop();
}
