import type { S3Client } from '@aws-sdk/client-s3';
import { level2DayPrefixes, parseLevel2Key } from './level2-keys.js';
import { IncrementalListing } from './incremental-listing.js';
import { S3BucketReader } from './s3-bucket-reader.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

/** A bucket with the public Level 2 archive layout (`YYYY/MM/DD/SITE/SITEYYYYMMDD_HHMMSS_V06`). */
export class Level2BucketSource implements ObjectSource {
  readonly id: string;
  private readonly reader: S3BucketReader;
  private readonly listing: IncrementalListing;

  constructor(client: S3Client, bucket: string) {
    this.id = `level2:${bucket}`;
    this.reader = new S3BucketReader(client, bucket, 'the Level 2 bucket');
    this.listing = new IncrementalListing(this.reader);
  }

  /**
   * Volumes of `site` whose start time lies in the window, oldest first, across day boundaries.
   * Listed incrementally: a second call reads only the keys after the last one handed out.
   */
  async *list(site: string, window: TimeWindow): AsyncGenerator<SourceObject> {
    for (const prefix of level2DayPrefixes(site, window)) {
      for await (const o of this.listing.list(prefix, window.from)) {
        const parsed = parseLevel2Key(o.key);
        // Keys sort by time within a day: the first one past the window ends this prefix.
        if (parsed && parsed.site === site && parsed.time >= window.to) break;
        if (!parsed || parsed.site !== site || parsed.time < window.from) continue;
        yield { source: this.id, key: o.key, size: o.size, fingerprint: o.etag ?? `size:${o.size}`, time: parsed.time };
      }
    }
  }

  /** Lists `object` again next time (its ingest failed and may succeed later). */
  retryLater(object: SourceObject): void {
    this.listing.retryLater({ key: object.key, size: object.size, etag: object.fingerprint.startsWith('size:') ? null : object.fingerprint });
  }

  fetch(object: SourceObject): Promise<Uint8Array> {
    return this.reader.fetch(object.key);
  }
}
