import { checkNumber, type Dialect } from '../query/dialect.js';

/**
 * SQLite's side of the shared query specs: a list is one JSON array read by json_each (one cached
 * statement for any number of values); times compare as given; aliases keep their case; better-sqlite3
 * binds JS numbers as REAL, so a divisor is cast to integer.
 */
export const sqliteDialect: Dialect = {
  oneOf: (column, values) => [`${column} IN (SELECT value FROM json_each(?))`, JSON.stringify(values)],
  timeBound: checkNumber,
  alias: (name) => name,
  integer: 'CAST(? AS INTEGER)',
  wholeSum: (aggregate) => aggregate,
  total: (column) => `TOTAL(${column})`,
  seekPerBucket: true,
};
