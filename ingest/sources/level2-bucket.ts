import { GetObjectCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { RadomeError } from '../../core/errors.js';
import { level2DayPrefixes, parseLevel2Key } from './level2-keys.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

/** A bucket with the public Level 2 archive layout (`YYYY/MM/DD/SITE/SITEYYYYMMDD_HHMMSS_V06`). */
export class Level2BucketSource implements ObjectSource {
  readonly id: string;

  constructor(
    private readonly client: S3Client,
    private readonly bucket: string,
  ) {
    this.id = `level2:${bucket}`;
  }

  /** Volumes of `site` whose start time lies in the window, oldest first, across day boundaries. */
  async *list(site: string, window: TimeWindow): AsyncGenerator<SourceObject> {
    for (const prefix of level2DayPrefixes(site, window)) {
      let token: string | undefined;
      do {
        const page = await this.call(
          () => this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: prefix, ContinuationToken: token })),
          `s3://${this.bucket}/${prefix}`,
        );
        for (const o of page.Contents ?? []) {
          const parsed = o.Key ? parseLevel2Key(o.Key) : null;
          if (!parsed || parsed.site !== site || parsed.time < window.from || parsed.time >= window.to) continue;
          yield {
            source: this.id,
            key: o.Key!,
            size: o.Size ?? 0,
            fingerprint: o.ETag ?? `size:${o.Size ?? 0}`,
            time: parsed.time,
          };
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token);
    }
  }

  async fetch(object: SourceObject): Promise<Uint8Array> {
    const where = `s3://${this.bucket}/${object.key}`;
    const res = await this.call(() => this.client.send(new GetObjectCommand({ Bucket: this.bucket, Key: object.key })), where);
    if (!res.Body) throw new RadomeError('SOURCE_UNAVAILABLE', 'the bucket returned no body', { file: where });
    return res.Body.transformToByteArray();
  }

  /** Runs one S3 call, turning any failure into a SOURCE_UNAVAILABLE error naming the place. */
  private async call<T>(request: () => Promise<T>, where: string): Promise<T> {
    try {
      return await request();
    } catch (e) {
      const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
      const status = err.$metadata?.httpStatusCode;
      const why = status ? `HTTP ${status} ${err.name ?? ''}`.trim() : (err.message ?? String(e));
      throw new RadomeError('SOURCE_UNAVAILABLE', `cannot read the Level 2 bucket: ${why}`, { file: where, cause: e });
    }
  }
}
