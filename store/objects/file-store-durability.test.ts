import { mkdtempSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { FileObjectStore } from './file-store.js';

// The inodes the store fsyncs (folders: fdatasync is what it calls for files). A power loss can
// only be simulated by the kernel, so this checks the calls that make a put's renames durable.
const fsynced = vi.hoisted(() => [] as number[]);
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs')>();
  const fsync = (fd: number, done: (e: NodeJS.ErrnoException | null) => void): void => {
    fsynced.push(fs.fstatSync(fd).ino);
    fs.fsync(fd, done);
  };
  return { ...fs, default: { ...fs, fsync }, fsync };
});

const body = new TextEncoder().encode('{"a":1}');

describe('FileObjectStore durability of renames', () => {
  beforeEach(() => {
    fsynced.length = 0;
  });

  it('flushes the folder a staged folder is renamed into, and the folder a file is renamed into', async () => {
    const root = mkdtempSync(join(tmpdir(), 'radome-durable-'));
    const store = new FileObjectStore(root);
    // "radar/…" does not exist yet: written in a staged folder, renamed into the root.
    await store.putMany([
      { key: 'radar/KLOT/a.json', body, contentType: 'application/json' },
      { key: 'radar/KLOT/b.json', body, contentType: 'application/json' },
    ]);
    expect(fsynced).toContain(statSync(root).ino);
    fsynced.length = 0;
    // The folder exists now: a temp file renamed into it.
    await store.put('radar/KLOT/c.json', body, 'application/json');
    expect(fsynced).toEqual([statSync(join(root, 'radar', 'KLOT')).ino]);
    expect(await store.get('radar/KLOT/c.json')).not.toBeNull();
  });

  it('flushes no folder when the store is not durable', async () => {
    const store = new FileObjectStore(mkdtempSync(join(tmpdir(), 'radome-durable-')), { durable: false });
    await store.putMany([{ key: 'x/y.json', body, contentType: 'application/json' }]);
    await store.put('x/z.json', body, 'application/json');
    expect(fsynced).toEqual([]);
  });
});
