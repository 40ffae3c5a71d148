// A radome server over data that went through the real ingest path (ingestObject: decode → render →
// objects → catalog) for the SDK tests: synthetic Level 2 volumes and Level 3 products made by the
// project's own encoders, and a synthetic RINEX file, in a temp catalog + FileObjectStore.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { ingestObject } from '../../ingest/ingest-object.js';
import { createRadomeServer, type RadomeServerOptions } from '../../server/index.js';
import { openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeArchiveII } from '../fixtures/archive2-encoder.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { T0, volume31 } from '../level2/synthetic-volumes.js';
import { accumulationProduct, hydrometeorProduct, SCAN_TIME } from '../level3-ingest/synthetic-products.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { MemorySource } from '../support/memory-source.js';

export const VOLUME_COUNT = 4;
/** Sweeps per synthetic volume: cut 1 REF ZDR PHI RHO CFP, cut 2 REF VEL SW, cut 3 REF VEL. */
export const SWEEPS_PER_VOLUME = 10;
export const VOLUME_EVERY_MS = 300_000;
export const HYDROMETEOR_HOURS = 3;
export { T0 as LEVEL2_T0, SCAN_TIME as LEVEL3_T0 };

/** Volume i of KLOT: the synthetic message 31 volume moved i × 5 minutes later. */
function level2Volume(i: number): Uint8Array {
  const base = volume31();
  const shift = i * VOLUME_EVERY_MS;
  return encodeArchiveII({
    ...base,
    volumeStart: base.volumeStart + shift,
    sweeps31: base.sweeps31!.map((s) => ({ ...s, times: s.times.map((t) => t + shift) })),
  });
}

export interface IngestedServer {
  url: string;
  graphqlUrl: string;
  dir: string;
  /** Ingests synthetic Level 2 volume number `i` (≥ VOLUME_COUNT for a new one) while the server runs. */
  ingestVolume(i: number): Promise<void>;
  close(): Promise<void>;
}

export async function startIngestedServer(options: Partial<RadomeServerOptions> = {}): Promise<IngestedServer> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-sdk-'));
  const catalogPath = join(dir, 'catalog.db');
  const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
  const source = new MemorySource();
  for (let i = 0; i < VOLUME_COUNT; i++) source.files.set(`level2-${i}`, level2Volume(i));
  for (let h = 0; h < HYDROMETEOR_HOURS; h++) source.files.set(`n0h-${h}`, hydrometeorProduct({ scanTime: SCAN_TIME + h * 3_600_000 }));
  source.files.set('daa', accumulationProduct());
  source.files.set('rinex', writeRinexObs(syntheticObsSpec({ version: 3, epochs: 100, seed: 3 })));

  const ingest = async (keys: Iterable<string>) => {
    const writer = await openCatalog(catalogPath);
    try {
      const ctx = { catalog: writer, objects, renderSize: 64, log: pino({ level: 'silent' }) };
      for (const key of keys) {
        const outcome = await ingestObject(ctx, source, source.object(key));
        if (outcome.status !== 'ingested') throw new Error(`ingesting ${key}: ${outcome.status === 'failed' ? outcome.error.message : outcome.status}`);
      }
    } finally {
      await writer.close();
    }
  };
  await ingest(source.files.keys());

  const catalog = await openReadOnlyCatalog(catalogPath);
  const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: () => {}, ...options }).listen(0, '127.0.0.1');
  return {
    url: listening.url,
    graphqlUrl: `${listening.url}/graphql`,
    dir,
    async ingestVolume(i) {
      source.files.set(`level2-${i}`, level2Volume(i));
      await ingest([`level2-${i}`]);
    },
    async close() {
      await listening.close();
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
