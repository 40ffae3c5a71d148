import { CreateBucketCommand, type S3Client } from '@aws-sdk/client-s3';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createS3Client } from '../../store/objects/s3-client.js';

/** s3rver's built-in test credentials (not secrets: it accepts only these by default). */
export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' } as const;

export interface S3TestServer {
  /** e.g. http://127.0.0.1:40123 */
  endpoint: string;
  port: number;
  /** s3rver's data folder (removed by stop()). */
  dir: string;
  /** Kills the server, waits for it to exit and removes its folder. */
  stop(): Promise<void>;
  /** Kills the server and starts it again on the same port and folder (objects survive). */
  restart(): Promise<void>;
  /** Kills the server but keeps the folder, to test an unreachable store; restart() revives it. */
  kill(): Promise<void>;
}

const require = createRequire(import.meta.url);
const S3RVER_BIN = require.resolve('s3rver/bin/s3rver.js');
const READY = /listening on 127\.0\.0\.1:(\d+)/;
const START_TIMEOUT_MS = 20_000;

/**
 * Spawns s3rver 3.7.1 in a child process. It needs `--openssl-legacy-provider` (Node 24 and 26 too): it
 * makes listing continuation tokens with DES, which OpenSSL 3 disables (listings that need a
 * second page fail with 500 otherwise). It prints its address even with --silent.
 */
function spawnS3rver(dir: string, port: number): Promise<{ child: ChildProcess; port: number }> {
  const child = spawn(process.execPath, ['--openssl-legacy-provider', S3RVER_BIN, '-d', dir, '-a', '127.0.0.1', '-p', String(port), '--silent'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`s3rver did not report its port within ${START_TIMEOUT_MS} ms; output: ${output}`));
    }, START_TIMEOUT_MS);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = READY.exec(output);
      if (m) {
        clearTimeout(timer);
        child.stdout!.off('data', onData);
        child.stderr!.off('data', onData);
        child.stdout!.resume();
        child.stderr!.resume();
        child.off('exit', onExit);
        resolve({ child, port: Number(m[1]) });
      }
    };
    const onExit = (code: number | null, signal: string | null) => {
      clearTimeout(timer);
      reject(new Error(`s3rver exited (${code ?? signal}) before listening; output: ${output}`));
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', onExit);
  });
}

function killAndWait(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/** Starts s3rver on a free loopback port with the given buckets created. */
export async function startS3Server(options: { buckets?: string[] } = {}): Promise<S3TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'radome-s3rver-'));
  let { child, port } = await spawnS3rver(dir, 0);
  const endpoint = `http://127.0.0.1:${port}`;
  const client = s3TestClient(endpoint);
  try {
    for (const bucket of options.buckets ?? []) await client.send(new CreateBucketCommand({ Bucket: bucket }));
  } catch (e) {
    await killAndWait(child);
    await rm(dir, { recursive: true, force: true });
    throw e;
  } finally {
    client.destroy();
  }
  return {
    endpoint,
    port,
    dir,
    async stop() {
      await killAndWait(child);
      await rm(dir, { recursive: true, force: true });
    },
    async kill() {
      await killAndWait(child);
    },
    async restart() {
      await killAndWait(child);
      ({ child } = await spawnS3rver(dir, port));
    },
  };
}

/** A client for s3rver: its credentials, path-style addressing, at most two attempts. */
export function s3TestClient(endpoint: string): S3Client {
  return createS3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: { ...S3RVER_CREDENTIALS }, maxAttempts: 2 });
}
