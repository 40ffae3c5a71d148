/**
 * One row type's table columns, in the order raw reads (StatementCache.prepareRaw, PgSession.arrays)
 * read them by position and the PostgreSQL writers bind parameters: each column's SQL name and the
 * row field it holds, or null where the row type's own code reads and writes it (bbox and corners).
 * The SELECT list, the decoder, the named parameters and the positions the row type's own code
 * reads (`at`) all come from this one list, so they cannot drift apart.
 */
export type RowColumns<Row> = readonly (readonly [column: string, field: (keyof Row & string) | null])[];

export interface RowTable<Row> {
  /** The column list for SELECT and INSERT. */
  readonly columns: string;
  readonly count: number;
  /** The position of a column the row type's own code reads (bbox, corners). */
  at(column: string): number;
  /** The row from its values; the fields in `derived` are null, for the caller to set. */
  readonly fieldsOf: (values: unknown[]) => Row;
  /** Named parameters of an INSERT: each field by its name, a null-field column by its own (from `own`). */
  paramsOf(row: Row, own?: Record<string, unknown>): Record<string, unknown>;
}

const NAME = /^[a-z_][A-Za-z0-9_]*$/;

export function rowTable<Row>(columns: RowColumns<Row>, derived: readonly (keyof Row & string)[] = []): RowTable<Row> {
  for (const [column, field] of columns) {
    if (!NAME.test(column) || (field !== null && !NAME.test(field))) throw new Error(`row column ${column} → ${field}: not a plain name`);
  }
  // Compiled once into one object literal (`new Function`, over this module's own names only): rows
  // are decoded on every catalog read, and a literal of fixed shape is what V8 builds fastest; a loop
  // of keyed stores per row costs several times as much.
  const literal = [...columns.flatMap(([, field], i) => (field === null ? [] : [`${field}: v[${i}]`])), ...derived.map((f) => `${f}: null`)];
  const fieldsOf = new Function('v', `return { ${literal.join(', ')} };`) as (values: unknown[]) => Row;
  return {
    columns: columns.map(([column]) => column).join(', '),
    count: columns.length,
    at(column) {
      const i = columns.findIndex(([c]) => c === column);
      if (i < 0) throw new Error(`row column ${column}: not in the table`);
      return i;
    },
    fieldsOf,
    paramsOf(row, own = {}) {
      const params: Record<string, unknown> = {};
      for (const [column, field] of columns) params[field ?? column] = field === null ? own[column] : row[field];
      return params;
    },
  };
}
