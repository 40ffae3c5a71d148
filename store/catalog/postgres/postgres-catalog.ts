// The catalog on PostgreSQL: one pool per process, shared by any number of processes and machines
// (API servers, ingest workers). Opened writable it migrates the schema; read-only it checks it
// and its sessions refuse writes.
import type { CatalogEventRow } from '../catalog-events.js';
import type { Catalog, CatalogReader, CatalogWriter, ReadOnlyCatalog } from '../catalog.js';
import type { ClusterCatalog } from '../cluster.js';
import * as cluster from './cluster.js';
import * as events from './events.js';
import * as gnssRead from './gnss-read.js';
import * as gnssWrite from './gnss-write.js';
import * as queue from './ingest-queue.js';
import * as ingest from './ingest-status.js';
import { checkPgSchema, migratePg } from './migrations.js';
import * as productRead from './product-read.js';
import { commitLevel3Product } from './product-write.js';
import * as radarRead from './radar-read.js';
import { commitLevel2Volume, isIngested } from './radar-write.js';
import * as retention from './retention.js';
import { PgSession, redactUrl } from './session.js';

/** A PostgreSQL catalog also hears the events any process commits (API servers' subscriptions). */
export interface ListeningCatalog {
  /** Calls `onEvent` with each catalog event committed from now on by any process (LISTEN/NOTIFY), until the returned function is called. */
  listen(onEvent: (event: CatalogEventRow) => void): Promise<() => Promise<void>>;
}
export type PostgresReadOnlyCatalogHandle = ReadOnlyCatalog & ListeningCatalog;
export type PostgresCatalogHandle = Catalog & ListeningCatalog & ClusterCatalog;

function postgresReader(db: PgSession): CatalogReader {
  return {
    radar: {
      sites: () => radarRead.listRadarSites(db),
      sitesByIds: (ids) => radarRead.getRadarSites(db, ids),
      sitesInBox: async (box) => radarRead.radarSitesInBox(db, box),
      volumes: async (filter, page) => radarRead.listVolumes(db, filter, page),
      volumesByIds: (ids) => radarRead.getVolumes(db, ids),
      latestVolumes: (siteIds) => radarRead.latestVolumes(db, siteIds),
      sweeps: async (filter, page) => radarRead.listSweeps(db, filter, page),
      sweepsByIds: (ids) => radarRead.getSweeps(db, ids),
      sweepsForVolumes: (volumeIds, filter) => radarRead.sweepsForVolumes(db, volumeIds, filter),
      nearestSweeps: (query) => radarRead.nearestSweeps(db, query),
      bucketCounts: (query) => radarRead.radarBucketCounts(db, query),
    },
    products: {
      list: async (filter, page) => productRead.listProducts(db, filter, page),
      byIds: (ids) => productRead.getProducts(db, ids),
      codeCounts: async (filter) => productRead.productCodeCounts(db, filter),
      latest: (site, codes) => productRead.latestProducts(db, site, codes),
      latestPrecipitation: (sites, from, to) => productRead.latestPrecipitation(db, sites, from, to),
    },
    gnss: {
      stations: () => gnssRead.listGnssStations(db),
      stationsByIds: (ids) => gnssRead.getGnssStations(db, ids),
      signals: (station) => gnssRead.gnssSignals(db, station),
      days: (station, fromDay, toDay) => gnssRead.gnssDays(db, station, fromDay, toDay),
      snrRollupAggregates: (query) => gnssRead.snrRollupAggregates(db, query),
      snrElevationAggregates: (query) => gnssRead.snrElevationAggregates(db, query),
      daysOn: (day) => gnssRead.gnssDaysOn(db, day),
      orbits: (fromDay, toDay) => gnssRead.gnssOrbits(db, fromDay, toDay),
      stationSettings: (station) => gnssRead.gnssStationSettings(db, station),
    },
    ingest: {
      isIngested: (source, key, fingerprint) => isIngested(db, source, key, fingerprint),
      failureOf: (source, key, fingerprint) => ingest.failureOf(db, source, key, fingerprint),
      failures: () => ingest.listFailures(db),
      failureCounts: () => ingest.countFailures(db),
      sources: () => ingest.listSourceStatus(db),
      source: (name) => ingest.sourceStatus(db, name),
      flags: () => ingest.listFlags(db),
      nextBackfill: (source) => ingest.nextBackfill(db, source),
      backfills: (limit) => ingest.listBackfills(db, limit),
      doomedCount: () => retention.doomedCount(db),
      queuedCount: (sourceName) => queue.queuedCount(db, sourceName),
    },
    events: {
      after: (seq, limit) => events.catalogEventsAfter(db, seq, limit),
      latest: () => events.latestCatalogEvent(db),
    },
  };
}

function postgresWriter(db: PgSession, reader: CatalogReader): CatalogWriter {
  const writer: CatalogWriter = {
    radar: { commitVolume: (input) => commitLevel2Volume(db, input) },
    products: { commit: (input) => commitLevel3Product(db, input) },
    gnss: {
      commitDays: (input) => gnssWrite.commitGnssDays(db, input),
      commitOrbits: (input) => gnssWrite.commitGnssOrbits(db, input),
      commitStationSettings: (input) => gnssWrite.commitGnssStationSettings(db, input),
    },
    ingest: {
      recordFailure: (input) => ingest.recordFailure(db, input),
      clearFailure: (source, key, fingerprint) => ingest.clearFailure(db, source, key, fingerprint),
      forgetSourceFile: (source, key, fingerprint) => ingest.forgetSourceFile(db, source, key, fingerprint),
      registerSources: (names) => ingest.registerSources(db, names),
      setSourcePaused: (name, paused) => ingest.setSourcePaused(db, name, paused),
      markRunStarted: (name, at) => ingest.markRunStarted(db, name, at),
      setBacklog: (name, backlog) => ingest.setBacklog(db, name, backlog),
      markRunFinished: (name, at, counts, error) => ingest.markRunFinished(db, name, at, counts, error),
      setFlag: (name, value, at) => ingest.setFlag(db, name, value, at),
      requestBackfill: (source, from, to, at) => ingest.requestBackfill(db, source, from, to, at),
      markBackfill: (id, field, at, error) => ingest.markBackfill(db, id, field, at, error),
      claimFile: (source, key, fingerprint, worker, leaseMs) => ingest.claimFile(db, source, key, fingerprint, worker, leaseMs),
      releaseClaim: (source, key, fingerprint, worker) => ingest.releaseClaim(db, source, key, fingerprint, worker),
      enqueueFiles: (sourceName, files, at) => queue.enqueueFiles(db, sourceName, files, at),
      takeQueuedFiles: (sourceName, limit, worker, leaseMs) => queue.takeQueuedFiles(db, sourceName, limit, worker, leaseMs),
      finishQueuedFile: (file, retryInMs) => queue.finishQueuedFile(db, file, retryInMs),
    },
    events: { prune: (before) => events.pruneCatalogEvents(db, before) },
    retention: {
      // Every call in `commit` joins the transaction (the ambient client), so the writer handed to it is this one.
      commitDoomingReplaced: (kind, id, at, commit) => retention.commitDoomingReplaced(db, kind, id, at, () => commit(writer)),
      doomOlderThan: (cutoff, at) => retention.doomOlderThan(db, cutoff, at),
      doomBatchOlderThan: (cutoff, at, maxVolumes) => retention.doomBatchOlderThan(db, cutoff, at, maxVolumes),
      // Row locks: a batch's deletes hold back no other writer waiting for its pages.
      warmBatchOlderThan: async () => {},
      doomedKeys: (limit) => retention.doomedKeys(db, limit),
      forgetDoomed: (keys) => retention.forgetDoomed(db, keys),
    },
    // Every catalog call made in `fn` joins the transaction (the session's ambient client), so the
    // handed `tx` is this same reader and writer.
    transaction: (fn) => db.transaction(() => fn({ reader, writer })),
  };
  return writer;
}

class PostgresReadOnlyCatalog implements PostgresReadOnlyCatalogHandle {
  readonly reader: CatalogReader;
  readonly path: string;

  constructor(
    protected readonly db: PgSession,
    readonly schemaVersion: number,
  ) {
    this.path = redactUrl(db.url);
    this.reader = postgresReader(db);
  }

  listen(onEvent: (event: CatalogEventRow) => void): Promise<() => Promise<void>> {
    return events.listenCatalogEvents(this.db, onEvent);
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}

class PostgresCatalog extends PostgresReadOnlyCatalog implements PostgresCatalogHandle {
  readonly writer: CatalogWriter = postgresWriter(this.db, this.reader);
  private readonly scheduler = new cluster.SchedulerLock(this.db.url);

  holdScheduler(): Promise<boolean> {
    return this.scheduler.hold();
  }

  override async close(): Promise<void> {
    await this.scheduler.release();
    await super.close();
  }
}

/** Opens the catalog at a postgres:// URL: writable (migrating the schema first) or read-only (schema must be current). */
export function openPostgresCatalog(url: string, options: { readOnly: true }): Promise<PostgresReadOnlyCatalogHandle>;
export function openPostgresCatalog(url: string, options?: { readOnly?: false }): Promise<PostgresCatalogHandle>;
export function openPostgresCatalog(url: string, options?: { readOnly?: boolean }): Promise<PostgresCatalogHandle | PostgresReadOnlyCatalogHandle>;
export async function openPostgresCatalog(url: string, options: { readOnly?: boolean } = {}): Promise<PostgresCatalogHandle | PostgresReadOnlyCatalogHandle> {
  const readOnly = options.readOnly ?? false;
  const db = new PgSession(url, readOnly);
  try {
    await (await db.connect()).release();
    const version = readOnly ? await checkPgSchema(db) : await migratePg(db);
    return readOnly ? new PostgresReadOnlyCatalog(db, version) : new PostgresCatalog(db, version);
  } catch (e) {
    await db.end();
    throw e;
  }
}
