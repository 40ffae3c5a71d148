import { parquetMetadata, type ColumnChunk, type FileMetaData, type KeyValue, type SchemaElement } from 'hyparquet';
import { ByteWriter, snappyCompress, writeMetadata, writePageHeader } from './hyparquet-writer-parts.js';
import { objectBytes } from '../objects/object-body.js';
import { PartsWriter } from './parts-writer.js';
import { rleBitPackedHybrid } from './rle-hybrid.js';

/**
 * A Parquet file of flat columns (REQUIRED, or OPTIONAL plain ones), written column by column from typed arrays: a
 * dictionary column is its distinct values (already PLAIN-encoded) and one index per row; a
 * plain column is its rows' PLAIN bytes (little-endian fixed-width values). One row group;
 * data pages (v1) of at most PAGE_ROWS rows; every page Snappy-compressed.
 *
 * Why not hyparquet-writer's own column writer: it takes one JS value per row and per column
 * (a BigInt per timestamp, a string per satellite and code), finds the dictionary again with a
 * Map and converts every value: 23 ms for a 54,000-row station-day, a third of the whole ingest
 * of that day. The station-day's columns already are typed arrays and small dictionaries, so
 * this writer only frames them; the file format parts (thrift page headers and footer, Snappy)
 * are hyparquet-writer's, and the RLE/bit-packed hybrid is written as that library lays it out.
 */
export type ParquetColumn = DictionaryColumn | PlainColumn;

export interface DictionaryColumn {
  kind: 'dictionary';
  /** The column's schema element (name, type, logical type; repetition REQUIRED). */
  element: SchemaElement;
  /** The distinct values, PLAIN-encoded (see plainStrings, plainInt64). */
  dictionary: Uint8Array;
  dictionarySize: number;
  /** Per row, its value's place in the dictionary. */
  indices: Uint8Array | Uint32Array;
}

export interface PlainColumn {
  kind: 'plain';
  element: SchemaElement;
  /** The rows' values, PLAIN-encoded: `valueBytes` little-endian bytes each (only defined rows' when `defined` is given). */
  values: Uint8Array;
  valueBytes: number;
  /**
   * For an OPTIONAL column (element repetition OPTIONAL): 1 per row with a value, 0 per null.
   * Written as each page's definition levels (maximum level 1).
   */
  defined?: Uint8Array;
  /**
   * Write the pages uncompressed: for values Snappy cannot shrink (float mantissas such as
   * satellite angles), where compressing costs time and saves nothing.
   */
  uncompressed?: boolean;
}

/** Rows per data page: pages of a few MB at most, as readers expect. */
export const PAGE_ROWS = 1 << 18;
const MAGIC = 0x31524150; // "PAR1"

const littleEndian = new Uint8Array(Uint16Array.of(1).buffer)[0] === 1;

export interface ParquetFile {
  /** The root element and one element per column, in column order. */
  schema: SchemaElement[];
  columns: ParquetColumn[];
  rowCount: number;
  keyValueMetadata?: KeyValue[];
  createdBy?: string;
}

export function writeParquetColumns(file: ParquetFile): Uint8Array {
  // Sized for the columns' bytes up front: the writer otherwise doubles from 1 kB, copying the
  // file so far each time (several MB for a station-day with geometry).
  let estimate = 1 << 16;
  for (const c of file.columns) estimate += c.kind === 'dictionary' ? c.dictionary.length + c.indices.length + (c.indices.length >> 2) : c.values.length + (c.defined ? c.defined.length >> 3 : 0);
  const writer = new ByteWriter(estimate);
  writer.appendUint32(MAGIC);
  const chunks = file.columns.map((column) => writeColumnChunk(writer, column, file.rowCount));
  let uncompressed = 0n;
  let compressed = 0n;
  for (const { meta_data } of chunks) {
    uncompressed += meta_data!.total_uncompressed_size;
    compressed += meta_data!.total_compressed_size;
  }
  const metadata: FileMetaData = {
    version: 2,
    schema: file.schema,
    num_rows: BigInt(file.rowCount),
    row_groups: [{ columns: chunks, total_byte_size: uncompressed, total_compressed_size: compressed, num_rows: BigInt(file.rowCount), file_offset: chunks[0]?.file_offset }],
    key_value_metadata: file.keyValueMetadata?.length ? file.keyValueMetadata : undefined,
    created_by: file.createdBy,
    metadata_length: 0,
  };
  // metadata_length is the reader's (it is the footer's length field, not a thrift field).
  delete (metadata as Partial<FileMetaData>).metadata_length;
  writeMetadata(writer, metadata);
  writer.appendUint32(MAGIC);
  return new Uint8Array(writer.getBytes());
}

/**
 * `file` (one row group, as writeParquetColumns writes it) with `columns` (schema `elements`)
 * appended to its row group, as parts that follow one another: the file's magic and column chunks
 * (kept byte for byte, their offsets stay valid), the new chunks and a new footer. Adding columns
 * costs their page headers and the footer: the file's bytes and the columns' uncompressed values
 * are parts of their own, not copied (joining them would copy megabytes per station-day).
 */
export function appendParquetColumns(file: Uint8Array, elements: SchemaElement[], columns: ParquetColumn[]): Uint8Array[] {
  const metadata = parquetMetadata(file);
  const group = metadata.row_groups[0];
  if (metadata.row_groups.length !== 1 || !group || metadata.schema.some((e, k) => k > 0 && e.num_children)) throw new RangeError('appendParquetColumns takes flat files of one row group');
  const rowCount = Number(metadata.num_rows);
  const footerStart = file.byteLength - 8 - new DataView(file.buffer, file.byteOffset + file.byteLength - 8, 4).getUint32(0, true);
  const writer = new PartsWriter(1 << 16);
  writer.appendBytes(file.subarray(0, footerStart));
  const chunks = columns.map((column) => writeColumnChunk(writer, column, rowCount));
  let uncompressed = group.total_byte_size;
  let compressed = group.total_compressed_size ?? 0n;
  for (const { meta_data } of chunks) {
    uncompressed += meta_data!.total_uncompressed_size;
    compressed += meta_data!.total_compressed_size;
  }
  const [root, ...leaves] = metadata.schema;
  const next: FileMetaData = {
    ...metadata,
    schema: [{ ...root!, num_children: leaves.length + elements.length }, ...leaves, ...elements],
    row_groups: [{ ...group, columns: [...group.columns, ...chunks], total_byte_size: uncompressed, total_compressed_size: compressed }],
  };
  delete (next as Partial<FileMetaData>).metadata_length;
  writeMetadata(writer, next);
  writer.appendUint32(MAGIC);
  return writer.getParts();
}

function writeColumnChunk(writer: ByteWriter, column: ParquetColumn, rowCount: number): ColumnChunk {
  const start = writer.offset;
  let uncompressed = 0;
  let dictionaryOffset: bigint | undefined;
  if (column.kind === 'dictionary') {
    dictionaryOffset = BigInt(writer.offset);
    uncompressed += writePage(writer, column.dictionary, (size, compressedSize) => ({
      type: 'DICTIONARY_PAGE',
      uncompressed_page_size: size,
      compressed_page_size: compressedSize,
      dictionary_page_header: { num_values: column.dictionarySize, encoding: 'PLAIN' },
    }));
  }
  const dataOffset = BigInt(writer.offset);
  // Index width: enough bits for the largest index the dictionary allows.
  const bitWidth = column.kind === 'dictionary' ? Math.max(1, 32 - Math.clz32(Math.max(0, column.dictionarySize - 1))) : 0;
  let definedBefore = 0;
  for (let from = 0; from < rowCount || from === 0; from += PAGE_ROWS) {
    const to = Math.min(rowCount, from + PAGE_ROWS);
    let body: Uint8Array | Uint8Array[];
    if (column.kind === 'dictionary') {
      const runs = rleBitPackedHybrid(column.indices.subarray(from, to), bitWidth);
      body = new Uint8Array(runs.length + 1);
      body[0] = bitWidth;
      body.set(runs, 1);
    } else if (column.defined) {
      const { defined } = column;
      const levels = rleBitPackedHybrid(defined.subarray(from, to), 1);
      let n = 0;
      for (let i = from; i < to; i++) n += defined[i]!;
      const values = column.values.subarray(definedBefore * column.valueBytes, (definedBefore + n) * column.valueBytes);
      definedBefore += n;
      const levelsLength = new Uint8Array(4);
      new DataView(levelsLength.buffer).setUint32(0, levels.length, true);
      body = [levelsLength, levels, values];
    } else {
      body = column.values.subarray(from * column.valueBytes, to * column.valueBytes);
    }
    const encoding = column.kind === 'dictionary' ? 'RLE_DICTIONARY' : 'PLAIN';
    uncompressed += writePage(
      writer,
      body,
      (size, compressedSize) => ({
        type: 'DATA_PAGE',
        uncompressed_page_size: size,
        compressed_page_size: compressedSize,
        data_page_header: { num_values: to - from, encoding, definition_level_encoding: 'RLE', repetition_level_encoding: 'RLE' },
      }),
      !(column.kind === 'plain' && column.uncompressed),
    );
  }
  return {
    file_offset: BigInt(start),
    meta_data: {
      type: column.element.type!,
      encodings: column.kind === 'dictionary' ? ['PLAIN', 'RLE', 'RLE_DICTIONARY'] : ['PLAIN', 'RLE'],
      path_in_schema: [column.element.name],
      codec: column.kind === 'plain' && column.uncompressed ? 'UNCOMPRESSED' : 'SNAPPY',
      num_values: BigInt(rowCount),
      total_uncompressed_size: BigInt(uncompressed),
      total_compressed_size: BigInt(writer.offset - start),
      data_page_offset: dataOffset,
      dictionary_page_offset: dictionaryOffset,
    },
  };
}

/**
 * Writes a page header and the page's Snappy-compressed body; returns the uncompressed size with
 * its header. A body in parts is appended part by part when uncompressed: no join of a
 * megabyte-sized page (a geometry column) just to frame it, and a PartsWriter keeps it by reference.
 */
function writePage(writer: ByteWriter, body: Uint8Array | Uint8Array[], header: (size: number, compressedSize: number) => Parameters<typeof writePageHeader>[1], compress = true): number {
  const parts = Array.isArray(body) ? body : [body];
  const size = parts.reduce((n, part) => n + part.byteLength, 0);
  const compressed = compress ? [snappyCompress(objectBytes(parts))] : parts;
  const headerStart = writer.offset;
  writePageHeader(
    writer,
    header(
      size,
      compressed.reduce((n, part) => n + part.byteLength, 0),
    ),
  );
  const headerBytes = writer.offset - headerStart;
  for (const part of compressed) writer.appendBytes(part);
  return headerBytes + size;
}

/** PLAIN BYTE_ARRAY values: each a 4-byte little-endian length and its UTF-8 bytes. */
export function plainStrings(values: readonly string[]): Uint8Array {
  const utf8 = values.map((v) => Buffer.from(v, 'utf8'));
  const out = new Uint8Array(utf8.reduce((n, b) => n + 4 + b.length, 0));
  const dv = new DataView(out.buffer);
  let at = 0;
  for (const b of utf8) {
    dv.setUint32(at, b.length, true);
    out.set(b, at + 4);
    at += 4 + b.length;
  }
  return out;
}

/** PLAIN INT64 values (whole numbers, e.g. µs timestamps); a fraction is a caller's bug, named. */
export function plainInt64(values: ArrayLike<number>): Uint8Array {
  const out = new BigInt64Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (!Number.isSafeInteger(v)) throw new RangeError(`INT64 column value ${v} is not a whole number (round it before writing)`);
    out[i] = BigInt(v);
  }
  return plainBytes(out);
}

/** The PLAIN bytes of fixed-width numbers: the array's own bytes on little-endian machines. */
export function plainBytes(values: Float32Array | Float64Array | Int32Array | BigInt64Array): Uint8Array {
  const bytes = new Uint8Array(values.buffer, values.byteOffset, values.byteLength);
  if (littleEndian) return bytes;
  const out = new Uint8Array(bytes.length);
  const width = values.BYTES_PER_ELEMENT;
  for (let i = 0; i < bytes.length; i += width) for (let k = 0; k < width; k++) out[i + k] = bytes[i + width - 1 - k]!;
  return out;
}
