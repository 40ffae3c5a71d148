import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RadomeError } from '../../core/errors.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

const DAY_MS = 86_400_000;

export interface GnssArchiveOptions {
  /**
   * Where a station-day's file is: an http(s) URL, a file: URL or a local path, with
   * {station} (lower case), {STATION}, {yyyy}, {yy}, {ddd} (day of year), {mm} and {dd}, e.g.
   * `https://archive.example.org/rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z`.
   */
  template: string;
  /** Sent as `Authorization: Bearer …` to http(s) archives that need it. */
  token?: string;
}

/** The template filled in for a station and a GPS day (days since 1970). */
export function expandGnssTemplate(template: string, station: string, day: number): string {
  const d = new Date(day * DAY_MS);
  const yyyy = d.getUTCFullYear();
  const doy = day - Date.UTC(yyyy, 0, 1) / DAY_MS + 1;
  const two = (n: number) => String(n).padStart(2, '0');
  const fields: Record<string, string> = {
    station: station.toLowerCase(),
    STATION: station.toUpperCase(),
    yyyy: String(yyyy),
    yy: two(yyyy % 100),
    ddd: String(doy).padStart(3, '0'),
    mm: two(d.getUTCMonth() + 1),
    dd: two(d.getUTCDate()),
  };
  return template.replace(/\{(station|STATION|yyyy|yy|ddd|mm|dd)\}/g, (_, name: string) => fields[name]!);
}

/**
 * Daily RINEX files of GNSS stations from an HTTP archive (or a bucket's HTTP endpoint) or a local
 * folder laid out by a URL template. A day without a file is skipped. Files are identified by
 * ETag (else size and Last-Modified / mtime), so listing the same days again ingests nothing new.
 */
export class GnssArchiveSource implements ObjectSource {
  readonly id: string;
  private readonly http: boolean;

  constructor(private readonly options: GnssArchiveOptions) {
    const { template } = options;
    this.http = /^https?:\/\//i.test(template);
    if (!this.http && /^[a-z][a-z0-9+.-]*:\/\//i.test(template) && !template.startsWith('file:')) {
      throw new RadomeError('CONFIG', `GNSS archive template ${template}: use an http(s) URL, a file: URL or a local path`);
    }
    if (!/\{(station|STATION)\}/.test(template) || !/\{(ddd|dd)\}/.test(template)) {
      throw new RadomeError('CONFIG', `GNSS archive template ${template} must contain {station} (or {STATION}) and {ddd} (or {dd})`);
    }
    this.id = `gnss:${this.http ? new URL(template.replace(/\{[^}]*\}/g, 'x')).origin : 'local'}`;
  }

  /** Files of `station` for the GPS days that overlap the window, oldest first. */
  async *list(station: string, window: TimeWindow): AsyncGenerator<SourceObject> {
    for (let day = Math.floor(window.from / DAY_MS); day * DAY_MS < window.to; day++) {
      const key = expandGnssTemplate(this.options.template, station, day);
      const found = this.http ? await this.head(key) : await this.statLocal(key);
      if (found) yield { source: this.id, key, ...found, time: day * DAY_MS };
    }
  }

  async fetch(object: SourceObject): Promise<Uint8Array> {
    if (!this.http) return readFile(this.localPath(object.key));
    const res = await this.request(object.key, 'GET');
    if (!res.ok) throw new RadomeError('SOURCE_UNAVAILABLE', `the archive answered HTTP ${res.status}`, { file: object.key });
    return new Uint8Array(await res.arrayBuffer());
  }

  private localPath(key: string): string {
    return key.startsWith('file:') ? fileURLToPath(key) : key;
  }

  private async statLocal(key: string): Promise<{ size: number; fingerprint: string } | null> {
    try {
      const info = await stat(this.localPath(key));
      return info.isFile() ? { size: info.size, fingerprint: `size:${info.size}:${Math.trunc(info.mtimeMs)}` } : null;
    } catch {
      return null;
    }
  }

  private async head(url: string): Promise<{ size: number; fingerprint: string } | null> {
    const res = await this.request(url, 'HEAD');
    if (res.status === 404 || res.status === 410) return null;
    if (!res.ok) throw new RadomeError('SOURCE_UNAVAILABLE', `the archive answered HTTP ${res.status} to HEAD`, { file: url });
    const size = Number(res.headers.get('content-length') ?? 0);
    const modified = Date.parse(res.headers.get('last-modified') ?? '');
    return { size, fingerprint: res.headers.get('etag') ?? `size:${size}:${Number.isNaN(modified) ? 0 : modified}` };
  }

  private async request(url: string, method: 'GET' | 'HEAD'): Promise<Response> {
    const headers: Record<string, string> = this.options.token ? { authorization: `Bearer ${this.options.token}` } : {};
    try {
      return await fetch(url, { method, headers, redirect: 'follow' });
    } catch (e) {
      throw new RadomeError('SOURCE_UNAVAILABLE', `cannot reach the archive: ${e instanceof Error ? e.message : String(e)}`, { file: url, cause: e });
    }
  }
}
