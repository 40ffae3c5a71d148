import { checkNumber, type Dialect } from '../query/dialect.js';

/**
 * PostgreSQL's side of the shared query specs: a list is one array parameter (`= ANY(?)`); quoted
 * aliases keep their case; COUNT and SUM of bigint are numeric or bigint, cast so pg returns numbers.
 */
export const postgresDialect: Dialect = {
  oneOf: (column, values, type) => [`${column} = ANY(?${type === 'integer' ? '::integer[]' : ''})`, [...values]],
  timeBound,
  alias: (name) => `"${name}"`,
  integer: '?::bigint',
  wholeSum: (aggregate) => `${aggregate}::integer`,
  total: (column) => `COALESCE(SUM(${column}), 0)::float8`,
  seekPerBucket: false,
};

/**
 * A time bound for a bigint column: whole ms, rounded up, which selects the same integer times
 * for `>=` and `<` as the fractional bound does on SQLite (PostgreSQL refuses a fraction for bigint).
 */
function timeBound(name: string, value: number | undefined | null): number | undefined {
  const checked = checkNumber(name, value);
  return checked === undefined ? undefined : Math.ceil(checked);
}
