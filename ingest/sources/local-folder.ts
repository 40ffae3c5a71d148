import { readFile, readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { ObjectSource, SourceObject } from './types.js';

/** Files on local disk; a folder is walked recursively, hidden files skipped. */
export class LocalFileSource implements ObjectSource {
  readonly id = 'local';

  async *list(paths: string[]): AsyncGenerator<SourceObject> {
    for (const p of paths) yield* this.walk(resolve(p));
  }

  private async *walk(path: string): AsyncGenerator<SourceObject> {
    const info = await stat(path);
    if (info.isDirectory()) {
      const names = (await readdir(path)).filter((n) => !n.startsWith('.')).sort();
      for (const name of names) yield* this.walk(join(path, name));
    } else if (info.isFile()) {
      yield { source: this.id, key: path, size: info.size, fingerprint: `size:${info.size}:${Math.trunc(info.mtimeMs)}` };
    }
  }

  async fetch(object: SourceObject): Promise<Uint8Array> {
    return readFile(object.key);
  }
}
