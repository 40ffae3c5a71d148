/**
 * End-to-end Level 3 ingest figure for bench/level3.ts: per product, the whole in-process path —
 * decode, render PNG, JSON, object writes (FileObjectStore in a temp dir) and the catalog commit
 * (real SQLite) — as `radome ingest files` runs it (ingestObject), at the default render size.
 */
import { parseProductId } from '../core/vocabulary/index.js';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pino } from 'pino';
import { loadConfig } from '../core/config.js';
import { ingestObject, type IngestContext } from '../ingest/ingest-object.js';
import type { ObjectSource, SourceObject } from '../ingest/sources/types.js';
import { openCatalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/index.js';
import { median } from './harness.js';

export interface IngestTiming {
  file: string;
  /** Median ms of one ingest of this file. */
  ms: number;
  rendered: boolean;
}

/** Median end-to-end ms per file; each run ingests every file afresh (new fingerprint), interleaved. */
export async function measureLevel3Ingest(dataDir: string, files: string[], runs: number, warmup: number): Promise<{ renderSize: number; timings: IngestTiming[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-bench-l3-'));
  const renderSize = loadConfig({}).renderSize;
  const catalog = await openCatalog(join(dir, 'catalog.db'));
  try {
    const ctx: IngestContext = { catalog, objects: new FileObjectStore(join(dir, 'objects')), renderSize, log: pino({ level: 'silent' }) };
    const bytes = new Map(files.map((f) => [f, readFileSync(join(dataDir, f))]));
    const source: ObjectSource = { id: 'bench', fetch: async (o: SourceObject) => bytes.get(o.key)! };
    const times = new Map(files.map((f) => [f, [] as number[]]));
    const rendered = new Map<string, boolean>();
    for (let run = -warmup; run < runs; run++) {
      for (const file of files) {
        const object: SourceObject = { source: 'bench', key: file, size: bytes.get(file)!.length, fingerprint: `run${run}` };
        const t0 = performance.now();
        const outcome = await ingestObject(ctx, source, object);
        const ms = performance.now() - t0;
        if (outcome.status !== 'ingested') throw new Error(`bench ingest of ${file}: ${outcome.status === 'failed' ? outcome.error.message : outcome.status}`);
        if (run >= 0) times.get(file)!.push(ms);
        rendered.set(file, (await catalog.reader.products.byIds([parseProductId(outcome.id, file)]))[0]!.imageKey !== null);
      }
    }
    return { renderSize, timings: files.map((file) => ({ file, ms: median(times.get(file)!), rendered: rendered.get(file)! })) };
  } finally {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
