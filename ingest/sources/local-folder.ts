import { readFileSync, readdirSync, type Stats, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { RadomeError } from '../../core/errors.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

/**
 * Files up to this size are read with one synchronous call. A Level 3 product or an hourly RINEX
 * file takes a few microseconds to read from the page cache, while the asynchronous read costs four
 * hops to libuv's thread pool (open, stat, read, close), each dearer in CPU than the call it
 * carries; larger files (Level 2 volumes) are read asynchronously, so a cold disk never stalls the
 * event loop for long.
 */
const SYNC_READ_MAX_BYTES = 1 << 20;

/**
 * Files on local disk (`radome ingest files`, and the `local` source of the daemon and `ingest once`);
 * a folder is walked recursively, hidden files skipped. A path that does not exist or cannot be read
 * is a BAD_INPUT error naming it.
 */
export class LocalFileSource implements ObjectSource {
  readonly id = 'local';

  /** Every file under `paths`, or with a window only those modified in it (a file's name states no time). */
  async *list(paths: string[], window?: TimeWindow): AsyncGenerator<SourceObject> {
    for (const p of paths) yield* this.walk(resolve(p), window);
  }

  // Listing is metadata from the kernel's caches: synchronous calls, for the reason above.
  private *walk(path: string, window: TimeWindow | undefined): Generator<SourceObject> {
    const info = statOrFail(path);
    if (info.isDirectory()) {
      const names = readdirSync(path)
        .filter((n) => !n.startsWith('.'))
        .sort();
      for (const name of names) yield* this.walk(join(path, name), window);
    } else if (info.isFile() && (!window || (info.mtimeMs >= window.from && info.mtimeMs < window.to))) {
      yield { source: this.id, key: path, size: info.size, fingerprint: `size:${info.size}:${Math.trunc(info.mtimeMs)}` };
    }
  }

  async fetch(object: SourceObject): Promise<Uint8Array> {
    return object.size <= SYNC_READ_MAX_BYTES ? readFileSync(object.key) : readFile(object.key);
  }
}

function statOrFail(path: string): Stats {
  try {
    return statSync(path);
  } catch (e) {
    const { code } = e as NodeJS.ErrnoException;
    if (code === 'ENOENT' || code === 'EACCES' || code === 'ENOTDIR') {
      throw new RadomeError('BAD_INPUT', code === 'EACCES' ? 'permission denied' : 'no such file or folder', { file: path, cause: e });
    }
    throw e;
  }
}
