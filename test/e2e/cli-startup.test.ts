// The `radome` command as a person meets it: each subcommand loads only its own code, logs are
// readable on a terminal (JSON otherwise), a folder shows a progress bar on a terminal, `ingest
// files`' pool threads run with the compile cache (unless the user disabled it), and a 1990s
// volume whose header names no radar takes its site from the file name.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { THREAD_POOL_SIZE } from '../../bin/thread-pool.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { volume1, volume31 } from '../level2/synthetic-volumes.js';
import { repoRoot } from '../sample-data.js';
import { runRadome } from './radome-process.js';

const BIN = join(repoRoot, 'bin', 'radome.js');
const scratch = mkdtempSync(join(tmpdir(), 'radome-cli-startup-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const volumePath = join(scratch, 'KLOT20220317_000842_V06');
writeFileSync(volumePath, encodeArchiveII(volume31()));

/** What `radome <args>` loads (a preloaded hook lists it at exit): `label` LOADED-PACKAGES (npm packages) or LOADED-BUNDLES (dist/bundle/ folders). */
function loadedBy(label: 'PACKAGES' | 'BUNDLES', args: string[], env: Record<string, string> = {}): string[] {
  const run = spawnSync(process.execPath, ['--import', join(repoRoot, 'test', 'e2e', 'fixtures', 'loaded-packages.mjs'), BIN, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: 'utf8',
  });
  const m = new RegExp(`LOADED-${label} (\\[.*\\])`).exec(run.stderr);
  if (!m) throw new Error(`no LOADED-${label} list from radome ${args.join(' ')}: ${run.stderr}`);
  return JSON.parse(m[1]!) as string[];
}
const packagesLoadedBy = (args: string[], env: Record<string, string> = {}) => loadedBy('PACKAGES', args, env);

describe('each subcommand loads its own code only', () => {
  it('radome --help loads no server, catalog, S3 or ingest code', () => {
    const loaded = packagesLoadedBy(['--help']);
    for (const heavy of ['@apollo/server', 'type-graphql', 'graphql', '@aws-sdk/client-s3', 'better-sqlite3', 'pino', 'fflate']) expect(loaded).not.toContain(heavy);
  });

  it('radome ingest files loads the catalog and decoders but not the server, the AWS SDK or the PostgreSQL client', () => {
    const loaded = packagesLoadedBy(['ingest', 'files', volumePath], { RADOME_DATA_DIR: join(scratch, 'lazy') });
    expect(loaded).toContain('better-sqlite3');
    for (const heavy of ['@apollo/server', 'type-graphql', '@aws-sdk/client-s3', 'graphql-ws', 'pg']) expect(loaded).not.toContain(heavy);
    // A Level 2 volume needs no other format's code: GNSS's Parquet writer loads for GNSS files only.
    for (const other of ['hyparquet', 'hyparquet-writer']) expect(loaded).not.toContain(other);
  });

  it('radome ingest files with a bad --station refuses it before the cut pool (piscina) loads', () => {
    const loaded = packagesLoadedBy(['ingest', 'files', '--station', 'bad!', volumePath], { RADOME_DATA_DIR: join(scratch, 'bad-station') });
    expect(loaded).not.toContain('piscina');
    // The same command with a good station starts the pool (so the line above can tell).
    expect(packagesLoadedBy(['ingest', 'files', '--station', 'YORK', volumePath], { RADOME_DATA_DIR: join(scratch, 'good-station') })).toContain('piscina');
  });

  it("radome ingest files runs from its bundle (built after tsc by the tests' setup, as by npm run build)", () => {
    expect(loadedBy('BUNDLES', ['ingest', 'files', volumePath], { RADOME_DATA_DIR: join(scratch, 'bundled') })).toEqual(['ingest-files']);
    expect(loadedBy('BUNDLES', ['--help'])).toEqual([]);
  });
});

/**
 * `radome ingest files <path>` with a preloaded hook that makes every core look idle (so the cut
 * pool starts): its exit status and the compile cache each worker thread ran with.
 */
function withIdleCores(env: Record<string, string | undefined>, path = volumePath): { status: number | null; workerCaches: string[] } {
  const run = spawnSync(process.execPath, ['--import', join(repoRoot, 'test', 'e2e', 'fixtures', 'worker-compile-cache.mjs'), BIN, 'ingest', 'files', path], {
    cwd: repoRoot,
    env: { ...process.env, NODE_COMPILE_CACHE: undefined, NODE_DISABLE_COMPILE_CACHE: undefined, ...env },
    encoding: 'utf8',
  });
  return { status: run.status, workerCaches: [...run.stderr.matchAll(/^WORKER-COMPILE-CACHE (.*)$/gm)].map((m) => m[1]!) };
}

function workerCompileCaches(env: Record<string, string | undefined>): string[] {
  const run = withIdleCores(env);
  expect(run.status).toBe(0);
  return run.workerCaches;
}

describe("ingest files' cut pool threads", () => {
  it('run with the compile cache bin/radome.js enables (workers get only one named in the environment)', () => {
    const caches = workerCompileCaches({ RADOME_DATA_DIR: join(scratch, 'cache-on') });
    expect(caches.length).toBeGreaterThan(0);
    for (const cache of caches) expect(cache).not.toBe('none');
  });

  it('run without one when the user disabled it (NODE_DISABLE_COMPILE_CACHE)', () => {
    const caches = workerCompileCaches({ RADOME_DATA_DIR: join(scratch, 'cache-off'), NODE_DISABLE_COMPILE_CACHE: '1' });
    expect(caches.length).toBeGreaterThan(0);
    for (const cache of caches) expect(cache).toBe('none');
  });

  it('do not start when no path named exists (the run only reports it, and would wait for them to load)', () => {
    const run = withIdleCores({ RADOME_DATA_DIR: join(scratch, 'missing-path') }, join(scratch, 'no-such-volume'));
    expect(run.status).toBe(2);
    expect(run.workerCaches).toEqual([]);
  });
});

/** Runs a command on a pseudo-terminal (util-linux `script`), as a person at a terminal does. */
function onTerminal(command: string[], env: Record<string, string>): string {
  const quoted = [process.execPath, BIN, ...command].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const run = spawnSync('script', ['-qfec', quoted, '/dev/null'], { env: { ...process.env, ...env }, encoding: 'utf8', timeout: 120_000 });
  if (run.error) throw run.error;
  return run.stdout;
}
const hasScript = spawnSync('script', ['--version']).status === 0;
if (!hasScript) console.log('util-linux `script` not found: skipping the terminal tests (install bsdutils)');

describe.skipIf(!hasScript)('on a terminal', () => {
  const folder = join(scratch, 'folder');
  mkdirSync(folder);
  for (let i = 0; i < 3; i++) writeFileSync(join(folder, `KLOT2022031${i}_000842_V06`), encodeArchiveII(volume31({ volumeStart: Date.UTC(2022, 2, 10 + i, 0, 8, 42) })));

  it('ingest files <folder> shows a progress bar, readable logs, then a line per file', () => {
    const out = onTerminal(['ingest', 'files', folder], { RADOME_DATA_DIR: join(scratch, 'tty') });
    expect(out).toMatch(/ingest files \[#{30}\] 3\/3 files, 0 failed/);
    expect(out).toMatch(/INFO.*\(radome-ingest\).*ingest files finished: 3\/3 files, 0 failed/);
    expect(out).not.toContain('{"level"');
    expect(out.match(/^ingested {2}\S+ → level2 KLOT2022031\d_000842/gm)).toHaveLength(3);
    expect(out).toMatch(/3 ingested, 0 unchanged, 0 failed/);
  });

  it('keeps JSON logs with LOG_FORMAT=json', () => {
    const out = onTerminal(['ingest', 'files', volumePath], { RADOME_DATA_DIR: join(scratch, 'tty-json'), LOG_FORMAT: 'json' });
    expect(out).toMatch(/\{"level":30,.*"msg":"ingested level2 KLOT20220317_000842/);
  });
});

describe('off a terminal', () => {
  it('logs JSON lines and draws no bar', async () => {
    const run = await runRadome(['ingest', 'files', join(scratch, 'folder')], { RADOME_DATA_DIR: join(scratch, 'pipe') });
    expect(run.code).toBe(0);
    expect(run.stderr).not.toMatch(/\[#+/);
    const lines = run.stderr.trim().split('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
  });
});

describe('radome ingest files of a 1995 volume with a blank ICAO', () => {
  it('takes the site from the file name', async () => {
    const dir = join(scratch, '1995');
    mkdirSync(dir);
    const file = join(dir, 'KTLX19950601_000209.gz');
    writeFileSync(file, encodeArchiveII(volume1({ site: '', version: 'ARCHIVE2.', volumeStart: Date.UTC(1995, 5, 1, 0, 2, 9), gzip: true })));
    const run = await runRadome(['ingest', 'files', file], { RADOME_DATA_DIR: join(scratch, 'era') });
    expect(run.stdout).toContain(`ingested  ${file} → level2 KTLX19950601_000209 (`);
    expect(run.code).toBe(0);
  });
});

describe.skipIf(process.platform !== 'linux')("libuv's pool in a radome process", () => {
  /** Threads libuv's pool started with in `radome ingest files <volume>` (whose durable put flushes on the pool). */
  const poolThreads = (env: Record<string, string | undefined>): number => {
    const run = spawnSync(process.execPath, ['--import', join(repoRoot, 'test', 'e2e', 'fixtures', 'thread-pool-size.mjs'), BIN, 'ingest', 'files', volumePath], {
      cwd: repoRoot,
      env: { ...process.env, UV_THREADPOOL_SIZE: undefined, ...env },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    const m = /^LIBUV-POOL-THREADS (\d+)$/m.exec(run.stderr);
    if (!m) throw new Error(`no LIBUV-POOL-THREADS line: ${run.stderr}`);
    return Number(m[1]);
  };

  it('has THREAD_POOL_SIZE threads (a put flushes many files at once), set before the pool starts', () => {
    expect(poolThreads({ RADOME_DATA_DIR: join(scratch, 'pool-default') })).toBe(THREAD_POOL_SIZE);
  });

  it('keeps the size the user set in UV_THREADPOOL_SIZE', () => {
    expect(poolThreads({ RADOME_DATA_DIR: join(scratch, 'pool-user'), UV_THREADPOOL_SIZE: '6' })).toBe(6);
  });
});
