import { loadConfig } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import type { GnssStationId } from '../../core/vocabulary/index.js';
import { createCutParallelPlanner, type CutParallelPlanner } from '../../ingest/cut-parallel-planner.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import type { Level2Pool } from '../../ingest/level2/level2-pool.js';
import { LocalFileSource } from '../../ingest/sources/local-folder.js';
import type { SourceObject } from '../../ingest/sources/types.js';
import { printOutcome, printSummary, printTotals } from '../ingest-summary.js';
import { createProgress } from '../progress.js';
import { openIngestContext } from '../runtime.js';

/**
 * `radome ingest files [--station SSSS] <path…>`: every file named or under a named folder, one at
 * a time; RINEX observation files under `station` (what --station names), when given.
 */
export async function ingestFiles(positionals: string[], station: GnssStationId | undefined, pool: Level2Pool | null): Promise<number> {
  // `pool` (started by the caller before this module loaded) is the planner's to close.
  const planner = createCutParallelPlanner(pool);
  try {
    if (positionals.length === 0) throw new RadomeError('BAD_INPUT', 'radome ingest files: name at least one file or folder');
    return await ingestListedFiles(positionals, planner, station);
  } finally {
    await planner.close();
  }
}

async function ingestListedFiles(positionals: string[], planner: CutParallelPlanner, station: GnssStationId | undefined): Promise<number> {
  const source = new LocalFileSource();
  const files: SourceObject[] = [];
  // The station named is part of each file's identity (its fingerprint), so the same file named as
  // another station is that station's too, not "unchanged"; named as the same one, it is unchanged.
  for await (const file of source.list(positionals)) files.push(station ? { ...file, station, fingerprint: `${file.fingerprint};station:${station}` } : file);
  const ctx = { ...(await openIngestContext(loadConfig())), planFile: planner.planFile };
  try {
    // On a terminal a bar shows a folder's progress; per-file lines would scroll it away, so only
    // warnings and errors are logged meanwhile and each file's line comes after the bar. Otherwise
    // each file's line is printed as it finishes (a log or a supervising process sees it at once).
    const bar = Boolean(process.stderr.isTTY) && files.length > 1;
    const progress = bar ? createProgress(files.length, 'ingest files', ctx.log) : null;
    const log = bar ? ctx.log.child({}, { level: 'warn' }) : ctx.log;
    const summary = await ingestAll(
      { ...ctx, log },
      source,
      (async function* () {
        yield* files;
      })(),
      {
        keepOutcomes: bar,
        onOutcome: progress ? (o) => progress.tick(o.status === 'failed', o.object.size) : printOutcome,
      },
    );
    progress?.done();
    return bar ? printSummary(summary) : printTotals(summary);
  } finally {
    await ctx.close();
  }
}
