import type { IncomingMessage, ServerResponse } from 'node:http';
import { errorBody } from '../errors.js';
import { sendJson } from './respond.js';

const ALLOWED_HEADERS = 'content-type, accept, apollo-require-preflight, x-apollo-operation-name, if-none-match, if-modified-since, range';

/** '*' lets every origin read the API (it is public and read-only); a list allows only those origins. */
export type CorsOrigins = '*' | readonly string[];

export function isOriginAllowed(origin: string, allowed: CorsOrigins): boolean {
  return allowed === '*' || allowed.includes(origin);
}

/**
 * CORS for the API and objects. An allowed Origin is reflected (never with credentials: nothing
 * here depends on cookies). A preflight from an origin not on the list gets 403 FORBIDDEN, so the
 * browser refuses the call and the page's developer sees why. Returns true when the request was
 * a preflight and has been answered.
 */
export function applyCors(req: IncomingMessage, res: ServerResponse, allowed: CorsOrigins): boolean {
  const origin = req.headers.origin;
  res.setHeader('vary', 'Origin');
  const ok = origin !== undefined && isOriginAllowed(origin, allowed);
  if (ok) {
    res.setHeader('access-control-allow-origin', origin);
    res.setHeader('access-control-expose-headers', 'ETag, Last-Modified, Content-Range, Accept-Ranges, Retry-After');
  }
  if (req.method !== 'OPTIONS') return false;
  if (origin !== undefined && !ok) {
    sendJson(res, 403, errorBody('FORBIDDEN', `origin ${origin} may not call this API; the server allows ${(allowed as readonly string[]).join(', ')} (RADOME_CORS_ORIGINS)`));
    return true;
  }
  res.writeHead(204, {
    'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
    'access-control-allow-headers': req.headers['access-control-request-headers'] ?? ALLOWED_HEADERS,
    'access-control-max-age': '600',
    'content-length': '0',
  });
  res.end();
  return true;
}
