// GET/HEAD /objects/<key>: rendered overlays and metadata straight from the object store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isRadomeError } from '../../core/errors.js';
import { QUARANTINE_PREFIX, validateObjectKey } from '../../store/objects/key.js';
import type { ObjectHead, ObjectStore, StoredObject } from '../../store/types.js';
import { bearerTokenMatches } from '../bearer-token.js';
import { errorBody } from '../errors.js';
import { isNotModified, sendJson, sendMethodNotAllowed, sendText } from './respond.js';

export const OBJECTS_PREFIX = '/objects/';

/** Objects are written once under stable keys and never change, so caches may keep them. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The object key of a raw request path under /objects/, or null when it is not a valid key.
 * The path is percent-decoded exactly once; validateObjectKey refuses `..`, also in encoded
 * forms, so nothing outside the store's root can be named.
 */
function objectKeyOfPath(rawPath: string): string | null {
  let key: string;
  try {
    key = decodeURIComponent(rawPath.slice(OBJECTS_PREFIX.length));
  } catch {
    return null;
  }
  try {
    return validateObjectKey(key);
  } catch {
    return null;
  }
}

function headers(object: ObjectHead): Record<string, string> {
  return {
    etag: object.etag,
    'last-modified': object.lastModified.toUTCString(),
    'cache-control': IMMUTABLE,
    'accept-ranges': 'bytes',
    'x-content-type-options': 'nosniff',
  };
}

/** Inclusive byte range of a body of `size` bytes. */
interface ByteRange {
  start: number;
  end: number;
}

/**
 * One `bytes=` range (`a-b`, `a-`, `-suffix`) of a `size`-byte body: the range, 'unsatisfiable'
 * (416), or null to send the whole body (no, malformed or multiple ranges; RFC 9110 §14.2 lets a
 * server ignore those).
 */
function parseByteRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  if (m[1] === '') {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return 'unsatisfiable';
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (m[2] !== '' && Number(m[2]) < start) return null;
  if (start >= size) return 'unsatisfiable';
  return { start, end };
}

/** If-Range with a strong ETag or a date: the range applies only while the object is unchanged. */
function ifRangeHolds(req: IncomingMessage, object: ObjectHead): boolean {
  const raw = req.headers['if-range'];
  if (raw === undefined) return true;
  const ifRange = Array.isArray(raw) ? raw[0]! : raw;
  if (ifRange.startsWith('"')) return ifRange === object.etag;
  const since = Date.parse(ifRange);
  return !Number.isNaN(since) && Math.floor(object.lastModified.getTime() / 1000) * 1000 <= since;
}

/**
 * A read the store refuses as a bad key (a segment too long for a file store, a symlink leading
 * out of it) is the request's fault and answers like a missing object; other errors propagate.
 */
async function readOrNull<T>(read: () => Promise<T | null>): Promise<T | null> {
  try {
    return await read();
  } catch (e) {
    if (isRadomeError(e) && (e.code === 'BAD_INPUT' || e.code === 'NOT_FOUND')) return null;
    throw e;
  }
}

/**
 * GET/HEAD of one object. Quarantined raw files (rejected input, kept for inspection) are served
 * only with the admin token: they are whatever a source held, not something radome published.
 */
export async function serveObject(req: IncomingMessage, res: ServerResponse, rawPath: string, objects: ObjectStore, adminToken: string | undefined): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
  const key = objectKeyOfPath(rawPath);
  const notFound = () => sendText(res, 404, 'object not found\n');
  if (key === null) return notFound();
  if (key.startsWith(QUARANTINE_PREFIX) && !bearerTokenMatches(req.headers.authorization, adminToken)) {
    return sendJson(res, 403, errorBody('FORBIDDEN', 'quarantined files are served only with Authorization: Bearer <RADOME_ADMIN_TOKEN>'));
  }

  // HEAD and revalidations need only the metadata; read the body only when sending it.
  const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  if (req.method === 'HEAD' || conditional) {
    const head = await readOrNull(() => objects.head(key));
    if (!head) return notFound();
    if (isNotModified(req, head.etag, head.lastModified)) return void res.writeHead(304, headers(head)).end();
    if (req.method === 'HEAD') {
      return void res.writeHead(200, { ...headers(head), 'content-type': head.contentType, 'content-length': String(head.size) }).end();
    }
  }
  const object: StoredObject | null = await readOrNull(() => objects.get(key));
  if (!object) return notFound();
  const size = object.body.byteLength;
  const range = req.headers.range !== undefined && ifRangeHolds(req, object) ? parseByteRange(req.headers.range, size) : null;
  if (range === 'unsatisfiable') {
    return sendText(res, 416, `range ${req.headers.range} is outside the object's ${size} bytes\n`, { ...headers(object), 'content-range': `bytes */${size}` });
  }
  if (range) {
    const body = object.body.subarray(range.start, range.end + 1);
    res.writeHead(206, {
      ...headers(object),
      'content-type': object.contentType,
      'content-range': `bytes ${range.start}-${range.end}/${size}`,
      'content-length': String(body.byteLength),
    });
    return void res.end(body);
  }
  res.writeHead(200, { ...headers(object), 'content-type': object.contentType, 'content-length': String(size) });
  res.end(object.body);
}
