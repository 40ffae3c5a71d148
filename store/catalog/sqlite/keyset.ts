import type { Page, PageArgs } from '../paging.js';
import { type Conditions, DURATION_BOUND_SQL, type KeysetQuery, keysetRequest, keysetResult, keysetStatements, type Overlap, overlapConditions } from '../query/keyset.js';
import type { StatementCache } from './statements.js';

/** The longest (end - start) stored of the overlap's kind, when its window needs it (in the caller's transaction). */
function longestMs(statements: StatementCache, overlap: Overlap): number {
  if (overlap.from === undefined) return 0;
  const row = statements.prepare(DURATION_BOUND_SQL).get(overlap.durationKind) as { ms: number } | undefined;
  return row?.ms ?? 0;
}

/** `where` with the overlap's conditions (the caller runs it in a transaction). */
export function withOverlap(statements: StatementCache, where: Conditions, overlap: Overlap): Conditions {
  return overlapConditions(where, overlap, longestMs(statements, overlap));
}

/** One page by keyset (query/keyset.ts), its rows and total count read in one transaction. */
export function keysetPage<T>(statements: StatementCache, q: KeysetQuery<T>, page: PageArgs): Page<T> {
  const request = keysetRequest(q, page);
  return statements.db.transaction(() => {
    const { rows, count } = keysetStatements(q, request, longestMs(statements, q.overlap));
    const records = statements.prepareRaw(rows.sql).all(...rows.params) as unknown[][];
    const { n } = statements.prepare(count.sql).get(...count.params) as { n: number };
    return keysetResult(q, request, records, n);
  })();
}
