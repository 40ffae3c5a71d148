// Ingest spread over several processes and machines (issue 24): what a catalog shared by a
// cluster adds. PostgreSQL catalogs have it; a SQLite catalog has one ingesting process, which
// lists and ingests by itself (the scheduler is trivially its own).

/** A file the scheduler listed, waiting for any worker: a source object's identity, size and time. */
export interface QueuedFile {
  source: string;
  key: string;
  size: number;
  fingerprint: string;
  time?: number;
}

export interface ClusterCatalog {
  /**
   * True while this process is the cluster's scheduler (the one that lists sources): takes the
   * role when no live process holds it, keeps it while this process's dedicated connection lives.
   * A process that dies loses it with its connection, and another takes it on its next call.
   */
  holdScheduler(): Promise<boolean>;
  /** Queues listed files of a scheduled source (a file queued already stays as it is); returns how many are queued for it now. */
  enqueueFiles(sourceName: string, files: readonly QueuedFile[], at: number): Promise<number>;
  /**
   * Takes up to `limit` of a source's ready queued files for `worker`, oldest listed first, each
   * claimed for it (as claimFile, with `leaseMs`); files another live claim holds are passed over,
   * and workers taking at once get different files. A file stays queued until finishQueuedFile:
   * a worker killed mid-file leaves it for another once its claim's lease runs out.
   */
  takeQueuedFiles(sourceName: string, limit: number, worker: string, leaseMs: number): Promise<QueuedFile[]>;
  /** A taken file is done (null: ingested, skipped or given up: it leaves the queue) or is to be tried again in `retryInMs`. */
  finishQueuedFile(file: QueuedFile, retryInMs: number | null): Promise<void>;
  /** How many of a source's files wait in the queue. */
  queuedCount(sourceName: string): Promise<number>;
}

/** The catalog's cluster side, or null on an engine that has none (SQLite). */
export function clusterOf(catalog: object): ClusterCatalog | null {
  return 'holdScheduler' in catalog ? (catalog as ClusterCatalog) : null;
}
