// The columnar Parquet writer (store/parquet): files read back by hyparquet value for value —
// dictionary and plain columns, several data pages, wide and one-entry dictionaries, no rows —
// the RLE / bit-packed hybrid against hyparquet-writer's, and the Float32 dictionary it uses for
// SNR values.
import { parquetMetadata, parquetReadObjects, type SchemaElement } from 'hyparquet';
import { describe, expect, it } from 'vitest';
import { ByteWriter, writeRleBitPackedHybrid } from './hyparquet-writer-parts.js';
import { float32Dictionary } from './float-dictionary.js';
import { rleBitPackedHybrid } from './rle-hybrid.js';
import { PAGE_ROWS, plainBytes, plainInt64, plainStrings, writeParquetColumns, type ParquetColumn } from './write-columns.js';

const INT64: SchemaElement = { name: 'n', type: 'INT64', repetition_type: 'REQUIRED' };
const TEXT: SchemaElement = { name: 's', type: 'BYTE_ARRAY', converted_type: 'UTF8', repetition_type: 'REQUIRED' };
const FLOAT: SchemaElement = { name: 'f', type: 'FLOAT', repetition_type: 'REQUIRED' };
const DOUBLE: SchemaElement = { name: 'd', type: 'DOUBLE', repetition_type: 'REQUIRED' };

function fileOf(columns: ParquetColumn[], rowCount: number, kv: Record<string, string> = {}): ArrayBuffer {
  const schema = [{ name: 'root', num_children: columns.length }, ...columns.map((c) => c.element)];
  const bytes = writeParquetColumns({ schema, columns, rowCount, createdBy: 'radome test', keyValueMetadata: Object.entries(kv).map(([key, value]) => ({ key, value })) });
  return bytes.slice().buffer;
}

function stringColumn(element: SchemaElement, dictionary: string[], indices: Uint8Array | Uint32Array): ParquetColumn {
  return { kind: 'dictionary', element, dictionary: plainStrings(dictionary), dictionarySize: dictionary.length, indices };
}

describe('writeParquetColumns', () => {
  it('writes dictionary and plain columns that hyparquet reads back row for row, with metadata', async () => {
    const rows = 1000;
    const words = ['alpha', 'βeta', 'γάμμα', ''];
    const wordIndex = Uint8Array.from({ length: rows }, (_, i) => (i * 7) % words.length);
    const bigs = [0, -5, 2 ** 40, 1_700_000_000_000];
    const bigIndex = Uint32Array.from({ length: rows }, (_, i) => Math.floor(i / 300));
    const floats = Float32Array.from({ length: rows }, (_, i) => i / 8 - 20);
    const doubles = Float64Array.from({ length: rows }, (_, i) => Math.sin(i));
    const file = fileOf(
      [
        stringColumn(TEXT, words, wordIndex),
        { kind: 'dictionary', element: INT64, dictionary: plainInt64(bigs), dictionarySize: bigs.length, indices: bigIndex },
        { kind: 'plain', element: FLOAT, values: plainBytes(floats), valueBytes: 4 },
        { kind: 'plain', element: DOUBLE, values: plainBytes(doubles), valueBytes: 8 },
      ],
      rows,
      { station: 'YORK' },
    );
    const meta = parquetMetadata(file);
    expect(Number(meta.num_rows)).toBe(rows);
    expect(meta.created_by).toBe('radome test');
    expect(meta.key_value_metadata).toEqual([{ key: 'station', value: 'YORK' }]);
    expect(meta.row_groups[0]!.columns.map((c) => c.meta_data!.codec)).toEqual(['SNAPPY', 'SNAPPY', 'SNAPPY', 'SNAPPY']);
    const read = await parquetReadObjects({ file });
    expect(read).toHaveLength(rows);
    read.forEach((r, i) => {
      expect(r.s).toBe(words[wordIndex[i]!]);
      expect(r.n).toBe(BigInt(bigs[bigIndex[i]!]!));
      expect(r.f).toBe(floats[i]);
      expect(r.d).toBe(doubles[i]);
    });
  });

  it('cuts a column into data pages of PAGE_ROWS rows, one dictionary page each', async () => {
    const rows = PAGE_ROWS * 2 + 123;
    // 700 entries: indices 10 bits wide, runs long enough for RLE and short ones bit-packed.
    const dictionary = Array.from({ length: 700 }, (_, i) => `v${i}`);
    const indices = Uint32Array.from({ length: rows }, (_, i) => (i % 1000 < 500 ? Math.floor(i / 50) % 700 : (i * 31) % 700));
    const values = Float32Array.from({ length: rows }, (_, i) => i);
    const file = fileOf([stringColumn(TEXT, dictionary, indices), { kind: 'plain', element: FLOAT, values: plainBytes(values), valueBytes: 4 }], rows);
    const chunk = parquetMetadata(file).row_groups[0]!.columns[0]!.meta_data!;
    expect(chunk.dictionary_page_offset).toBeDefined();
    expect(chunk.data_page_offset).toBeGreaterThan(chunk.dictionary_page_offset!);
    const read = await parquetReadObjects({ file });
    expect(read).toHaveLength(rows);
    for (let i = 0; i < rows; i += 997) {
      expect(read[i]!.s).toBe(dictionary[indices[i]!]);
      expect(read[i]!.f).toBe(i);
    }
    expect(read[rows - 1]!.s).toBe(dictionary[indices[rows - 1]!]);
    expect(read.every((r, i) => r.s === dictionary[indices[i]!] && r.f === i)).toBe(true);
  });

  it('writes a one-value dictionary and a file of no rows', async () => {
    const one = fileOf([stringColumn(TEXT, ['G'], new Uint8Array(20))], 20);
    expect((await parquetReadObjects({ file: one })).map((r) => r.s)).toEqual(Array(20).fill('G'));
    const none = fileOf([stringColumn(TEXT, [], new Uint8Array(0)), { kind: 'plain', element: FLOAT, values: new Uint8Array(0), valueBytes: 4 }], 0);
    expect(Number(parquetMetadata(none).num_rows)).toBe(0);
    expect(await parquetReadObjects({ file: none })).toEqual([]);
  });
});

describe('float32Dictionary', () => {
  it('lists the distinct values in first-seen order and indexes every row', () => {
    const values = Float32Array.from([45.25, 44, 45.25, 0, -0, 44, 51.5, 0]);
    const d = float32Dictionary(values, 10)!;
    expect(Array.from(d.values)).toEqual([45.25, 44, 0, -0, 51.5]);
    expect(Object.is(d.values[3], -0)).toBe(true);
    expect(Array.from(d.indices)).toEqual([0, 1, 0, 2, 3, 1, 4, 2]);
  });

  it('finds round values apart (their low mantissa bits are all zero) and gives up past maxSize', () => {
    const values = Float32Array.from({ length: 5000 }, (_, i) => (i % 400) / 4 + 10);
    const d = float32Dictionary(values, 400)!;
    expect(d.values).toHaveLength(400);
    expect(Array.from(d.indices).every((k, i) => d.values[k] === values[i])).toBe(true);
    expect(float32Dictionary(values, 399)).toBeNull();
  });
});

describe('rleBitPackedHybrid', () => {
  /** hyparquet-writer's encoder: the layout radome's must reproduce byte for byte. */
  function library(values: Uint8Array | Uint32Array, bitWidth: number): Uint8Array {
    const writer = new ByteWriter();
    writeRleBitPackedHybrid(writer, values, bitWidth);
    return new Uint8Array(writer.getBytes());
  }

  it('writes the bytes hyparquet-writer writes: runs, packed groups, a padded last group, every width', () => {
    let seed = 7;
    const random = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
    for (const bitWidth of [1, 2, 3, 5, 8, 9, 12, 16, 17, 24]) {
      for (const n of [0, 1, 7, 8, 9, 63, 1000]) {
        // Runs of random lengths (some 8 or more) of random values.
        const values = new Uint32Array(n);
        for (let i = 0; i < n; ) {
          const run = random() < 0.3 ? 8 + Math.floor(random() * 40) : 1 + Math.floor(random() * 3);
          const v = Math.floor(random() * 2 ** bitWidth);
          values.fill(v, i, Math.min(n, i + run));
          i += run;
        }
        expect(rleBitPackedHybrid(values, bitWidth), `width ${bitWidth}, ${n} values`).toEqual(library(values, bitWidth));
        if (bitWidth <= 8) expect(rleBitPackedHybrid(Uint8Array.from(values), bitWidth)).toEqual(library(values, bitWidth));
      }
    }
  });

  it('refuses widths outside 1-24', () => {
    expect(() => rleBitPackedHybrid(new Uint32Array(4), 0)).toThrow(RangeError);
    expect(() => rleBitPackedHybrid(new Uint32Array(4), 25)).toThrow(RangeError);
  });
});
