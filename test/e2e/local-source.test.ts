// The registered `local` source (core/source-settings.ts + ingest/sources/registry.ts) through the
// real `radome ingest once --source local`: files modified in the window are ingested, the others
// left alone, a second run is a no-op, and a missing folder is a typed error naming it; and the
// daemon following it on its schedule, its paths replaced by the `local.paths` flag.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pino } from 'pino';
import { loadConfig } from '../../core/config.js';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { validateIngestFlag } from '../../core/ingest-flags.js';
import { runIngestDaemon } from '../../ingest/daemon.js';
import { openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { accumulationProduct, hydrometeorProduct } from '../level3-ingest/synthetic-products.js';
import { runRadome } from './radome-process.js';

const IN_WINDOW = Date.UTC(2024, 4, 1, 12, 0, 0);
const BEFORE = Date.UTC(2024, 3, 1, 12, 0, 0);

describe('radome ingest once --source local', () => {
  let dir = '';
  let drop = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-local-once-'));
    // A path with a space and upper-case letters: kept as written, not upper-cased like site ids.
    drop = join(dir, 'Drop Folder');
    mkdirSync(join(drop, 'inner'), { recursive: true });
    const files: [string, Uint8Array, number][] = [
      [join(drop, 'n0h-new'), hydrometeorProduct(), IN_WINDOW],
      [join(drop, 'inner', 'daa-new'), accumulationProduct(), IN_WINDOW + 60_000],
      [join(drop, 'n0h-old'), hydrometeorProduct({ scanTime: Date.UTC(2021, 0, 31, 10, 0, 0) }), BEFORE],
    ];
    for (const [path, bytes, mtime] of files) {
      writeFileSync(path, bytes);
      utimesSync(path, mtime / 1000, mtime / 1000);
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const env = () => ({ RADOME_DATA_DIR: join(dir, 'var'), RADOME_RENDER_SIZE: '64' });
  const args = () => ['ingest', 'once', '--source', 'local', '--path', drop, '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z'];

  it('ingests the files modified in the window and leaves the others', async () => {
    const run = await runRadome(args(), env());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('2 ingested, 0 unchanged, 0 failed');
    const catalog = await openReadOnlyCatalog(join(dir, 'var', 'catalog.db'));
    try {
      const products = (await catalog.reader.products.list({}, { first: 10 })).rows;
      expect(products.map((p) => p.sourceKey).sort()).toEqual([join(drop, 'inner', 'daa-new'), join(drop, 'n0h-new')]);
    } finally {
      await catalog.close();
    }
  });

  it('a second run of the same window ingests nothing again', async () => {
    const run = await runRadome(args(), env());
    expect(run.stdout).toContain('0 ingested, 2 unchanged, 0 failed');
  });

  it('takes the configured paths when --path is not given, and names a missing folder', async () => {
    const missing = join(dir, 'nowhere');
    const run = await runRadome(['ingest', 'once', '--source', 'local', '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z'], { ...env(), RADOME_LOCAL_PATHS: missing });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toContain(`${missing}: no such file or folder`);
    const none = await runRadome(['ingest', 'once', '--source', 'local', '--from', '2024-05-01T00:00:00Z', '--to', '2024-05-02T00:00:00Z'], env());
    expect(none.code).not.toBe(0);
    expect(none.stderr).toContain('--path is required with --source local (a file or folder path), or set RADOME_LOCAL_PATHS');
  });
});

describe('the ingest daemon following the local source', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-local-daemon-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('ingests new files in its folders every pass, and the folders the local.paths flag names instead', async () => {
    const [first, second] = [join(dir, 'first'), join(dir, 'second')];
    mkdirSync(first);
    mkdirSync(second);
    writeFileSync(join(first, 'n0h'), hydrometeorProduct());
    const catalog = await openCatalog(join(dir, 'catalog.db'));
    const ctx = { catalog, objects: new FileObjectStore(join(dir, 'objects'), { durable: false }), renderSize: 64, log: pino({ level: 'silent' }) };
    const daemon = loadDaemonConfig({ RADOME_SOURCES: 'local', RADOME_LOCAL_PATHS: first, RADOME_LOCAL_INTERVAL_SECONDS: '1', RADOME_INGEST_WORKERS: '1' }, dir);
    const stop = new AbortController();
    const running = runIngestDaemon(ctx, loadConfig({ RADOME_DATA_DIR: dir }, dir), stop.signal, daemon);
    const keys = async () => (await catalog.reader.products.list({}, { first: 10 })).rows.map((p) => p.sourceKey).sort();
    const until = async (want: string[]) => {
      for (let i = 0; i < 200 && JSON.stringify(await keys()) !== JSON.stringify(want); i++) await new Promise((r) => setTimeout(r, 100));
      expect(await keys()).toEqual(want);
    };
    try {
      await until([join(first, 'n0h')]);
      // A file dropped later is picked up by a later pass (its modification time is in the window).
      writeFileSync(join(first, 'daa'), accumulationProduct());
      await until([join(first, 'daa'), join(first, 'n0h')]);
      writeFileSync(join(second, 'n0h-other'), hydrometeorProduct({ scanTime: Date.UTC(2021, 0, 31, 9, 0, 0) }));
      await catalog.writer.ingest.setFlag('local.paths', validateIngestFlag('local.paths', second), Date.now());
      await until([join(first, 'daa'), join(first, 'n0h'), join(second, 'n0h-other')]);
      const status = (await catalog.reader.ingest.sources()).find((s) => s.name === 'local');
      expect(status?.lastError ?? null).toBeNull();
    } finally {
      stop.abort();
      await running;
      await catalog.close();
    }
  });
});
