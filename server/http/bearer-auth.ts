import { bearerTokenMatches } from '../bearer-token.js';
import { errorBody } from '../errors.js';
import type { Middleware } from './router.js';

/**
 * A route (or upgrade) behind `Authorization: Bearer <token>`: 401 UNAUTHENTICATED without the
 * header, 403 FORBIDDEN with another token. No token configured: everyone passes.
 * `what` names the route and `setting` the variable holding the token, for the messages.
 */
export function bearerAuth(token: string | undefined, what: string, setting: string): Middleware {
  return ({ req }) => {
    if (token === undefined) return undefined;
    const auth = req.headers.authorization;
    if (!auth) return { status: 401, json: errorBody('UNAUTHENTICATED', `${what} needs \`Authorization: Bearer <${setting}>\``) };
    if (!bearerTokenMatches(auth, token)) return { status: 403, json: errorBody('FORBIDDEN', `${what}: the bearer token does not match ${setting}`) };
    return undefined;
  };
}
