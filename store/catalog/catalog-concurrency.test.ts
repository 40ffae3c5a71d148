import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { openCatalog } from './index.js';
import { repoRoot } from '../../test/sample-data.js';
import { makeVolume, tempDbPath, volumeSchedule } from '../../test/store/catalog-fixtures.js';

const VITE_NODE = createRequire(import.meta.url).resolve('vite-node/cli');
const VOLUMES = 150;
const SWEEPS_PER_VOLUME = 9;

describe('one writer and a reader in another process (WAL)', () => {
  it('the reader never gets SQLITE_BUSY, never sees half a commit, and sees every commit', async () => {
    const path = tempDbPath();
    const writer = await openCatalog(path);
    const reader = spawn(process.execPath, [VITE_NODE, 'test/store/catalog-reader-process.ts'], {
      cwd: repoRoot,
      env: { ...process.env, RADOME_TEST_DB: path, RADOME_TEST_VOLUMES: String(VOLUMES), RADOME_TEST_SWEEPS_PER_VOLUME: String(SWEEPS_PER_VOLUME) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    reader.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    reader.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => reader.on('exit', resolve));
    await new Promise<void>((resolve, reject) => {
      const poll = setInterval(() => {
        if (stdout.includes('ready\n')) {
          clearInterval(poll);
          resolve();
        } else if (reader.exitCode !== null) {
          clearInterval(poll);
          reject(new Error(`reader exited early: ${stderr}`));
        }
      }, 20);
    });

    for (const spec of volumeSchedule(VOLUMES)) {
      await writer.writer.radar.commitVolume(makeVolume(spec));
      await new Promise((r) => setTimeout(r, 2)); // let the reader interleave
    }
    await writer.close();
    expect(await exited, stderr).toBe(0);
    const result = JSON.parse(stdout.trim().split('\n').at(-1)!) as { reads: number; errors: string[]; torn: number; backwards: number; counts: number; last: number };
    expect(result.errors).toEqual([]);
    expect(result.torn).toBe(0);
    expect(result.backwards).toBe(0);
    expect(result.last).toBe(VOLUMES);
    // It really read while the writer was committing, not only at the end.
    expect(result.counts).toBeGreaterThan(5);
    expect(result.reads).toBeGreaterThan(20);
  });
});
