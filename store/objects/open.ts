import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { RadomeError } from '../../core/errors.js';
import type { ObjectHead, ObjectStore, ObjectSummary, ObjectToPut, StoredObject } from '../types.js';
import { FileObjectStore } from './file-store.js';
import { validateObjectPrefix } from './key.js';
import type { S3ClientOptions } from './s3-client.js';

const S3_PARAMS = new Set(['endpoint', 'region', 'forcePathStyle', 'anonymous']);

function flag(url: string, name: string, raw: string | null): boolean {
  if (raw === null || raw === 'false' || raw === '0') return false;
  if (raw === 'true' || raw === '1') return true;
  throw new RadomeError('CONFIG', `object store URL ${url}: ${name}=${raw} is not true or false`);
}

function openS3(url: string): ObjectStore {
  // Parsed by hand: WHATWG URL parsing would resolve "a/../b" in the prefix instead of refusing it.
  const shown = url.replace(/^s3:\/\/[^/?#]*@/, 's3://***@');
  const m = /^s3:\/\/([^/?#]*)([^?#]*)(?:\?([^#]*))?$/.exec(url);
  if (!m) throw new RadomeError('CONFIG', `object store URL ${shown} is not a valid s3://bucket/prefix URL`);
  const [, authority = '', rawPath = '', query = ''] = m;
  if (/[@:]/.test(authority)) {
    throw new RadomeError('CONFIG', `object store URL ${shown}: put credentials in the environment (AWS_ACCESS_KEY_ID, …), and the endpoint in ?endpoint=`);
  }
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(authority)) {
    throw new RadomeError('CONFIG', `object store URL ${shown}: "${authority}" is not a valid bucket name (3–63 lower-case letters, digits, '.', '-')`);
  }
  const params = new URLSearchParams(query);
  for (const name of params.keys()) {
    if (!S3_PARAMS.has(name)) throw new RadomeError('CONFIG', `object store URL ${shown}: unknown parameter "${name}" (known: ${[...S3_PARAMS].join(', ')})`);
  }
  const endpoint = params.get('endpoint') ?? undefined;
  if (endpoint !== undefined && !/^https?:\/\/[^/?#@]+\/?$/.test(endpoint)) {
    throw new RadomeError('CONFIG', `object store URL ${shown}: endpoint=${endpoint} is not an http(s)://host[:port] URL`);
  }
  let prefix: string;
  try {
    prefix = decodeURIComponent(rawPath.replace(/^\//, ''));
  } catch {
    throw new RadomeError('CONFIG', `object store URL ${shown}: the prefix is not valid percent-encoding`);
  }
  try {
    validateObjectPrefix(prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`);
  } catch (e) {
    throw new RadomeError('CONFIG', `object store URL ${shown}: bad prefix: ${(e as Error).message}`);
  }
  const client: S3ClientOptions = {
    endpoint,
    region: params.get('region') ?? undefined,
    forcePathStyle: flag(shown, 'forcePathStyle', params.get('forcePathStyle')),
    anonymous: flag(shown, 'anonymous', params.get('anonymous')),
  };
  return new DeferredS3ObjectStore(authority, prefix, client);
}

/**
 * An S3 store that imports the AWS SDK (the heaviest module radome loads: a few hundred ms of
 * CPU) at its first use, so commands over a file: store never load it. The URL was checked above.
 */
class DeferredS3ObjectStore implements ObjectStore {
  readonly url: string;
  private store: Promise<ObjectStore> | null = null;

  constructor(
    private readonly bucket: string,
    private readonly prefix: string,
    private readonly client: S3ClientOptions,
  ) {
    this.url = `s3://${bucket}/${prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`}`;
  }

  private s3(): Promise<ObjectStore> {
    return (this.store ??= Promise.all([import('./s3-client.js'), import('./s3-store.js')]).then(
      ([{ createS3Client }, { S3ObjectStore }]) => new S3ObjectStore({ bucket: this.bucket, prefix: this.prefix, client: createS3Client(this.client) }),
    ));
  }

  async put(key: string, body: Uint8Array, contentType: string): Promise<void> {
    return (await this.s3()).put(key, body, contentType);
  }

  async putMany(objects: readonly ObjectToPut[]): Promise<void> {
    return (await this.s3()).putMany(objects);
  }

  async get(key: string): Promise<StoredObject | null> {
    return (await this.s3()).get(key);
  }

  async head(key: string): Promise<ObjectHead | null> {
    return (await this.s3()).head(key);
  }

  async delete(keys: string[]): Promise<void> {
    return (await this.s3()).delete(keys);
  }

  async *list(prefix: string): AsyncIterable<ObjectSummary> {
    yield* (await this.s3()).list(prefix);
  }
}

/**
 * Opens the object store a URL names:
 * - `file:<dir>` (relative to the working directory, or absolute; `file:///abs` also works)
 * - `s3://bucket/prefix?endpoint=http://127.0.0.1:9000&region=us-east-1&forcePathStyle=true`
 *   (`anonymous=true` for public buckets). Credentials come from the SDK's standard chain
 *   (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, AWS_PROFILE, roles); none are built in.
 */
export function openObjectStore(url: string): ObjectStore {
  if (url.startsWith('file://')) {
    let dir: string;
    try {
      dir = fileURLToPath(url);
    } catch (e) {
      throw new RadomeError('CONFIG', `object store URL ${url} is not a valid file URL: ${(e as Error).message}`);
    }
    return new FileObjectStore(dir);
  }
  if (url.startsWith('file:')) {
    const dir = url.slice('file:'.length);
    if (dir === '') throw new RadomeError('CONFIG', `object store URL ${url} names no folder (use file:var/objects or file:/abs/path)`);
    return new FileObjectStore(resolve(dir));
  }
  if (url.startsWith('s3://')) return openS3(url);
  throw new RadomeError('CONFIG', `object store URL ${JSON.stringify(url)} must start with file: or s3://`);
}
