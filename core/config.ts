import { resolve } from 'node:path';
import { RadomeError } from './errors.js';

/** Where and how radome reads the public Level 2 archive bucket. */
export interface Level2SourceConfig {
  bucket: string;
  region: string;
  /** S3-compatible endpoint for a non-AWS bucket (tests, mirrors); unset for AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Public buckets are read without credentials. */
  anonymous: boolean;
  /** Sites the daemon follows (4-letter ICAO). */
  sites: string[];
  /** How far back each daemon pass looks, minutes. */
  windowMinutes: number;
  /** Seconds between daemon passes. */
  intervalSeconds: number;
}

/** Where radome reads the public Level 3 bucket (`SSS_PPP_YYYY_MM_DD_HH_MM_SS` keys). */
export type Level3SourceConfig = Pick<Level2SourceConfig, 'bucket' | 'region' | 'endpoint' | 'forcePathStyle' | 'anonymous'>;

/** Where radome fetches daily RINEX files of GNSS stations (`radome ingest once --source gnss`). */
export interface GnssSourceConfig {
  /** URL or path template, see ingest/sources/gnss-archive.ts. */
  archive: string;
  /** Bearer token for archives that need one (never logged). */
  token?: string;
  /** Stations fetched when --station is not given (4-character codes). */
  stations: string[];
}

/** EarthScope's GAGE archive layout of daily Hatanaka + compress RINEX 2 files (needs a bearer token). */
export const DEFAULT_GNSS_ARCHIVE = 'https://gage-data.earthscope.org/archive/gnss/rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z';

/** Upper-cases and checks a list of 4-character GNSS station codes. */
export function parseGnssStations(raw: string, name = 'stations'): string[] {
  const stations = raw.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
  for (const s of stations) {
    if (!/^[A-Z0-9]{4}$/.test(s)) throw new RadomeError('CONFIG', `${name}: "${s}" is not a 4-character GNSS station code like YORK`);
  }
  return stations;
}

export interface RadomeConfig {
  dataDir: string;
  catalogPath: string;
  /** `file:<dir>` or `s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true`. */
  objectsUrl: string;
  host: string;
  port: number;
  /** Base URL clients use to reach this server (for imageUrl); defaults to the request's host. */
  publicUrl?: string;
  /** Long side of rendered overlays, px. */
  renderSize: number;
  level2: Level2SourceConfig;
  level3: Level3SourceConfig;
  gnss: GnssSourceConfig;
}

type Env = Record<string, string | undefined>;

/** The public NEXRAD Level 2 archive bucket (NOAA Open Data, maintained with Unidata). */
export const PUBLIC_LEVEL2_BUCKET = 'unidata-nexrad-level2';

/** The public NEXRAD Level 3 bucket (NOAA Open Data, maintained with Unidata). */
export const PUBLIC_LEVEL3_BUCKET = 'unidata-nexrad-level3';

function intFrom(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new RadomeError('CONFIG', `${name}=${raw} is not a whole number from ${min} to ${max}`);
  }
  return n;
}

function boolFrom(env: Env, name: string, fallback: boolean): boolean {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  if (/^(1|true|yes|on)$/i.test(raw)) return true;
  if (/^(0|false|no|off)$/i.test(raw)) return false;
  throw new RadomeError('CONFIG', `${name}=${raw} is not a boolean (use true or false)`);
}

/** Upper-cases and checks a list of 4-letter ICAO radar identifiers. */
export function parseSites(raw: string, name = 'sites'): string[] {
  const sites = raw.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
  for (const s of sites) {
    if (!/^[A-Z]{4}$/.test(s)) throw new RadomeError('CONFIG', `${name}: "${s}" is not a 4-letter ICAO radar id like KLOT`);
  }
  return sites;
}

/** Configuration from the environment (flags override by passing them merged into `env`). */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): RadomeConfig {
  const dataDir = resolve(cwd, env.RADOME_DATA_DIR || 'var');
  const level2Endpoint = env.RADOME_LEVEL2_ENDPOINT || undefined;
  const level3Endpoint = env.RADOME_LEVEL3_ENDPOINT || undefined;
  return {
    dataDir,
    catalogPath: resolve(cwd, env.RADOME_CATALOG || resolve(dataDir, 'catalog.db')),
    objectsUrl: env.RADOME_OBJECTS || `file:${resolve(dataDir, 'objects')}`,
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 4000, 0, 65535),
    publicUrl: env.RADOME_PUBLIC_URL || undefined,
    renderSize: intFrom(env, 'RADOME_RENDER_SIZE', 1024, 64, 8192),
    level2: {
      bucket: env.RADOME_LEVEL2_BUCKET || PUBLIC_LEVEL2_BUCKET,
      region: env.RADOME_LEVEL2_REGION || 'us-east-1',
      endpoint: level2Endpoint,
      forcePathStyle: boolFrom(env, 'RADOME_LEVEL2_FORCE_PATH_STYLE', Boolean(level2Endpoint)),
      anonymous: boolFrom(env, 'RADOME_LEVEL2_ANONYMOUS', !level2Endpoint),
      sites: parseSites(env.RADOME_LEVEL2_SITES ?? 'KLOT', 'RADOME_LEVEL2_SITES'),
      windowMinutes: intFrom(env, 'RADOME_LEVEL2_WINDOW_MINUTES', 60, 1, 60 * 24 * 366),
      intervalSeconds: intFrom(env, 'RADOME_LEVEL2_INTERVAL_SECONDS', 300, 5, 86400),
    },
    level3: {
      bucket: env.RADOME_LEVEL3_BUCKET || PUBLIC_LEVEL3_BUCKET,
      region: env.RADOME_LEVEL3_REGION || 'us-east-1',
      endpoint: level3Endpoint,
      forcePathStyle: boolFrom(env, 'RADOME_LEVEL3_FORCE_PATH_STYLE', Boolean(level3Endpoint)),
      anonymous: boolFrom(env, 'RADOME_LEVEL3_ANONYMOUS', !level3Endpoint),
    },
    gnss: {
      archive: env.RADOME_GNSS_ARCHIVE || DEFAULT_GNSS_ARCHIVE,
      token: env.RADOME_GNSS_TOKEN || undefined,
      stations: parseGnssStations(env.RADOME_GNSS_STATIONS ?? '', 'RADOME_GNSS_STATIONS'),
    },
  };
}
