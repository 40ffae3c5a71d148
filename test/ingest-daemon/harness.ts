// Shared by the ingest daemon tests: real-derived Level 2 backlogs, the `radome ingest run`
// process, and snapshots of catalog + object store to compare runs.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { splitArchiveIIRecords } from '../../ingest/decode/level2/index.js';
import { openObjectStore } from '../../store/objects/index.js';
import { repoRoot } from '../sample-data.js';
import { S3RVER_CREDENTIALS } from '../support/s3-server.js';

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
  env: Record<string, string>;
}

/**
 * A data dir with a radome.config.json following KLOT on the s3rver bucket every second, and the
 * environment for `radome` processes; objects go to `objectsUrl`.
 */
export function daemonEnv(endpoint: string, bucket: string, objectsUrl: (dataDir: string) => string, config: Record<string, unknown> = {}, extraEnv: Record<string, string> = {}): DaemonEnv {
  const dataDir = mkdtempSync(join(tmpdir(), 'radome-daemon-'));
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
    env: {
      RADOME_DATA_DIR: dataDir,
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
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, what: () => string): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (await check()) return;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what()}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** Reads the catalog with plain SQLite (never blocks the daemon's writes: WAL). */
export function query<T>(dataDir: string, sql: string, ...params: unknown[]): T[] {
  if (!existsSync(join(dataDir, 'catalog.db'))) return [];
  const db = new Database(join(dataDir, 'catalog.db'), { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    return db.prepare(sql).all(...params) as T[];
  } catch (e) {
    if (/no such table/.test(String(e))) return [];
    throw e;
  } finally {
    db.close();
  }
}

export function volumeCount(dataDir: string): number {
  try {
    return query<{ n: number }>(dataDir, 'SELECT COUNT(*) AS n FROM volumes')[0]?.n ?? 0;
  } catch {
    return 0;
  }
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
export async function snapshot(dataDir: string, objectsUrl: string): Promise<Snapshot> {
  const volumes = query(dataDir, 'SELECT id, site, scan_start, scan_end, vcp, sweep_count, source, source_key, source_size, source_fingerprint FROM volumes ORDER BY id');
  const sweeps = query<Record<string, unknown>>(dataDir, 'SELECT * FROM sweeps ORDER BY id');
  const sourceFiles = query(dataDir, 'SELECT source, key, fingerprint, size, volume_id FROM source_files ORDER BY source, key, fingerprint');
  const stores = query<{ zarr_key: string }>(dataDir, 'SELECT zarr_key FROM volumes WHERE zarr_key IS NOT NULL').map((v) => `${v.zarr_key}/`);
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
