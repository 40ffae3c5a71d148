import type { RadomeError } from '../core/errors.js';
import type { CatalogReader, SourceFileRow, TransactionWriter } from '../store/catalog/index.js';
import type { ObjectToPut } from '../store/types.js';

/** An object the ingest layer will write to the object store. */
export type PlannedObject = ObjectToPut;

/**
 * What one decoded source file becomes: objects to write first, then rows committed in one
 * transaction. Each format (Level 2, Level 3, GNSS) makes its own plan; ingest runs them alike.
 */
export interface IngestPlan {
  kind: 'level2' | 'level3' | 'gnss';
  /** Catalog id of what the file became (volume id, product id, station-day). */
  id: string;
  /** One line for people, e.g. "66 sweeps". */
  summary: string;
  objects: PlannedObject[];
  /**
   * Prefixes whose objects this plan writes whole (a volume's sweep store, ending in "/"): after
   * the commit, objects under them that the plan did not write are stale and deleted.
   */
  ownedPrefixes?: string[];
  /** Names this plan holds alone from reconcile to commit (e.g. the station-days it writes). */
  locks?: string[];
  /** Names this plan holds with other plans that share them, never with one holding them alone. */
  sharedLocks?: string[];
  /**
   * Brings what the store already holds into the plan before its objects are written (a GNSS
   * station-day that an earlier file began is merged); may replace objects and rows.
   */
  reconcile?(stored: StoredData): Promise<void>;
  /** Writes the catalog rows for `file` through `writer`, an open transaction's. */
  commit(writer: TransactionWriter, file: SourceFileRow): Promise<unknown>;
}

/** What reconcile reads: the catalog and the bodies of stored objects (null when missing). */
export interface StoredData {
  catalog: CatalogReader;
  getObject(key: string): Promise<Uint8Array | null>;
}

export interface PlanOptions {
  renderSize: number;
  ingestedAt: number;
}

/**
 * What planning a file gives: its plan, or why it cannot be planned together with the file's
 * bytes (to quarantine them: a plan pool takes the caller's bytes, see IngestContext.planFile);
 * null when they were lost with the thread that held them (a TIMEOUT), to be fetched again.
 */
export type PlanOutcome = { plan: IngestPlan } | { error: RadomeError; bytes: Uint8Array | null };

/** Where a plan task's clock (PlanFileTask.clock, a SharedArrayBuffer of BigInt64 slots) keeps what. */
export const TASK_CLOCK_SLOTS = { started: 0, threadId: 1, finished: 2, count: 3 } as const;
