import type { Page, PageArgs } from '../paging.js';
import { type Conditions, DURATION_BOUND_SQL, type KeysetQuery, keysetRequest, keysetResult, keysetStatements, type Overlap, overlapConditions } from '../query/keyset.js';
import type { PgSession } from './session.js';

/** The longest (end - start) stored of the overlap's kind, when its window needs it (in the caller's transaction). */
async function longestMs(db: PgSession, overlap: Overlap): Promise<number> {
  if (overlap.from === undefined) return 0;
  return (await db.row<{ ms: number }>(DURATION_BOUND_SQL, [overlap.durationKind]))?.ms ?? 0;
}

/** `where` with the overlap's conditions (the caller runs it in a transaction). */
export async function withOverlap(db: PgSession, where: Conditions, overlap: Overlap): Promise<Conditions> {
  return overlapConditions(where, overlap, await longestMs(db, overlap));
}

/** One page by keyset (query/keyset.ts), its rows and the filter's total count read from one snapshot. */
export function keysetPage<T>(db: PgSession, q: KeysetQuery<T>, page: PageArgs): Promise<Page<T>> {
  const request = keysetRequest(q, page);
  return db.transaction(
    async () => {
      const { rows, count } = keysetStatements(q, request, await longestMs(db, q.overlap));
      const records = await db.arrays(rows.sql, rows.params);
      const counted = await db.row<{ n: number }>(count.sql, count.params);
      return keysetResult(q, request, records, counted?.n ?? 0);
    },
    { readOnly: true },
  );
}
