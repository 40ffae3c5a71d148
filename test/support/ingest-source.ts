// Every file of a memory source through the real ingest (decode → plan → objects → SQLite), each
// required to be ingested: the setup of the server tests over encoder-made and real data.
import { pino } from 'pino';
import { expect } from 'vitest';
import { ingestObject } from '../../ingest/ingest-object.js';
import { openCatalog } from '../../store/catalog/index.js';
import type { ObjectStore } from '../../store/types.js';
import type { MemorySource } from './memory-source.js';

export async function ingestEveryFile(catalogPath: string, objects: ObjectStore, source: MemorySource): Promise<void> {
  const writer = await openCatalog(catalogPath);
  try {
    const ctx = { catalog: writer, objects, renderSize: 64, log: pino({ level: 'silent' }) };
    for (const key of source.files.keys()) {
      const outcome = await ingestObject(ctx, source, source.object(key));
      expect(outcome.status, `${key} ${outcome.status === 'failed' ? outcome.error.message : ''}`).toBe('ingested');
    }
  } finally {
    await writer.close();
  }
}
