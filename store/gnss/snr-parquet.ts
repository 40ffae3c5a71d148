import { parquetMetadata, parquetRead, type SchemaElement } from 'hyparquet';
import { RadomeError } from '../../core/errors.js';
import { float32Dictionary } from '../parquet/float-dictionary.js';
import { appendParquetColumns, plainBytes, plainInt64, plainStrings, writeParquetColumns, type ParquetColumn } from '../parquet/write-columns.js';
import { parseSatellite, satelliteName } from './satellites.js';

/** One station-day of SNR observations as columns (row r = one value of one code, satellite, epoch). */
export interface SnrObservations {
  count: number;
  /** ms since 1970-01-01 in the file's time system (GPS time for almost all files). */
  times: Float64Array;
  /** satelliteKey(): constellation × 100 + PRN. */
  satellites: Uint16Array;
  /** Index into `codes`. */
  codeIndex: Uint8Array;
  codes: string[];
  /** dB-Hz as the file gives it. */
  values: Float32Array;
  /** Satellite geometry per row, when the day's orbits were known; NaN where they had no position. */
  geometry?: SnrGeometry;
}

/** Elevation and azimuth (degrees) and elevation rate (°/s) per observation row. */
export interface SnrGeometry {
  elevation: Float32Array;
  azimuth: Float32Array;
  edot: Float32Array;
  /**
   * True when every row has all three values (no NaN), as the geometry's maker knows: the Parquet
   * writer then need not look for nulls. Absent: the writer looks.
   */
  complete?: boolean;
}

const GEOMETRY_COLUMNS = ['elevation', 'azimuth', 'edot'] as const;

/**
 * The Parquet layout of `gnss/snr/station=…/year=…/doy=…/part-0.parquet`, one row per value:
 *   time          INT64 TIMESTAMP(MICROS, not UTC-adjusted)  epoch in the file's time system (GPS time)
 *   constellation STRING  G R E C J I S
 *   satellite     STRING  e.g. E11
 *   code          STRING  RINEX observable as written: S1, S2 (RINEX 2) or S1C, S5Q (RINEX 3/4)
 *   value         FLOAT   signal strength, dB-Hz
 *   elevation     FLOAT   satellite elevation, degrees (only when the day's orbits were
 *   azimuth       FLOAT   azimuth, degrees from north   known at writing; null where the orbits
 *   edot          FLOAT   elevation rate, °/s           had no position for that satellite;
 *                                                          REQUIRED when every row has a position)
 * Every column but the value is dictionary-encoded (a day has a few thousand distinct epochs and a
 * few dozen distinct strings); rows are in epoch order; Snappy-compressed; data pages v1, which
 * every reader takes. No column statistics: the Hive partitions (station, year, doy) already prune
 * a query to its days. Exported so tests can write from it the older layout the reader still takes
 * (times in MILLIS).
 */
export const SNR_PARQUET_SCHEMA: readonly SchemaElement[] = [
  { name: 'root', num_children: 5 },
  // A TIMESTAMP not adjusted to UTC: DuckDB reads it as TIMESTAMP (no time zone), which GPS time is.
  // Microseconds, not milliseconds: high-rate receivers log 16, 20, 50 or 100 Hz, and a 16 Hz epoch
  // (30.0625 s) is a whole number of microseconds but not of milliseconds. RINEX prints seconds
  // to 0.1 µs (F11.7); such digits are rounded to the microsecond.
  { name: 'time', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MICROS' }, repetition_type: 'REQUIRED' },
  { name: 'constellation', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'satellite', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'code', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'value', type: 'FLOAT', repetition_type: 'REQUIRED' },
];

const GEOMETRY_SCHEMA: SchemaElement[] = [
  { ...SNR_PARQUET_SCHEMA[0]!, num_children: 8 },
  ...SNR_PARQUET_SCHEMA.slice(1),
  ...GEOMETRY_COLUMNS.map((name): SchemaElement => ({ name, type: 'FLOAT', repetition_type: 'OPTIONAL' })),
];

/** Satellite keys are constellation × 100 + PRN, so below this. */
const SATELLITE_KEYS = 1000;

export function encodeSnrParquet(obs: SnrObservations, metadata: Record<string, string> = {}): Uint8Array {
  const n = obs.count;
  const [time, constellation, satellite, code, value] = SNR_PARQUET_SCHEMA.slice(1) as [SchemaElement, SchemaElement, SchemaElement, SchemaElement, SchemaElement];
  // Epochs: rows come in epoch order, so a new distinct time is usually just a change from the row before.
  const times: number[] = [];
  const timeIndex = new Uint32Array(n);
  const timeIds = new Map<number, number>();
  let lastTime = NaN;
  let lastId = 0;
  // Satellites and their constellations, through a table by key (a few dozen distinct per day).
  const satId = new Int16Array(SATELLITE_KEYS).fill(-1);
  const satNames: string[] = [];
  const satConstellation: number[] = [];
  const constellations: string[] = [];
  const satIndex = new Uint32Array(n);
  const constellationIndex = new Uint8Array(n);
  // The columns in locals: `obs` comes in two shapes (with and without geometry), and a property
  // load per row through a polymorphic inline cache costs more than the loop's own work.
  const { times: obsTimes, satellites } = obs;
  for (let i = 0; i < n; i++) {
    const t = obsTimes[i]!;
    if (t !== lastTime) {
      lastTime = t;
      let id = timeIds.get(t);
      if (id === undefined) timeIds.set(t, (id = times.push(t) - 1));
      lastId = id;
    }
    timeIndex[i] = lastId;
    const key = satellites[i]!;
    let s = key < SATELLITE_KEYS ? satId[key]! : -1;
    if (s < 0) {
      if (key >= SATELLITE_KEYS || key % 100 === 0) throw new RadomeError('BAD_INPUT', `satellite key ${key} is not constellation × 100 + PRN 01-99`);
      const name = satelliteName(key);
      let c = constellations.indexOf(name[0]!);
      if (c < 0) c = constellations.push(name[0]!) - 1;
      s = satId[key] = satNames.push(name) - 1;
      satConstellation.push(c);
    }
    satIndex[i] = s;
    constellationIndex[i] = satConstellation[s]!;
  }
  const geometry = obs.geometry ? geometryColumns(obs.geometry, n) : [];
  return writeParquetColumns({
    schema: obs.geometry ? [...GEOMETRY_SCHEMA.slice(0, 6), ...geometry.map((c) => c.element)] : [...SNR_PARQUET_SCHEMA],
    rowCount: n,
    columns: [
      { kind: 'dictionary', element: time, dictionary: plainInt64(times.map((ms) => Math.round(ms * 1000))), dictionarySize: times.length, indices: timeIndex },
      { kind: 'dictionary', element: constellation, dictionary: plainStrings(constellations), dictionarySize: constellations.length, indices: constellationIndex },
      { kind: 'dictionary', element: satellite, dictionary: plainStrings(satNames), dictionarySize: satNames.length, indices: satIndex },
      { kind: 'dictionary', element: code, dictionary: plainStrings(obs.codes), dictionarySize: obs.codes.length, indices: obs.codeIndex.subarray(0, n) },
      valueColumn(value, obs.values.subarray(0, n)),
      ...geometry,
    ],
    createdBy: 'radome',
    keyValueMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
}

/**
 * A station-day's Parquet object written by encodeSnrParquet without geometry, with the
 * elevation, azimuth and edot columns added: the same file encodeSnrParquet writes for the
 * observations with that geometry, but the five SNR columns are kept as encoded (ingest plans
 * a day before knowing whether its orbits are stored). In parts (appendParquetColumns), which
 * hold `body` and the geometry's arrays themselves: neither may change until they are written.
 */
export function addSnrGeometry(body: Uint8Array, geometry: SnrGeometry, count: number): Uint8Array[] {
  const columns = geometryColumns(geometry, count);
  return appendParquetColumns(
    body,
    columns.map((c) => c.element),
    columns,
  );
}

/**
 * SNR values as a dictionary column when they repeat (receivers report steps of 0.25 or 1
 * dB-Hz, so a day has tens to hundreds of distinct values): 6-9 bits a row instead of 32.
 */
function valueColumn(element: SchemaElement, values: Float32Array): ParquetColumn {
  const dictionary = float32Dictionary(values, Math.max(16, values.length >> 3));
  if (!dictionary) return { kind: 'plain', element, values: plainBytes(values), valueBytes: 4 };
  return { kind: 'dictionary', element, dictionary: plainBytes(dictionary.values), dictionarySize: dictionary.values.length, indices: dictionary.indices };
}

/**
 * A geometry FLOAT column, uncompressed (Snappy finds nothing to shrink in angles' mantissas).
 * When every row has a value (most days: orbits cover the whole day) the column is REQUIRED and
 * its values are written as they are: readers then take the values without definition levels
 * (hyparquet assembles OPTIONAL columns row by row, the larger part of decoding a day with
 * geometry). Else it is OPTIONAL and its NaN rows are nulls.
 */
function geometryColumn(optional: SchemaElement, values: Float32Array, complete: boolean): ParquetColumn & { kind: 'plain' } {
  let nulls = 0;
  if (!complete) for (let i = 0; i < values.length; i++) if (values[i] !== values[i]) nulls++;
  if (nulls === 0) return { kind: 'plain', element: { ...optional, repetition_type: 'REQUIRED' }, values: plainBytes(values), valueBytes: 4, uncompressed: true };
  const element = optional;
  const defined = new Uint8Array(values.length);
  const kept = new Float32Array(values.length);
  let n = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) {
      defined[i] = 1;
      kept[n++] = v;
    }
  }
  return { kind: 'plain', element, values: plainBytes(kept.subarray(0, n)), valueBytes: 4, defined, uncompressed: true };
}

function geometryColumns(geometry: SnrGeometry, count: number): (ParquetColumn & { kind: 'plain' })[] {
  return GEOMETRY_COLUMNS.map((name, k) => geometryColumn(GEOMETRY_SCHEMA[6 + k]!, geometry[name].subarray(0, count), geometry.complete === true));
}

function asyncBuffer(bytes: Uint8Array): { byteLength: number; slice(start: number, end?: number): ArrayBuffer } {
  const ab = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  return { byteLength: ab.byteLength, slice: (start, end) => ab.slice(start, end) };
}

/** Reads a station-day Parquet object back into columns (the server's exact-edge path). */
export async function decodeSnrParquet(bytes: Uint8Array, where: string): Promise<SnrObservations> {
  const file = asyncBuffer(bytes);
  let count: number;
  let hasGeometry: boolean;
  try {
    const meta = parquetMetadata(file.slice(0));
    count = Number(meta.num_rows);
    hasGeometry = meta.schema.some((e) => e.name === 'elevation');
  } catch (e) {
    throw new RadomeError('CORRUPT', `not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}`, { file: where, cause: e });
  }
  const times = new Float64Array(count);
  const satellites = new Uint16Array(count);
  const codeIndex = new Uint8Array(count);
  const values = new Float32Array(count);
  const codes: string[] = [];
  const codeIds = new Map<string, number>();
  const geometry: SnrGeometry | undefined = hasGeometry ? { elevation: new Float32Array(count), azimuth: new Float32Array(count), edot: new Float32Array(count) } : undefined;
  const satKeys = new Map<string, number>();
  // hyparquet calls onChunk from promise callbacks whose rejections nobody awaits: an exception
  // thrown there would end the process as an unhandled rejection while parquetRead resolves. So
  // the callback never throws; its first failure is kept and rejects this read alone.
  let failure: unknown;
  try {
    await parquetRead({
      file,
      columns: ['time', 'satellite', 'code', 'value', ...(geometry ? GEOMETRY_COLUMNS : [])],
      // Files written before times were stored in microseconds have milliseconds.
      parsers: { timestampFromMilliseconds: (ms: bigint) => Number(ms), timestampFromMicroseconds: (us: bigint) => Number(us) / 1000 },
      onChunk({ columnName, columnData, rowStart }) {
        if (failure !== undefined) return;
        try {
          const data = columnData as ArrayLike<unknown>;
          const n = data.length;
          // One loop per column (a day is ~10⁵ rows per column), and dictionary strings repeat in
          // runs (a satellite's codes are adjacent): the last one's key is reused without a lookup.
          if (columnName === 'time') for (let i = 0; i < n; i++) times[rowStart + i] = data[i] as number;
          else if (columnName === 'value') for (let i = 0; i < n; i++) values[rowStart + i] = data[i] as number;
          else if (geometry && (columnName === 'elevation' || columnName === 'azimuth' || columnName === 'edot')) {
            const out = geometry[columnName];
            for (let i = 0; i < n; i++) {
              const v = data[i];
              out[rowStart + i] = v === null || v === undefined ? NaN : (v as number);
            }
          } else if (columnName === 'satellite') {
            let last: unknown;
            let lastKey = 0;
            for (let i = 0; i < n; i++) {
              const v = data[i];
              if (v !== last) {
                let key = satKeys.get(v as string);
                if (key === undefined) satKeys.set(v as string, (key = storedSatellite(v, where)));
                last = v;
                lastKey = key;
              }
              satellites[rowStart + i] = lastKey;
            }
          } else {
            let last: unknown;
            let lastId = 0;
            for (let i = 0; i < n; i++) {
              const v = data[i];
              if (v !== last) {
                let id = codeIds.get(v as string);
                if (id === undefined) {
                  id = codes.push(v as string) - 1;
                  codeIds.set(v as string, id);
                }
                last = v;
                lastId = id;
              }
              codeIndex[rowStart + i] = lastId;
            }
          }
        } catch (e) {
          failure = e;
        }
      },
    });
  } catch (e) {
    failure ??= e;
  }
  if (failure !== undefined) {
    if (failure instanceof RadomeError) throw failure;
    throw new RadomeError('CORRUPT', `not a readable SNR Parquet file: ${failure instanceof Error ? failure.message : String(failure)}`, { file: where, cause: failure });
  }
  return geometry ? { count, times, satellites, codeIndex, codes, values, geometry } : { count, times, satellites, codeIndex, codes, values };
}

/**
 * A stored satellite name as its key. Radome's decoders drop invalid ids (PRN 00 among them), so a
 * stored one means the object is damaged or was written by a radome before that check.
 */
function storedSatellite(name: unknown, where: string): number {
  try {
    return parseSatellite(String(name), 'satellite');
  } catch {
    throw new RadomeError(
      'CORRUPT',
      `the stored SNR observations name satellite ${JSON.stringify(name)}, which is no satellite (a constellation letter and a PRN 01-99); ingest the day's files again into a fresh store, or delete this station-day`,
      { file: where },
    );
  }
}
