import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { isPostgresLocation } from '../core/catalog-location.js';
import type { RadomeConfig } from '../core/config.js';
import { clusterOf, type ClusterCatalog } from '../store/catalog/index.js';
import { loadDaemonConfig, sourceConfig, type DaemonConfig } from '../core/daemon-config.js';
import { flagMap } from '../core/ingest-flags.js';
import type { SourceName } from '../core/source-settings.js';
import { isRadomeError } from '../core/errors.js';
import { parseIsoDuration } from '../core/iso-duration.js';
import { ingestAll } from './ingest-all.js';
import type { IngestContext } from './ingest-object.js';
import { createPlanPool } from './plan-pool.js';
import { applyRetention, pruneEventFeed, purgeDoomedObjects } from './retention.js';
import { ingestSources, listsOf, type Listing, type PassResult } from './sources/registry.js';
import type { ObjectSource, SourceObject, TimeWindow } from './sources/types.js';

interface PassCounts {
  ingested: number;
  skipped: number;
  failed: number;
}

/** One source's pass over a window: what it did, and the message of its last failure, if any. */
type Pass = (window: TimeWindow, flags: Map<string, string>, backfill: boolean) => Promise<PassResult>;

interface ScheduledSource {
  name: SourceName;
  intervalSeconds: number;
  windowMinutes: number;
  /** The scheduler's pass: lists (and, without a cluster, ingests) or follows the source. */
  pass: Pass;
  /** On a cluster: ingests the source's queued files, whoever listed them. */
  drain?: () => Promise<PassResult>;
}

const message = (e: unknown) => (isRadomeError(e) || e instanceof Error ? e.message : String(e));

/**
 * The ingest daemon: each enabled source (config file + environment, core/daemon-config.ts) runs
 * its own schedule; every pass reads the catalog's flags and pause state first (a server in
 * another process sets them), records its status, and runs queued backfills. Decoding and
 * rendering run on a pool of worker threads; at most `downloads` files are in flight per source.
 * Retention runs on its own schedule (each pass also forgets catalog events older than a day,
 * retention configured or not), in the scheduler only. Aborting `signal` stops taking work, lets files in flight
 * finish (commits are single transactions, so nothing is ever half-written) and resolves.
 *
 * On a catalog shared by a cluster (PostgreSQL), one daemon at a time is the scheduler (the
 * catalog's scheduler lock): it alone lists sources, queueing the files to ingest, follows the
 * real-time chunks, runs backfills and retention, and deletes doomed objects; every daemon, the
 * scheduler too, ingests queued files. When the scheduler dies another daemon takes the role on
 * its next pass (of a source or of retention).
 */
export async function runIngestDaemon(ctx: IngestContext, config: RadomeConfig, signal: AbortSignal, daemon: DaemonConfig = loadDaemonConfig()): Promise<void> {
  const pool = createPlanPool(daemon.workers, { fileTimeoutMs: daemon.fileTimeoutMs });
  // On PostgreSQL files are claimed through the catalog so several daemons can share it; a claim's
  // lease (ingest.claimLease) is renewed while its file is worked on, so a live worker keeps it. A SQLite catalog has one writing process, which claiming would only slow down after
  // a crash (its own old claims would hold its files until their leases ran out).
  const claim = isPostgresLocation(ctx.catalog.path) ? { worker: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: daemon.claimLeaseMs } : undefined;
  const work: IngestContext = { ...ctx, planFile: pool.planFile, renderCuts: pool.renderCuts, maxAttempts: daemon.maxAttempts, signal, claim };
  const cluster = claim ? clusterOf(ctx.catalog) : null;
  const sources = await scheduledSources(work, config, daemon, cluster, signal).catch(async (e: unknown) => {
    await pool.close();
    throw e;
  });
  const { catalog, log } = ctx;
  await catalog.writer.ingest.registerSources(sources.map((s) => s.name));
  log.info(
    { config: daemon.file, sources: sources.map((s) => ({ name: s.name, every: s.intervalSeconds, windowMinutes: s.windowMinutes })), workers: daemon.workers, downloads: daemon.downloads },
    `ingest daemon running ${sources.map((s) => s.name).join(', ') || 'no sources'}`,
  );
  try {
    const scheduler = schedulerRole(cluster, log);
    // Objects whose rows a crash already removed are deleted first (by the scheduler: another daemon's
    // purge would race its retention passes for the same objects).
    if (await scheduler()) {
      await purgeDoomedObjects(catalog, ctx.objects, log, signal).catch((e: unknown) => log.error({ err: message(e) }, 'could not delete doomed objects; will retry'));
    }
    await Promise.all([...sources.map((s) => followSource(work, s, scheduler, daemon, signal)), retentionLoop(work, scheduler, daemon, signal)]);
  } finally {
    await pool.close();
  }
  log.info('ingest daemon stopped');
}

/** Whether this daemon is the scheduler now: always without a cluster; on one, while it holds the lock (logging each change of role). */
function schedulerRole(cluster: ClusterCatalog | null, log: Logger): () => Promise<boolean> {
  if (!cluster) return async () => true;
  let was: boolean | null = null;
  return async () => {
    const now = await cluster.holdScheduler();
    if (now !== was) log.info({ scheduler: now }, now ? 'scheduler: this daemon lists the sources for the cluster' : 'scheduler: another daemon lists the sources; ingesting its queue');
    was = now;
    return now;
  };
}

async function followSource(ctx: IngestContext, source: ScheduledSource, scheduler: () => Promise<boolean>, daemon: DaemonConfig, signal: AbortSignal): Promise<void> {
  const { catalog } = ctx;
  const log = ctx.log.child({ source: source.name });
  while (!signal.aborted) {
    const started = Date.now();
    const flags = flagMap(await catalog.reader.ingest.flags());
    const paused = (await catalog.reader.ingest.source(source.name))?.paused || flags.get('ingest.paused') === 'true';
    if (paused) {
      log.debug('paused');
    } else if (!(await scheduler())) {
      if (source.drain) await runDrain(ctx, source.drain, source.name, log);
    } else {
      // Files older than retention keeps are not ingested: their rows would go at the next
      // retention pass, and the next whole listing (hourly) would find them again, unrecorded.
      // (A bad flag is the retention loop's to report.)
      const keptMs = attempt(() => retentionOlderThanMs(flags, daemon));
      const from = started - Math.min(source.windowMinutes * 60_000, keptMs ?? Number.POSITIVE_INFINITY);
      await runPass(ctx, source, { from, to: started + 60_000 }, flags, false, log);
      for (let request = await catalog.reader.ingest.nextBackfill(source.name); request && !signal.aborted; request = await catalog.reader.ingest.nextBackfill(source.name)) {
        log.info({ backfill: request.id, from: new Date(request.from).toISOString(), to: new Date(request.to).toISOString() }, `backfill ${request.id} started`);
        await catalog.writer.ingest.markBackfill(request.id, 'started', Date.now());
        const error = await runPass(ctx, source, { from: request.from, to: request.to }, flags, true, log);
        // A backfill cut short by shutdown stays unfinished and runs again next time.
        if (!signal.aborted) await catalog.writer.ingest.markBackfill(request.id, 'finished', Date.now(), error);
      }
      if (source.drain) await runDrain(ctx, source.drain, source.name, log);
    }
    const wait = source.intervalSeconds * 1000 - (Date.now() - started);
    if (wait > 0) await sleep(wait, undefined, { signal }).catch(() => undefined);
  }
}

/** One pass with its status recorded; returns its error message (null on success). */
async function runPass(ctx: IngestContext, source: ScheduledSource, window: TimeWindow, flags: Map<string, string>, backfill: boolean, log: Logger): Promise<string | null> {
  const { catalog } = ctx;
  await catalog.writer.ingest.markRunStarted(source.name, Date.now());
  let counts: PassCounts = { ingested: 0, skipped: 0, failed: 0 };
  let error: string | null;
  try {
    const result = await source.pass(window, flags, backfill);
    counts = result;
    error = result.error;
  } catch (e) {
    error = message(e);
  }
  await catalog.writer.ingest.markRunFinished(source.name, Date.now(), counts, error);
  if (error) log.error({ ...counts }, `${source.name} pass: ${error}`);
  else log.info({ ...counts }, `${source.name} pass done: ${counts.ingested} ingested, ${counts.skipped} unchanged, ${counts.failed} failed`);
  return error;
}

/** A drain of the cluster's queue, its counts added to the source's status when it did anything. */
async function runDrain(ctx: IngestContext, drain: () => Promise<PassResult>, name: SourceName, log: Logger): Promise<void> {
  let result: PassResult;
  try {
    result = await drain();
  } catch (e) {
    result = { ingested: 0, skipped: 0, failed: 0, error: message(e) };
  }
  const { ingested, skipped, failed, error } = result;
  if (ingested + skipped + failed === 0 && !error) return;
  await ctx.catalog.writer.ingest.markRunFinished(name, Date.now(), { ingested, skipped, failed }, error);
  if (error) log.error({ ingested, skipped, failed }, `${name} pass: ${error}`);
  else log.info({ ingested, skipped, failed }, `${name} queue drained: ${ingested} ingested, ${skipped} unchanged, ${failed} failed`);
}

/** Listings read at once: 160 sites listed one after another would take most of a short pass. */
const LISTINGS_IN_FLIGHT = 8;

/**
 * Lists everything first (a listing is small next to the files) so the backlog is known, then
 * ingests with `downloads` files in flight; the backlog in the status counts down as files finish.
 * Files are taken round-robin across listings (sites), oldest first within each, so one site's
 * backlog does not hold the others' newest volumes back.
 */
async function ingestListings(
  ctx: IngestContext,
  scheduled: { name: SourceName; intervalSeconds: number; where: string },
  source: ObjectSource,
  listings: Listing[],
  downloads: number,
  cluster: ClusterCatalog | null,
): Promise<PassResult> {
  const { catalog } = ctx;
  const { name } = scheduled;
  const unreachable: string[] = [];
  const perListing = await mapConcurrently(listings, LISTINGS_IN_FLIGHT, async ({ what, list }) => {
    const todo: SourceObject[] = [];
    try {
      for await (const o of list()) if (!(await catalog.reader.ingest.isIngested(o.source, o.key, o.fingerprint))) todo.push(o);
    } catch (e) {
      // One site's listing failing does not stop the others.
      // One line that says what failed and what a user without network can do instead.
      const why = `${name} source ${scheduled.where} unreachable for ${what}: ${message(e).replace(/\s+/g, ' ')}`;
      ctx.log.error({ source: name, what }, `${why}; retrying in ${scheduled.intervalSeconds} s. To ingest local files meanwhile: radome ingest files <file or folder…>`);
      unreachable.push(why);
    }
    return todo;
  });
  const todo = roundRobin(perListing);
  if (cluster) {
    // The cluster's workers (this daemon among them) ingest the queue: see drainQueue.
    const queued = await catalog.writer.ingest.enqueueFiles(name, todo, Date.now());
    await catalog.writer.ingest.setBacklog(name, queued);
    ctx.log.info({ source: name, listed: todo.length, queued }, `${name} listing: ${todo.length} files to ingest, ${queued} queued for the cluster`);
    return { ingested: 0, skipped: 0, failed: 0, error: unreachable.length ? unreachable.join('; ') : null };
  }
  const listingOf = new Map<SourceObject, Listing>();
  perListing.forEach((objects, i) => {
    for (const o of objects) listingOf.set(o, listings[i]!);
  });
  let backlog = todo.length;
  await catalog.writer.ingest.setBacklog(name, backlog);
  let lastError: string | null = null;
  const summary = await ingestAll(ctx, source, fromArray(todo), {
    concurrency: downloads,
    signal: ctx.signal,
    keepOutcomes: false,
    onOutcome: (o) => {
      // The status only: a failed write of it must not fail the file, and the next one corrects it.
      catalog.writer.ingest.setBacklog(name, --backlog).catch((e: unknown) => ctx.log.warn({ err: message(e) }, 'could not record the backlog'));
      if (o.status === 'failed') {
        lastError = `${o.error.message} [${o.error.code}]`;
        listingOf.get(o.object)?.retryLater?.(o.object);
      }
    },
  });
  const errors = [...unreachable, ...(summary.failed ? [`${summary.failed} file(s) failed; last: ${lastError}`] : [])];
  return { ingested: summary.ingested, skipped: summary.skipped, failed: summary.failed, error: errors.length ? errors.join('; ') : null };
}

/**
 * Ingests a source's ready queued files until none is left, with `downloads` in flight, taking
 * (and claiming) them only as lanes free up. A file leaves the queue once done; a failed one is
 * tried again a source interval later (as a failed file is listed again on SQLite), up to
 * ingest.maxAttempts; one a killed worker held is taken by another once
 * its claim's lease runs out.
 */
async function drainQueue(ctx: IngestContext, name: SourceName, intervalSeconds: number, source: ObjectSource, downloads: number): Promise<PassResult> {
  const { catalog, claim } = ctx;
  if (!claim) throw new Error("a cluster drain needs the daemon's claim settings");
  let lastError: string | null = null;
  const finishing: Promise<void>[] = [];
  async function* queued(): AsyncGenerator<SourceObject> {
    while (!ctx.signal?.aborted) {
      const files = await catalog.writer.ingest.takeQueuedFiles(name, downloads, claim!.worker, claim!.leaseMs);
      if (!files.length) return;
      yield* files;
    }
  }
  const summary = await ingestAll(ctx, source, queued(), {
    concurrency: downloads,
    signal: ctx.signal,
    keepOutcomes: false,
    onOutcome: (o) => {
      if (o.status === 'failed') lastError = `${o.error.message} [${o.error.code}]`;
      const done = catalog.writer.ingest.finishQueuedFile(o.object, o.status === 'failed' ? intervalSeconds * 1000 : null);
      finishing.push(done.catch((e: unknown) => ctx.log.warn({ err: message(e), key: o.object.key }, 'could not update the ingest queue')));
    },
  });
  await Promise.all(finishing);
  // The status only: the next drain corrects a failed write.
  await catalog.reader.ingest
    .queuedCount(name)
    .then((n) => catalog.writer.ingest.setBacklog(name, n))
    .catch((e: unknown) => ctx.log.warn({ err: message(e) }, 'could not record the backlog'));
  return { ingested: summary.ingested, skipped: summary.skipped, failed: summary.failed, error: summary.failed ? `${summary.failed} file(s) failed; last: ${lastError}` : null };
}

/** `work` over `items` with at most `limit` running at once; results in the items' order. */
async function mapConcurrently<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < items.length; i = next++) results[i] = await work(items[i]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
  return results;
}

/** The first item of each list, then the second of each…: a fair turn for every list. */
function roundRobin<T>(lists: readonly T[][]): T[] {
  const out: T[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

async function* fromArray<T>(items: T[]): AsyncGenerator<T> {
  for (let i = 0; i < items.length; i++) yield items[i]!;
}

/** `f()`, or null when it throws. */
function attempt<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

/** How old rows retention removes are: the catalog's flag (set by a server), else the daemon's configuration; null when off. */
function retentionOlderThanMs(flags: Map<string, string>, daemon: DaemonConfig): number | null {
  const flag = flags.get('retention.olderThan');
  return flag === undefined ? daemon.retention.olderThanMs : flag === 'off' ? null : parseIsoDuration(flag, 'retention.olderThan');
}

/** Each enabled source (in registry order) with its pass: its listings over a window, or its own follow pass. */
async function scheduledSources(ctx: IngestContext, config: RadomeConfig, daemon: DaemonConfig, cluster: ClusterCatalog | null, signal: AbortSignal): Promise<ScheduledSource[]> {
  const sources: ScheduledSource[] = [];
  for (const entry of ingestSources()) {
    const { settings } = entry;
    const own = sourceConfig(daemon, settings);
    if (!own.enabled) continue;
    const name = settings.name as SourceName;
    const schedule = { name, intervalSeconds: own.intervalSeconds, windowMinutes: own.windowMinutes };
    if (entry.follow) {
      const pass = await entry.follow(ctx, own, signal);
      sources.push({ ...schedule, pass: (_window, flags, backfill) => pass(listsOf(settings, own, flags), backfill) });
    } else {
      const opened = await entry.open(config);
      const where = { name, intervalSeconds: own.intervalSeconds, where: opened.where };
      sources.push({
        ...schedule,
        pass: (window, flags) => ingestListings(ctx, where, opened.source, opened.listings(listsOf(settings, own, flags), window), daemon.downloads, cluster),
        drain: cluster ? () => drainQueue(ctx, name, own.intervalSeconds, opened.source, daemon.downloads) : undefined,
      });
    }
  }
  return sources;
}

/** Retention passes, once across a cluster: a daemon that is not the scheduler only checks, each interval, whether it has become it. */
async function retentionLoop(ctx: IngestContext, scheduler: () => Promise<boolean>, daemon: DaemonConfig, signal: AbortSignal): Promise<void> {
  for (; !signal.aborted; await sleep(daemon.retention.intervalSeconds * 1000, undefined, { signal }).catch(() => undefined)) {
    if (!(await scheduler())) continue;
    const olderThanMs = retentionOlderThanMs(flagMap(await ctx.catalog.reader.ingest.flags()), daemon);
    try {
      await pruneEventFeed(ctx.catalog, ctx.log.child({ task: 'retention' }));
    } catch (e) {
      ctx.log.error({ task: 'retention', err: message(e) }, 'pruning the catalog event feed failed; will retry');
    }
    if (olderThanMs !== null) {
      try {
        await applyRetention(ctx.catalog, ctx.objects, olderThanMs, ctx.log.child({ task: 'retention' }), Date.now(), signal);
      } catch (e) {
        ctx.log.error({ task: 'retention', err: message(e) }, 'retention failed; will retry');
      }
    }
  }
}
