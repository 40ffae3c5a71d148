import type Database from 'better-sqlite3';
import { RadomeError } from '../../core/errors.js';
import type {
  CommitLevel2VolumeInput,
  CommitLevel3ProductInput,
  ProductCodeCount,
  ProductCodeFilter,
  ProductFilter,
  ProductRow,
  CommitResult,
  IngestFailureRow,
  Page,
  PageArgs,
  RadarSiteRow,
  SweepFilter,
  SweepRow,
  VolumeFilter,
  VolumeRow,
  CommitGnssDaysInput,
  CommitGnssOrbitsInput,
  CommitGnssStationSettingsInput,
  GnssStationSettingsRow,
  GnssOrbitRow,
  BackfillRequestRow,
  IngestFlagRow,
  IngestSourceStatusRow,
  RetentionResult,
  GnssDayRow,
  GnssSignalRow,
  GnssStationRow,
  SnrRollupAggregate,
  SnrRollupQuery,
} from '../types.js';
import { clearFailure, countFailures, listFailures, recordFailure, type RecordFailureInput } from './failures.js';
import * as ingest from './ingest-status.js';
import * as retention from './retention.js';
import { checkSchema, migrate, schemaVersion } from './migrations.js';
import { openDatabase } from './open.js';
import * as read from './radar-read.js';
import { commitLevel2Volume, isIngested } from './radar-write.js';
import * as products from './product-read.js';
import { commitLevel3Product } from './product-write.js';
import * as gnss from './gnss-read.js';
import { commitGnssDays, commitGnssOrbits, commitGnssStationSettings } from './gnss-write.js';
import { StatementCache } from './statements.js';
import * as aggregates from './radar-aggregates.js';
import * as events from './events.js';
import type { CatalogEventRow, LonLatBox, PrecipitationSummary, RadarBucketCount, RadarCountQuery } from '../types.js';

export interface CatalogOpenOptions {
  /** Open without write access and without migrating (servers). Default false. */
  readonly?: boolean;
}

/**
 * The SQLite catalog of what has been ingested. One process writes (ingest), any number read
 * (servers), each with its own Catalog; WAL keeps readers and the writer out of each other's way.
 * All methods are synchronous (better-sqlite3) and fast: every list is served by an index.
 */
export class Catalog {
  readonly path: string;
  readonly readonly: boolean;
  private readonly db: Database.Database;
  private readonly statements: StatementCache;

  private constructor(path: string, db: Database.Database, readonly: boolean) {
    this.path = path;
    this.db = db;
    this.readonly = readonly;
    this.statements = new StatementCache(db);
  }

  /** Opens (creating and migrating when writable) the catalog at `path`. */
  static open(path: string, options: CatalogOpenOptions = {}): Catalog {
    const readonly = options.readonly ?? false;
    const db = openDatabase(path, readonly);
    try {
      if (readonly) checkSchema(db, path);
      else migrate(db, path);
    } catch (e) {
      db.close();
      throw e;
    }
    return new Catalog(path, db, readonly);
  }

  get schemaVersion(): number {
    return schemaVersion(this.db);
  }

  isIngested(source: string, key: string, fingerprint: string): boolean {
    return isIngested(this.statements, source, key, fingerprint);
  }

  commitLevel2Volume(input: CommitLevel2VolumeInput): CommitResult {
    this.assertWritable('commitLevel2Volume');
    return commitLevel2Volume(this.statements, input);
  }

  commitLevel3Product(input: CommitLevel3ProductInput): CommitResult {
    this.assertWritable('commitLevel3Product');
    return commitLevel3Product(this.statements, input);
  }

  listProducts(filter: ProductFilter, page: PageArgs): Page<ProductRow> {
    return products.listProducts(this.statements, filter, page);
  }

  getProducts(ids: readonly string[]): (ProductRow | null)[] {
    return products.getProducts(this.statements, ids);
  }

  productCodeCounts(filter: ProductCodeFilter): ProductCodeCount[] {
    return products.productCodeCounts(this.statements, filter);
  }

  /** The newest product of each (code, mnemonic) at `site`, optionally only of `codes`. */
  latestProducts(site: string, codes?: readonly number[]): ProductRow[] {
    return products.latestProducts(this.statements, site, codes);
  }

  recordFailure(input: RecordFailureInput): { attempts: number } {
    this.assertWritable('recordFailure');
    return recordFailure(this.statements, input);
  }

  listFailures(): IngestFailureRow[] {
    return listFailures(this.statements);
  }

  countFailures(): { failed: number; quarantined: number } {
    return countFailures(this.statements);
  }

  clearFailure(source: string, key: string, fingerprint: string): boolean {
    this.assertWritable('clearFailure');
    return clearFailure(this.statements, source, key, fingerprint);
  }

  // Ingest daemon status, flags, backfills and retention (SQL in ingest-status.ts, retention.ts).

  failureOf(source: string, key: string, fingerprint: string): { attempts: number; quarantined: boolean } | null {
    return ingest.failureOf(this.statements, source, key, fingerprint);
  }

  listSourceStatus(): IngestSourceStatusRow[] {
    return ingest.listSourceStatus(this.statements);
  }

  sourceStatus(name: string): IngestSourceStatusRow | null {
    return ingest.sourceStatus(this.statements, name);
  }

  registerSources(names: readonly string[]): void {
    this.assertWritable('registerSources');
    ingest.registerSources(this.statements, names);
  }

  setSourcePaused(name: string, paused: boolean): IngestSourceStatusRow {
    this.assertWritable('setSourcePaused');
    return ingest.setSourcePaused(this.statements, name, paused);
  }

  markRunStarted(name: string, at: number): void {
    this.assertWritable('markRunStarted');
    ingest.markRunStarted(this.statements, name, at);
  }

  setBacklog(name: string, backlog: number): void {
    this.assertWritable('setBacklog');
    ingest.setBacklog(this.statements, name, backlog);
  }

  markRunFinished(name: string, at: number, counts: ingest.PassCounts, error: string | null): void {
    this.assertWritable('markRunFinished');
    ingest.markRunFinished(this.statements, name, at, counts, error);
  }

  /** Sets (or, with null, removes) a flag. */
  setIngestFlag(name: string, value: string | null, at: number): IngestFlagRow | null {
    this.assertWritable('setIngestFlag');
    return ingest.setFlag(this.statements, name, value, at);
  }

  listIngestFlags(): IngestFlagRow[] {
    return ingest.listFlags(this.statements);
  }

  requestBackfill(source: string, from: number, to: number, at: number): BackfillRequestRow {
    this.assertWritable('requestBackfill');
    return ingest.requestBackfill(this.statements, source, from, to, at);
  }

  nextBackfill(source: string): BackfillRequestRow | null {
    return ingest.nextBackfill(this.statements, source);
  }

  markBackfill(id: number, field: 'started' | 'finished', at: number, error: string | null = null): void {
    this.assertWritable('markBackfill');
    ingest.markBackfill(this.statements, id, field, at, error);
  }

  listBackfills(limit: number): BackfillRequestRow[] {
    return ingest.listBackfills(this.statements, limit);
  }

  forgetSourceFile(source: string, key: string, fingerprint: string): void {
    this.assertWritable('forgetSourceFile');
    ingest.forgetSourceFile(this.statements, source, key, fingerprint);
  }

  /** Runs a plan's commit in one transaction that dooms the objects of replaced sweeps. */
  commitDoomingReplaced(kind: 'level2' | 'level3' | 'gnss', id: string, at: number, commit: () => void): number {
    this.assertWritable('commitDoomingReplaced');
    return retention.commitDoomingReplaced(this.statements, kind, id, at, commit);
  }

  /** Retention: removes rows older than `cutoff`, recording their objects as doomed. */
  doomOlderThan(cutoff: number, at: number): RetentionResult {
    this.assertWritable('doomOlderThan');
    return retention.doomOlderThan(this.statements, cutoff, at);
  }

  doomedKeys(limit: number): string[] {
    return retention.doomedKeys(this.statements, limit);
  }

  forgetDoomed(keys: readonly string[]): void {
    this.assertWritable('forgetDoomed');
    retention.forgetDoomed(this.statements, keys);
  }

  doomedCount(): number {
    return retention.doomedCount(this.statements);
  }

  /** Runs `fn` in one IMMEDIATE transaction (nested catalog writes become savepoints). */
  transaction<T>(fn: () => T): T {
    this.assertWritable('transaction');
    return this.db.transaction(fn).immediate();
  }

  listRadarSites(): RadarSiteRow[] {
    return read.listRadarSites(this.statements);
  }

  getRadarSites(ids: readonly string[]): (RadarSiteRow | null)[] {
    return read.getRadarSites(this.statements, ids);
  }

  listVolumes(filter: VolumeFilter, page: PageArgs): Page<VolumeRow> {
    return read.listVolumes(this.statements, filter, page);
  }

  getVolumes(ids: readonly string[]): (VolumeRow | null)[] {
    return read.getVolumes(this.statements, ids);
  }

  listSweeps(filter: SweepFilter, page: PageArgs): Page<SweepRow> {
    return read.listSweeps(this.statements, filter, page);
  }

  getSweeps(ids: readonly string[]): (SweepRow | null)[] {
    return read.getSweeps(this.statements, ids);
  }

  /** Per volume starting in the window, its sweep of the moment nearest the elevation angle, in time order. */
  nearestSweeps(query: read.NearestSweepQuery): SweepRow[] {
    return read.nearestSweeps(this.statements, query);
  }

  /** Sweeps of each volume, in the order of `volumeIds`; within one, by elevation then moment. */
  sweepsForVolumes(volumeIds: readonly string[], filter?: read.VolumeSweepFilter): SweepRow[][] {
    return read.sweepsForVolumes(this.statements, volumeIds, filter);
  }

  commitGnssDays(input: CommitGnssDaysInput): void {
    this.assertWritable('commitGnssDays');
    commitGnssDays(this.statements, input);
  }

  /** An orbit file's rows per day and the station-days whose geometry it filled, in one transaction. */
  commitGnssOrbits(input: CommitGnssOrbitsInput): void {
    this.assertWritable('commitGnssOrbits');
    commitGnssOrbits(this.statements, input);
  }

  /** Stores a station's gnssrefl json or refraction file. */
  commitGnssStationSettings(input: CommitGnssStationSettingsInput): void {
    this.assertWritable('commitGnssStationSettings');
    commitGnssStationSettings(this.statements, input);
  }

  /** A station's ingested gnssir settings, or null. */
  gnssStationSettings(station: string): GnssStationSettingsRow | null {
    return gnss.gnssStationSettings(this.statements, station);
  }

  /** Orbit files stored for days in [fromDay, toDay]. */
  gnssOrbits(fromDay: number, toDay: number): GnssOrbitRow[] {
    return gnss.gnssOrbits(this.statements, fromDay, toDay);
  }

  /** Every station's row for one day. */
  gnssDaysOn(day: number): GnssDayRow[] {
    return gnss.gnssDaysOn(this.statements, day);
  }

  listGnssStations(): GnssStationRow[] {
    return gnss.listGnssStations(this.statements);
  }

  getGnssStations(ids: readonly string[]): (GnssStationRow | null)[] {
    return gnss.getGnssStations(this.statements, ids);
  }

  gnssSignals(station: string): GnssSignalRow[] {
    return gnss.gnssSignals(this.statements, station);
  }

  gnssDays(station: string, fromDay: number, toDay: number): GnssDayRow[] {
    return gnss.gnssDays(this.statements, station, fromDay, toDay);
  }

  snrRollupAggregates(query: SnrRollupQuery): SnrRollupAggregate[] {
    return gnss.snrRollupAggregates(this.statements, query);
  }

  // API reads: batched, aggregated and the event feed (SQL in radar-aggregates.ts, events.ts).

  /** The newest volume of each site, in the order of `siteIds` (null for a site without volumes). */
  latestVolumes(siteIds: readonly string[]): (VolumeRow | null)[] {
    return aggregates.latestVolumes(this.statements, siteIds);
  }

  radarSitesInBox(box: LonLatBox): RadarSiteRow[] {
    return aggregates.radarSitesInBox(this.statements, box);
  }

  radarBucketCounts(query: RadarCountQuery): RadarBucketCount[] {
    return aggregates.radarBucketCounts(this.statements, query);
  }

  latestPrecipitation(sites: readonly string[], from: number, to: number): PrecipitationSummary[] {
    return aggregates.latestPrecipitation(this.statements, sites, from, to);
  }

  catalogEventsAfter(seq: number, limit: number): CatalogEventRow[] {
    return events.catalogEventsAfter(this.statements, seq, limit);
  }

  latestCatalogEvent(): CatalogEventRow | null {
    return events.latestCatalogEvent(this.statements);
  }

  /** Forgets catalog events older than `before` (subscribers follow the feed live, not its history). */
  pruneCatalogEvents(before: number): number {
    this.assertWritable('pruneCatalogEvents');
    return events.pruneCatalogEvents(this.statements, before);
  }

  close(): void {
    if (!this.db.open) return;
    if (!this.readonly) this.db.pragma('optimize');
    this.db.close();
  }

  private assertWritable(method: string): void {
    if (this.readonly) throw new RadomeError('CONFIG', `${method}: catalog ${this.path} was opened read-only`);
  }
}
