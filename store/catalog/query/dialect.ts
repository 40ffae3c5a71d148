// What differs between the catalog engines in the text of a read query. The query specs beside this
// file (keyset.ts, radar.ts, products.ts, gnss.ts) write each query's shape once — columns,
// filters, ordering, cursor — with `?` placeholders (PostgreSQL's session numbers them); each
// engine supplies one Dialect for the rest.
import { RadomeError } from '../../../core/errors.js';

export interface Dialect {
  /** `column` is one of `values`, bound as one parameter so any number of them is one statement. */
  oneOf(column: string, values: readonly (string | number)[], type: 'text' | 'integer'): [sql: string, param: unknown];
  /** A caller's time bound, checked, in the form the engine's time columns compare with. */
  timeBound(name: string, value: number | undefined | null): number | undefined;
  /** A column alias with the case the row types' field names have. */
  alias(name: string): string;
  /** A placeholder for a whole number the engine must divide by as an integer. */
  integer: string;
  /** A COUNT or SUM of whole numbers, read back as a JS number. */
  wholeSum(aggregate: string): string;
  /** SUM of a double column that is 0 over no rows. */
  total(column: string): string;
  /**
   * Whether radarCoverage sums each site and bucket's minutes by a seek of its own (SQLite: no
   * sort of the window's minute rows) rather than by one grouped scan (PostgreSQL: its hash
   * aggregate beats thousands of per-bucket subplans, each fetching its minute rows from the heap).
   */
  seekPerBucket: boolean;
}

/** A time bound or range limit from a caller: a finite number, else BAD_INPUT naming it. */
export function checkNumber(name: string, value: number | undefined | null): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new RadomeError('BAD_INPUT', `${name}: ${String(value)} is not a finite number`);
  return value;
}

/** A list of ids (or other strings) from a caller, else BAD_INPUT naming it. */
export function checkStrings(name: string, values: readonly string[], what = 'ids'): readonly string[] {
  if (!Array.isArray(values) || values.some((v) => typeof v !== 'string')) throw new RadomeError('BAD_INPUT', `${name}: expected a list of ${what}`);
  return values;
}

/** A list of product codes from a caller, else BAD_INPUT. */
export function checkCodes(codes: readonly number[]): readonly number[] {
  if (!Array.isArray(codes) || codes.some((c) => !Number.isInteger(c))) throw new RadomeError('BAD_INPUT', 'codes: expected a list of whole numbers');
  return codes;
}

/** Rows in the order of `ids`, null where an id matched nothing (what a DataLoader expects). */
export function inIdOrder<T extends { id: string }>(ids: readonly string[], rows: T[]): (T | null)[] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}

/** A statement's text and its positional parameters. */
export interface Statement {
  sql: string;
  params: unknown[];
}
