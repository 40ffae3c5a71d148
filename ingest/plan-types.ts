import type { Catalog } from '../store/catalog/index.js';
import type { SourceFileRow } from '../store/types.js';

/** An object the ingest layer will write to the object store. */
export interface PlannedObject {
  key: string;
  body: Uint8Array;
  contentType: string;
}

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
  /** Writes the catalog rows for `file` in one transaction. */
  commit(catalog: Catalog, file: SourceFileRow): void;
}

export interface PlanOptions {
  renderSize: number;
  ingestedAt: number;
}
