import { errorBody } from '../errors.js';
import type { Middleware } from './router.js';

const ALLOWED_HEADERS = 'content-type, accept, apollo-require-preflight, x-apollo-operation-name, if-none-match, if-modified-since, range';

/** '*' lets every origin read the API (it is public and read-only); a list allows only those origins. */
export type CorsOrigins = '*' | readonly string[];

function isOriginAllowed(origin: string, allowed: CorsOrigins): boolean {
  return allowed === '*' || allowed.includes(origin);
}

/**
 * CORS for every route. An allowed Origin is reflected (never with credentials: nothing here
 * depends on cookies). A preflight from an origin not on the list gets 403 FORBIDDEN, so the
 * browser refuses the call and the page's developer sees why. Browsers apply no CORS to
 * WebSockets, so an upgrade from an origin not on the list is refused outright.
 */
export function cors(allowed: CorsOrigins): Middleware {
  return ({ req, upgrade, setHeader }) => {
    const origin = req.headers.origin;
    const ok = origin !== undefined && isOriginAllowed(origin, allowed);
    if (upgrade) {
      return origin !== undefined && !ok ? { status: 403, text: `origin ${origin} may not open subscriptions (RADOME_CORS_ORIGINS)\n` } : undefined;
    }
    setHeader('vary', 'Origin');
    if (ok) {
      setHeader('access-control-allow-origin', origin);
      setHeader('access-control-expose-headers', 'ETag, Last-Modified, Content-Range, Accept-Ranges, Retry-After');
    }
    if (req.method !== 'OPTIONS') return undefined;
    if (origin !== undefined && !ok) {
      return { status: 403, json: errorBody('FORBIDDEN', `origin ${origin} may not call this API; the server allows ${(allowed as readonly string[]).join(', ')} (RADOME_CORS_ORIGINS)`) };
    }
    const requested = req.headers['access-control-request-headers'];
    return {
      status: 204,
      headers: {
        'access-control-allow-methods': 'GET, HEAD, POST, OPTIONS',
        'access-control-allow-headers': requested ?? ALLOWED_HEADERS,
        'access-control-max-age': '600',
      },
    };
  };
}
