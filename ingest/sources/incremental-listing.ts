import type { ListedKey, S3BucketReader } from './s3-bucket-reader.js';

/** A prefix is listed whole again this often, in case a key appeared out of order (a late upload). */
export const FULL_RELIST_MS = 60 * 60_000;

interface Cursor {
  /** Every key up to this one has been handed to the caller. */
  after: string;
  /** The oldest window start the listings since the last whole one covered. */
  coveredFrom: number;
  /** When the prefix was last listed whole. */
  wholeAt: number;
}

/**
 * Lists bucket prefixes incrementally: a prefix is read again only after the last key handed out
 * (ListObjectsV2 `StartAfter`), so following 160 sites does not re-list each site's day every pass.
 * Keys of a day prefix sort by time (the public layouts name files by scan time), so "after the
 * last key" is "newer than the last file". A caller that stops early (a key past its window) leaves
 * the cursor before that key. A listing for a window starting before what the cursor covers (a
 * backfill) lists the prefix whole. Keys handed back with `retryLater` (a failed ingest) are
 * offered again on the next listing of their prefix.
 */
export class IncrementalListing {
  private readonly cursors = new Map<string, Cursor>();
  private readonly retries = new Map<string, ListedKey>();

  constructor(
    private readonly reader: Pick<S3BucketReader, 'list'>,
    private readonly now: () => number = Date.now,
  ) {}

  async *list(prefix: string, windowFrom: number): AsyncGenerator<ListedKey> {
    const now = this.now();
    this.forgetOldCursors(now);
    const known = this.cursors.get(prefix);
    const resume = known && windowFrom >= known.coveredFrom && now - known.wholeAt < FULL_RELIST_MS ? known : null;
    const cursor: Cursor = resume ? { ...resume } : { after: '', coveredFrom: windowFrom, wholeAt: now };
    for (const [key, listed] of this.retries) {
      if (!key.startsWith(prefix)) continue;
      this.retries.delete(key);
      // A whole listing finds it anyway.
      if (resume) yield listed;
    }
    for await (const o of this.reader.list(prefix, cursor.after || undefined)) {
      yield o;
      // Recorded once the caller asks for more: a key it stopped at is listed again next time.
      if (o.key > cursor.after) cursor.after = o.key;
      this.cursors.set(prefix, cursor);
    }
    this.cursors.set(prefix, cursor);
  }

  /** Offers `listed` again on the next listing of its prefix (its ingest failed and may succeed later). */
  retryLater(listed: ListedKey): void {
    this.retries.set(listed.key, listed);
  }

  /** Prefixes of past days stop being listed; their cursors go after a day unused. */
  private forgetOldCursors(now: number): void {
    for (const [prefix, c] of this.cursors) if (now - c.wholeAt > 24 * FULL_RELIST_MS) this.cursors.delete(prefix);
  }
}
