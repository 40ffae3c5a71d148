import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import { isPostgresLocation } from '../core/catalog-location.js';
import type { RadomeConfig } from '../core/config.js';
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
  pass: Pass;
}

const message = (e: unknown) => (isRadomeError(e) || e instanceof Error ? e.message : String(e));

/**
 * The ingest daemon: each enabled source (config file + environment, core/daemon-config.ts) runs
 * its own schedule; every pass reads the catalog's flags and pause state first (a server in
 * another process sets them), records its status, and runs queued backfills. Decoding and
 * rendering run on a pool of worker threads; at most `downloads` files are in flight per source.
 * Retention runs on its own schedule (each pass also forgets catalog events older than a day,
 * retention configured or not). Aborting `signal` stops taking work, lets files in flight
 * finish (commits are single transactions, so nothing is ever half-written) and resolves.
 */
export async function runIngestDaemon(ctx: IngestContext, config: RadomeConfig, signal: AbortSignal, daemon: DaemonConfig = loadDaemonConfig()): Promise<void> {
  const pool = createPlanPool(daemon.workers, { fileTimeoutMs: daemon.fileTimeoutMs });
  // On PostgreSQL files are claimed through the catalog so several daemons can share it; the lease
  // outlives a file's time limit (plus its fetch and commit), so a live worker never loses a file
  // it is on. A SQLite catalog has one writing process, which claiming would only slow down after
  // a crash (its own old claims would hold its files until their leases ran out).
  const claim = isPostgresLocation(ctx.catalog.path) ? { worker: `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`, leaseMs: 2 * daemon.fileTimeoutMs + 60_000 } : undefined;
  const work: IngestContext = { ...ctx, planFile: pool.planFile, renderCuts: pool.renderCuts, maxAttempts: daemon.maxAttempts, signal, claim };
  const sources = await scheduledSources(work, config, daemon, signal).catch(async (e: unknown) => {
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
    // Objects whose rows a crash already removed are deleted first.
    await purgeDoomedObjects(catalog, ctx.objects, log, signal).catch((e: unknown) => log.error({ err: message(e) }, 'could not delete doomed objects; will retry'));
    await Promise.all([...sources.map((s) => followSource(work, s, daemon, signal)), retentionLoop(work, daemon, signal)]);
  } finally {
    await pool.close();
  }
  log.info('ingest daemon stopped');
}

async function followSource(ctx: IngestContext, source: ScheduledSource, daemon: DaemonConfig, signal: AbortSignal): Promise<void> {
  const { catalog } = ctx;
  const log = ctx.log.child({ source: source.name });
  while (!signal.aborted) {
    const started = Date.now();
    const flags = flagMap(await catalog.reader.ingest.flags());
    const paused = (await catalog.reader.ingest.source(source.name))?.paused || flags.get('ingest.paused') === 'true';
    if (paused) {
      log.debug('paused');
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
async function scheduledSources(ctx: IngestContext, config: RadomeConfig, daemon: DaemonConfig, signal: AbortSignal): Promise<ScheduledSource[]> {
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
      sources.push({ ...schedule, pass: (window, flags) => ingestListings(ctx, where, opened.source, opened.listings(listsOf(settings, own, flags), window), daemon.downloads) });
    }
  }
  return sources;
}

async function retentionLoop(ctx: IngestContext, daemon: DaemonConfig, signal: AbortSignal): Promise<void> {
  while (!signal.aborted) {
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
    await sleep(daemon.retention.intervalSeconds * 1000, undefined, { signal }).catch(() => undefined);
  }
}
