import { readFileSync, readdirSync, statSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ObjectSource, SourceObject } from './types.js';

/**
 * Files up to this size are read with one synchronous call. A Level 3 product or an hourly RINEX
 * file takes a few microseconds to read from the page cache, while the asynchronous read costs four
 * hops to libuv's thread pool (open, stat, read, close), each dearer in CPU than the call it
 * carries; larger files (Level 2 volumes) are read asynchronously, so a cold disk never stalls the
 * event loop for long.
 */
const SYNC_READ_MAX_BYTES = 1 << 20;

/** Files on local disk; a folder is walked recursively, hidden files skipped. */
export class LocalFileSource implements ObjectSource {
  readonly id = 'local';

  async *list(paths: string[]): AsyncGenerator<SourceObject> {
    for (const p of paths) yield* this.walk(resolve(p));
  }

  // Listing is metadata from the kernel's caches: synchronous calls, for the reason above.
  private *walk(path: string): Generator<SourceObject> {
    const info = statSync(path);
    if (info.isDirectory()) {
      const names = readdirSync(path)
        .filter((n) => !n.startsWith('.'))
        .sort();
      for (const name of names) yield* this.walk(join(path, name));
    } else if (info.isFile()) {
      yield { source: this.id, key: path, size: info.size, fingerprint: `size:${info.size}:${Math.trunc(info.mtimeMs)}` };
    }
  }

  async fetch(object: SourceObject): Promise<Uint8Array> {
    return object.size <= SYNC_READ_MAX_BYTES ? readFileSync(object.key) : readFile(object.key);
  }
}
