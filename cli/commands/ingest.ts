import { loadConfig, parseSites } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import { ingestAll, type IngestSummary } from '../../ingest/ingest-all.js';
import { runIngestDaemon } from '../../ingest/daemon.js';
import { LocalFileSource } from '../../ingest/sources/local-folder.js';
import { parseInstant, type Command } from '../args.js';
import { level2Source, openIngestContext } from '../runtime.js';

function printSummary(summary: IngestSummary): number {
  for (const o of summary.outcomes) {
    if (o.status === 'ingested') console.log(`ingested  ${o.object.key} → ${o.kind} ${o.id} (${o.summary})`);
    else if (o.status === 'skipped') console.log(`unchanged ${o.object.key}`);
    else console.log(`FAILED    ${o.error.message} [${o.error.code}]${o.quarantineKey ? ` → ${o.quarantineKey}` : ''}`);
  }
  console.log(`${summary.ingested} ingested, ${summary.skipped} unchanged, ${summary.failed} failed`);
  return summary.failed > 0 ? 1 : 0;
}

const files: Command = {
  name: 'files',
  summary: 'ingest files or folders from disk (format recognised by content)',
  usage: `
Usage: radome ingest files <path…>

Ingests each file (folders are walked) whatever its name: NEXRAD Level 2 volumes (Archive II,
bzip2 records, gzip-wrapped). Bad files are reported, recorded and quarantined; the rest go on.
Exit status 1 when any file failed.`,
  options: {},
  async run({ positionals }) {
    if (positionals.length === 0) throw new RadomeError('BAD_INPUT', 'radome ingest files: name at least one file or folder');
    const ctx = openIngestContext(loadConfig());
    try {
      const source = new LocalFileSource();
      return printSummary(await ingestAll(ctx, source, source.list(positionals)));
    } finally {
      ctx.close();
    }
  },
};

const once: Command = {
  name: 'once',
  summary: 'ingest one time window of a source, then exit',
  usage: `
Usage: radome ingest once --source level2 --site KLOT [--site KIWX] --from <ISO> --to <ISO>

Lists the source bucket (RADOME_LEVEL2_BUCKET, default the public NOAA/Unidata Level 2 bucket;
RADOME_LEVEL2_ENDPOINT for an S3-compatible mirror) for volumes that start in [from, to) and
ingests the new ones. Exit status 1 when any file failed.`,
  options: {
    source: { type: 'string', default: 'level2' },
    site: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  async run({ values }) {
    if (values.source !== 'level2') throw new RadomeError('BAD_INPUT', `--source ${values.source}: only level2 is available here`);
    const rawSites = values.site as unknown as string[] | undefined;
    if (!rawSites?.length) throw new RadomeError('BAD_INPUT', '--site is required (a 4-letter ICAO radar id such as KLOT)');
    const sites = parseSites(rawSites.join(','), '--site');
    const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
    if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
    const config = loadConfig();
    const ctx = openIngestContext(config);
    try {
      const source = level2Source(config);
      let status = 0;
      for (const site of sites) status |= printSummary(await ingestAll(ctx, source, source.list(site, window)));
      return status;
    } finally {
      ctx.close();
    }
  },
};

const run: Command = {
  name: 'run',
  summary: 'run the ingest daemon (follows the configured sites until stopped)',
  usage: `
Usage: radome ingest run

Every RADOME_LEVEL2_INTERVAL_SECONDS (default 300) ingests the new volumes of RADOME_LEVEL2_SITES
(default KLOT) from the last RADOME_LEVEL2_WINDOW_MINUTES (default 60). An unreachable source is
logged and tried again on the next pass. Stops cleanly on SIGINT/SIGTERM.`,
  options: {},
  async run() {
    const config = loadConfig();
    const ctx = openIngestContext(config);
    const stop = new AbortController();
    const onSignal = () => stop.abort();
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
    try {
      await runIngestDaemon(ctx, config, stop.signal);
      return 0;
    } finally {
      ctx.close();
    }
  },
};

export const ingestCommands: Command[] = [files, once, run];
