import { GNSS_STATION, PRODUCT_MNEMONIC_KIND, RADAR_SITE, type IdentifierKind } from './vocabulary/index.js';

/**
 * The read-only half of each ingest source's descriptor: its name, the lists it follows (each one
 * a flag `<name>.<field>`, a config field, an environment variable `<env>_<FIELD>` and a CLI
 * option `--<option>`), its schedule defaults and its extra settings. Config validation
 * (daemon-config.ts), flag validation (ingest-flags.ts), the daemon, the CLI and the GraphQL
 * server loop over this list; how a source lists and fetches is in ingest/sources/registry.ts.
 */
export interface SourceList {
  /** Flag suffix and config field: `sites`, `stations`, `products`. */
  readonly field: string;
  /** The CLI option of `radome ingest once|backfill` (repeatable). */
  readonly option: string;
  readonly kind: IdentifierKind;
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
] as const satisfies readonly SourceSettings[];

export type SourceName = (typeof SOURCES)[number]['name'];
export type SourceConfigKey = (typeof SOURCES)[number]['configKey'];

/** The daemon's sources, by the names ingestStatus, pauseSource and requestBackfill use. */
export const SOURCE_NAMES: readonly SourceName[] = SOURCES.map((s) => s.name);

/** The settings of the source named `name`, or undefined for a name no source has. */
export function sourceSettings(name: string): SourceSettings | undefined {
  return (SOURCES as readonly SourceSettings[]).find((s) => s.name === name);
}
