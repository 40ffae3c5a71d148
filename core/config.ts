import { resolve } from 'node:path';
import { isPostgresLocation } from './catalog-location.js';
import { RadomeError } from './errors.js';

/** Where and how radome reads an S3-compatible bucket of a source (the Level 2 and Level 3 archives, the Level 2 chunks). */
export interface BucketConfig {
  bucket: string;
  region: string;
  /** S3-compatible endpoint for a non-AWS bucket (tests, mirrors); unset for AWS. */
  endpoint?: string;
  forcePathStyle: boolean;
  /** Public buckets are read without credentials. */
  anonymous: boolean;
}

/** Where radome fetches daily RINEX files of GNSS stations (`radome ingest once --source gnss`). */
export interface GnssSourceConfig {
  /** URL or path template, see ingest/sources/gnss-archive.ts. */
  archive: string;
  /** Bearer token for archives that need one (never logged). */
  token?: string;
  /** Orbit archives (`radome ingest once --source orbits`): daily broadcast and precise templates, and which a day gets. */
  orbits: { broadcast?: string; precise?: string; choice: OrbitChoice };
}

/** EarthScope's GAGE archive layout of daily Hatanaka + compress RINEX 2 files (needs a bearer token). */
export const DEFAULT_GNSS_ARCHIVE = 'https://gage-data.earthscope.org/archive/gnss/rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z';

/** Which orbit products a GPS day gets: gnssrefl's choice by date, both, or one kind only (ingest/sources/orbit-archive.ts). */
export const ORBIT_CHOICES = ['gnssrefl', 'both', 'broadcast', 'precise'] as const;
export type OrbitChoice = (typeof ORBIT_CHOICES)[number];

function orbitChoice(raw: string | undefined): OrbitChoice {
  const v = (raw || 'gnssrefl').trim();
  if ((ORBIT_CHOICES as readonly string[]).includes(v)) return v as OrbitChoice;
  throw new RadomeError('CONFIG', `RADOME_ORBIT_CHOICE=${raw}: use gnssrefl (broadcast before 2021 day 137, precise from it), both, broadcast or precise`);
}

/** API server limits and security; every field has an env variable (README, configuration). */
export interface ServerConfig {
  /** Deepest field nesting a query may have (introspection fields excepted). */
  maxDepth: number;
  /** Most aliased fields in one document (alias bombs). */
  maxAliases: number;
  /** Most selections an operation may have once its fragments are expanded (fragment bombs). */
  maxSelections: number;
  /** Most lexical tokens in one document; bounds parse and validation work. */
  maxTokens: number;
  /** Highest estimated cost (fields × page sizes × points) a query may have. */
  maxCost: number;
  /** Largest request body, bytes. */
  maxBodyBytes: number;
  /** A query still resolving fields after this long is stopped. */
  executionTimeoutMs: number;
  /** Origins browsers may call the API from: '*' (any, the API is public and read-only) or a list. */
  corsOrigins: '*' | string[];
  introspection: boolean;
  graphiql: boolean;
  /** Sustained requests per second per client IP; 0 turns the limit off. */
  rateLimitPerSecond: number;
  /** Requests a client may make at once before the rate applies. */
  rateLimitBurst: number;
  /** Take the client IP from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** Automatic persisted queries kept (least recently used go first). */
  apqMaxEntries: number;
  /** How often the server polls catalog_events for subscriptions, ms. */
  eventsPollMs: number;
  /** When set, /metrics needs `Authorization: Bearer <token>`. */
  metricsToken?: string;
  /** Most subscriptions one WebSocket connection may hold open at once. */
  maxSubscriptionsPerSocket: number;
  /** Sustained WebSocket messages per second per client IP; 0 turns the limit off. */
  wsMessagesPerSecond: number;
  /** WebSocket messages a client may send at once before the rate applies. */
  wsMessageBurst: number;
  /** Stack traces and unredacted server paths in error answers: a development switch, never on by default. */
  debugErrors: boolean;
  /** Memory for decoded sweeps and products behind map tiles and point values, MB, plus a quarter of it for rendered tiles (least recently used go first). */
  tileCacheMb: number;
  /** Rainfall: a gap between consecutive volumes longer than this, minutes, is reported missing, never integrated. */
  rainfallGapMinutes: number;
  /** A raster XYZ template (`https://…/{z}/{x}/{y}.png`) the explorer draws under its offline vector basemap. */
  basemapUrl?: string;
}

/** An http(s) XYZ tile template naming {z}, {x} and {y}, or undefined when unset. */
function tileTemplateFrom(env: Env, name: string): string | undefined {
  const raw = env[name]?.trim();
  if (!raw) return undefined;
  let url: URL | undefined;
  try {
    url = new URL(raw.replace(/[{}]/g, '_'));
  } catch {
    url = undefined;
  }
  const missing = ['{z}', '{x}', '{y}'].filter((p) => !raw.includes(p));
  if (!url || (url.protocol !== 'https:' && url.protocol !== 'http:') || missing.length)
    throw new RadomeError(
      'CONFIG',
      `${name}=${raw}: not a raster tile template like https://tiles.example.org/{z}/{x}/{y}.png (an http(s) URL${missing.length ? `; missing ${missing.join(', ')}` : ''})`,
    );
  return raw;
}

function originsFrom(env: Env, name: string): '*' | string[] {
  const raw = (env[name] ?? '*').trim();
  if (raw === '*' || raw === '') return '*';
  const origins = raw.split(/[\s,]+/).filter(Boolean);
  for (const o of origins) {
    let url: URL | undefined;
    try {
      url = new URL(o);
    } catch {
      url = undefined;
    }
    if (!url || url.origin !== o) throw new RadomeError('CONFIG', `${name}: "${o}" is not an origin like https://maps.example.org (scheme, host, optional port; no path or trailing slash)`);
  }
  return origins;
}

/** Server settings from the environment; NODE_ENV=production turns introspection and GraphiQL off by default. */
export function loadServerConfig(env: Env = process.env): ServerConfig {
  const production = env.NODE_ENV === 'production';
  return {
    maxDepth: intFrom(env, 'RADOME_MAX_DEPTH', 12, 2, 100),
    maxAliases: intFrom(env, 'RADOME_MAX_ALIASES', 30, 0, 10_000),
    // At most the cost walk's own node limit (server/limits/cost.ts), which then never trips.
    maxSelections: intFrom(env, 'RADOME_MAX_SELECTIONS', 2_000, 10, 10_000),
    maxTokens: intFrom(env, 'RADOME_MAX_TOKENS', 5_000, 100, 1_000_000),
    maxCost: intFrom(env, 'RADOME_MAX_COST', 50_000, 10, 100_000_000),
    maxBodyBytes: intFrom(env, 'RADOME_MAX_BODY_BYTES', 256 * 1024, 1024, 64 * 1024 * 1024),
    executionTimeoutMs: intFrom(env, 'RADOME_EXECUTION_TIMEOUT_MS', 10_000, 10, 600_000),
    corsOrigins: originsFrom(env, 'RADOME_CORS_ORIGINS'),
    introspection: boolFrom(env, 'RADOME_INTROSPECTION', !production),
    graphiql: boolFrom(env, 'RADOME_GRAPHIQL', !production),
    rateLimitPerSecond: intFrom(env, 'RADOME_RATE_LIMIT', 50, 0, 1_000_000),
    rateLimitBurst: intFrom(env, 'RADOME_RATE_BURST', 100, 1, 1_000_000),
    trustProxy: boolFrom(env, 'RADOME_TRUST_PROXY', false),
    apqMaxEntries: intFrom(env, 'RADOME_APQ_MAX_ENTRIES', 1_000, 0, 1_000_000),
    eventsPollMs: intFrom(env, 'RADOME_EVENTS_POLL_MS', 250, 10, 60_000),
    metricsToken: env.RADOME_METRICS_TOKEN || undefined,
    maxSubscriptionsPerSocket: intFrom(env, 'RADOME_MAX_SUBSCRIPTIONS_PER_SOCKET', 100, 1, 100_000),
    wsMessagesPerSecond: intFrom(env, 'RADOME_WS_MESSAGE_RATE', 20, 0, 1_000_000),
    wsMessageBurst: intFrom(env, 'RADOME_WS_MESSAGE_BURST', 200, 1, 1_000_000),
    debugErrors: boolFrom(env, 'RADOME_DEBUG_ERRORS', false),
    tileCacheMb: intFrom(env, 'RADOME_TILE_CACHE_MB', 256, 1, 1_000_000),
    rainfallGapMinutes: intFrom(env, 'RADOME_RAINFALL_GAP_MINUTES', 20, 1, 1440),
    basemapUrl: tileTemplateFrom(env, 'RADOME_BASEMAP_URL'),
  };
}

export interface RadomeConfig {
  dataDir: string;
  /** The catalog's location (RADOME_CATALOG): a SQLite file path, resolved, or a postgres:// URL as given. */
  catalogPath: string;
  /** `file:<dir>` or `s3://bucket/prefix?endpoint=…&region=…&forcePathStyle=true`. */
  objectsUrl: string;
  host: string;
  port: number;
  /** Base URL clients use to reach this server (for imageUrl); defaults to the request's host. */
  publicUrl?: string;
  /** Long side of rendered overlays, px. */
  renderSize: number;
  /** Bearer token the ingest control mutations (pauseSource, setIngestFlag…) require; unset: refused. */
  adminToken?: string;
  /** The Level 2 archive bucket (RADOME_LEVEL2_BUCKET…). */
  level2: BucketConfig;
  /** The Level 3 bucket, `SSS_PPP_YYYY_MM_DD_HH_MM_SS` keys (RADOME_LEVEL3_BUCKET…). */
  level3: BucketConfig;
  gnss: GnssSourceConfig;
  server: ServerConfig;
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

/** A bucket from `<prefix>_BUCKET`, `_REGION`, `_ENDPOINT`, `_FORCE_PATH_STYLE` and `_ANONYMOUS`. */
function bucketFrom(env: Env, prefix: string, publicBucket: string): BucketConfig {
  const endpoint = env[`${prefix}_ENDPOINT`] || undefined;
  return {
    bucket: env[`${prefix}_BUCKET`] || publicBucket,
    region: env[`${prefix}_REGION`] || 'us-east-1',
    endpoint,
    forcePathStyle: boolFrom(env, `${prefix}_FORCE_PATH_STYLE`, Boolean(endpoint)),
    anonymous: boolFrom(env, `${prefix}_ANONYMOUS`, !endpoint),
  };
}

/** RADOME_CATALOG: a database URL stays as given (resolving it as a path would mangle it); a file path is made absolute. */
function catalogLocationFrom(raw: string | undefined, cwd: string, dataDir: string): string {
  if (raw && isPostgresLocation(raw)) return raw;
  return resolve(cwd, raw || resolve(dataDir, 'catalog.db'));
}

/** Configuration from the environment (flags override by passing them merged into `env`). */
export function loadConfig(env: Env = process.env, cwd = process.cwd()): RadomeConfig {
  const dataDir = resolve(cwd, env.RADOME_DATA_DIR || 'var');
  return {
    dataDir,
    catalogPath: catalogLocationFrom(env.RADOME_CATALOG, cwd, dataDir),
    objectsUrl: env.RADOME_OBJECTS || `file:${resolve(dataDir, 'objects')}`,
    host: env.HOST || '127.0.0.1',
    port: intFrom(env, 'PORT', 4000, 0, 65535),
    publicUrl: env.RADOME_PUBLIC_URL || undefined,
    renderSize: intFrom(env, 'RADOME_RENDER_SIZE', 1024, 64, 8192),
    adminToken: env.RADOME_ADMIN_TOKEN || undefined,
    level2: bucketFrom(env, 'RADOME_LEVEL2', PUBLIC_LEVEL2_BUCKET),
    level3: bucketFrom(env, 'RADOME_LEVEL3', PUBLIC_LEVEL3_BUCKET),
    gnss: {
      archive: env.RADOME_GNSS_ARCHIVE || DEFAULT_GNSS_ARCHIVE,
      token: env.RADOME_GNSS_TOKEN || undefined,
      orbits: {
        broadcast: env.RADOME_ORBIT_BROADCAST_ARCHIVE || undefined,
        precise: env.RADOME_ORBIT_PRECISE_ARCHIVE || undefined,
        choice: orbitChoice(env.RADOME_ORBIT_CHOICE),
      },
    },
    server: loadServerConfig(env),
  };
}
