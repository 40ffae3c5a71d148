// Ingest spread over several processes and machines (issue 24): what a catalog shared by a
// cluster adds to the ingest domain's queue and claims (ingest.ts, on every engine): one
// scheduler. PostgreSQL catalogs have it; a SQLite catalog has one ingesting process, which lists,
// ingests and runs retention by itself (the scheduler is trivially its own).

export interface ClusterCatalog {
  /**
   * True while this process is the cluster's scheduler (the one that lists sources and runs
   * retention): takes the role when no live process holds it, keeps it while this process's
   * dedicated connection lives. A process that dies loses it with its connection, and another
   * takes it on its next call.
   */
  holdScheduler(): Promise<boolean>;
}

/** The catalog's cluster side, or null on an engine that has none (SQLite). */
export function clusterOf(catalog: object): ClusterCatalog | null {
  return 'holdScheduler' in catalog ? (catalog as ClusterCatalog) : null;
}
