import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { RadomeError } from '../../core/errors.js';
import { parseLevel2ChunkKey, type Level2ChunkKey } from './level2-chunk-keys.js';
import { S3BucketReader } from './s3-bucket-reader.js';

export interface ListedChunk extends Level2ChunkKey {
  key: string;
  size: number;
}

/** The real-time Level 2 chunks bucket (`SITE/VOLUME_NUMBER/YYYYMMDD-HHMMSS-SEQ-TYPE`). */
export class Level2ChunksSource {
  readonly id: string;
  private readonly reader: S3BucketReader;

  constructor(
    private readonly client: S3Client,
    readonly bucket: string,
  ) {
    this.id = `level2-chunks:${bucket}`;
    this.reader = new S3BucketReader(client, bucket, 'the Level 2 chunks bucket');
  }

  /** `SITE/N/` folders of a site (one listing call per 1000). */
  async volumeFolders(site: string): Promise<string[]> {
    const folders: string[] = [];
    let token: string | undefined;
    do {
      const where = `s3://${this.bucket}/${site}/`;
      let page;
      try {
        page = await this.client.send(new ListObjectsV2Command({ Bucket: this.bucket, Prefix: `${site}/`, Delimiter: '/', ContinuationToken: token }));
      } catch (e) {
        const err = e as { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };
        const why = err.$metadata?.httpStatusCode ? `HTTP ${err.$metadata.httpStatusCode} ${err.name ?? ''}`.trim() : (err.message ?? String(e));
        throw new RadomeError('SOURCE_UNAVAILABLE', `cannot read the Level 2 chunks bucket: ${why}`, { file: where, cause: e });
      }
      for (const p of page.CommonPrefixes ?? []) if (p.Prefix) folders.push(p.Prefix);
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return folders;
  }

  /**
   * The chunks in a volume folder, by sequence number (other keys are ignored); only those whose
   * keys sort after `startAfter` when given (keys sort by volume stamp, then sequence).
   */
  async chunks(folder: string, startAfter?: string): Promise<ListedChunk[]> {
    const chunks: ListedChunk[] = [];
    for await (const o of this.reader.list(folder, startAfter)) {
      const parsed = parseLevel2ChunkKey(o.key);
      if (parsed) chunks.push({ ...parsed, key: o.key, size: o.size });
    }
    return chunks.sort((a, b) => a.time - b.time || a.seq - b.seq);
  }

  fetch(key: string): Promise<Uint8Array> {
    return this.reader.fetch(key);
  }
}
