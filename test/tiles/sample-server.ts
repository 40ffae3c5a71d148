// A radome server over the real KLOT sample volume ingested through the real path (ingestObject),
// (overlays, Zarr sweep store, catalog rows), for the tile, value and mosaic tests.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import { ingestObject } from '../../ingest/ingest-object.js';
import { postGraphql } from '../support/radar-fixture.js';
import { level2VolumeId, parseRadarSiteId, type VolumeId } from '../../core/vocabulary/index.js';
import { createRadomeServer, type RadomeServerOptions } from '../../server/index.js';
import { type ReadOnlyCatalog, openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { MemorySource } from '../support/memory-source.js';

export interface SampleServer {
  url: string;
  objects: FileObjectStore;
  catalog: ReadOnlyCatalog;
  /** The Level 2 volume's id; null when the files given hold only Level 3 products. */
  volumeId: VolumeId | null;
  zarrPrefix: string;
  /** POSTs a GraphQL query. */
  graphql<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string; extensions?: Record<string, unknown> }[] }>;
  close(): Promise<void>;
}

/**
 * Ingests the files given (Archive II volumes; Level 3 products under keys starting `level3-`) and
 * serves them; ingest writes each volume's sweep store beside its overlays.
 */
export async function startSampleServer(files: Record<string, Uint8Array>, options: Partial<RadomeServerOptions> = {}): Promise<SampleServer> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-tiles-'));
  const catalogPath = join(dir, 'catalog.db');
  const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
  const source = new MemorySource();
  for (const [key, bytes] of Object.entries(files)) source.files.set(key, bytes);
  const writer = await openCatalog(catalogPath);
  let volumeId: VolumeId | null = null;
  let zarrPrefix = '';
  try {
    const ctx = { catalog: writer, objects, renderSize: 1024, log: pino({ level: 'silent' }) };
    for (const key of source.files.keys()) {
      const outcome = await ingestObject(ctx, source, source.object(key));
      if (outcome.status !== 'ingested') throw new Error(`ingesting ${key}: ${outcome.status === 'failed' ? outcome.error.message : outcome.status}`);
      if (key.startsWith('level3-')) continue;
      const volume = decodeArchiveII(source.files.get(key)!);
      volumeId = level2VolumeId(parseRadarSiteId(volume.site, 'the test volume'), volume.volumeStart);
      zarrPrefix = (await writer.reader.radar.volumesByIds([volumeId]))[0]!.zarrKey!;
    }
  } finally {
    await writer.close();
  }
  const catalog = await openReadOnlyCatalog(catalogPath);
  const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: (e) => console.error(e), ...options }).listen(0, '127.0.0.1');
  return {
    url: listening.url,
    objects,
    catalog,
    volumeId,
    zarrPrefix,
    graphql: async (query, variables) => (await postGraphql(`${listening.url}/graphql`, query, variables)).body as never,
    async close() {
      await listening.close();
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function readSample(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}
