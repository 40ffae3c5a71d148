import { DeleteObjectsCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { RadomeError } from '../../core/errors.js';
import { forEachConcurrent } from '../../core/concurrency.js';
import type { ObjectHead, ObjectStore, ObjectSummary, ObjectToPut, StoredObject } from '../types.js';
import { validateObjectKey, validateObjectPrefix } from './key.js';
import { objectBytes } from './object-body.js';

/** DeleteObjects takes at most 1000 keys per request. */
const MAX_DELETE_BATCH = 1000;
/** Uploads in flight for putMany: enough to hide the round trips, few enough to stay polite. */
const PUTS_IN_FLIGHT = 8;

export interface S3ObjectStoreOptions {
  bucket: string;
  /** Key prefix inside the bucket; '' or a path, '/' is added when missing. */
  prefix?: string;
  client: S3Client;
  /** MaxKeys per ListObjectsV2 page (1–1000, default 1000). */
  listPageSize?: number;
  /** Keys per DeleteObjects request (1–1000, default 1000). */
  deleteBatchSize?: number;
}

interface SdkError {
  name?: string;
  code?: string;
  message?: string;
  $metadata?: { httpStatusCode?: number };
}

function statusOf(e: unknown): number | undefined {
  return (e as SdkError | null)?.$metadata?.httpStatusCode;
}

function isNotFound(e: unknown): boolean {
  const name = (e as SdkError | null)?.name;
  return name === 'NoSuchKey' || name === 'NotFound' || statusOf(e) === 404;
}

/** Errors that retrying will not fix: wrong bucket, credentials or permissions. */
const CONFIG_ERRORS = new Set(['NoSuchBucket', 'AccessDenied', 'InvalidAccessKeyId', 'SignatureDoesNotMatch', 'InvalidBucketName', 'PermanentRedirect']);

/** Objects in an S3 (or S3-compatible) bucket, under an optional key prefix. */
export class S3ObjectStore implements ObjectStore {
  readonly url: string;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly client: S3Client;
  private readonly listPageSize: number;
  private readonly deleteBatchSize: number;

  constructor(options: S3ObjectStoreOptions) {
    this.bucket = options.bucket;
    const p = options.prefix ?? '';
    this.prefix = p === '' || p.endsWith('/') ? p : `${p}/`;
    if (this.prefix !== '') validateObjectPrefix(this.prefix);
    this.client = options.client;
    this.listPageSize = clamp(options.listPageSize ?? 1000, 1, 1000);
    this.deleteBatchSize = clamp(options.deleteBatchSize ?? MAX_DELETE_BATCH, 1, MAX_DELETE_BATCH);
    this.url = `s3://${this.bucket}/${this.prefix}`;
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    validateObjectKey(key);
    await this.send('write', key, () => this.client.send(new PutObjectCommand({ Bucket: this.bucket, Key: this.prefix + key, Body: body, ContentType: contentType, ContentLength: body.byteLength })));
  }

  async putMany(objects: readonly ObjectToPut[]): Promise<void> {
    // A body in parts is joined: a retried request sends its body again, which a stream of the parts could not.
    await forEachConcurrent(objects, PUTS_IN_FLIGHT, (o) => this.put(o.key, objectBytes(o.body), o.contentType));
  }

  async get(key: string): Promise<StoredObject | null> {
    validateObjectKey(key);
    return this.send('read', key, async () => {
      try {
        const out = await this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
        const body = out.Body ? await out.Body.transformToByteArray() : new Uint8Array(0);
        return {
          key,
          body,
          contentType: out.ContentType ?? 'application/octet-stream',
          size: body.byteLength,
          etag: out.ETag ?? '',
          lastModified: out.LastModified ?? new Date(0),
        };
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    });
  }

  async head(key: string): Promise<ObjectHead | null> {
    validateObjectKey(key);
    return this.send('read', key, async () => {
      try {
        const out = await this.client.send(new HeadObjectCommand({ Bucket: this.bucket, Key: this.prefix + key }));
        return {
          key,
          contentType: out.ContentType ?? 'application/octet-stream',
          size: out.ContentLength ?? 0,
          etag: out.ETag ?? '',
          lastModified: out.LastModified ?? new Date(0),
        };
      } catch (e) {
        if (isNotFound(e)) return null;
        throw e;
      }
    });
  }

  async delete(keys: string[]): Promise<void> {
    for (const key of keys) validateObjectKey(key);
    for (let i = 0; i < keys.length; i += this.deleteBatchSize) {
      const batch = keys.slice(i, i + this.deleteBatchSize);
      const out = await this.send('delete', batch[0]!, () =>
        this.client.send(new DeleteObjectsCommand({ Bucket: this.bucket, Delete: { Objects: batch.map((k) => ({ Key: this.prefix + k })), Quiet: true } })),
      );
      const failed = (out.Errors ?? []).filter((err) => err.Code !== 'NoSuchKey');
      if (failed.length > 0) {
        const first = failed[0]!;
        throw new RadomeError('SOURCE_UNAVAILABLE', `could not delete ${failed.length} of ${batch.length} objects from ${this.url}; first: ${first.Key}: ${first.Code} ${first.Message ?? ''}`.trim());
      }
    }
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    validateObjectPrefix(prefix);
    let token: string | undefined;
    do {
      const page = await this.send('list', prefix || '(all)', () =>
        this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, MaxKeys: this.listPageSize, ContinuationToken: token })),
      );
      for (const o of page.Contents ?? []) {
        if (!o.Key) continue;
        yield { key: o.Key.slice(this.prefix.length), size: o.Size ?? 0, etag: o.ETag ?? '', lastModified: o.LastModified ?? new Date(0) };
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  /** Runs one SDK call, turning its failures into RadomeErrors that name the object. */
  private async send<T>(op: string, key: string, call: () => Promise<T>): Promise<T> {
    try {
      return await call();
    } catch (e) {
      if (e instanceof RadomeError) throw e;
      const err = e as SdkError;
      const status = statusOf(e);
      const what = `could not ${op} ${key} in ${this.url}`;
      const detail = [err.name === 'Error' ? undefined : err.name, status ? `HTTP ${status}` : err.code, err.message].filter(Boolean).join(': ');
      const code = CONFIG_ERRORS.has(err.name ?? '') || status === 403 ? 'CONFIG' : 'SOURCE_UNAVAILABLE';
      throw new RadomeError(code, `${what}: ${detail}`, { cause: e });
    }
  }
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.floor(n)));
}
