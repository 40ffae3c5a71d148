import { loadConfig } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import { parseIsoDuration } from '../../core/iso-duration.js';
import { applyRetention, pruneEventFeed, purgeDoomedObjects } from '../../ingest/retention.js';
import type { CommandArgs } from '../args.js';
import { openIngestContext } from '../runtime.js';

/** `radome ingest cleanup --older-than P7D`: retention now. */
export async function cleanup({ values }: CommandArgs): Promise<number> {
  const raw = values['older-than'];
  if (typeof raw !== 'string') throw new RadomeError('BAD_INPUT', '--older-than is required (an ISO 8601 duration such as P7D)');
  const olderThanMs = parseIsoDuration(raw, '--older-than');
  const ctx = await openIngestContext(loadConfig());
  try {
    await purgeDoomedObjects(ctx.catalog, ctx.objects, ctx.log);
    const r = await applyRetention(ctx.catalog, ctx.objects, olderThanMs, ctx.log);
    const events = await pruneEventFeed(ctx.catalog, ctx.log);
    console.log(`removed ${r.volumes} volumes, ${r.products} products and ${r.deletedObjects} objects; forgot ${events} catalog events older than a day`);
    return 0;
  } finally {
    await ctx.close();
  }
}
