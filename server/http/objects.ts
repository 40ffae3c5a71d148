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
    'x-content-type-options': 'nosniff',
  };
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
  res.writeHead(200, { ...headers(object), 'content-type': object.contentType, 'content-length': String(object.body.byteLength) });
  res.end(object.body);
}
