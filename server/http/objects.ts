// GET/HEAD /objects/<key>: rendered overlays and metadata straight from the object store.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateObjectKey } from '../../store/objects/key.js';
import type { ObjectHead, ObjectStore } from '../../store/types.js';
import { isNotModified, sendMethodNotAllowed, sendText } from './respond.js';

export const OBJECTS_PREFIX = '/objects/';

/** Objects are written once under stable keys and never change, so caches may keep them. */
const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * The object key of a raw request path under /objects/, or null when it is not a valid key.
 * The path is percent-decoded exactly once; validateObjectKey refuses `..`, also in encoded
 * forms, so nothing outside the store's root can be named.
 */
export function objectKeyOfPath(rawPath: string): string | null {
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
export interface ByteRange {
  start: number;
  end: number;
}

/**
 * One `bytes=` range (`a-b`, `a-`, `-suffix`) of a `size`-byte body: the range, 'unsatisfiable'
 * (416), or null to send the whole body (no, malformed or multiple ranges; RFC 9110 §14.2 lets a
 * server ignore those).
 */
export function parseByteRange(header: string, size: number): ByteRange | 'unsatisfiable' | null {
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

export async function serveObject(req: IncomingMessage, res: ServerResponse, rawPath: string, objects: ObjectStore): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendMethodNotAllowed(res, 'GET, HEAD');
  const key = objectKeyOfPath(rawPath);
  const notFound = () => sendText(res, 404, 'object not found\n');
  if (key === null) return notFound();

  // HEAD and revalidations need only the metadata; read the body only when sending it.
  const conditional = req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined;
  if (req.method === 'HEAD' || conditional) {
    const head = await objects.head(key);
    if (!head) return notFound();
    if (isNotModified(req, head.etag, head.lastModified)) return void res.writeHead(304, headers(head)).end();
    if (req.method === 'HEAD') {
      return void res.writeHead(200, { ...headers(head), 'content-type': head.contentType, 'content-length': String(head.size) }).end();
    }
  }
  const object = await objects.get(key);
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
