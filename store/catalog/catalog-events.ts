// The catalog's event feed: every commit of a volume or product appends an event in its own
// transaction; servers follow the feed with a cursor on `seq` (subscriptions).

export type CatalogEventKind = 'LEVEL2_VOLUME' | 'LEVEL3_PRODUCT';

/** One committed item, in commit order: `seq` only grows. */
export interface CatalogEventRow {
  seq: number;
  /** Commit time, epoch ms. */
  at: number;
  kind: CatalogEventKind;
  site: string | null;
  /** Volume id or product id. */
  subjectId: string;
  /** Product code of LEVEL3_PRODUCT events. */
  code: number | null;
}

export interface EventReader {
  /** Events after `seq`, oldest first, at most `limit`. */
  after(seq: number, limit: number): Promise<CatalogEventRow[]>;
  /** The newest event, or null before the first commit. */
  latest(): Promise<CatalogEventRow | null>;
}

export interface EventWriter {
  /** Forgets events committed before `before` (subscribers follow the feed live, not its history); returns how many. */
  prune(before: number): Promise<number>;
}
