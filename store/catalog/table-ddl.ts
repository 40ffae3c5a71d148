// Tables both engines create alike, described once and written as each engine's CREATE TABLE.
// The migrations of store/catalog/sqlite and store/catalog/postgres interpolate them; their SQL is
// pinned by ./migrations-applied.test.ts, so a change here that would alter an applied migration
// fails there (a later table shape is a new migration, never an edit of a description in use).

export type Engine = 'sqlite' | 'postgres';

/** Column types as both engines have them: text (PostgreSQL collates bytewise, as SQLite does), 32- and 64-bit integers, doubles. */
type ColumnType = 'text' | 'int' | 'bigint' | 'double';

const TYPES: Record<Engine, Record<ColumnType, string>> = {
  sqlite: { text: 'TEXT', int: 'INTEGER', bigint: 'INTEGER', double: 'REAL' },
  postgres: { text: 'text COLLATE "C"', int: 'integer', bigint: 'bigint', double: 'double precision' },
};

/** A column: name, type, constraints ('NOT NULL', 'NOT NULL DEFAULT 0', ''), and comment lines written above it per engine. */
type Column = readonly [name: string, type: ColumnType, constraints: string, comment?: Readonly<Record<Engine, readonly string[]>>];

export interface TableDescription {
  name: string;
  columns: readonly Column[];
  primaryKey: readonly string[];
  /** Indexes created with the table, as `name ON table (columns)`. */
  indexes?: readonly string[];
  /** PostgreSQL only: the column the table is RANGE-partitioned by (partitions.ts adds a day's partition). */
  partitionBy?: string;
}

const INDENT = '        ';

/**
 * The table's CREATE TABLE for `engine`, laid out to sit in a migration's template at six spaces
 * (columns at eight); SQLite's tables are STRICT and, keyed by their primary key, WITHOUT ROWID.
 */
export function createTable(engine: Engine, table: TableDescription): string {
  const lines = table.columns.map((column) => columnLine(engine, column));
  lines.push(`PRIMARY KEY (${table.primaryKey.join(', ')})`);
  const indexes = (table.indexes ?? []).map((index) => `\n      CREATE INDEX ${index};`).join('');
  const options = engine === 'sqlite' ? ' STRICT, WITHOUT ROWID' : table.partitionBy ? ` PARTITION BY RANGE (${table.partitionBy})` : '';
  return `CREATE TABLE ${table.name} (\n${INDENT}${lines.join(`,\n${INDENT}`)}\n      )${options};${indexes}`;
}

function columnLine(engine: Engine, [name, type, constraints, comment]: Column): string {
  const column = `${name} ${TYPES[engine][type]}${constraints ? ` ${constraints}` : ''}`;
  return [...(comment?.[engine].map((c) => `-- ${c}`) ?? []), column].join(`\n${INDENT}`);
}

/** `columns` as `engine` writes them inside a CREATE TABLE (at eight spaces, comma-separated, none after the last). */
export function columnLines(engine: Engine, columns: readonly Column[]): string {
  return columns.map((column) => columnLine(engine, column)).join(`,\n${INDENT}`);
}

/** The products table's keyset and count indexes, the same on both engines (their first step with products). */
export const PRODUCT_INDEXES = [
  'CREATE INDEX products_by_time ON products(scan_time, id);',
  'CREATE INDEX products_by_site_time ON products(site, scan_time, id);',
  'CREATE INDEX products_by_category_time ON products(category, scan_time, id);',
  'CREATE INDEX products_by_code_time ON products(code, scan_time, id);',
  'CREATE INDEX products_by_mnemonic_time ON products(mnemonic, scan_time, id);',
  'CREATE INDEX products_by_site_code ON products(site, code, mnemonic, scan_time);',
  'CREATE INDEX products_by_category_code ON products(category, code, mnemonic, scan_time);',
].join('\n      ');

/** A migration step that creates one described table and nothing else. */
export function tableStep(engine: Engine, version: number, name: string, table: TableDescription): { version: number; name: string; sql: string } {
  return { version, name, sql: `\n      ${createTable(engine, table)}\n    ` };
}

const NN = 'NOT NULL';
const COUNTER = 'NOT NULL DEFAULT 0';

/** The source file a volume or product row was ingested from, and when: one run of columns in both tables on both engines. */
export const PROVENANCE_COLUMNS: readonly Column[] = [
  ['source', 'text', NN],
  ['source_key', 'text', NN],
  ['source_size', 'bigint', NN],
  ['source_fingerprint', 'text', NN],
  ['ingested_at', 'bigint', NN],
];

/** Files that failed to ingest, by source, key and fingerprint: attempts, last error, where the bytes were quarantined. */
export const INGEST_FAILURES: TableDescription = {
  name: 'ingest_failures',
  columns: [
    ['source', 'text', NN],
    ['key', 'text', NN],
    ['fingerprint', 'text', NN],
    ['attempts', 'int', NN],
    ['first_failed_at', 'bigint', NN],
    ['last_failed_at', 'bigint', NN],
    ['error_code', 'text', NN],
    ['error_message', 'text', NN],
    ['quarantine_key', 'text', ''],
  ],
  primaryKey: ['source', 'key', 'fingerprint'],
};

/** Which constellation × SNR code pairs each station has data for (what filters may name). */
export const GNSS_STATION_SIGNALS: TableDescription = {
  name: 'gnss_station_signals',
  columns: [
    ['station', 'int', 'NOT NULL REFERENCES gnss_stations(num)'],
    ['constellation', 'int', NN],
    ['code', 'int', 'NOT NULL REFERENCES gnss_codes(id)'],
  ],
  primaryKey: ['station', 'constellation', 'code'],
};

/** A station's GNSS day as first created (SQLite's step 3; its step 9 adds `geometry`, which PostgreSQL's first step has). */
export const GNSS_DAYS: TableDescription = {
  name: 'gnss_days',
  columns: [
    ['station', 'int', 'NOT NULL REFERENCES gnss_stations(num)'],
    ['day', 'int', NN],
    ['object_key', 'text', NN],
    ['source', 'text', NN],
    ['source_key', 'text', NN],
    ['source_fingerprint', 'text', NN],
    ['first_time', 'bigint', NN],
    ['last_time', 'bigint', NN],
    ['epoch_count', 'int', NN],
    ['observation_count', 'bigint', NN],
    ['satellite_count', 'int', NN],
    ['time_system', 'text', NN],
    ['ingested_at', 'bigint', NN],
  ],
  primaryKey: ['station', 'day'],
};

/** SNR sums per station, rollup level, code, time bucket and satellite (thousandths of a dB-Hz); PostgreSQL partitions them by bucket. */
export const SNR_ROLLUPS: TableDescription = {
  name: 'snr_rollups',
  columns: [
    ['station', 'int', NN],
    ['level', 'int', NN],
    ['code', 'int', NN],
    ['bucket', 'bigint', NN],
    ['satellite', 'int', NN],
    ['n', 'bigint', NN],
    ['sum', 'bigint', NN],
    ['sum_squares', 'double', NN],
    ['min', 'bigint', NN],
    ['max', 'bigint', NN],
  ],
  primaryKey: ['station', 'level', 'code', 'bucket', 'satellite'],
  partitionBy: 'bucket',
};

/** Orbit files (broadcast navigation, SP3) per GPS day they cover. */
export const GNSS_ORBITS: TableDescription = {
  name: 'gnss_orbits',
  columns: [
    ['day', 'int', NN],
    ['kind', 'text', "NOT NULL CHECK (kind IN ('broadcast', 'precise'))"],
    ['object_key', 'text', NN],
    ['source', 'text', NN],
    ['source_key', 'text', NN],
    ['satellite_count', 'int', NN],
    ['first_time', 'bigint', NN],
    ['last_time', 'bigint', NN],
    ['ingested_at', 'bigint', NN],
  ],
  primaryKey: ['day', 'kind', 'object_key'],
};

/** The tables radar_minute_counts counts (each a column of it), with the column that dates their rows. */
export const MINUTE_COUNTED = [
  ['volumes', 'scan_start'],
  ['sweeps', 'start_time'],
  ['products', 'scan_time'],
] as const;

/** Volumes, sweeps and products started per site and minute (radarCoverage). */
export const RADAR_MINUTE_COUNTS: TableDescription = {
  name: 'radar_minute_counts',
  columns: [
    ['site', 'text', NN],
    ['minute', 'bigint', NN],
    ['volumes', 'int', COUNTER],
    ['sweeps', 'int', COUNTER],
    ['products', 'int', COUNTER],
  ],
  primaryKey: ['site', 'minute'],
};

/** Products per hour and (code, mnemonic), all sites (productCodes). */
export const PRODUCT_HOUR_COUNTS: TableDescription = {
  name: 'product_hour_counts',
  columns: [
    ['hour', 'bigint', NN],
    ['code', 'int', NN],
    ['mnemonic', 'text', NN],
    ['category', 'text', NN],
    ['products', 'int', NN],
  ],
  primaryKey: ['hour', 'code', 'mnemonic'],
};

/** Precipitation products per hour, site and (code, mnemonic), with the largest accumulation (latestPrecipitation). */
export const PRECIPITATION_HOURS: TableDescription = {
  name: 'precipitation_hours',
  columns: [
    ['hour', 'bigint', NN],
    ['site', 'text', NN],
    ['code', 'int', NN],
    ['mnemonic', 'text', NN],
    ['products', 'int', NN],
    ['max_accumulation_in', 'double', ''],
  ],
  primaryKey: ['hour', 'site', 'code', 'mnemonic'],
};

/** The newest precipitation product per site and (code, mnemonic). */
export const PRECIPITATION_LATEST: TableDescription = {
  name: 'precipitation_latest',
  columns: [
    ['site', 'text', NN],
    ['code', 'int', NN],
    ['mnemonic', 'text', NN],
    ['newest_time', 'bigint', NN],
    ['newest_id', 'text', NN],
  ],
  primaryKey: ['site', 'code', 'mnemonic'],
};

/** An ingest worker's leased claim on one source file. */
export const FILE_CLAIMS: TableDescription = {
  name: 'file_claims',
  columns: [
    ['source', 'text', NN],
    ['key', 'text', NN],
    ['fingerprint', 'text', NN],
    ['worker', 'text', NN],
    ['expires_at', 'bigint', NN],
  ],
  primaryKey: ['source', 'key', 'fingerprint'],
};

/** Files the scheduler listed, waiting for an ingest worker. */
export const INGEST_QUEUE: TableDescription = {
  name: 'ingest_queue',
  columns: [
    ['source', 'text', NN],
    ['key', 'text', NN],
    ['fingerprint', 'text', NN],
    ['source_name', 'text', NN],
    ['size', 'bigint', NN],
    ['time', 'bigint', ''],
    [
      'listed_at',
      'bigint',
      NN,
      {
        sqlite: ["The listing's order, and when a worker may take the file (later after a failed attempt)."],
        postgres: ["The listing's order (round-robin across sites), and when a worker may take the file", "(the database server's clock; later after a failed attempt)."],
      },
    ],
    ['ready_at', 'bigint', NN],
  ],
  primaryKey: ['source', 'key', 'fingerprint'],
  indexes: ['ingest_queue_by_source_name ON ingest_queue (source_name, listed_at)'],
};

/** SNR sums per station-day, code, satellite, 5° elevation and 10° azimuth bin (thousandths of a dB-Hz). */
export const SNR_ELEVATION_ROLLUPS: TableDescription = {
  name: 'snr_elevation_rollups',
  columns: [
    ['station', 'int', NN],
    ['code', 'int', NN],
    ['day', 'int', NN],
    ['satellite', 'int', NN],
    ['elevation_bin', 'int', NN],
    ['azimuth_bin', 'int', NN],
    ['n', 'bigint', NN],
    ['sum', 'bigint', NN],
    ['sum_squares', 'double', NN],
    ['min', 'bigint', NN],
    ['max', 'bigint', NN],
  ],
  primaryKey: ['station', 'code', 'day', 'satellite', 'elevation_bin', 'azimuth_bin'],
};
