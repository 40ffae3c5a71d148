import { RadomeError, type RadomeErrorCode } from './errors.js';
import { GNSS_STATION, PRODUCT_MNEMONIC_KIND, RADAR_SITE, type IdentifierKind } from './vocabulary/index.js';

/**
 * What one list of a source holds: identifiers of the vocabulary (upper-cased, separated by commas
 * or spaces, each checked by its rule) or, with `asWritten`, file system paths (kept as written and
 * separated by commas only, since a path may hold spaces and its case matters).
 */
export interface ListKind extends IdentifierKind {
  readonly asWritten?: true;
}

/** File or folder paths (the local folder source): relative ones are taken from the working directory. */
export const PATH_LIST: ListKind = {
  test: (path) => path !== '' && !path.includes('\0'),
  one: 'a file or folder path',
  many: 'file or folder paths',
  asWritten: true,
};

/** One item as a list keeps it: an identifier upper-cased, a path trimmed. */
export function listItem(raw: string, kind: ListKind): string {
  return kind.asWritten ? raw.trim() : raw.toUpperCase();
}

/** The items of a list written in one string (an environment variable, a flag, a CLI option's value), unchecked. */
export function splitList(raw: string, kind: ListKind): string[] {
  return raw
    .split(kind.asWritten ? ',' : /[\s,]+/)
    .map((s) => listItem(s, kind))
    .filter(Boolean);
}

/** splitList, each item checked; `name` (the variable, flag or option) and `code` make the error. */
export function parseList(raw: string, kind: ListKind, name: string, code: RadomeErrorCode = 'CONFIG'): string[] {
  const items = splitList(raw, kind);
  for (const s of items) if (!kind.test(s)) throw new RadomeError(code, `${name}: "${s}" is not ${kind.one}`);
  return items;
}

/**
 * The read-only half of each ingest source's descriptor: its name, the lists it follows (each one
 * a flag `<name>.<field>`, a config field, an environment variable `<env>_<FIELD>` and a CLI
 * option `--<option>`), its schedule defaults and its extra settings. Config validation
 * (daemon-config.ts), flag validation (ingest-flags.ts), the daemon, the CLI and the GraphQL
 * server loop over this list; how a source lists and fetches is in ingest/sources/registry.ts.
 */
export interface SourceList {
  /** Flag suffix and config field: `sites`, `stations`, `products`, `paths`. */
  readonly field: string;
  /** The CLI option of `radome ingest once|backfill` (repeatable). */
  readonly option: string;
  readonly kind: ListKind;
  /** Followed when neither config nor environment names any. */
  readonly defaults: readonly string[];
}

export interface SourceSettings {
  /** The name ingestStatus, pauseSource, requestBackfill, RADOME_SOURCES and `--source` use. */
  readonly name: string;
  /** Its object under `sources` in radome.config.json. */
  readonly configKey: string;
  /** Prefix of its environment variables (`_INTERVAL_SECONDS`, `_WINDOW_MINUTES`, a list's `_SITES`…). */
  readonly env: string;
  readonly schedule: { readonly enabled: boolean; readonly everySeconds: number; readonly windowMinutes: number };
  readonly lists: readonly SourceList[];
  /** Reads its own S3-compatible bucket (bucket, region, endpoint, forcePathStyle, anonymous in config). */
  readonly bucket?: { readonly defaultBucket: string };
}

const sites: SourceList = { field: 'sites', option: 'site', kind: RADAR_SITE, defaults: ['KLOT'] };

/** The public real-time Level 2 chunks bucket (`SITE/VOLUME/YYYYMMDD-HHMMSS-SEQ-TYPE`). */
export const PUBLIC_LEVEL2_CHUNKS_BUCKET = 'unidata-nexrad-level2-chunks';

/** Every ingest source; a new one is one entry here and one in ingest/sources/registry.ts. */
export const SOURCES = [
  { name: 'level2', configKey: 'level2', env: 'RADOME_LEVEL2', schedule: { enabled: true, everySeconds: 300, windowMinutes: 60 }, lists: [sites] },
  {
    name: 'level2-chunks',
    configKey: 'level2Chunks',
    env: 'RADOME_LEVEL2_CHUNKS',
    schedule: { enabled: false, everySeconds: 2, windowMinutes: 30 },
    lists: [sites],
    bucket: { defaultBucket: PUBLIC_LEVEL2_CHUNKS_BUCKET },
  },
  {
    name: 'level3',
    configKey: 'level3',
    env: 'RADOME_LEVEL3',
    schedule: { enabled: false, everySeconds: 300, windowMinutes: 60 },
    lists: [sites, { field: 'products', option: 'product', kind: PRODUCT_MNEMONIC_KIND, defaults: ['N0H'] }],
  },
  {
    name: 'gnss',
    configKey: 'gnss',
    env: 'RADOME_GNSS',
    schedule: { enabled: false, everySeconds: 3600, windowMinutes: 2 * 24 * 60 },
    lists: [{ field: 'stations', option: 'station', kind: GNSS_STATION, defaults: [] }],
  },
  // Daily orbit files (RADOME_ORBIT_*_ARCHIVE templates): one listing per pass, no lists.
  { name: 'orbits', configKey: 'orbits', env: 'RADOME_ORBITS', schedule: { enabled: false, everySeconds: 6 * 3600, windowMinutes: 3 * 24 * 60 }, lists: [] },
  // Local folders (a drop folder, a mounted archive): files whose modification time lies in the window.
  {
    name: 'local',
    configKey: 'local',
    env: 'RADOME_LOCAL',
    schedule: { enabled: false, everySeconds: 60, windowMinutes: 24 * 60 },
    lists: [{ field: 'paths', option: 'path', kind: PATH_LIST, defaults: [] }],
  },
] as const satisfies readonly SourceSettings[];

export type SourceName = (typeof SOURCES)[number]['name'];
export type SourceConfigKey = (typeof SOURCES)[number]['configKey'];

/** The daemon's sources, by the names ingestStatus, pauseSource and requestBackfill use. */
export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((s) => s.name);

/** The settings of the source named `name`, or undefined for a name no source has. */
export function sourceSettings(name: string): SourceSettings | undefined {
  return (SOURCES as readonly SourceSettings[]).find((s) => s.name === name);
}
