// Deleting data is two steps that cannot share a transaction (the catalog, then the object
// store), so rows go first, in one transaction that records their object keys as doomed; the
// objects are deleted after that and their keys forgotten last. A crash anywhere leaves either
// rows with all their objects, or doomed keys whose deletion the next pass finishes: never a row
// without its object, never an object no one will delete.
import type { TransactionWriter } from './catalog.js';

/** What one retention pass removed from the catalog (objects follow from the doomed keys). */
export interface RetentionResult {
  volumes: number;
  products: number;
  /** Object keys recorded as doomed by this pass. */
  objects: number;
}

/** What an ingest plan commits: a Level 2 volume, a Level 3 product or GNSS station-days. */
export type CommitKind = 'level2' | 'level3' | 'gnss';

export interface RetentionWriter {
  /**
   * Runs `commit` (a plan's commit of volume or product `id`) in one transaction with the
   * bookkeeping of its objects: keys the new rows no longer use become doomed, keys they use again
   * are no longer doomed. `commit` writes through the writer it is given (the transaction's), never
   * another. Inside a transaction, it nests in it. Returns the number of keys doomed.
   */
  commitDoomingReplaced(kind: CommitKind, id: string, at: number, commit: (writer: TransactionWriter) => Promise<unknown>): Promise<number>;
  /** Removes rows older than `cutoff` (volumes by scan start, products by scan time), dooming their objects. */
  doomOlderThan(cutoff: number, at: number): Promise<RetentionResult>;
  /**
   * One bounded step of that: at most `maxVolumes` of the oldest volumes (and proportionately many
   * products) in one short transaction; all zeros once nothing older is left. A caller that yields
   * between steps lets other writers in.
   */
  doomBatchOlderThan(cutoff: number, at: number, maxVolumes: number): Promise<RetentionResult>;
  /**
   * Work the same step can do before it, without holding writers back (SQLite: reads the pages its
   * deletes will change, so its transaction does not wait for the disk; and copies the last
   * batch's pages from the WAL into the file). Call it before doomBatchOlderThan with the same
   * cutoff and maxVolumes, right after the batch before; it changes no row.
   */
  warmBatchOlderThan(cutoff: number, maxVolumes: number): Promise<void>;
  /** Up to `limit` doomed object keys, to delete from the store; a key ending in "/" stands for all under it. */
  doomedKeys(limit: number): Promise<string[]>;
  /** Forgets doomed keys once their objects are gone. */
  forgetDoomed(keys: readonly string[]): Promise<void>;
}
