import type { Logger } from 'pino';
import { asRadomeError, type RadomeError } from '../core/errors.js';
import { NamedLocks } from '../core/concurrency.js';
import { DEFAULT_RETRY, withRetry, type RetryPolicy } from '../core/retry.js';
import type { Catalog } from '../store/catalog/index.js';
import type { ObjectStore } from '../store/types.js';
import { QUARANTINE_PREFIX } from '../store/objects/key.js';
import { deleteStaleObjects } from './stale-objects.js';
import type { IngestPlan, PlanOptions, PlanOutcome } from './plan-types.js';
import type { ObjectSource, SourceObject } from './sources/types.js';
import type { RenderCuts } from './realtime/chunk-volume.js';

export interface IngestContext {
  catalog: Catalog;
  objects: ObjectStore;
  renderSize: number;
  log: Logger;
  now?: () => number;
  /**
   * Decodes and plans a fetched file; default in this thread (or on worker threads:
   * ingest/plan-pool.ts). It may take `bytes` (the pool moves them to a thread, leaving the
   * caller's view empty): a failed outcome carries them back.
   */
  planFile?: (bytes: Uint8Array, object: SourceObject, options: PlanOptions) => Promise<PlanOutcome>;
  /** Renders a real-time volume's cuts; default in this thread (the daemon's plan pool: PlanPool.renderCuts). */
  renderCuts?: RenderCuts;
  /** Backoff for object-store and network calls; default DEFAULT_RETRY (about 20 s). */
  retry?: RetryPolicy;
  /**
   * Daemon mode: a file that has failed this many times is quarantined (its raw bytes kept) and,
   * like a quarantined one, not tried again. Unset (one-off commands): every file is tried.
   */
  maxAttempts?: number;
  /** Aborting stops retry waits (the file is then recorded as failed, to be tried again). */
  signal?: AbortSignal;
  /**
   * Daemon mode with several ingest processes on one catalog: each file is claimed through the
   * catalog for `leaseMs` before it is fetched, and skipped while another worker holds it. The
   * claim is renewed every third of its lease while the file is worked on, so the lease can be
   * short whatever a file takes; a worker killed mid-file stops renewing, loses the claim when the
   * lease runs out, and another takes the file.
   */
  claim?: { worker: string; leaseMs: number };
}

async function planInThread(bytes: Uint8Array, object: SourceObject, options: PlanOptions): Promise<PlanOutcome> {
  try {
    // Loaded when first needed: a caller with its own planFile (ingest files, the daemon's pool)
    // never loads every format's code on this thread.
    const { ingestPlanOf, planRadomeFile } = await import('./plan-file.js');
    return { plan: ingestPlanOf(planRadomeFile(bytes, object, options)) };
  } catch (e) {
    return { error: asRadomeError(e, object.key), bytes };
  }
}

export type IngestOutcome =
  | { status: 'skipped'; object: SourceObject }
  | { status: 'ingested'; object: SourceObject; kind: IngestPlan['kind']; id: string; summary: string }
  | { status: 'failed'; object: SourceObject; error: RadomeError; quarantineKey: string | null };

/**
 * Names (e.g. GNSS station-days) held from a plan's reconcile to its commit. One process writes
 * a catalog, so in-process locks keep two files of one station-day from merging past each other.
 */
const heldWhileWriting = new NamedLocks();

/** Where a rejected raw file is kept for inspection: `quarantine/<source>/<key>`. */
export function quarantineKeyFor(object: SourceObject): string {
  const safe = (s: string) =>
    s
      .replace(/[^A-Za-z0-9._/-]+/g, '_')
      .replace(/\/{2,}/g, '/')
      .replace(/^\/+/, '')
      .replace(/(^|\/)\.{1,2}(?=\/|$)/g, '$1_');
  return `${QUARANTINE_PREFIX}${safe(object.source)}/${safe(object.key)}`;
}

/**
 * Takes one raw file from a source into the platform: decode → render → objects → catalog rows.
 * Objects are written first and the rows last in one transaction, so no row ever points at a
 * missing object; an already-ingested (source, key, fingerprint) is skipped. A file that cannot be
 * fetched is recorded as failed (to retry later); one that cannot be decoded is also quarantined.
 */
export async function ingestObject(ctx: IngestContext, source: ObjectSource, object: SourceObject): Promise<IngestOutcome> {
  if (ctx.claim) {
    const { worker, leaseMs } = ctx.claim;
    const { source: name, key, fingerprint } = object;
    if (!(await ctx.catalog.writer.ingest.claimFile(name, key, fingerprint, worker, leaseMs))) {
      ctx.log.debug({ source: name, key }, 'claimed by another worker');
      return { status: 'skipped', object };
    }
    let renewal: Promise<unknown> = Promise.resolve();
    const renew = setInterval(() => {
      renewal = ctx.catalog.writer.ingest
        .claimFile(name, key, fingerprint, worker, leaseMs)
        .then((held) => held || ctx.log.warn({ source: name, key }, 'lost the claim on a file in progress (its lease ran out before a renewal); another worker may ingest it too'))
        .catch((e: unknown) => ctx.log.warn({ err: (e as Error).message, key }, 'could not renew a claim'));
    }, leaseMs / 3);
    try {
      // Checked again under the claim: a worker that held it before may have committed the file.
      return await ingestObject({ ...ctx, claim: undefined }, source, object);
    } finally {
      clearInterval(renew);
      // A renewal still in flight would claim the file again after the release.
      await renewal;
      await ctx.catalog.writer.ingest.releaseClaim(name, key, fingerprint, worker).catch((e: unknown) => ctx.log.warn({ err: (e as Error).message, key }, 'could not release a claim'));
    }
  }
  const now = ctx.now ?? Date.now;
  const log = ctx.log.child({ source: object.source, key: object.key });
  if (await ctx.catalog.reader.ingest.isIngested(object.source, object.key, object.fingerprint)) {
    log.debug('already ingested');
    return { status: 'skipped', object };
  }
  if (ctx.maxAttempts !== undefined) {
    const failed = await ctx.catalog.reader.ingest.failureOf(object.source, object.key, object.fingerprint);
    if (failed && (failed.quarantined || failed.attempts >= ctx.maxAttempts)) {
      log.debug({ attempts: failed.attempts }, 'given up on earlier');
      return { status: 'skipped', object };
    }
  }
  const retrying = <T>(what: string, fn: () => Promise<T>) =>
    withRetry(fn, ctx.retry ?? DEFAULT_RETRY, {
      signal: ctx.signal,
      onRetry: (err, retry, delayMs) => log.warn({ retry, delayMs: Math.round(delayMs), err: (err as Error).message }, `${what} failed; retrying`),
    });
  let bytes: Uint8Array;
  try {
    bytes = await retrying('fetch', () => source.fetch(object));
  } catch (e) {
    return fail(ctx, object, asRadomeError(e, object.key, 'SOURCE_UNAVAILABLE'), null, now(), log);
  }
  // From here on `bytes` may be empty (planFile may take them): a failure gives them back, and
  // the rarer failures after planning fetch the file again if it comes to quarantining it.
  const quarantineFetchedAgain = async () => {
    try {
      return await keepRawFile(ctx, object, await retrying('fetch', () => source.fetch(object)), log, retrying);
    } catch {
      return null;
    }
  };
  const planFile = (data: Uint8Array) => (ctx.planFile ?? planInThread)(data, object, { renderSize: ctx.renderSize, ingestedAt: now() });
  let planned: PlanOutcome;
  try {
    planned = await planFile(bytes);
  } catch (first) {
    if (ctx.signal?.aborted) return fail(ctx, object, asRadomeError(first, object.key), null, now(), log);
    // Not the file's fault: its thread was ended under it (another file on that thread ran out of
    // time, say) or the pool was closed. Once more from a fresh fetch, since the thread had its bytes.
    log.warn({ err: (first as Error).message }, 'planning failed outside the file; trying once more');
    try {
      planned = await planFile(await retrying('fetch', () => source.fetch(object)));
    } catch (e) {
      return fail(ctx, object, asRadomeError(e, object.key), null, now(), log, quarantineFetchedAgain);
    }
  }
  if ('error' in planned) {
    // Undecodable input is quarantined at once: trying again would give the same answer (a file
    // over its time limit too: its thread was ended, and with it the bytes, so they are fetched again).
    const quarantineKey = planned.bytes ? await keepRawFile(ctx, object, planned.bytes, log, retrying) : await quarantineFetchedAgain();
    return fail(ctx, object, asRadomeError(planned.error, object.key), quarantineKey, now(), log);
  }
  const plan = planned.plan;
  let commitMs = 0;
  const release = plan.locks || plan.sharedLocks ? await heldWhileWriting.acquire(plan.locks ?? [], plan.sharedLocks) : null;
  try {
    await plan.reconcile?.({
      catalog: ctx.catalog.reader,
      getObject: async (key) => (await retrying('get', () => ctx.objects.get(key)))?.body ?? null,
    });
    await retrying('put', () => ctx.objects.putMany(plan.objects));
    const at = now();
    const file = { source: object.source, key: object.key, fingerprint: object.fingerprint, size: object.size, ingestedAt: at };
    // Objects of sweeps this commit replaces are recorded as doomed in the same transaction.
    const commitStart = performance.now();
    await ctx.catalog.writer.retention.commitDoomingReplaced(plan.kind, plan.id, at, (writer) => plan.commit(writer, file));
    // Waiting for the catalog's writer included (e.g. behind a retention batch).
    commitMs = Math.round(performance.now() - commitStart);
    for (const prefix of plan.ownedPrefixes ?? []) {
      await deleteStaleObjects(ctx.objects, prefix, plan.objects).catch((e: unknown) => log.warn({ err: (e as Error).message, prefix }, 'could not delete stale objects'));
    }
  } catch (e) {
    // Objects already written are harmless: no row points at them and a retry overwrites them.
    const error = asRadomeError(e, object.key, 'SOURCE_UNAVAILABLE');
    return fail(ctx, object, error, null, now(), log, quarantineFetchedAgain);
  } finally {
    release?.();
  }
  log.info({ kind: plan.kind, id: plan.id, commitMs }, `ingested ${plan.kind} ${plan.id}: ${plan.summary}`);
  return { status: 'ingested', object, kind: plan.kind, id: plan.id, summary: plan.summary };
}

/** Keeps a rejected file's raw bytes under quarantine/ for inspection; null when that fails too. */
async function keepRawFile(ctx: IngestContext, object: SourceObject, bytes: Uint8Array, log: Logger, retrying: <T>(what: string, fn: () => Promise<T>) => Promise<T>): Promise<string | null> {
  const key = quarantineKeyFor(object);
  try {
    await retrying('quarantine', () => ctx.objects.put(key, bytes, 'application/octet-stream'));
    return key;
  } catch (e) {
    log.warn({ err: (e as Error).message }, 'could not quarantine the raw file');
    return null;
  }
}

async function fail(
  ctx: IngestContext,
  object: SourceObject,
  error: RadomeError,
  quarantineKey: string | null,
  at: number,
  log: Logger,
  quarantine?: () => Promise<string | null>,
): Promise<IngestOutcome> {
  const previous = (await ctx.catalog.reader.ingest.failureOf(object.source, object.key, object.fingerprint))?.attempts ?? 0;
  const givingUp = quarantineKey === null && ctx.maxAttempts !== undefined && previous + 1 >= ctx.maxAttempts;
  // Given up: keep the raw bytes when there are any (a fetch that never succeeded has none).
  if (givingUp && quarantine) quarantineKey = await quarantine();
  const { attempts } = await ctx.catalog.writer.ingest.recordFailure({
    source: object.source,
    key: object.key,
    fingerprint: object.fingerprint,
    code: error.code,
    message: error.message,
    quarantineKey,
    at,
  });
  if (givingUp) log.error({ code: error.code, attempts, quarantineKey }, `giving up after ${attempts} attempts: ${error.message}`);
  else log.warn({ code: error.code, attempts, quarantineKey }, error.message);
  return { status: 'failed', object, error, quarantineKey };
}
