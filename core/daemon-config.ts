import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { RadomeError } from './errors.js';
import { parseIsoDuration } from './iso-duration.js';

/** The daemon's sources, by the names ingestStatus, pauseSource and requestBackfill use. */
export const SOURCE_NAMES = ['level2', 'level2-chunks', 'level3', 'gnss'] as const;
export type SourceName = (typeof SOURCE_NAMES)[number];

export interface ScheduleConfig {
  enabled: boolean;
  /** Seconds between passes. */
  intervalSeconds: number;
  /** How far back each pass looks, minutes. */
  windowMinutes: number;
}

export interface DaemonConfig {
  /** The file read, or null when there was none (defaults and environment only). */
  file: string | null;
  /** Worker threads decoding and rendering. */
  workers: number;
  /** Files in flight at once (downloads, decodes, writes): the backpressure bound. */
  downloads: number;
  /** Failed attempts after which a file is quarantined and left alone. */
  maxAttempts: number;
  /** Wall time one file may spend decoding and planning on a worker thread before it fails with TIMEOUT. */
  fileTimeoutMs: number;
  retention: { olderThanMs: number | null; intervalSeconds: number };
  level2: ScheduleConfig & { sites: string[] };
  level2Chunks: ScheduleConfig & { sites: string[]; bucket: string; region: string; endpoint?: string; forcePathStyle: boolean; anonymous: boolean };
  level3: ScheduleConfig & { sites: string[]; products: string[] };
  gnss: ScheduleConfig & { stations: string[] };
}

/** The public real-time Level 2 chunks bucket (`SITE/VOLUME/YYYYMMDD-HHMMSS-SEQ-TYPE`). */
export const PUBLIC_LEVEL2_CHUNKS_BUCKET = 'unidata-nexrad-level2-chunks';

export const CONFIG_FILE_NAME = 'radome.config.json';
/** Files in flight per source when the config does not say (ingest.downloads). */
export const DEFAULT_DOWNLOADS = 4;
/**
 * ingest.fileTimeout when the config does not say: the largest real files (a super-resolution
 * Level 2 volume, a day of 1 Hz multi-GNSS RINEX) plan in a few seconds on a busy host; two
 * minutes only ever stops a file that would not finish.
 */
export const DEFAULT_FILE_TIMEOUT_MS = 120_000;

type Env = Record<string, string | undefined>;
type Json = Record<string, unknown>;

/** Reads typed fields of one JSON object, naming the field path in every error. */
class Fields {
  constructor(
    private readonly file: string,
    private readonly path: string,
    private readonly obj: Json,
    allowed: readonly string[],
  ) {
    for (const key of Object.keys(obj)) {
      if (!allowed.includes(key)) this.fail(key, `is not a known setting (known: ${allowed.join(', ')})`);
    }
  }

  fail(key: string, what: string): never {
    throw new RadomeError('CONFIG', `${this.file}: ${this.path}${key} ${what}`);
  }

  child(key: string, allowed: readonly string[]): Fields {
    const v = this.obj[key] ?? {};
    if (typeof v !== 'object' || v === null || Array.isArray(v)) this.fail(key, 'must be an object');
    return new Fields(this.file, `${this.path}${key}.`, v as Json, allowed);
  }

  int(key: string, min: number, max: number): number | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) this.fail(key, `must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`);
    return v;
  }

  bool(key: string): boolean | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'boolean') this.fail(key, `must be true or false, not ${JSON.stringify(v)}`);
    return v;
  }

  string(key: string): string | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v === '') this.fail(key, `must be a non-empty string, not ${JSON.stringify(v)}`);
    return v;
  }

  /** An ISO 8601 duration ("PT5M"), in ms; "off" as null when `allowOff`. */
  duration(key: string, allowOff = false): number | null | undefined {
    const v = this.string(key);
    if (v === undefined) return undefined;
    if (allowOff && v === 'off') return null;
    try {
      return parseIsoDuration(v, key);
    } catch {
      return this.fail(key, `must be an ISO 8601 duration such as PT30S, PT5M or P7D${allowOff ? ' (or "off")' : ''}, not ${JSON.stringify(v)}`);
    }
  }

  list(key: string, pattern: RegExp, what: string): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.fail(key, `must be a list of ${what}`);
    return v.map((item, i) => {
      const s = typeof item === 'string' ? item.toUpperCase() : '';
      if (!pattern.test(s)) this.fail(`${key}[${i}]`, `${JSON.stringify(item)} is not ${what}`);
      return s;
    });
  }
}

const SITE = /^[A-Z]{4}$/;
const STATION = /^[A-Z0-9]{4}$/;
const PRODUCT = /^[A-Z0-9]{3}$/;

function envInt(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new RadomeError('CONFIG', `${name}=${raw} is not a whole number from ${min} to ${max}`);
  return n;
}

function envList(env: Env, name: string, pattern: RegExp, what: string): string[] | undefined {
  const raw = env[name];
  if (raw === undefined) return undefined;
  const items = raw.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
  for (const s of items) if (!pattern.test(s)) throw new RadomeError('CONFIG', `${name}: "${s}" is not ${what}`);
  return items;
}

function envDuration(env: Env, name: string, allowOff: boolean): number | null | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  if (allowOff && raw === 'off') return null;
  try {
    return parseIsoDuration(raw, name);
  } catch {
    throw new RadomeError('CONFIG', `${name}=${raw} is not an ISO 8601 duration such as PT5M or P7D${allowOff ? ' (or off)' : ''}`);
  }
}

function readConfigFile(env: Env, cwd: string): { file: string | null; json: Json } {
  const named = env.RADOME_CONFIG;
  const file = resolve(cwd, named || CONFIG_FILE_NAME);
  if (!existsSync(file)) {
    if (named) throw new RadomeError('CONFIG', `RADOME_CONFIG=${named}: no such file`);
    return { file: null, json: {} };
  }
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new RadomeError('CONFIG', `${file}: not valid JSON: ${(e as Error).message}`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new RadomeError('CONFIG', `${file}: must hold a JSON object`);
  return { file, json: json as Json };
}

const SCHEDULE_KEYS = ['enabled', 'every', 'window'] as const;

/**
 * The daemon's configuration: `radome.config.json` (or the file RADOME_CONFIG names), then the
 * environment over it (RADOME_SOURCES, RADOME_LEVEL2_SITES…, see README), then defaults. Every
 * mistake is a CONFIG error naming the file and the field.
 */
export function loadDaemonConfig(env: Env = process.env, cwd = process.cwd()): DaemonConfig {
  const { file, json } = readConfigFile(env, cwd);
  const root = new Fields(file ?? CONFIG_FILE_NAME, '', json, ['ingest', 'retention', 'sources']);
  const ingest = root.child('ingest', ['workers', 'downloads', 'maxAttempts', 'fileTimeout']);
  const retention = root.child('retention', ['olderThan', 'every']);
  const sources = root.child('sources', ['level2', 'level2Chunks', 'level3', 'gnss']);
  const l2 = sources.child('level2', [...SCHEDULE_KEYS, 'sites']);
  const chunks = sources.child('level2Chunks', [...SCHEDULE_KEYS, 'sites', 'bucket', 'region', 'endpoint', 'forcePathStyle', 'anonymous']);
  const l3 = sources.child('level3', [...SCHEDULE_KEYS, 'sites', 'products']);
  const gnss = sources.child('gnss', [...SCHEDULE_KEYS, 'stations']);

  const enabledByEnv = envList(env, 'RADOME_SOURCES', /^(LEVEL2|LEVEL2-CHUNKS|LEVEL3|GNSS)$/, `a source name (${SOURCE_NAMES.join(', ')})`)?.map((s) => s.toLowerCase());
  const schedule = (f: Fields, name: SourceName, prefix: string, defaults: { enabled: boolean; every: number; window: number }): ScheduleConfig => {
    const everyS = envInt(env, `${prefix}_INTERVAL_SECONDS`, 1, 86400) ?? Math.round((f.duration('every') ?? defaults.every * 1000) / 1000);
    const windowMin = envInt(env, `${prefix}_WINDOW_MINUTES`, 1, 60 * 24 * 366) ?? Math.round((f.duration('window') ?? defaults.window * 60_000) / 60_000);
    if (everyS < 1) f.fail('every', 'must be at least one second');
    if (windowMin < 1) f.fail('window', 'must be at least one minute');
    return { enabled: enabledByEnv ? enabledByEnv.includes(name) : (f.bool('enabled') ?? defaults.enabled), intervalSeconds: everyS, windowMinutes: windowMin };
  };
  const chunksEndpoint = env.RADOME_LEVEL2_CHUNKS_ENDPOINT || chunks.string('endpoint');
  const retentionMs = envDuration(env, 'RADOME_RETENTION', true) ?? retention.duration('olderThan', true) ?? null;
  const retentionEvery = envDuration(env, 'RADOME_RETENTION_EVERY', false) ?? retention.duration('every') ?? 3_600_000;
  return {
    file,
    workers: envInt(env, 'RADOME_INGEST_WORKERS', 1, 64) ?? ingest.int('workers', 1, 64) ?? 2,
    downloads: envInt(env, 'RADOME_INGEST_DOWNLOADS', 1, 256) ?? ingest.int('downloads', 1, 256) ?? DEFAULT_DOWNLOADS,
    maxAttempts: envInt(env, 'RADOME_INGEST_MAX_ATTEMPTS', 1, 1000) ?? ingest.int('maxAttempts', 1, 1000) ?? 5,
    fileTimeoutMs: envDuration(env, 'RADOME_INGEST_FILE_TIMEOUT', false) ?? ingest.duration('fileTimeout') ?? DEFAULT_FILE_TIMEOUT_MS,
    retention: { olderThanMs: retentionMs, intervalSeconds: Math.max(1, Math.round(retentionEvery! / 1000)) },
    level2: {
      ...schedule(l2, 'level2', 'RADOME_LEVEL2', { enabled: true, every: 300, window: 60 }),
      sites: envList(env, 'RADOME_LEVEL2_SITES', SITE, 'a 4-letter ICAO radar id like KLOT') ?? l2.list('sites', SITE, 'a 4-letter ICAO radar id like KLOT') ?? ['KLOT'],
    },
    level2Chunks: {
      ...schedule(chunks, 'level2-chunks', 'RADOME_LEVEL2_CHUNKS', { enabled: false, every: 2, window: 30 }),
      sites:
        envList(env, 'RADOME_LEVEL2_CHUNKS_SITES', SITE, 'a 4-letter ICAO radar id like KLOT') ?? chunks.list('sites', SITE, 'a 4-letter ICAO radar id like KLOT') ?? ['KLOT'],
      bucket: env.RADOME_LEVEL2_CHUNKS_BUCKET || chunks.string('bucket') || PUBLIC_LEVEL2_CHUNKS_BUCKET,
      region: env.RADOME_LEVEL2_CHUNKS_REGION || chunks.string('region') || 'us-east-1',
      endpoint: chunksEndpoint,
      forcePathStyle: chunks.bool('forcePathStyle') ?? Boolean(chunksEndpoint),
      anonymous: chunks.bool('anonymous') ?? !chunksEndpoint,
    },
    level3: {
      ...schedule(l3, 'level3', 'RADOME_LEVEL3', { enabled: false, every: 300, window: 60 }),
      sites: envList(env, 'RADOME_LEVEL3_SITES', SITE, 'a 4-letter ICAO radar id like KLOT') ?? l3.list('sites', SITE, 'a 4-letter ICAO radar id like KLOT') ?? ['KLOT'],
      products: envList(env, 'RADOME_LEVEL3_PRODUCTS', PRODUCT, 'a 3-character product mnemonic like N0H') ?? l3.list('products', PRODUCT, 'a 3-character product mnemonic like N0H') ?? ['N0H'],
    },
    gnss: {
      ...schedule(gnss, 'gnss', 'RADOME_GNSS', { enabled: false, every: 3600, window: 2 * 24 * 60 }),
      stations: envList(env, 'RADOME_GNSS_STATIONS', STATION, 'a 4-character GNSS station code like YORK') ?? gnss.list('stations', STATION, 'a 4-character GNSS station code like YORK') ?? [],
    },
  };
}
