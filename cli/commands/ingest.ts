// What `radome ingest …` offers: names, usage and options only. Each command's code is loaded
// when it runs, so `radome --help` and one command never pay for the others' modules.
import { existsSync, statSync } from 'node:fs';
import { SOURCES } from '../../core/source-settings.js';
import { type GnssStationId, parseGnssStationId } from '../../core/vocabulary/index.js';
import type { Level2Pool } from '../../ingest/level2/level2-pool.js';
import type { Command, CommandArgs } from '../args.js';

/** Each source list's option (--site, --product, --station), repeatable. */
const SOURCE_LIST_OPTIONS: Command['options'] = Object.fromEntries(SOURCES.flatMap((s) => s.lists.map((l) => [l.option, { type: 'string', multiple: true }])));

/**
 * The folder of the bundled `ingest files` code (scripts/bundle-ingest-files.mjs) when it was
 * built after tsc's output, else null (running from source, or compiled again since): the
 * command's modules then load from dist one by one, as every other command's do.
 */
function ingestFilesBundle(): URL | null {
  const dir = new URL('../../bundle/ingest-files/', import.meta.url);
  try {
    return statSync(new URL('built', dir)).mtimeMs >= statSync(new URL('./ingest-files.js', import.meta.url)).mtimeMs ? dir : null;
  } catch {
    return null;
  }
}

/**
 * Starts the cut pool of `ingest files` (none without an existing path to ingest). Its threads boot (~70 ms
 * of CPU each, Node's own start-up mostly) while this thread loads the logger, the command's other
 * modules (~150 ms of CPU: the catalog, the formats, the renderers), lists the files and opens the
 * catalog, so they are up about when the first file is read.
 */
async function startFilesPool(args: CommandArgs): Promise<Level2Pool | null> {
  // None when no path exists: the run only reports them, and would wait for the threads to load.
  if (!args.positionals.some((path) => existsSync(path))) return null;
  namedStation(args); // a bad --station is refused before any thread starts
  const bundle = ingestFilesBundle();
  const { startCutPool }: typeof import('../../ingest/level2/cut-pool.js') = await (bundle ? import(new URL('cut-pool.js', bundle).href) : import('../../ingest/level2/cut-pool.js'));
  return startCutPool();
}

/** The station `--station` names, or undefined without it. */
function namedStation({ values }: CommandArgs): GnssStationId | undefined {
  return values.station === undefined ? undefined : parseGnssStationId(String(values.station), '--station');
}

const files: Command<Level2Pool | null> = {
  name: 'files',
  summary: 'ingest files or folders from disk (format recognised by content)',
  usage: `
Usage: radome ingest files [--station SSSS] <path…>

Ingests each file (folders are walked) whatever its name: NEXRAD Level 2 volumes (Archive II,
bzip2 records, gzip-wrapped), NEXRAD Level 3 products (with or without a WMO heading) and RINEX
observation files (2.x, 3.x, 4.x, Hatanaka, in .Z, .gz, .bz2 or .zip). Bad files are reported, recorded and quarantined; the rest go on.
A Level 2 volume whose header names no radar (1990s files) takes it from its file name
(SITEYYYYMMDD_HHMMSS…). A RINEX observation file is catalogued under the station its name
(ssssdddf.yyo, SSSS00CCC_R_…) or else its MARKER NAME gives; --station names it instead (for files
named otherwise, or whose marker is not the station's code) and applies to every RINEX observation
file of the command. The station named is part of a file's identity: a file ingested again under
another --station becomes that station's too (the first station keeps its days); under the same one
it is unchanged. Shows a progress bar on a terminal when there is more than one file.
Exit status 1 when any file failed.`,
  options: { station: { type: 'string' } },
  begin: startFilesPool,
  run: async (args, begun) => {
    const pool = begun === undefined ? await startFilesPool(args) : begun;
    const bundle = ingestFilesBundle();
    const { ingestFiles }: typeof import('./ingest-files.js') = await (bundle ? import(new URL('ingest-files.js', bundle).href) : import('./ingest-files.js'));
    return ingestFiles(args.positionals, namedStation(args), pool);
  },
};

const once: Command = {
  name: 'once',
  summary: 'ingest one time window of a source, then exit',
  usage: `
Usage: radome ingest once --source level2 --site KLOT [--site KIWX] --from <ISO> --to <ISO>
       radome ingest once --source level3 --site KLOT --product N0H [--product DAA] --from <ISO> --to <ISO>
       radome ingest once --source gnss --station YORK [--station CEDA] --from <ISO> --to <ISO>
       radome ingest once --source orbits --from <ISO> --to <ISO>
       radome ingest once --source local --path <folder> [--path <folder>] --from <ISO> --to <ISO>

Lists the source bucket (RADOME_LEVEL2_BUCKET, default the public NOAA/Unidata Level 2 bucket;
RADOME_LEVEL2_ENDPOINT for an S3-compatible mirror) for volumes that start in [from, to) and
ingests the new ones. With --source level3, lists the Level 3 bucket (RADOME_LEVEL3_BUCKET, default
the public Level 3 bucket; RADOME_LEVEL3_ENDPOINT for a mirror) by SSS_PPP_YYYY_MM_DD prefixes for
each site × product whose scan time in the key lies in [from, to). With --source gnss, fetches each
station's daily RINEX file for every GPS day overlapping [from, to) from RADOME_GNSS_ARCHIVE (a URL or
path template with {station} {yyyy} {yy} {ddd}; RADOME_GNSS_TOKEN as a bearer token); days without a
file are skipped. With --source orbits, fetches the daily orbit files of those GPS days from
RADOME_ORBIT_BROADCAST_ARCHIVE and RADOME_ORBIT_PRECISE_ARCHIVE (templates with {yyyy} {yy} {ddd}
{wwww}; RADOME_GNSS_TOKEN as a bearer token): RADOME_ORBIT_CHOICE=gnssrefl (default) takes broadcast
orbits before 2021 day 137 and precise ones from it, as gnssrefl does; both, broadcast or precise
otherwise. With --source local, ingests the files under each --path (or RADOME_LOCAL_PATHS) whose
modification time lies in [from, to). Exit status 1 when any file failed.`,
  options: { source: { type: 'string', default: 'level2' }, ...SOURCE_LIST_OPTIONS, from: { type: 'string' }, to: { type: 'string' } },
  run: async (args) => (await import('./ingest-once.js')).ingestOnce(args),
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
  run: async () => (await import('./ingest-daemon.js')).runDaemon(),
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
  options: { source: { type: 'string', default: 'level2' }, ...SOURCE_LIST_OPTIONS, from: { type: 'string' }, to: { type: 'string' }, queue: { type: 'boolean' } },
  run: async (args) => (await import('./ingest-backfill.js')).backfill(args),
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
  run: async (args) => (await import('./ingest-cleanup.js')).cleanup(args),
};

export const ingestCommands: Command[] = [files, once, run, backfill, cleanup];
