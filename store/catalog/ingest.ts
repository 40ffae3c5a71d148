// The ingest domain of the catalog: which source files were ingested, which failed, and the
// daemon's status, flags and backfill requests (migration 4). Times are epoch milliseconds UTC.

/** A raw file taken from a source; (source, key, fingerprint) identifies it, so re-ingest is a no-op. */
export interface SourceFileRow {
  source: string; // e.g. "level2:noaa-nexrad-level2" or "local"
  key: string; // bucket key or absolute path
  /** ETag when the source gives one, else `size:<bytes>:<mtimeMs>`. */
  fingerprint: string;
  size: number;
  ingestedAt: number;
}

/** A source file that failed to ingest; retried later, given up on after a few attempts. */
export interface IngestFailureRow {
  source: string;
  key: string;
  fingerprint: string;
  attempts: number;
  firstFailedAt: number;
  lastFailedAt: number;
  /** RadomeError code of the last attempt. */
  errorCode: string;
  errorMessage: string;
  /** Object key where the raw file was kept for inspection, if it was. */
  quarantineKey: string | null;
}

export interface RecordFailureInput {
  source: string;
  key: string;
  fingerprint: string;
  /** RadomeError code. */
  code: string;
  message: string;
  quarantineKey?: string | null;
  /** When it failed, epoch ms UTC. */
  at: number;
}

/** One daemon source (`level2`, `level2-chunks`, `level3`, `gnss`) as ingestStatus shows it. */
export interface IngestSourceStatusRow {
  name: string;
  paused: boolean;
  running: boolean;
  lastRunAt: number | null;
  lastSuccessAt: number | null;
  lastError: string | null;
  lastErrorAt: number | null;
  /** Files listed but not yet ingested when last counted. */
  backlog: number;
  ingestedCount: number;
  skippedCount: number;
  failedCount: number;
}

/** What one pass of a source did, added to its counts. */
export interface PassCounts {
  ingested: number;
  skipped: number;
  failed: number;
}

export interface IngestFlagRow {
  name: string;
  value: string;
  updatedAt: number;
}

export interface BackfillRequestRow {
  id: number;
  source: string;
  from: number;
  to: number;
  requestedAt: number;
  startedAt: number | null;
  finishedAt: number | null;
  error: string | null;
}

/** A file listed for ingest, waiting in the catalog's queue for any worker: a source object's identity, size and time. */
export interface QueuedFile {
  source: string;
  key: string;
  size: number;
  fingerprint: string;
  time?: number;
}

export interface IngestReader {
  /** True when the file (source, key, fingerprint) was committed. */
  isIngested(source: string, key: string, fingerprint: string): Promise<boolean>;
  /** A file's failure record: how often it failed and whether it was quarantined. */
  failureOf(source: string, key: string, fingerprint: string): Promise<{ attempts: number; quarantined: boolean } | null>;
  /** Most recent failures first. */
  failures(): Promise<IngestFailureRow[]>;
  /** Files failed (retried or not) and, of them, those quarantined: what anyone may know of failures. */
  failureCounts(): Promise<{ failed: number; quarantined: number }>;
  /** Every registered daemon source, by name. */
  sources(): Promise<IngestSourceStatusRow[]>;
  source(name: string): Promise<IngestSourceStatusRow | null>;
  flags(): Promise<IngestFlagRow[]>;
  /** The oldest unfinished backfill request of `source`. */
  nextBackfill(source: string): Promise<BackfillRequestRow | null>;
  /** Newest first. */
  backfills(limit: number): Promise<BackfillRequestRow[]>;
  /** Objects whose rows are gone and that wait to be deleted from the object store. */
  doomedCount(): Promise<number>;
  /** How many of a scheduled source's files wait in the ingest queue. */
  queuedCount(sourceName: string): Promise<number>;
}

export interface IngestWriter {
  /** Counts one more failed attempt at a source file; returns how many there have been. */
  recordFailure(input: RecordFailureInput): Promise<{ attempts: number }>;
  /** Forgets a file's failures (e.g. to retry it from scratch); true when there were any. */
  clearFailure(source: string, key: string, fingerprint: string): Promise<boolean>;
  /** Forgets a source-file record (a real-time volume's "open" record once it is closed). */
  forgetSourceFile(source: string, key: string, fingerprint: string): Promise<void>;
  /** Registers the daemon's sources (keeping their state) and clears `running` a crash left set. */
  registerSources(names: readonly string[]): Promise<void>;
  setSourcePaused(name: string, paused: boolean): Promise<IngestSourceStatusRow>;
  markRunStarted(name: string, at: number): Promise<void>;
  setBacklog(name: string, backlog: number): Promise<void>;
  /** Adds a pass's counts; a pass without an error is a success, else its error is kept. */
  markRunFinished(name: string, at: number, counts: PassCounts, error: string | null): Promise<void>;
  /** Sets (or, with null, removes) a flag. */
  setFlag(name: string, value: string | null, at: number): Promise<IngestFlagRow | null>;
  requestBackfill(source: string, from: number, to: number, at: number): Promise<BackfillRequestRow>;
  markBackfill(id: number, field: 'started' | 'finished', at: number, error?: string | null): Promise<void>;
  /**
   * Claims a source file for `worker` for `leaseMs` (the engine's clock: the database server's on
   * PostgreSQL, so machines' clocks need not agree). True when the worker holds the claim now: the
   * file had none, its lease ran out (its worker died), or the worker held it already (renewed).
   */
  claimFile(source: string, key: string, fingerprint: string, worker: string, leaseMs: number): Promise<boolean>;
  /** Gives a claim up (after the file's commit or failure is recorded); a claim another worker took over stays. */
  releaseClaim(source: string, key: string, fingerprint: string, worker: string): Promise<void>;
  /**
   * Queues listed files of a scheduled source (`sourceName`, e.g. `level2`) in the listing's order
   * (a file queued already stays as it is); returns how many are queued for that source now.
   */
  enqueueFiles(sourceName: string, files: readonly QueuedFile[], at: number): Promise<number>;
  /**
   * Takes up to `limit` of a source's ready queued files for `worker`, oldest listed first, each
   * claimed for it (as claimFile, with `leaseMs`); files another live claim holds are passed over,
   * and workers taking at once (any process) get different files. A file stays queued until
   * finishQueuedFile: a worker killed mid-file leaves it for another once its claim's lease runs out.
   */
  takeQueuedFiles(sourceName: string, limit: number, worker: string, leaseMs: number): Promise<QueuedFile[]>;
  /** A taken file is done (null: ingested, skipped or given up: it leaves the queue) or is to be tried again in `retryInMs`. */
  finishQueuedFile(file: QueuedFile, retryInMs: number | null): Promise<void>;
}
