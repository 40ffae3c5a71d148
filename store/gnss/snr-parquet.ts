import { parquetMetadata, parquetRead } from 'hyparquet';
import { parquetWriteBuffer } from 'hyparquet-writer';
import { RadomeError } from '../../core/errors.js';
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
}

/**
 * The Parquet layout of `gnss/snr/station=…/year=…/doy=…/part-0.parquet`, one row per value:
 *   time          INT64 TIMESTAMP(MILLIS, not UTC-adjusted)  epoch in the file's time system (GPS time)
 *   constellation STRING  G R E C J I S
 *   satellite     STRING  e.g. E11
 *   code          STRING  RINEX observable as written: S1, S2 (RINEX 2) or S1C, S5Q (RINEX 3/4)
 *   value         FLOAT   signal strength, dB-Hz
 * Strings are dictionary-encoded by the writer (a day has a few dozen distinct values); rows are
 * in epoch order; Snappy-compressed. No column statistics: they doubled the write time, and the
 * Hive partitions (station, year, doy) already prune a query to its days.
 */
const SCHEMA = [
  { name: 'root', num_children: 5 },
  // A TIMESTAMP not adjusted to UTC: DuckDB reads it as TIMESTAMP (no time zone), which GPS time is.
  { name: 'time', type: 'INT64', logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' }, repetition_type: 'REQUIRED' },
  { name: 'constellation', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'satellite', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'code', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' },
  { name: 'value', type: 'FLOAT', repetition_type: 'REQUIRED' },
] as const;

export function encodeSnrParquet(obs: SnrObservations, metadata: Record<string, string> = {}): Uint8Array {
  const n = obs.count;
  // One BigInt per epoch, shared by its rows (a BigInt64Array would make the writer box every row again).
  const times = new Array<bigint>(n);
  let lastTime = NaN;
  let lastBig = 0n;
  const constellation = new Array<string>(n);
  const satellite = new Array<string>(n);
  const code = new Array<string>(n);
  const names = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const t = obs.times[i]!;
    if (t !== lastTime) lastBig = BigInt((lastTime = t));
    times[i] = lastBig;
    const key = obs.satellites[i]!;
    let name = names.get(key);
    if (name === undefined) names.set(key, (name = satelliteName(key)));
    satellite[i] = name;
    constellation[i] = name[0]!;
    code[i] = obs.codes[obs.codeIndex[i]!]!;
  }
  const buffer = parquetWriteBuffer({
    columnData: [
      // PLAIN: the dictionary the writer would try is always rejected (too many distinct times).
      { name: 'time', data: times, encoding: 'PLAIN' },
      { name: 'constellation', data: constellation },
      { name: 'satellite', data: satellite },
      { name: 'code', data: code },
      { name: 'value', data: obs.values.subarray(0, n) },
    ],
    schema: SCHEMA.map((e) => ({ ...e })),
    rowGroupSize: 1 << 20,
    statistics: false,
    createdBy: 'radome',
    kvMetadata: Object.entries(metadata).map(([key, value]) => ({ key, value })),
  });
  return new Uint8Array(buffer);
}

function asyncBuffer(bytes: Uint8Array): { byteLength: number; slice(start: number, end?: number): ArrayBuffer } {
  const ab = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? (bytes.buffer as ArrayBuffer) : bytes.slice().buffer;
  return { byteLength: ab.byteLength, slice: (start, end) => ab.slice(start, end) };
}

/** Reads a station-day Parquet object back into columns (the server's exact-edge path). */
export async function decodeSnrParquet(bytes: Uint8Array, where: string): Promise<SnrObservations> {
  const file = asyncBuffer(bytes);
  let count: number;
  try {
    count = Number(parquetMetadata(file.slice(0)).num_rows);
  } catch (e) {
    throw new RadomeError('CORRUPT', `not a readable Parquet file: ${e instanceof Error ? e.message : String(e)}`, { file: where, cause: e });
  }
  const times = new Float64Array(count);
  const satellites = new Uint16Array(count);
  const codeIndex = new Uint8Array(count);
  const values = new Float32Array(count);
  const codes: string[] = [];
  const codeIds = new Map<string, number>();
  const satKeys = new Map<string, number>();
  await parquetRead({
    file,
    columns: ['time', 'satellite', 'code', 'value'],
    parsers: { timestampFromMilliseconds: (ms: bigint) => Number(ms) },
    onChunk({ columnName, columnData, rowStart }) {
      const data = columnData as ArrayLike<unknown>;
      for (let i = 0; i < data.length; i++) {
        const r = rowStart + i;
        const v = data[i];
        if (columnName === 'time') times[r] = v as number;
        else if (columnName === 'value') values[r] = v as number;
        else if (columnName === 'satellite') {
          let key = satKeys.get(v as string);
          if (key === undefined) satKeys.set(v as string, (key = parseSatellite(v as string, where)));
          satellites[r] = key;
        } else {
          let id = codeIds.get(v as string);
          if (id === undefined) {
            id = codes.push(v as string) - 1;
            codeIds.set(v as string, id);
          }
          codeIndex[r] = id;
        }
      }
    },
  });
  return { count, times, satellites, codeIndex, codes, values };
}

