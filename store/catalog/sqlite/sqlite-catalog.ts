import type Database from 'better-sqlite3';
import { AsyncLocalStorage } from 'node:async_hooks';
import { RadomeError } from '../../../core/errors.js';
import type { Catalog, CatalogReader, CatalogTransaction, CatalogWriter, ReadOnlyCatalog, TransactionWriter } from '../catalog.js';
import type { RetentionWriter } from '../data-retention.js';
import { analyseBeforeClose } from './closing-analysis.js';
import * as events from './events.js';
import * as failures from './failures.js';
import * as gnssRead from './gnss-read.js';
import { commitGnssDays, commitGnssOrbits, commitGnssStationSettings } from './gnss-write.js';
import * as queue from './ingest-queue.js';
import * as ingest from './ingest-status.js';
import { checkSchema, migrate, schemaVersion } from './migrations.js';
import { openDatabase } from './open.js';
import * as productRead from './product-read.js';
import { commitLevel3Product } from './product-write.js';
import * as aggregates from './radar-aggregates.js';
import * as radarRead from './radar-read.js';
import { commitLevel2Volume, isIngested } from './radar-write.js';
import * as retention from './retention.js';
import { StatementCache } from './statements.js';
import { WriteLock } from './write-lock.js';

/** Set while a transaction's body runs (to a token of that transaction), so a write that would wait on it can tell. */
const insideTransaction = new AsyncLocalStorage<object>();

/** The reader over one connection: each member runs its domain module's SQL. */
function sqliteReader(s: StatementCache): CatalogReader {
  return {
    radar: {
      sites: async () => radarRead.listRadarSites(s),
      sitesByIds: async (ids) => radarRead.getRadarSites(s, ids),
      sitesInBox: async (box) => aggregates.radarSitesInBox(s, box),
      volumes: async (filter, page) => radarRead.listVolumes(s, filter, page),
      volumesByIds: async (ids) => radarRead.getVolumes(s, ids),
      latestVolumes: async (siteIds) => aggregates.latestVolumes(s, siteIds),
      sweeps: async (filter, page) => radarRead.listSweeps(s, filter, page),
      sweepsByIds: async (ids) => radarRead.getSweeps(s, ids),
      sweepsForVolumes: async (volumeIds, filter) => radarRead.sweepsForVolumes(s, volumeIds, filter),
      nearestSweeps: async (query) => radarRead.nearestSweeps(s, query),
      bucketCounts: async (query) => aggregates.radarBucketCounts(s, query),
    },
    products: {
      list: async (filter, page) => productRead.listProducts(s, filter, page),
      byIds: async (ids) => productRead.getProducts(s, ids),
      codeCounts: async (filter) => productRead.productCodeCounts(s, filter),
      latest: async (site, codes) => productRead.latestProducts(s, site, codes),
      latestPrecipitation: async (sites, from, to) => aggregates.latestPrecipitation(s, sites, from, to),
    },
    gnss: {
      stations: async () => gnssRead.listGnssStations(s),
      stationsByIds: async (ids) => gnssRead.getGnssStations(s, ids),
      signals: async (station) => gnssRead.gnssSignals(s, station),
      days: async (station, fromDay, toDay) => gnssRead.gnssDays(s, station, fromDay, toDay),
      snrRollupAggregates: async (query) => gnssRead.snrRollupAggregates(s, query),
      snrElevationAggregates: async (query) => gnssRead.snrElevationAggregates(s, query),
      daysOn: async (day) => gnssRead.gnssDaysOn(s, day),
      orbits: async (fromDay, toDay) => gnssRead.gnssOrbits(s, fromDay, toDay),
      stationSettings: async (station) => gnssRead.gnssStationSettings(s, station),
    },
    ingest: {
      isIngested: async (source, key, fingerprint) => isIngested(s, source, key, fingerprint),
      failureOf: async (source, key, fingerprint) => ingest.failureOf(s, source, key, fingerprint),
      failures: async () => failures.listFailures(s),
      failureCounts: async () => failures.countFailures(s),
      sources: async () => ingest.listSourceStatus(s),
      source: async (name) => ingest.sourceStatus(s, name),
      flags: async () => ingest.listFlags(s),
      nextBackfill: async (source) => ingest.nextBackfill(s, source),
      backfills: async (limit) => ingest.listBackfills(s, limit),
      doomedCount: async () => retention.doomedCount(s),
      queuedCount: async (sourceName) => queue.queuedCount(s, sourceName),
    },
    events: {
      after: async (seq, limit) => events.catalogEventsAfter(s, seq, limit),
      latest: async () => events.latestCatalogEvent(s),
    },
  };
}

/** A writer member: runs its domain module's SQL over the connection, when the wrapper decides. */
type Member = <A extends unknown[], R>(write: (s: StatementCache, ...args: A) => R) => (...args: A) => Promise<R>;

/**
 * The writer's members over one connection (opened writable), but for `transaction`; `member`
 * wraps each, `commitDoomingReplaced` is given the writer a commit writes through.
 */
function sqliteWriterMembers(member: Member, commitDoomingReplaced: RetentionWriter['commitDoomingReplaced']): TransactionWriter {
  return {
    radar: { commitVolume: member(commitLevel2Volume) },
    products: { commit: member(commitLevel3Product) },
    gnss: {
      commitDays: member(commitGnssDays),
      commitOrbits: member(commitGnssOrbits),
      commitStationSettings: member(commitGnssStationSettings),
    },
    ingest: {
      recordFailure: member(failures.recordFailure),
      clearFailure: member(failures.clearFailure),
      forgetSourceFile: member(ingest.forgetSourceFile),
      registerSources: member(ingest.registerSources),
      setSourcePaused: member(ingest.setSourcePaused),
      markRunStarted: member(ingest.markRunStarted),
      setBacklog: member(ingest.setBacklog),
      markRunFinished: member(ingest.markRunFinished),
      setFlag: member(ingest.setFlag),
      requestBackfill: member(ingest.requestBackfill),
      markBackfill: member(ingest.markBackfill),
      claimFile: member(ingest.claimFile),
      releaseClaim: member(ingest.releaseClaim),
      enqueueFiles: member(queue.enqueueFiles),
      takeQueuedFiles: member(queue.takeQueuedFiles),
      finishQueuedFile: member(queue.finishQueuedFile),
    },
    events: { prune: member(events.pruneCatalogEvents) },
    retention: {
      commitDoomingReplaced,
      doomOlderThan: member(retention.doomOlderThan),
      doomBatchOlderThan: member(retention.doomBatchOlderThan),
      warmBatchOlderThan: member(retention.warmBatchOlderThan),
      doomedKeys: member(retention.doomedKeys),
      forgetDoomed: member(retention.forgetDoomed),
    },
  };
}

/**
 * The writer over one connection. Transactions take the connection's write lock and run
 * BEGIN IMMEDIATE … COMMIT (or ROLLBACK) around their async body; writes outside one wait while
 * one is open, then run at once (each member's own SQL stays one synchronous better-sqlite3
 * transaction, so nothing else can interleave with it).
 */
function sqliteWriter(s: StatementCache, reader: CatalogReader, lock: WriteLock): CatalogWriter {
  const { db } = s;
  /** The token of the transaction under way, if any. */
  let open: object | null = null;
  // Inside a transaction: run at once, the lock is ours.
  const inTransaction: Member =
    (write) =>
    async (...args) =>
      write(s, ...args);
  // From inside a transaction's own body, waiting for it to end would never end: refused instead.
  const refuseInsideTransaction = () => {
    if (open !== null && insideTransaction.getStore() === open) {
      throw new RadomeError('CONFIG', 'a catalog write inside writer.transaction(fn) went through the catalog writer; write through the transaction fn is given (tx.writer)');
    }
  };
  // Outside: wait until no transaction is open; the check and the write are one synchronous step.
  const outside: Member =
    (write) =>
    async (...args) => {
      refuseInsideTransaction();
      while (lock.held) await lock.ended();
      return write(s, ...args);
    };
  const transactionWriter: TransactionWriter = sqliteWriterMembers(inTransaction, (kind, id, at, commit) => retention.commitDoomingReplaced(s, kind, id, at, () => commit(transactionWriter)));
  const tx: CatalogTransaction = { reader, writer: transactionWriter };

  async function transaction<T>(fn: (tx: CatalogTransaction) => Promise<T>): Promise<T> {
    refuseInsideTransaction();
    const release = await lock.acquire();
    const token = {};
    open = token;
    try {
      db.exec('BEGIN IMMEDIATE');
      try {
        const result = await insideTransaction.run(token, fn, tx);
        db.exec('COMMIT');
        return result;
      } catch (e) {
        if (db.inTransaction) db.exec('ROLLBACK');
        throw e;
      }
    } finally {
      open = null;
      release();
    }
  }

  return {
    ...sqliteWriterMembers(outside, (kind, id, at, commit) => transaction((t) => t.writer.retention.commitDoomingReplaced(kind, id, at, commit))),
    transaction,
  };
}

/**
 * One SQLite connection to the catalog file. One process writes (ingest), any number read
 * (servers), each with its own connection; WAL keeps readers and the writer out of each other's
 * way. Every call runs synchronously (better-sqlite3) inside its promise and is served by an index.
 */
class SqliteReadOnlyCatalog implements ReadOnlyCatalog {
  readonly reader: CatalogReader;
  protected readonly statements: StatementCache;

  constructor(
    readonly path: string,
    protected readonly db: Database.Database,
  ) {
    this.statements = new StatementCache(db);
    this.reader = sqliteReader(this.statements);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

class SqliteCatalog extends SqliteReadOnlyCatalog implements Catalog {
  private readonly lock = new WriteLock();
  readonly writer: CatalogWriter = sqliteWriter(this.statements, this.reader, this.lock);

  /** Waits for open transactions to end, refreshes the statistics this connection's writes made stale, then closes. */
  override async close(): Promise<void> {
    while (this.lock.held) await this.lock.ended();
    if (this.db.open) analyseBeforeClose(this.db);
    await super.close();
  }
}

function openChecked(path: string, readonly: boolean): Database.Database {
  const db = openDatabase(path, readonly);
  try {
    if (readonly) checkSchema(db, path);
    else migrate(db, path);
  } catch (e) {
    db.close();
    throw e;
  }
  return db;
}

/** Opens (creating and migrating) the SQLite catalog at `path` to write it. */
export function openSqliteCatalog(path: string): Catalog {
  return new SqliteCatalog(path, openChecked(path, false));
}

/** Opens the existing SQLite catalog at `path` without write access and without migrating. */
export function openSqliteReadOnlyCatalog(path: string): ReadOnlyCatalog {
  return new SqliteReadOnlyCatalog(path, openChecked(path, true));
}
