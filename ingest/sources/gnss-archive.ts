import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { RadomeError } from '../../core/errors.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

const DAY_MS = 86_400_000;

export interface GnssArchiveOptions {
  /**
   * Where a station-day's file is: an http(s) URL, a file: URL or a local path, with
   * {station} (lower case), {STATION}, {yyyy}, {yy}, {ddd} (day of year), {mm}, {dd} and {wwww}
   * (GPS week, as orbit product archives file by), e.g.
   * `https://archive.example.org/rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z`.
   */
  template: string;
  /** Sent as `Authorization: Bearer …` to http(s) archives that need it. */
  token?: string;
  /**
   * How days are found: 'head' (default) asks for each day's file; 's3' lists the bucket with
   * ListObjectsV2 (1,000 keys a page) under each distinct prefix before the day fields, e.g.
   * `…/rinex/obs/2015/`: a request per 1,000 files instead of one per day. For 's3' the template
   * must be a path-style bucket URL, `<endpoint>/<bucket>/<key template>`.
   */
  listing?: 'head' | 's3';
  /** False for files that are not per station (daily orbit products): {station} is then not required. */
  perStation?: boolean;
}

/** Fields that change from day to day within a year: listing prefixes stop before the first. */
const DAY_FIELD = /\{(ddd|dd|mm)\}/;

const XML_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const unescapeXml = (s: string) => s.replace(/&(amp|lt|gt|quot|apos);/g, (_, e: string) => XML_ENTITIES[e]!);
const xmlField = (xml: string, tag: string) => {
  const m = new RegExp(`<${tag}>([^<]*)</${tag}>`).exec(xml);
  return m ? unescapeXml(m[1]!) : null;
};

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
    // GPS weeks count from 1980-01-06 (day 3657 since 1970).
    wwww: String(Math.floor((day - 3657) / 7)).padStart(4, '0'),
  };
  return template.replace(/\{(station|STATION|yyyy|yy|ddd|mm|dd|wwww)\}/g, (_, name: string) => fields[name]!);
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
    if ((options.perStation !== false && !/\{(station|STATION)\}/.test(template)) || !/\{(ddd|dd)\}/.test(template)) {
      throw new RadomeError('CONFIG', `GNSS archive template ${template} must contain {station} (or {STATION}) and {ddd} (or {dd})`);
    }
    this.id = `gnss:${this.http ? new URL(template.replace(/\{[^}]*\}/g, 'x')).origin : 'local'}`;
  }

  /** Files of `station` for the GPS days that overlap the window, oldest first. */
  async *list(station: string, window: TimeWindow): AsyncGenerator<SourceObject> {
    if (this.options.listing === 's3') {
      yield* this.listS3(station, window);
      return;
    }
    for (let day = Math.floor(window.from / DAY_MS); day * DAY_MS < window.to; day++) {
      const key = expandGnssTemplate(this.options.template, station, day);
      const found = this.http ? await this.head(key) : await this.statLocal(key);
      if (found) yield { source: this.id, key, ...found, time: day * DAY_MS };
    }
  }

  private async *listS3(station: string, window: TimeWindow): AsyncGenerator<SourceObject> {
    if (!this.http) throw new RadomeError('CONFIG', 'GNSS archive listing "s3" needs an http(s) bucket URL template');
    const { template } = this.options;
    const cut = template.search(DAY_FIELD);
    const days: number[] = [];
    for (let day = Math.floor(window.from / DAY_MS); day * DAY_MS < window.to; day++) days.push(day);
    const prefixes = new Set(days.map((day) => expandGnssTemplate(cut < 0 ? template : template.slice(0, cut), station, day)));
    const found = new Map<string, { size: number; fingerprint: string }>();
    for (const prefix of prefixes) await this.listPrefix(prefix, found);
    for (const day of days) {
      const key = expandGnssTemplate(template, station, day);
      const info = found.get(key);
      if (info) yield { source: this.id, key, ...info, time: day * DAY_MS };
    }
  }

  /** ListObjectsV2 of the bucket under `prefixUrl` (`<endpoint>/<bucket>/<key prefix>`), all pages, into `found` by full URL. */
  private async listPrefix(prefixUrl: string, found: Map<string, { size: number; fingerprint: string }>): Promise<void> {
    const url = new URL(prefixUrl);
    const slash = url.pathname.indexOf('/', 1);
    const bucketUrl = `${url.origin}${slash < 0 ? url.pathname : url.pathname.slice(0, slash)}`;
    const keyPrefix = slash < 0 ? '' : decodeURIComponent(url.pathname.slice(slash + 1));
    let token: string | null = null;
    do {
      const query = new URLSearchParams({ 'list-type': '2', prefix: keyPrefix, 'max-keys': '1000' });
      if (token) query.set('continuation-token', token);
      const res = await this.request(`${bucketUrl}?${query}`, 'GET');
      if (!res.ok) throw new RadomeError('SOURCE_UNAVAILABLE', `the bucket answered HTTP ${res.status} to a listing`, { file: bucketUrl });
      const xml = await res.text();
      for (const m of xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)) {
        const key = xmlField(m[1]!, 'Key');
        if (key === null) continue;
        const size = Number(xmlField(m[1]!, 'Size') ?? 0);
        const modified = Date.parse(xmlField(m[1]!, 'LastModified') ?? '');
        found.set(`${bucketUrl}/${key}`, { size, fingerprint: xmlField(m[1]!, 'ETag') ?? `size:${size}:${Number.isNaN(modified) ? 0 : modified}` });
      }
      token = xmlField(xml, 'IsTruncated') === 'true' ? xmlField(xml, 'NextContinuationToken') : null;
    } while (token);
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
