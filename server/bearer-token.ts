// Bearer-token checks for the admin token and the metrics token. Both sides are hashed to
// SHA-256 first, so timingSafeEqual always compares 32 bytes: neither the token's length nor its
// characters (any Unicode, any byte length) change the time taken or make the comparison throw.
import { createHash, timingSafeEqual } from 'node:crypto';

const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();

/** The token of an `Authorization: Bearer <token>` header, or undefined when it has none. */
export function bearerTokenOf(authorization: string | string[] | undefined): string | undefined {
  const header = Array.isArray(authorization) ? authorization[0] : authorization;
  return /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
}

/** True when `authorization` carries exactly `expected`; false when either is missing. */
export function bearerTokenMatches(authorization: string | string[] | undefined, expected: string | undefined): boolean {
  const given = bearerTokenOf(authorization);
  if (expected === undefined || given === undefined) return false;
  return timingSafeEqual(digest(given), digest(expected));
}
