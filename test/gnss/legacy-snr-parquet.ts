// A station-day Parquet object laid out as radome wrote them before times were microseconds
// (TIMESTAMP MILLIS), with whatever satellite names a test gives, e.g. "G00", which the RINEX
// reader now drops but an older radome stored.
import type { SchemaElement } from 'hyparquet';
import { SNR_PARQUET_SCHEMA } from '../../store/gnss/snr-parquet.js';
import { plainBytes, plainInt64, plainStrings, writeParquetColumns, type ParquetColumn } from '../../store/parquet/write-columns.js';

export function legacySnrParquet(satellites: string[], times: number[], value = 44.5): Uint8Array {
  const n = satellites.length;
  const schema = SNR_PARQUET_SCHEMA.map((e): SchemaElement => (e.name === 'time' ? { ...e, logical_type: { type: 'TIMESTAMP', isAdjustedToUTC: false, unit: 'MILLIS' } } : e));
  const strings = (element: SchemaElement, values: string[]): ParquetColumn => {
    const distinct = [...new Set(values)];
    return { kind: 'dictionary', element, dictionary: plainStrings(distinct), dictionarySize: distinct.length, indices: Uint32Array.from(values, (v) => distinct.indexOf(v)) };
  };
  return writeParquetColumns({
    schema,
    rowCount: n,
    columns: [
      { kind: 'plain', element: schema[1]!, values: plainInt64(times), valueBytes: 8 },
      strings(
        schema[2]!,
        satellites.map((s) => s[0]!),
      ),
      strings(schema[3]!, satellites),
      strings(
        schema[4]!,
        satellites.map(() => 'S1C'),
      ),
      { kind: 'plain', element: schema[5]!, values: plainBytes(new Float32Array(n).fill(value)), valueBytes: 4 },
    ],
  });
}
