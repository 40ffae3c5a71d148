// A real PostgreSQL server for tests, from Debian's `postgresql` package (/usr/lib/postgresql/<v>/bin):
// initdb on a temporary data folder, started on 127.0.0.1 at a free port with its unix socket in
// that folder, stopped and removed afterwards. Each test file starts its own and creates the
// databases it needs.
//
// PostgreSQL refuses to run as root, and CI and this machine run tests as root: then initdb and
// postgres run as an unprivileged user (Debian's `postgres` user where the package created it,
// else `nobody`) through util-linux's setpriv, which execs in place, so the child process is the
// server itself and stopping it is one signal.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';

const DEBIAN_ROOT = '/usr/lib/postgresql';

/** The newest installed server's bin folder, or null. */
export function postgresBinDir(): string | null {
  if (process.env.RADOME_PG_BIN) return process.env.RADOME_PG_BIN;
  if (!existsSync(DEBIAN_ROOT)) return null;
  const versions = readdirSync(DEBIAN_ROOT)
    .filter((v) => existsSync(join(DEBIAN_ROOT, v, 'bin', 'postgres')) && existsSync(join(DEBIAN_ROOT, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(DEBIAN_ROOT, versions[0]!, 'bin') : null;
}

/**
 * Why PostgreSQL tests cannot run here, or null when they can. In CI (process.env.CI) missing
 * binaries are a failure, never a skip: this throws.
 */
export function postgresSkipReason(): string | null {
  if (postgresBinDir()) return null;
  const reason = `no PostgreSQL server binaries under ${DEBIAN_ROOT}/*/bin (install Debian's postgresql package, or set RADOME_PG_BIN)`;
  if (process.env.CI) throw new Error(`CI must run the PostgreSQL tests: ${reason}`);
  return reason;
}

/** uid/gid to run the server as when we are root. */
function serverUser(): { uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const name of ['postgres', 'nobody']) {
    try {
      const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8' }).trim());
      const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8' }).trim());
      return { uid, gid };
    } catch {}
  }
  throw new Error('running as root, and neither a postgres nor a nobody user exists to run PostgreSQL as');
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

function command(bin: string, args: string[], user: { uid: number; gid: number } | null): [string, string[]] {
  return user ? ['setpriv', [`--reuid=${user.uid}`, `--regid=${user.gid}`, '--clear-groups', '--', bin, ...args]] : [bin, args];
}

export interface PostgresServer {
  readonly port: number;
  /** URL of one database on this server. */
  url(database: string): string;
  /** Creates a fresh database (name unique per call) and returns its URL. */
  createDatabase(prefix?: string): Promise<string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}

const USER = 'radome';

/**
 * A server for the calling suite: started before its tests (beforeAll), stopped after them
 * (afterAll). Call it inside a describe block; the getter returns the running server.
 */
export function usePostgres(): () => PostgresServer {
  let server: PostgresServer | undefined;
  beforeAll(async () => {
    server = await startPostgres();
  }, 60_000);
  afterAll(async () => {
    await server?.stop();
  });
  return () => {
    if (!server) throw new Error('the PostgreSQL server has not started (usePostgres is for inside a describe block)');
    return server;
  };
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = postgresBinDir();
  if (!bin) throw new Error(postgresSkipReason() ?? 'no PostgreSQL binaries');
  const user = serverUser();
  const root = mkdtempSync(join(tmpdir(), 'radome-pg-'));
  const data = join(root, 'data');
  const socket = join(root, 'socket');
  mkdirSync(data);
  mkdirSync(socket);
  if (user) {
    chmodSync(root, 0o755);
    chownSync(data, user.uid, user.gid);
    chownSync(socket, user.uid, user.gid);
  }
  const [initdb, initArgs] = command(join(bin, 'initdb'), ['-D', data, '-U', USER, '-A', 'trust', '-E', 'UTF8', '--no-locale', '--no-sync'], user);
  execFileSync(initdb, initArgs, { stdio: 'pipe' });

  const port = await freePort();
  // Durability is not what tests check: no fsync, no full-page writes.
  const [postgres, args] = command(
    join(bin, 'postgres'),
    ['-D', data, '-h', '127.0.0.1', '-p', String(port), '-k', socket, '-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off', '-c', 'max_connections=100'],
    user,
  );
  const child: ChildProcess = spawn(postgres, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = (database: string) => `postgres://${USER}@127.0.0.1:${port}/${database}`;

  const deadline = Date.now() + 30_000;
  for (;;) {
    const client = new pg.Client({ connectionString: url('postgres') });
    try {
      await client.connect();
      await client.end();
      break;
    } catch {
      await client.end().catch(() => {});
      if (child.exitCode !== null || Date.now() > deadline) {
        child.kill('SIGKILL');
        rmSync(root, { recursive: true, force: true });
        throw new Error(`PostgreSQL did not start: ${log}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  let databases = 0;
  return {
    port,
    url,
    async createDatabase(prefix = 'radome') {
      const name = `${prefix}_${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: url('postgres') });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return url(name);
    },
    async stop() {
      // SIGINT: "fast" shutdown, which disconnects clients rather than waiting for them.
      if (child.exitCode === null) child.kill('SIGINT');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
      rmSync(root, { recursive: true, force: true });
    },
  };
}
