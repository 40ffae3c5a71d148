// Keyset paging on PostgreSQL: the same pages, cursors, order and ties as ../sqlite/keyset.ts, whose
// engine-neutral parts (conditions, cursor bounds, the page) it shares.
import { RadomeError } from '../../../core/errors.js';
import { decodeCursor, type CursorKind, type SortKey } from '../cursor.js';
import type { Page, PageArgs, SortOrder } from '../paging.js';
import { addRange, type Conditions, KeysetPage, MAX_PAGE, type Overlap, type StartRange, withCursor } from '../sqlite/keyset.js';
import type { PgSession } from './session.js';

import { checkNumber } from '../sqlite/keyset.js';

export { checkNumber, Conditions, type Overlap } from '../sqlite/keyset.js';

/** "end >= from" paired with "start >= from - longest duration ever stored", which the time indexes serve. */
async function startRange(db: PgSession, where: Conditions, overlap: Overlap): Promise<StartRange> {
  if (overlap.from === undefined) return { upper: overlap.to };
  where.add(`${overlap.endColumn} >= ?`, overlap.from);
  const row = await db.row<{ ms: number }>('SELECT max_ms AS ms FROM duration_bounds WHERE kind = ?', [overlap.durationKind]);
  return { lower: overlap.from - (row?.ms ?? 0), upper: overlap.to };
}

/** Conditions for an overlap outside keyset paging (the caller runs it in a transaction). */
export async function overlapConditions(db: PgSession, where: Conditions, overlap: Overlap): Promise<Conditions> {
  return addRange(where, overlap.startColumn, await startRange(db, where, overlap));
}

export interface KeysetQuery<T> {
  kind: CursorKind;
  table: string;
  columns: string;
  where: Conditions;
  overlap: Overlap;
  order: SortOrder | undefined;
  map: (values: unknown[]) => T;
  keyOf: (row: T) => SortKey;
}

/** One page by keyset, its rows and the filter's total count read from one snapshot. */
export async function keysetPage<T>(db: PgSession, q: KeysetQuery<T>, page: PageArgs): Promise<Page<T>> {
  const first = page.first;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new RadomeError('BAD_INPUT', `first: ${String(first)} must be a whole number from 0 to ${MAX_PAGE}`);
  }
  const order = q.order ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') throw new RadomeError('BAD_INPUT', `order: ${String(order)} is not ASC or DESC`);
  const after = page.after ? decodeCursor(q.kind, page.after) : null;
  const column = q.overlap.startColumn;

  return db.transaction(
    async () => {
      const filtered = q.where.copy();
      const range = await startRange(db, filtered, q.overlap);
      const counted = addRange(filtered.copy(), column, range);
      const paged = withCursor(filtered, column, range, order, after);
      const records = await db.arrays(`SELECT ${q.columns} FROM ${q.table} ${paged.sql} ORDER BY ${column} ${order}, id ${order} LIMIT ?`, [...paged.params, first + 1]);
      const counts = await db.row<{ n: number }>(`SELECT COUNT(*) AS n FROM ${q.table} ${counted.sql}`, counted.params);
      const rows = new Array<T>(Math.min(records.length, first));
      for (let i = 0; i < rows.length; i++) rows[i] = q.map(records[i]!);
      return new KeysetPage(rows, counts?.n ?? 0, records.length > first, q.kind, q.keyOf);
    },
    { readOnly: true },
  );
}

/**
 * A time bound for a bigint column: whole ms, rounded up, which selects the same integer times
 * for `>=` and `<` as the fractional bound does on SQLite (PostgreSQL refuses a fraction for bigint).
 */
export function timeBound(name: string, value: number | undefined | null): number | undefined {
  const checked = checkNumber(name, value);
  return checked === undefined ? undefined : Math.ceil(checked);
}
