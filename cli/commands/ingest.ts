import { loadConfig, parseGnssStations, parseSites } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import { ingestAll, type IngestSummary } from '../../ingest/ingest-all.js';
import { runIngestDaemon } from '../../ingest/daemon.js';
import { GnssArchiveSource } from '../../ingest/sources/gnss-archive.js';
import { LocalFileSource } from '../../ingest/sources/local-folder.js';
import { parseInstant, type Command } from '../args.js';
import { level2Source, level3Source, openIngestContext } from '../runtime.js';
import type { ObjectSource, SourceObject, TimeWindow } from '../../ingest/sources/types.js';
import { loadDaemonConfig } from '../../core/daemon-config.js';
import { parseIsoDuration } from '../../core/iso-duration.js';
import { createPlanPool } from '../../ingest/plan-pool.js';
import { applyRetention, pruneEventFeed, purgeDoomedObjects } from '../../ingest/retention.js';
import { createProgress } from '../progress.js';

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
bzip2 records, gzip-wrapped), NEXRAD Level 3 products (with or without a WMO heading) and RINEX
observation files (2.x, 3.x, 4.x, Hatanaka, in .Z, .gz, .bz2 or .zip). Bad files are reported, recorded and quarantined; the rest go on.
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

/** --site (repeatable) and the [--from, --to) window every source takes. */
function siteAndWindow(values: Record<string, string | boolean | undefined>): [string[], TimeWindow] {
  const rawSites = values.site as unknown as string[] | undefined;
  if (!rawSites?.length) throw new RadomeError('BAD_INPUT', '--site is required (a 4-letter ICAO radar id such as KLOT)');
  const sites = parseSites(rawSites.join(','), '--site');
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  return [sites, window];
}

/** `--source level3`: each site × product over the window, from the Level 3 bucket. */
async function ingestLevel3Once(values: Record<string, string | boolean | undefined>, sites: string[], window: TimeWindow): Promise<number> {
  const rawProducts = values.product as unknown as string[] | undefined;
  if (!rawProducts?.length) throw new RadomeError('BAD_INPUT', '--product is required with --source level3 (a product mnemonic such as N0H or DAA)');
  const products = rawProducts.flatMap((p) => p.split(',')).map((p) => p.trim().toUpperCase()).filter(Boolean);
  for (const p of products) if (!/^[A-Z0-9]{3}$/.test(p)) throw new RadomeError('BAD_INPUT', `--product ${p}: expected a 3-character product mnemonic such as N0H or DAA`);
  const config = loadConfig();
  const ctx = openIngestContext(config);
  try {
    const source = level3Source(config);
    let status = 0;
    for (const site of sites) for (const product of products) status |= printSummary(await ingestAll(ctx, source, source.list(site, product, window)));
    return status;
  } finally {
    ctx.close();
  }
}

/** `--source gnss`: each station's daily RINEX files over the GPS days of the window, from RADOME_GNSS_ARCHIVE. */
async function ingestGnssOnce(values: Record<string, string | boolean | undefined>): Promise<number> {
  const config = loadConfig();
  const rawStations = values.station as unknown as string[] | undefined;
  const stations = rawStations?.length ? parseGnssStations(rawStations.join(','), '--station') : config.gnss.stations;
  if (!stations.length) throw new RadomeError('BAD_INPUT', '--station is required with --source gnss (a 4-character station code such as YORK), or set RADOME_GNSS_STATIONS');
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  const ctx = openIngestContext(config);
  try {
    const source = new GnssArchiveSource({ template: config.gnss.archive, token: config.gnss.token });
    let status = 0;
    for (const station of stations) status |= printSummary(await ingestAll(ctx, source, source.list(station, window)));
    return status;
  } finally {
    ctx.close();
  }
}

const once: Command = {
  name: 'once',
  summary: 'ingest one time window of a source, then exit',
  usage: `
Usage: radome ingest once --source level2 --site KLOT [--site KIWX] --from <ISO> --to <ISO>
       radome ingest once --source level3 --site KLOT --product N0H [--product DAA] --from <ISO> --to <ISO>
       radome ingest once --source gnss --station YORK [--station CEDA] --from <ISO> --to <ISO>

Lists the source bucket (RADOME_LEVEL2_BUCKET, default the public NOAA/Unidata Level 2 bucket;
RADOME_LEVEL2_ENDPOINT for an S3-compatible mirror) for volumes that start in [from, to) and
ingests the new ones. With --source level3, lists the Level 3 bucket (RADOME_LEVEL3_BUCKET, default
the public Level 3 bucket; RADOME_LEVEL3_ENDPOINT for a mirror) by SSS_PPP_YYYY_MM_DD prefixes for
each site × product whose scan time in the key lies in [from, to). With --source gnss, fetches each
station's daily RINEX file for every GPS day overlapping [from, to) from RADOME_GNSS_ARCHIVE (a URL or
path template with {station} {yyyy} {yy} {ddd}; RADOME_GNSS_TOKEN as a bearer token); days without a
file are skipped. Exit status 1 when any file failed.`,
  options: {
    source: { type: 'string', default: 'level2' },
    product: { type: 'string', multiple: true },
    site: { type: 'string', multiple: true },
    station: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
  },
  async run({ values }) {
    if (values.source === 'level3') return ingestLevel3Once(values, ...siteAndWindow(values));
    if (values.source === 'gnss') return ingestGnssOnce(values);
    if (values.source !== 'level2') throw new RadomeError('BAD_INPUT', `--source ${values.source}: only level2 is available here`);
    const [sites, window] = siteAndWindow(values);
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
  summary: 'run the ingest daemon (follows the configured sources until stopped)',
  usage: `
Usage: radome ingest run

Runs each enabled source on its own schedule, as radome.config.json (or the file RADOME_CONFIG
names) and the environment say (see README.md, "Ingest daemon"): Level 2 volumes, real-time Level 2
chunks, Level 3 products and GNSS files; retention on a schedule. Pause/resume, flags and backfills
set through GraphQL are read from the catalog at every pass. An unreachable source is logged and
tried again with backoff. SIGINT/SIGTERM: stops taking work and lets files in flight finish (a
second signal exits at once; commits are single transactions, so no partial rows either way).`,
  options: {},
  async run() {
    const config = loadConfig();
    const daemon = loadDaemonConfig();
    const ctx = openIngestContext(config);
    const stop = new AbortController();
    const onSignal = () => {
      if (stop.signal.aborted) process.exit(130);
      ctx.log.info('stopping: finishing files in flight (signal again to exit at once)');
      stop.abort();
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    try {
      await runIngestDaemon(ctx, config, stop.signal, daemon);
      return 0;
    } finally {
      ctx.close();
    }
  },
};

const backfill: Command = {
  name: 'backfill',
  summary: 'ingest a past time window of a source now, with progress',
  usage: `
Usage: radome ingest backfill --source level2 --site KLOT [--site KIWX] --from <ISO> --to <ISO>
       radome ingest backfill --source level3 --site KLOT --product N0H --from <ISO> --to <ISO>
       radome ingest backfill --source gnss --station YORK --from <ISO> --to <ISO>
       radome ingest backfill … --queue      (leave it to the running daemon instead)

Lists the window, then ingests what is not in the catalog yet with RADOME_INGEST_WORKERS decoding
threads and RADOME_INGEST_DOWNLOADS files in flight (or radome.config.json's ingest settings).
Shows a progress bar on a terminal, a log line every 5 s otherwise. Exit status 1 when any file
failed. With --queue, records the request in the catalog for the daemon (requestBackfill).`,
  options: {
    source: { type: 'string', default: 'level2' },
    site: { type: 'string', multiple: true },
    product: { type: 'string', multiple: true },
    station: { type: 'string', multiple: true },
    from: { type: 'string' },
    to: { type: 'string' },
    queue: { type: 'boolean' },
  },
  async run({ values }) {
    const config = loadConfig();
    const daemon = loadDaemonConfig();
    const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
    if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
    const list = (flag: string) => ((values[flag] as unknown as string[] | undefined) ?? []).join(',');
    let listings: AsyncIterable<SourceObject>[];
    let source: ObjectSource;
    if (values.source === 'level2') {
      const l2 = level2Source(config);
      source = l2;
      listings = parseSites(list('site') || daemon.level2.sites.join(','), '--site').map((site) => l2.list(site, window));
    } else if (values.source === 'level3') {
      const l3 = level3Source(config);
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
        const request = ctx.catalog.requestBackfill(String(values.source), window.from, window.to, Date.now());
        console.log(`queued backfill ${request.id} of ${request.source} for the daemon`);
        return 0;
      }
      const todo: SourceObject[] = [];
      for (const listing of listings) for await (const o of listing) if (!ctx.catalog.isIngested(o.source, o.key, o.fingerprint)) todo.push(o);
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
  },
};

const cleanup: Command = {
  name: 'cleanup',
  summary: 'retention: remove volumes and products older than a duration',
  usage: `
Usage: radome ingest cleanup --older-than P7D

Removes every volume (with its sweeps) and Level 3 product scanned longer ago than the ISO 8601
duration, with their objects. Crash-safe and resumable: the rows go first in one transaction that
records their object keys; the objects are deleted next; a run interrupted at any point is finished
by the next cleanup (or the daemon). GNSS days are not removed.`,
  options: { 'older-than': { type: 'string' } },
  async run({ values }) {
    const raw = values['older-than'];
    if (typeof raw !== 'string') throw new RadomeError('BAD_INPUT', '--older-than is required (an ISO 8601 duration such as P7D)');
    const olderThanMs = parseIsoDuration(raw, '--older-than');
    const ctx = openIngestContext(loadConfig());
    try {
      await purgeDoomedObjects(ctx.catalog, ctx.objects, ctx.log);
      const r = await applyRetention(ctx.catalog, ctx.objects, olderThanMs, ctx.log);
      const events = pruneEventFeed(ctx.catalog, ctx.log);
      console.log(`removed ${r.volumes} volumes, ${r.products} products and ${r.deletedObjects} objects; forgot ${events} catalog events older than a day`);
      return 0;
    } finally {
      ctx.close();
    }
  },
};

export const ingestCommands: Command[] = [files, once, run, backfill, cleanup];
