// IncrementalListing over an in-memory sorted key list: what it asks the bucket for (StartAfter)
// and what it hands out, pass after pass.
import { describe, expect, it } from 'vitest';
import { FULL_RELIST_MS, IncrementalListing } from './incremental-listing.js';
import type { ListedKey } from './s3-bucket-reader.js';

function bucket() {
  const keys: string[] = [];
  const calls: { prefix: string; startAfter: string | undefined }[] = [];
  return {
    keys,
    calls,
    async *list(prefix: string, startAfter?: string): AsyncGenerator<ListedKey> {
      calls.push({ prefix, startAfter });
      for (const key of [...keys].sort()) if (key.startsWith(prefix) && (!startAfter || key > startAfter)) yield { key, size: 1, etag: key };
    },
  };
}

async function take(it: AsyncIterable<ListedKey>, stopAt?: string): Promise<string[]> {
  const out: string[] = [];
  for await (const o of it) {
    if (stopAt && o.key >= stopAt) break;
    out.push(o.key);
  }
  return out;
}

describe('IncrementalListing', () => {
  it('resumes after the last key handed out, not after one the caller stopped at', async () => {
    let now = 1_000_000;
    const b = bucket();
    const listing = new IncrementalListing(b, () => now);
    b.keys.push('d/K_01', 'd/K_02');
    expect(await take(listing.list('d/', 0))).toEqual(['d/K_01', 'd/K_02']);
    b.keys.push('d/K_03', 'd/K_04');
    // The caller stops at K_04 (past its window): it comes again next time.
    expect(await take(listing.list('d/', 0), 'd/K_04')).toEqual(['d/K_03']);
    expect(b.calls.at(-1)).toEqual({ prefix: 'd/', startAfter: 'd/K_02' });
    expect(await take(listing.list('d/', 0))).toEqual(['d/K_04']);
    expect(b.calls.at(-1)!.startAfter).toBe('d/K_03');
    now += FULL_RELIST_MS;
    expect(await take(listing.list('d/', 0))).toEqual(['d/K_01', 'd/K_02', 'd/K_03', 'd/K_04']);
  });

  it('lists whole for a window older than it covered (a backfill), and offers failed keys again', async () => {
    const b = bucket();
    const listing = new IncrementalListing(b, () => 5_000);
    b.keys.push('d/K_01', 'd/K_02');
    await take(listing.list('d/', 100));
    expect(await take(listing.list('d/', 50))).toEqual(['d/K_01', 'd/K_02']);
    expect(b.calls.at(-1)!.startAfter).toBeUndefined();
    listing.retryLater({ key: 'd/K_01', size: 1, etag: 'd/K_01' });
    expect(await take(listing.list('d/', 100))).toEqual(['d/K_01']);
    expect(await take(listing.list('d/', 100))).toEqual([]);
  });
});
