import { loadConfig, parseGnssStations, parseSites } from '../../core/config.js';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { RadomeError } from '../../core/errors.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import { createPlanPool } from '../../ingest/plan-pool.js';
import { GnssArchiveSource } from '../../ingest/sources/gnss-archive.js';
import type { ObjectSource, SourceObject } from '../../ingest/sources/types.js';
import { parseInstant, type CommandArgs } from '../args.js';
import { level2Source, level3Source } from '../bucket-sources.js';
import { createProgress } from '../progress.js';
import { openIngestContext } from '../runtime.js';

/** `radome ingest backfill`: a past window now with the plan pool and a progress bar, or queued for the daemon. */
export async function backfill({ values }: CommandArgs): Promise<number> {
  const config = loadConfig();
  const daemon = loadDaemonConfig();
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  const list = (flag: string) => ((values[flag] as unknown as string[] | undefined) ?? []).join(',');
  let listings: AsyncIterable<SourceObject>[];
  let source: ObjectSource;
  if (values.source === 'level2') {
    const l2 = await level2Source(config);
    source = l2;
    listings = parseSites(list('site') || daemon.level2.sites.join(','), '--site').map((site) => l2.list(site, window));
  } else if (values.source === 'level3') {
    const l3 = await level3Source(config);
    source = l3;
    const products = list('product') || daemon.level3.products.join(',');
    listings = parseSites(list('site') || daemon.level3.sites.join(','), '--site').flatMap((site) => products.split(',').map((p) => l3.list(site, p.trim().toUpperCase(), window)));
  } else if (values.source === 'gnss') {
    const g = new GnssArchiveSource({ template: config.gnss.archive, token: config.gnss.token });
    source = g;
    listings = parseGnssStations(list('station') || daemon.gnss.stations.join(','), '--station').map((station) => g.list(station, window));
  } else {
    throw new RadomeError('BAD_INPUT', `--source ${String(values.source)}: use level2, level3 or gnss`);
  }
  const ctx = openIngestContext(config);
  try {
    if (values.queue) {
      const request = ctx.catalog.writer.ingest.requestBackfill(String(values.source), window.from, window.to, Date.now());
      console.log(`queued backfill ${request.id} of ${request.source} for the daemon`);
      return 0;
    }
    const todo: SourceObject[] = [];
    for (const listing of listings) for await (const o of listing) if (!ctx.catalog.reader.ingest.isIngested(o.source, o.key, o.fingerprint)) todo.push(o);
    ctx.log.info({ source: source.id, files: todo.length }, `backfill: ${todo.length} files to ingest`);
    const progress = createProgress(todo.length, `backfill ${values.source}`, ctx.log);
    const pool = createPlanPool(daemon.workers, { fileTimeoutMs: daemon.fileTimeoutMs });
    try {
      const summary = await ingestAll({ ...ctx, planFile: pool.planFile }, source, (async function* () { yield* todo; })(), {
        concurrency: daemon.downloads,
        keepOutcomes: false,
        onOutcome: (o) => progress.tick(o.status === 'failed', o.object.size),
      });
      progress.done();
      console.log(`${summary.ingested} ingested, ${summary.skipped} unchanged, ${summary.failed} failed`);
      return summary.failed > 0 ? 1 : 0;
    } finally {
      await pool.close();
    }
  } finally {
    ctx.close();
  }
}
