// ---------------------------------------------------------------------------------------------
// Object store
// ---------------------------------------------------------------------------------------------

export interface StoredObject {
  key: string;
  body: Uint8Array;
  contentType: string;
  size: number;
  /** Quoted strong ETag as S3 gives it, e.g. "\"9b2cf535f27731c974343645a3985328\"". */
  etag: string;
  lastModified: Date;
}

export type ObjectHead = Omit<StoredObject, 'body'>;

/** What a listing gives per object: S3 listings carry no content type (that needs a HEAD each). */
export type ObjectSummary = Omit<ObjectHead, 'contentType'>;

/**
 * An object's bytes to write: one array, or parts that follow one another (a Parquet object with
 * columns appended keeps its earlier bytes and megabyte-sized columns as they are, rather than
 * copying them into one array; stores write the parts in turn). See objectBytes.
 */
export type ObjectBody = Uint8Array | readonly Uint8Array[];

/** An object to write. */
export interface ObjectToPut {
  key: string;
  body: ObjectBody;
  contentType: string;
}

/** One interface for S3 (any S3-compatible endpoint) and the local filesystem. */
export interface ObjectStore {
  /** Human-readable location, e.g. `file:/abs/var/objects` or `s3://bucket/prefix`. */
  readonly url: string;
  put(key: string, body: Uint8Array, contentType: string): Promise<void>;
  /** Puts several objects (e.g. all of one source file's); rejects if any could not be written. */
  putMany(objects: readonly ObjectToPut[]): Promise<void>;
  /** null when the key does not exist. */
  get(key: string): Promise<StoredObject | null>;
  head(key: string): Promise<ObjectHead | null>;
  /** Deleting a missing key is not an error. */
  delete(keys: string[]): Promise<void>;
  /** All keys starting with a prefix ('' = all), in UTF-8 byte order as S3 lists them. */
  list(prefix: string): AsyncIterable<ObjectSummary>;
}
