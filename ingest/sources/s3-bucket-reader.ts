import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { RadomeError } from '../../core/errors.js';

export interface ListedKey {
  key: string;
  size: number;
  etag: string | null;
}

/** Lists and reads one S3 bucket; every failure is a SOURCE_UNAVAILABLE error naming the place. */
export class S3BucketReader {
  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
    /** What the bucket holds, for messages ("the Level 3 bucket"). */
    private readonly what: string,
  ) {}

  /** Every key under `prefix` (after `startAfter` when given), page by page, in the bucket's (UTF-8 byte) order. */
  async *list(prefix: string, startAfter?: string): AsyncGenerator<ListedKey> {
    let token: string | undefined;
    do {
      const request = { Bucket: this.bucket, Prefix: prefix, ContinuationToken: token, StartAfter: token ? undefined : startAfter };
      const page = await this.call(() => this.client.send(new ListObjectsV2Command(request)), `s3://${this.bucket}/${prefix}`);
      for (const o of page.Contents ?? []) if (o.Key) yield { key: o.Key, size: o.Size ?? 0, etag: o.ETag ?? null };
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
  }

  async fetch(key: string): Promise<Uint8Array> {
    const where = `s3://${this.bucket}/${key}`;
    const res = await this.call(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: key })), where);
    if (!res.Body) throw new RadomeError('SOURCE_UNAVAILABLE', 'the bucket returned no body', { file: where });
    return res.Body.transformToByteArray();
  }

  private async call<T>(request: () => Promise<T>, where: string): Promise<T> {
    try {
      return await request();
    } catch (e) {
      const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      const status = err.$metadata?.httpStatusCode;
      const why = status ? `HTTP ${status} ${err.name ?? ''}`.trim() : (err.message ?? String(e));
      throw new RadomeError('SOURCE_UNAVAILABLE', `cannot read ${this.what}: ${why}`, { file: where, cause: e });
    }
  }
}
