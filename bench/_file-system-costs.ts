/**
 * What the file system under a bench's folder charges for what an object store's put does: a new
 * folder, a new file (created, written 14 kB, closed) and a flush of it. Printed beside the
 * sweep store's put, which is ~190 new files and ~130 new folders a volume: the same put costs
 * several times more on one file system than another. On ext4 without a journal (the VM this
 * project's CI ran on), allocating an inode skips every inode deleted in the last 60–300 s, so a
 * put right after a large delete (such as the previous bench run's clean-up) pays for each of
 * them; with a journal, XFS or btrfs there is no such scan. `TMPDIR=<folder> npm run bench --
 * zarr` measures on another file system.
 */
import { closeSync, fdatasyncSync, mkdirSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { median } from './harness.js';

export interface FileSystemCosts {
  /** Microseconds a new folder costs (mkdir). */
  folderUs: number;
  /** Microseconds a new 14 kB file costs (create, write, close), unflushed. */
  fileUs: number;
  /** Milliseconds one flush (fdatasync) of a new 14 kB file waits, one at a time. */
  flushMs: number;
}

/** Medians over `rounds` rounds of `perRound` folders, files and flushes made under `dir` (left in place). */
export function fileSystemCosts(dir: string, rounds = 5, perRound = 40): FileSystemCosts {
  const body = new Uint8Array(14_000).fill(7);
  const folderUs: number[] = [];
  const fileUs: number[] = [];
  const flushMs: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const root = join(dir, `round-${r}`);
    mkdirSync(root, { recursive: true });
    let t = performance.now();
    for (let i = 0; i < perRound; i++) mkdirSync(join(root, `d${i}`));
    folderUs.push(((performance.now() - t) * 1000) / perRound);
    const fds: number[] = [];
    t = performance.now();
    for (let i = 0; i < perRound; i++) {
      const fd = openSync(join(root, `d${i}`, 'f'), 'wx', 0o644);
      writeSync(fd, body);
      fds.push(fd);
    }
    fileUs.push(((performance.now() - t) * 1000) / perRound);
    t = performance.now();
    for (const fd of fds) fdatasyncSync(fd);
    flushMs.push((performance.now() - t) / perRound);
    for (const fd of fds) closeSync(fd);
  }
  return { folderUs: median(folderUs), fileUs: median(fileUs), flushMs: median(flushMs) };
}
