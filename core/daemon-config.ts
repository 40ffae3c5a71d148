import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { BucketConfig } from './config.js';
import { RadomeError } from './errors.js';
import { parseIsoDuration } from './iso-duration.js';
import { listItem, parseList, SOURCE_NAMES, SOURCES, type ListKind, type SourceSettings } from './source-settings.js';

export interface ScheduleConfig {
  enabled: boolean;
  /** Seconds between passes. */
  intervalSeconds: number;
  /** How far back each pass looks, minutes. */
  windowMinutes: number;
}

interface DaemonSettings {
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
  /**
   * On a catalog shared by several daemons (PostgreSQL): how long a file's claim keeps other
   * workers off it without a renewal. A live worker renews its claims every third of it; a worker
   * killed mid-file holds its files this long.
   */
  claimLeaseMs: number;
  retention: { olderThanMs: number | null; intervalSeconds: number };
}

type ListFieldsOf<S> = S extends { lists: readonly (infer L)[] } ? (L extends { field: infer F extends string } ? F : never) : never;
/** One source's configuration: its schedule, its lists (e.g. `sites`) and, when it has one, its bucket. */
export type SourceConfigOf<S> = ScheduleConfig & { [F in ListFieldsOf<S>]: string[] } & (S extends { bucket: object } ? BucketConfig : unknown);

/** The daemon's configuration: its own settings, and each source's under its config key (`level2`, `level2Chunks`…). */
export type DaemonConfig = DaemonSettings & { [S in (typeof SOURCES)[number] as S['configKey']]: SourceConfigOf<S> };

/** Any source's configuration, for code that loops over SOURCES. */
export type SourceConfig = ScheduleConfig & Partial<BucketConfig> & { [field: string]: unknown };

/** The configuration of one source (by its settings), for loops over SOURCES. */
export function sourceConfig(daemon: DaemonConfig, source: SourceSettings): SourceConfig {
  return (daemon as unknown as Record<string, SourceConfig>)[source.configKey]!;
}

/** One list of a source (e.g. `sites`) from its configuration. */
export function sourceList(config: SourceConfig, field: string): string[] {
  return (config[field] as string[] | undefined) ?? [];
}

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

  list(key: string, kind: ListKind): string[] | undefined {
    const v = this.obj[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v)) this.fail(key, `must be a list of ${kind.many}`);
    return v.map((item, i) => {
      const s = typeof item === 'string' ? listItem(item, kind) : '';
      if (!kind.test(s)) this.fail(`${key}[${i}]`, `${JSON.stringify(item)} is not ${kind.one}`);
      return s;
    });
  }
}

function envInt(env: Env, name: string, min: number, max: number): number | undefined {
  const raw = env[name];
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) throw new RadomeError('CONFIG', `${name}=${raw} is not a whole number from ${min} to ${max}`);
  return n;
}

function envList(env: Env, name: string, kind: ListKind): string[] | undefined {
  const raw = env[name];
  return raw === undefined ? undefined : parseList(raw, kind, name);
}

const SOURCE_NAME: ListKind = {
  test: (s) => (SOURCE_NAMES as readonly string[]).includes(s.toLowerCase()),
  one: `a source name (${SOURCE_NAMES.join(', ')})`,
  many: 'source names',
};

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
 * ingest.claimLease when the config does not say: a killed worker's files wait a minute for
 * another; renewals every 20 s leave a live worker two missed renewals of slack on a slow database.
 */
export const DEFAULT_CLAIM_LEASE_MS = 60_000;

const BUCKET_KEYS = ['bucket', 'region', 'endpoint', 'forcePathStyle', 'anonymous'] as const;

/**
 * The daemon's configuration: `radome.config.json` (or the file RADOME_CONFIG names), then the
 * environment over it (RADOME_SOURCES, RADOME_LEVEL2_SITES…, see README), then defaults. Every
 * mistake is a CONFIG error naming the file and the field.
 */
export function loadDaemonConfig(env: Env = process.env, cwd = process.cwd()): DaemonConfig {
  const { file, json } = readConfigFile(env, cwd);
  const root = new Fields(file ?? CONFIG_FILE_NAME, '', json, ['ingest', 'retention', 'sources']);
  const ingest = root.child('ingest', ['workers', 'downloads', 'maxAttempts', 'fileTimeout', 'claimLease']);
  const retention = root.child('retention', ['olderThan', 'every']);
  const sources = root.child(
    'sources',
    SOURCES.map((s) => s.configKey),
  );
  const enabledByEnv = envList(env, 'RADOME_SOURCES', SOURCE_NAME)?.map((s) => s.toLowerCase());
  const sourceConfigOf = (source: SourceSettings): SourceConfig => {
    const f = sources.child(source.configKey, [...SCHEDULE_KEYS, ...source.lists.map((l) => l.field), ...(source.bucket ? BUCKET_KEYS : [])]);
    const { env: prefix, schedule: defaults } = source;
    const everyS = envInt(env, `${prefix}_INTERVAL_SECONDS`, 1, 86400) ?? Math.round((f.duration('every') ?? defaults.everySeconds * 1000) / 1000);
    const windowMin = envInt(env, `${prefix}_WINDOW_MINUTES`, 1, 60 * 24 * 366) ?? Math.round((f.duration('window') ?? defaults.windowMinutes * 60_000) / 60_000);
    if (everyS < 1) f.fail('every', 'must be at least one second');
    if (windowMin < 1) f.fail('window', 'must be at least one minute');
    const config: SourceConfig = {
      enabled: enabledByEnv ? enabledByEnv.includes(source.name) : (f.bool('enabled') ?? defaults.enabled),
      intervalSeconds: everyS,
      windowMinutes: windowMin,
    };
    for (const list of source.lists) config[list.field] = envList(env, `${prefix}_${list.field.toUpperCase()}`, list.kind) ?? f.list(list.field, list.kind) ?? [...list.defaults];
    if (source.bucket) {
      const endpoint = env[`${prefix}_ENDPOINT`] || f.string('endpoint');
      config.bucket = env[`${prefix}_BUCKET`] || f.string('bucket') || source.bucket.defaultBucket;
      config.region = env[`${prefix}_REGION`] || f.string('region') || 'us-east-1';
      config.endpoint = endpoint;
      config.forcePathStyle = f.bool('forcePathStyle') ?? Boolean(endpoint);
      config.anonymous = f.bool('anonymous') ?? !endpoint;
    }
    return config;
  };
  const retentionMs = envDuration(env, 'RADOME_RETENTION', true) ?? retention.duration('olderThan', true) ?? null;
  const retentionEvery = envDuration(env, 'RADOME_RETENTION_EVERY', false) ?? retention.duration('every') ?? 3_600_000;
  const fileTimeoutMs = envDuration(env, 'RADOME_INGEST_FILE_TIMEOUT', false) ?? ingest.duration('fileTimeout') ?? DEFAULT_FILE_TIMEOUT_MS;
  const claimLeaseMs = envDuration(env, 'RADOME_INGEST_CLAIM_LEASE', false) ?? ingest.duration('claimLease') ?? DEFAULT_CLAIM_LEASE_MS;
  if (claimLeaseMs < 3000) ingest.fail('claimLease', 'must be at least 3 s (claims are renewed every third of it)');
  return {
    file,
    workers: envInt(env, 'RADOME_INGEST_WORKERS', 1, 64) ?? ingest.int('workers', 1, 64) ?? 2,
    downloads: envInt(env, 'RADOME_INGEST_DOWNLOADS', 1, 256) ?? ingest.int('downloads', 1, 256) ?? DEFAULT_DOWNLOADS,
    maxAttempts: envInt(env, 'RADOME_INGEST_MAX_ATTEMPTS', 1, 1000) ?? ingest.int('maxAttempts', 1, 1000) ?? 5,
    fileTimeoutMs,
    claimLeaseMs,
    retention: { olderThanMs: retentionMs, intervalSeconds: Math.max(1, Math.round(retentionEvery! / 1000)) },
    ...(Object.fromEntries(SOURCES.map((source) => [source.configKey, sourceConfigOf(source)])) as unknown as Omit<DaemonConfig, keyof DaemonSettings>),
  };
}
