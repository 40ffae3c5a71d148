import type Database from 'better-sqlite3';
import type { Catalog, CatalogReader, CatalogWriter, ReadOnlyCatalog } from '../catalog.js';
import * as events from './events.js';
import * as failures from './failures.js';
import * as gnssRead from './gnss-read.js';
import { commitGnssDays, commitGnssOrbits, commitGnssStationSettings } from './gnss-write.js';
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

/** The reader over one connection: each member runs its domain module's SQL. */
function sqliteReader(s: StatementCache): CatalogReader {
  return {
    radar: {
      sites: () => radarRead.listRadarSites(s),
      sitesByIds: (ids) => radarRead.getRadarSites(s, ids),
      sitesInBox: (box) => aggregates.radarSitesInBox(s, box),
      volumes: (filter, page) => radarRead.listVolumes(s, filter, page),
      volumesByIds: (ids) => radarRead.getVolumes(s, ids),
      latestVolumes: (siteIds) => aggregates.latestVolumes(s, siteIds),
      sweeps: (filter, page) => radarRead.listSweeps(s, filter, page),
      sweepsByIds: (ids) => radarRead.getSweeps(s, ids),
      sweepsForVolumes: (volumeIds, filter) => radarRead.sweepsForVolumes(s, volumeIds, filter),
      nearestSweeps: (query) => radarRead.nearestSweeps(s, query),
      bucketCounts: (query) => aggregates.radarBucketCounts(s, query),
    },
    products: {
      list: (filter, page) => productRead.listProducts(s, filter, page),
      byIds: (ids) => productRead.getProducts(s, ids),
      codeCounts: (filter) => productRead.productCodeCounts(s, filter),
      latest: (site, codes) => productRead.latestProducts(s, site, codes),
      latestPrecipitation: (sites, from, to) => aggregates.latestPrecipitation(s, sites, from, to),
    },
    gnss: {
      stations: () => gnssRead.listGnssStations(s),
      stationsByIds: (ids) => gnssRead.getGnssStations(s, ids),
      signals: (station) => gnssRead.gnssSignals(s, station),
      days: (station, fromDay, toDay) => gnssRead.gnssDays(s, station, fromDay, toDay),
      snrRollupAggregates: (query) => gnssRead.snrRollupAggregates(s, query),
      snrElevationAggregates: (query) => gnssRead.snrElevationAggregates(s, query),
      daysOn: (day) => gnssRead.gnssDaysOn(s, day),
      orbits: (fromDay, toDay) => gnssRead.gnssOrbits(s, fromDay, toDay),
      stationSettings: (station) => gnssRead.gnssStationSettings(s, station),
    },
    ingest: {
      isIngested: (source, key, fingerprint) => isIngested(s, source, key, fingerprint),
      failureOf: (source, key, fingerprint) => ingest.failureOf(s, source, key, fingerprint),
      failures: () => failures.listFailures(s),
      failureCounts: () => failures.countFailures(s),
      sources: () => ingest.listSourceStatus(s),
      source: (name) => ingest.sourceStatus(s, name),
      flags: () => ingest.listFlags(s),
      nextBackfill: (source) => ingest.nextBackfill(s, source),
      backfills: (limit) => ingest.listBackfills(s, limit),
      doomedCount: () => retention.doomedCount(s),
    },
    events: {
      after: (seq, limit) => events.catalogEventsAfter(s, seq, limit),
      latest: () => events.latestCatalogEvent(s),
    },
  };
}

/** The writer over one connection (opened writable). */
function sqliteWriter(s: StatementCache): CatalogWriter {
  return {
    radar: { commitVolume: (input) => commitLevel2Volume(s, input) },
    products: { commit: (input) => commitLevel3Product(s, input) },
    gnss: {
      commitDays: (input) => commitGnssDays(s, input),
      commitOrbits: (input) => commitGnssOrbits(s, input),
      commitStationSettings: (input) => commitGnssStationSettings(s, input),
    },
    ingest: {
      recordFailure: (input) => failures.recordFailure(s, input),
      clearFailure: (source, key, fingerprint) => failures.clearFailure(s, source, key, fingerprint),
      forgetSourceFile: (source, key, fingerprint) => ingest.forgetSourceFile(s, source, key, fingerprint),
      registerSources: (names) => ingest.registerSources(s, names),
      setSourcePaused: (name, paused) => ingest.setSourcePaused(s, name, paused),
      markRunStarted: (name, at) => ingest.markRunStarted(s, name, at),
      setBacklog: (name, backlog) => ingest.setBacklog(s, name, backlog),
      markRunFinished: (name, at, counts, error) => ingest.markRunFinished(s, name, at, counts, error),
      setFlag: (name, value, at) => ingest.setFlag(s, name, value, at),
      requestBackfill: (source, from, to, at) => ingest.requestBackfill(s, source, from, to, at),
      markBackfill: (id, field, at, error) => ingest.markBackfill(s, id, field, at, error),
    },
    events: { prune: (before) => events.pruneCatalogEvents(s, before) },
    retention: {
      commitDoomingReplaced: (kind, id, at, commit) => retention.commitDoomingReplaced(s, kind, id, at, commit),
      doomOlderThan: (cutoff, at) => retention.doomOlderThan(s, cutoff, at),
      doomBatchOlderThan: (cutoff, at, maxVolumes) => retention.doomBatchOlderThan(s, cutoff, at, maxVolumes),
      doomedKeys: (limit) => retention.doomedKeys(s, limit),
      forgetDoomed: (keys) => retention.forgetDoomed(s, keys),
    },
    // Nested catalog writes (each its own transaction) become savepoints of this one.
    transaction: (fn) => s.db.transaction(fn).immediate(),
  };
}

/**
 * One SQLite connection to the catalog file. One process writes (ingest), any number read
 * (servers), each with its own connection; WAL keeps readers and the writer out of each other's
 * way. Every call is synchronous (better-sqlite3) and served by an index.
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

  close(): void {
    if (this.db.open) this.db.close();
  }
}

class SqliteCatalog extends SqliteReadOnlyCatalog implements Catalog {
  readonly writer: CatalogWriter = sqliteWriter(this.statements);

  override close(): void {
    if (this.db.open) this.db.pragma('optimize');
    super.close();
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
