// Shared by the ingest daemon tests: real-derived Level 2 backlogs, the `radome ingest run`
// process, and snapshots of catalog + object store to compare runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { splitArchiveIIRecords } from '../../ingest/decode/level2/index.js';
import { openObjectStore } from '../../store/objects/index.js';
import { repoRoot } from '../sample-data.js';
import { S3RVER_CREDENTIALS } from '../support/s3-server.js';
import { catalogRows, testCatalogLocation } from '../support/test-catalog.js';

const BIN = join(repoRoot, 'bin', 'radome.js');

/**
 * The real volume under another start time: the 24-byte header's date and time rewritten (so the
 * volume id and every object key differ) and cut after `records` LDM records (a few cuts, so a
 * backlog of dozens stays quick to ingest). The radials inside are the real ones.
 */
export function shiftedVolume(real: Uint8Array, time: number, records: number): Uint8Array {
  const { offsets } = splitArchiveIIRecords(real);
  const out = Uint8Array.from(real.subarray(0, offsets[Math.min(records, offsets.length - 1)]));
  const dv = new DataView(out.buffer);
  dv.setUint32(12, Math.floor(time / 86_400_000) + 1);
  dv.setUint32(16, time % 86_400_000);
  return out;
}

export interface DaemonEnv {
  dataDir: string;
  /** The catalog's location (RADOME_CATALOG): the data dir's catalog.db, or a fresh PostgreSQL database with RADOME_TEST_CATALOG=postgres. */
  catalog: string;
  env: Record<string, string>;
}

/**
 * A data dir and catalog, with a radome.config.json following KLOT on the s3rver bucket every second, and the
 * environment for `radome` processes; objects go to `objectsUrl`.
 */
export async function daemonEnv(
  endpoint: string,
  bucket: string,
  objectsUrl: (dataDir: string) => string,
  config: Record<string, unknown> = {},
  extraEnv: Record<string, string> = {},
): Promise<DaemonEnv> {
  const dataDir = mkdtempSync(join(tmpdir(), 'radome-daemon-'));
  const catalog = await testCatalogLocation(join(dataDir, 'catalog.db'));
  const file = join(dataDir, 'radome.config.json');
  writeFileSync(
    file,
    JSON.stringify({
      ingest: { workers: 2, downloads: 3, maxAttempts: 5 },
      sources: { level2: { sites: ['KLOT'], every: 'PT1S', window: 'P2D' } },
      ...config,
    }),
  );
  return {
    dataDir,
    catalog,
    env: {
      RADOME_DATA_DIR: dataDir,
      RADOME_CATALOG: catalog,
      RADOME_CONFIG: file,
      RADOME_OBJECTS: objectsUrl(dataDir),
      RADOME_LEVEL2_BUCKET: bucket,
      RADOME_LEVEL2_ENDPOINT: endpoint,
      RADOME_RENDER_SIZE: '64',
      AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
      AWS_REGION: 'us-east-1',
      LOG_LEVEL: 'info',
      ...extraEnv,
    },
  };
}

export interface DaemonProcess {
  child: ChildProcess;
  logs(): string;
  /** SIGTERM, then the exit code (or the name of the signal that ended the process). */
  stop(): Promise<number | string>;
  /** SIGKILL (no cleanup at all). */
  kill(): Promise<void>;
}

export function startDaemon(env: Record<string, string>, args = ['ingest', 'run']): DaemonProcess {
  const child = spawn(process.execPath, [BIN, ...args], { cwd: repoRoot, env: { ...process.env, ...env } });
  let logs = '';
  child.stderr!.on('data', (d) => (logs += d));
  child.stdout!.on('data', (d) => (logs += d));
  const exited = new Promise<number | string>((resolve) => child.once('close', (code, signal) => resolve(code ?? signal ?? 'unknown')));
  return {
    child,
    logs: () => logs,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

/** Polls `check` every 200 ms until it is true; throws after `timeoutMs` with `what`. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string | Promise<string>): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${await what()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Rows of `sql` on the run's catalog, on either engine (see catalogRows). */
export const query = catalogRows;

export async function volumeCount(catalog: string): Promise<number> {
  return (await query<{ n: number }>(catalog, 'SELECT COUNT(*) AS n FROM volumes'))[0]?.n ?? 0;
}

export interface Snapshot {
  volumes: unknown[];
  sweeps: unknown[];
  sourceFiles: unknown[];
  /** Object key → size and ETag (content hash), quarantine excluded. */
  objects: Record<string, string>;
  /** Keys rows point at that the store lacks. */
  missingObjects: string[];
  /** Objects in the store no row points at (a volume's row owns every object of its sweep store). */
  orphanObjects: string[];
}

/** Everything a run leaves, minus times of ingest (which differ between runs by nature). */
export async function snapshot(catalog: string, objectsUrl: string): Promise<Snapshot> {
  const volumes = await query(catalog, 'SELECT id, site, scan_start, scan_end, vcp, sweep_count, source, source_key, source_size, source_fingerprint FROM volumes ORDER BY id');
  const sweeps = await query<Record<string, unknown>>(catalog, 'SELECT * FROM sweeps ORDER BY id');
  const sourceFiles = await query(catalog, 'SELECT source, key, fingerprint, size, volume_id FROM source_files ORDER BY source, key, fingerprint');
  const stores = (await query<{ zarr_key: string }>(catalog, 'SELECT zarr_key FROM volumes WHERE zarr_key IS NOT NULL')).map((v) => `${v.zarr_key}/`);
  // A sweep store is complete once its consolidated metadata is there (written with its chunks, before the rows).
  const referenced = new Set([...sweeps.flatMap((s) => [s.image_key as string, s.metadata_key as string]), ...stores.map((p) => `${p}.zmetadata`)]);
  const inStore = (key: string) => stores.some((p) => key.startsWith(p));
  const store = openObjectStore(objectsUrl);
  const objects: Record<string, string> = {};
  for await (const o of store.list('')) if (!o.key.startsWith('quarantine/')) objects[o.key] = `${o.size}:${o.etag}`;
  return {
    volumes,
    sweeps,
    sourceFiles,
    objects,
    missingObjects: [...referenced].filter((k) => !(k in objects)).sort(),
    orphanObjects: Object.keys(objects)
      .filter((k) => !referenced.has(k) && !inStore(k))
      .sort(),
  };
}

/**
 * The crash tests' verdict: a run that was killed and restarted (`crashed`) left exactly what an
 * uninterrupted one (`reference`) did, `files` volumes of it: nothing lost, nothing twice, no row
 * without its object, no object without its row, no failure recorded.
 */
export async function expectSameIngest(reference: DaemonEnv, crashed: DaemonEnv, objectsUrl: (dataDir: string) => string, files: number): Promise<void> {
  const want = await snapshot(reference.catalog, objectsUrl(reference.dataDir));
  const got = await snapshot(crashed.catalog, objectsUrl(crashed.dataDir));
  expect(want.volumes).toHaveLength(files);
  expect(want.sweeps.length).toBeGreaterThan(files);
  expect(want.missingObjects).toEqual([]);
  expect(want.orphanObjects).toEqual([]);
  expect(got.missingObjects).toEqual([]);
  expect(got.orphanObjects).toEqual([]);
  expect(got.volumes).toEqual(want.volumes);
  expect(got.sweeps).toEqual(want.sweeps);
  expect(got.sourceFiles).toEqual(want.sourceFiles);
  expect(got.objects).toEqual(want.objects);
  expect(await query(crashed.catalog, 'SELECT * FROM ingest_failures')).toEqual([]);
}
