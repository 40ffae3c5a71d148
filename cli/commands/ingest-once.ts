import { loadConfig } from '../../core/config.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import type { CommandArgs } from '../args.js';
import { printSummary } from '../ingest-summary.js';
import { openIngestContext } from '../runtime.js';
import { configuredLists, sourceListsOf, windowedSource, windowOf } from '../source-options.js';

/**
 * `radome ingest once`: one time window of one source (ingest/sources/registry.ts), each listing
 * (site, site × product, station…) ingested and summarised in turn. Lists with a default (sites,
 * products) must be named; the others (GNSS stations) fall back to the configured ones.
 */
export async function ingestOnce({ values }: CommandArgs): Promise<number> {
  const entry = windowedSource(values);
  const configured = configuredLists(entry);
  const lists = sourceListsOf(entry, values, (list) => (list.defaults.length === 0 ? configured(list) : undefined));
  const window = windowOf(values);
  const config = loadConfig();
  const ctx = await openIngestContext(config);
  try {
    const opened = await entry.open(config);
    let status = 0;
    for (const listing of opened.listings(lists, window)) status |= printSummary(await ingestAll(ctx, opened.source, listing.list()));
    return status;
  } finally {
    await ctx.close();
  }
}
