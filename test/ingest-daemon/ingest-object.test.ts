// ingestObject with the plan pool, which takes the fetched bytes (moves them to its thread): a
// file that fails must still be quarantined whole, from the bytes the pool gives back or, when it
// fails after planning, from the source again.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ingestObject, type IngestContext } from '../../ingest/ingest-object.js';
import { createPlanPool, type PlanPool } from '../../ingest/plan-pool.js';
import { type Catalog, openCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { hydrometeorProduct } from '../level3-ingest/synthetic-products.js';
import { MemorySource } from '../support/memory-source.js';
import { testCatalogLocation } from '../support/test-catalog.js';

describe('ingestObject on the plan pool', () => {
  let dir: string;
  let pool: PlanPool;
  const catalogs: Catalog[] = [];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-ingest-object-'));
    pool = createPlanPool(1);
  });

  afterAll(async () => {
    await pool.close();
    for (const c of catalogs) await c.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function context(name: string, objectsRoot: string): Promise<IngestContext> {
    const catalog = await openCatalog(await testCatalogLocation(join(dir, `${name}.db`)));
    catalogs.push(catalog);
    const retry = { attempts: 1, baseDelayMs: 1, maxDelayMs: 1 };
    return { catalog, objects: new FileObjectStore(objectsRoot), renderSize: 64, log: pino({ level: 'silent' }), planFile: pool.planFile, maxAttempts: 1, retry };
  }

  it('quarantines an undecodable file whole, from the bytes the pool gives back', async () => {
    const source = new MemorySource();
    const junk = new Uint8Array(50_000).map((_, i) => (i * 7919) % 251);
    source.files.set('junk', junk);
    const ctx = await context('junk', join(dir, 'junk-objects'));
    const outcome = await ingestObject(ctx, source, source.object('junk'));
    expect(outcome.status).toBe('failed');
    const key = outcome.status === 'failed' ? outcome.quarantineKey : null;
    expect(key).toBe('quarantine/memory/junk');
    expect((await ctx.objects.get(key!))?.body).toEqual(junk);
  });

  it('quarantines a file given up on after planning (its objects cannot be written) as fetched again', async () => {
    const source = new MemorySource();
    const product = hydrometeorProduct();
    source.files.set('n0h', product);
    const root = join(dir, 'clash-objects');
    const ctx = await context('clash', root);
    // A plain file where the product's objects need a folder: the store refuses them (not transient).
    await ctx.objects.put('radar', new Uint8Array([1]), 'application/octet-stream');
    const outcome = await ingestObject(ctx, source, source.object('n0h'));
    expect(outcome.status).toBe('failed');
    const failed = outcome.status === 'failed' ? outcome : null;
    expect(failed?.error.message).toMatch(/clashes/);
    expect(failed?.quarantineKey).toBe('quarantine/memory/n0h');
    expect((await ctx.objects.get('quarantine/memory/n0h'))?.body).toEqual(product);
    expect(await ctx.catalog.reader.ingest.failureOf('memory', 'n0h', source.object('n0h').fingerprint)).toMatchObject({ attempts: 1, quarantined: true });
  });

  it('with claims: skips a file another worker holds, ingests it once the claim is free, and releases its own', async () => {
    const source = new MemorySource();
    source.files.set('n0h', hydrometeorProduct());
    const object = source.object('n0h');
    const ctx = { ...(await context('claims', join(dir, 'claims-objects'))), claim: { worker: 'me', leaseMs: 60_000 } };
    const ingest = ctx.catalog.writer.ingest;
    expect(await ingest.claimFile(object.source, object.key, object.fingerprint, 'other', 60_000)).toBe(true);
    expect((await ingestObject(ctx, source, object)).status).toBe('skipped');
    expect(await ctx.catalog.reader.ingest.isIngested(object.source, object.key, object.fingerprint)).toBe(false);
    await ingest.releaseClaim(object.source, object.key, object.fingerprint, 'other');
    expect((await ingestObject(ctx, source, object)).status).toBe('ingested');
    // Released after the commit: another worker may claim it, and then finds it ingested.
    expect(await ingest.claimFile(object.source, object.key, object.fingerprint, 'other', 60_000)).toBe(true);
    expect((await ingestObject({ ...ctx, claim: { worker: 'third', leaseMs: 60_000 } }, source, object)).status).toBe('skipped');
    await ingest.releaseClaim(object.source, object.key, object.fingerprint, 'other');
    expect((await ingestObject(ctx, source, object)).status).toBe('skipped');
  });
});
