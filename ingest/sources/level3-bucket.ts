import type { S3Client } from '@aws-sdk/client-s3';
import { siteIcaoFromRadarId } from '../decode/level3/index.js';
import { level3DayPrefixes, parseLevel3Key } from './level3-keys.js';
import { IncrementalListing } from './incremental-listing.js';
import { S3BucketReader } from './s3-bucket-reader.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

/** A bucket with the public Level 3 layout: `SSS_PPP_YYYY_MM_DD_HH_MM_SS` at the top level. */
export class Level3BucketSource implements ObjectSource {
  readonly id: string;
  private readonly reader: S3BucketReader;
  private readonly listing: IncrementalListing;

  constructor(client: S3Client, bucket: string) {
    this.id = `level3:${bucket}`;
    this.reader = new S3BucketReader(client, bucket, 'the Level 3 bucket');
    this.listing = new IncrementalListing(this.reader);
  }

  /**
   * Products of `site` (4-letter ICAO) and `mnemonic` (N0H, DAA…) whose name's time lies in the
   * window, oldest first, one `SSS_PPP_YYYY_MM_DD` prefix per UTC day.
   */
  async *list(site: string, mnemonic: string, window: TimeWindow): AsyncGenerator<SourceObject> {
    const icao = site.toUpperCase();
    for (const prefix of level3DayPrefixes(icao, mnemonic, window)) {
      for await (const o of this.listing.list(prefix, window.from)) {
        const parsed = parseLevel3Key(o.key);
        const mine = parsed && siteIcaoFromRadarId(parsed.radarId) === icao;
        // Keys sort by time within a day: the first one past the window ends this prefix.
        if (mine && parsed.time >= window.to) break;
        if (!mine || parsed.time < window.from) continue;
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
