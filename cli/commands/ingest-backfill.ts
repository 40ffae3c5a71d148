import { loadConfig } from '../../core/config.js';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import { createPlanPool } from '../../ingest/plan-pool.js';
import type { SourceObject } from '../../ingest/sources/types.js';
import type { CommandArgs } from '../args.js';
import { createProgress } from '../progress.js';
import { openIngestContext } from '../runtime.js';
import { configuredLists, sourceListsOf, windowedSource, windowOf } from '../source-options.js';

/** `radome ingest backfill`: a past window now with the plan pool and a progress bar, or queued for the daemon. */
export async function backfill({ values }: CommandArgs): Promise<number> {
  const config = loadConfig();
  const daemon = loadDaemonConfig();
  const window = windowOf(values);
  const entry = windowedSource(values);
  // Lists not named on the command line are the daemon's (radome.config.json, environment).
  const lists = sourceListsOf(
    entry,
    values,
    configuredLists(entry, () => daemon),
  );
  const opened = await entry.open(config);
  const ctx = await openIngestContext(config);
  try {
    if (values.queue) {
      const request = await ctx.catalog.writer.ingest.requestBackfill(String(values.source), window.from, window.to, Date.now());
      console.log(`queued backfill ${request.id} of ${request.source} for the daemon`);
      return 0;
    }
    const todo: SourceObject[] = [];
    for (const listing of opened.listings(lists, window)) for await (const o of listing.list()) if (!(await ctx.catalog.reader.ingest.isIngested(o.source, o.key, o.fingerprint))) todo.push(o);
    ctx.log.info({ source: opened.source.id, files: todo.length }, `backfill: ${todo.length} files to ingest`);
    const progress = createProgress(todo.length, `backfill ${values.source}`, ctx.log);
    const pool = createPlanPool(daemon.workers, { fileTimeoutMs: daemon.fileTimeoutMs });
    try {
      const summary = await ingestAll(
        { ...ctx, planFile: pool.planFile },
        opened.source,
        (async function* () {
          yield* todo;
        })(),
        {
          concurrency: daemon.downloads,
          keepOutcomes: false,
          onOutcome: (o) => progress.tick(o.status === 'failed', o.object.size),
        },
      );
      progress.done();
      console.log(`${summary.ingested} ingested, ${summary.skipped} unchanged, ${summary.failed} failed`);
      return summary.failed > 0 ? 1 : 0;
    } finally {
      await pool.close();
    }
  } finally {
    await ctx.close();
  }
}
