// Keyset paging, the same on both engines: conditions, the overlap of a time window, the cursor's
// bound and the page. An engine runs the statements (keysetStatements) in one read transaction.
import { RadomeError } from '../../../core/errors.js';
import { decodeCursor, encodeCursor, type CursorKind, type SortKey } from '../cursor.js';
import type { Page, PageArgs, SortOrder } from '../paging.js';
import type { Statement } from './dialect.js';

/** A WHERE clause being built: conditions joined with AND, and their positional parameters. */
export class Conditions {
  readonly parts: string[] = [];
  readonly params: unknown[] = [];

  add(sql: string, ...params: unknown[]): this {
    this.parts.push(sql);
    this.params.push(...params);
    return this;
  }

  copy(): Conditions {
    const copy = new Conditions();
    copy.parts.push(...this.parts);
    copy.params.push(...this.params);
    return copy;
  }

  get sql(): string {
    return this.parts.length ? `WHERE ${this.parts.join(' AND ')}` : '';
  }
}

/** Rows whose [start, end] overlaps [from, to). */
export interface Overlap {
  startColumn: string;
  endColumn: string;
  /** Which duration_bounds row bounds (end - start); products are instants and have none. */
  durationKind: 'volume' | 'sweep' | 'product';
  from?: number;
  to?: number;
}

/** Bounds on the start column alone: [lower, upper). */
export interface StartRange {
  lower?: number;
  upper?: number;
}

/** The longest (end - start) stored of a kind: what an engine reads (one row) before `startRange`. */
export const DURATION_BOUND_SQL = 'SELECT max_ms AS ms FROM duration_bounds WHERE kind = ?';

/**
 * "end >= from" cannot use the start-time indexes, so it is paired with "start >= from - longest
 * duration ever stored" (`longestMs`, read by DURATION_BOUND_SQL), which it implies, and which can.
 */
export function startRange(where: Conditions, overlap: Overlap, longestMs: number): StartRange {
  if (overlap.from === undefined) return { upper: overlap.to };
  where.add(`${overlap.endColumn} >= ?`, overlap.from);
  return { lower: overlap.from - longestMs, upper: overlap.to };
}

export function addRange(where: Conditions, column: string, range: StartRange): Conditions {
  if (range.lower !== undefined) where.add(`${column} >= ?`, range.lower);
  if (range.upper !== undefined) where.add(`${column} < ?`, range.upper);
  return where;
}

/** Conditions for an overlap outside keyset paging. */
export function overlapConditions(where: Conditions, overlap: Overlap, longestMs: number): Conditions {
  return addRange(where, overlap.startColumn, startRange(where, overlap, longestMs));
}

export interface KeysetQuery<T> {
  kind: CursorKind;
  table: string;
  /** Read by position by `map`. */
  columns: string;
  /** Filters other than time. */
  where: Conditions;
  /** The time window; its start column is the sort column, ties broken by `id`. */
  overlap: Overlap;
  order: SortOrder | undefined;
  map: (values: unknown[]) => T;
  keyOf: (row: T) => SortKey;
}

/** Largest page a caller may ask for here; the server caps lower. */
export const MAX_PAGE = 10_000;

/**
 * Drops the one of (window bound, cursor) on the paging side that the other implies, so the engine
 * seeks the index straight to the cursor instead of scanning from the window's edge to it.
 */
export function withCursor(where: Conditions, column: string, range: StartRange, order: SortOrder, after: SortKey | null): Conditions {
  if (!after) return addRange(where, column, range);
  if (order === 'DESC') {
    if (range.upper !== undefined && after.time >= range.upper) return addRange(where, column, range);
    return addRange(where, column, { lower: range.lower }).add(`(${column}, id) < (?, ?)`, after.time, after.id);
  }
  if (range.lower !== undefined && after.time < range.lower) return addRange(where, column, range);
  return addRange(where, column, { upper: range.upper }).add(`(${column}, id) > (?, ?)`, after.time, after.id);
}

/** A page request checked: how many rows, in which order, after which key. */
export interface KeysetRequest {
  first: number;
  order: SortOrder;
  after: SortKey | null;
}

export function keysetRequest<T>(q: KeysetQuery<T>, page: PageArgs): KeysetRequest {
  const first = page.first;
  if (!Number.isInteger(first) || first < 0 || first > MAX_PAGE) {
    throw new RadomeError('BAD_INPUT', `first: ${String(first)} must be a whole number from 0 to ${MAX_PAGE}`);
  }
  const order = q.order ?? 'DESC';
  if (order !== 'ASC' && order !== 'DESC') throw new RadomeError('BAD_INPUT', `order: ${String(order)} is not ASC or DESC`);
  return { first, order, after: page.after ? decodeCursor(q.kind, page.after) : null };
}

/**
 * A page's two statements: rows strictly after the cursor's (time, id) in the requested order, one
 * extra fetched to know whether another page follows; and the filter's total count. The engine
 * reads them in one transaction so they agree even while a writer commits.
 */
export function keysetStatements<T>(q: KeysetQuery<T>, request: KeysetRequest, longestMs: number): { rows: Statement; count: Statement } {
  const column = q.overlap.startColumn;
  const filtered = q.where.copy();
  const range = startRange(filtered, q.overlap, longestMs);
  const paged = withCursor(filtered, column, range, request.order, request.after);
  return {
    rows: { sql: `SELECT ${q.columns} FROM ${q.table} ${paged.sql} ORDER BY ${column} ${request.order}, id ${request.order} LIMIT ?`, params: [...paged.params, request.first + 1] },
    count: countStatement(q, longestMs),
  };
}

/**
 * The filter's total count. Rows starting inside the window [from, to) overlap it whatever their
 * end (writers refuse an end before the start), so they are counted from a start-time index alone;
 * only rows starting in [from - longest, from) are read for their end. One count with
 * "end >= from" read the table row of every row in the window: ~30,000 random row reads for 10
 * minutes of all sites' sweeps (23 ms of CPU at a quarter of a national week).
 */
function countStatement<T>(q: KeysetQuery<T>, longestMs: number): Statement {
  const { startColumn: column, endColumn, from, to } = q.overlap;
  if (from === undefined || endColumn === column) {
    const where = q.where.copy();
    addRange(where, column, startRange(where, q.overlap, longestMs));
    return { sql: `SELECT COUNT(*) AS n FROM ${q.table} ${where.sql}`, params: where.params };
  }
  const inside = addRange(q.where.copy(), column, { lower: from, upper: to });
  const before = addRange(q.where.copy().add(`${endColumn} >= ?`, from), column, { lower: from - longestMs, upper: to === undefined ? from : Math.min(from, to) });
  return {
    sql: `SELECT (SELECT COUNT(*) FROM ${q.table} ${inside.sql}) + (SELECT COUNT(*) FROM ${q.table} ${before.sql}) AS n`,
    params: [...inside.params, ...before.params],
  };
}

/** The page of the rows statement's `records` (one more than asked when another page follows). */
export function keysetResult<T>(q: KeysetQuery<T>, request: KeysetRequest, records: unknown[][], totalCount: number): Page<T> {
  const rows = new Array<T>(Math.min(records.length, request.first));
  for (let i = 0; i < rows.length; i++) rows[i] = q.map(records[i]!);
  return new KeysetPage(rows, totalCount, records.length > request.first, q.kind, q.keyOf);
}

/** A page whose cursors are encoded only when asked for: most requests select one (the last) or none. */
export class KeysetPage<T> implements Page<T> {
  // Private fields, so the page's own properties stay rows, totalCount and hasNextPage.
  readonly #kind: CursorKind;
  readonly #keyOf: (row: T) => SortKey;

  constructor(
    readonly rows: T[],
    readonly totalCount: number,
    readonly hasNextPage: boolean,
    kind: CursorKind,
    keyOf: (row: T) => SortKey,
  ) {
    this.#kind = kind;
    this.#keyOf = keyOf;
  }

  cursorAt(i: number): string {
    if (!(Number.isInteger(i) && i >= 0 && i < this.rows.length)) throw new RangeError(`cursorAt: no row ${i} in a page of ${this.rows.length}`);
    return encodeCursor(this.#kind, this.#keyOf(this.rows[i]!));
  }
}
