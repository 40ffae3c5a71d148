import type { ObjectSource, SourceObject } from '../../ingest/sources/types.js';

/** Files served from memory through the ObjectSource interface (nothing stubbed behind it). */
export class MemorySource implements ObjectSource {
  readonly id = 'memory';
  readonly files = new Map<string, Uint8Array>();

  object(key: string): SourceObject {
    const body = this.files.get(key)!;
    return { source: this.id, key, size: body.length, fingerprint: `size:${body.length}` };
  }

  /** A copy, as a real source's fresh bytes: the caller owns them (a plan pool moves them). */
  async fetch(object: SourceObject): Promise<Uint8Array> {
    return this.files.get(object.key)!.slice();
  }
}
