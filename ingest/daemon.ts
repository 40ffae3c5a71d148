import { setTimeout as sleep } from 'node:timers/promises';
import type { RadomeConfig } from '../core/config.js';
import { isRadomeError } from '../core/errors.js';
import { ingestAll } from './ingest-all.js';
import type { IngestContext } from './ingest-object.js';
import { Level2BucketSource } from './sources/level2-bucket.js';
import { createS3Client } from '../store/objects/index.js';

/**
 * Follows the configured Level 2 sites: each pass ingests the new volumes of the last
 * `windowMinutes`, then waits `intervalSeconds`. An unreachable source is logged, naming it, and
 * tried again next pass; the daemon itself never stops on a source error.
 */
export async function runIngestDaemon(ctx: IngestContext, config: RadomeConfig, signal: AbortSignal): Promise<void> {
  const { bucket, region, endpoint, forcePathStyle, anonymous, sites, windowMinutes, intervalSeconds } = config.level2;
  const source = new Level2BucketSource(createS3Client({ region, endpoint, forcePathStyle, anonymous }), bucket);
  const where = endpoint ? `${endpoint}/${bucket}` : `s3://${bucket}`;
  ctx.log.info({ source: source.id, sites, windowMinutes, intervalSeconds }, `ingest daemon following ${sites.join(', ') || 'no sites'} from ${where}`);
  while (!signal.aborted) {
    const now = Date.now();
    for (const site of sites) {
      if (signal.aborted) break;
      try {
        const summary = await ingestAll(ctx, source, source.list(site, { from: now - windowMinutes * 60_000, to: now + 60_000 }), signal);
        ctx.log.info({ site, ingested: summary.ingested, skipped: summary.skipped, failed: summary.failed }, `level2 pass for ${site} done`);
      } catch (e) {
        const message = isRadomeError(e) ? e.message : String(e);
        ctx.log.error({ site, source: source.id }, `level2 source ${where} unreachable for ${site}: ${message}; retrying in ${intervalSeconds} s`);
      }
    }
    await sleep(intervalSeconds * 1000, undefined, { signal }).catch(() => undefined);
  }
  ctx.log.info('ingest daemon stopped');
}
