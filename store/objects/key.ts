import { RadomeError } from '../../core/errors.js';

/** S3's limit on key length, in UTF-8 bytes. */
export const MAX_KEY_BYTES = 1024;

/**
 * Names starting with this are the file store's own bookkeeping (sidecars, temp files); no key
 * segment may start with it, so a key can never address or shadow one.
 */
export const RESERVED_NAME_PREFIX = '.radome~';

/** Where rejected raw files are kept for inspection (`quarantine/<source>/<key>`); not public. */
export const QUARANTINE_PREFIX = 'quarantine/';

const CONTROL = /[\u0000-\u001f\u007f]/;

function bad(key: string, why: string): RadomeError {
  return new RadomeError('BAD_INPUT', `object key ${JSON.stringify(key)} ${why}`);
}

/** Percent-decodes until stable, so `%252e%252e` is seen as `..` too; undecodable stays as is. */
function fullyDecoded(s: string): string {
  for (let i = 0; i < 4 && s.includes('%'); i++) {
    let next: string;
    try {
      next = decodeURIComponent(s);
    } catch {
      return s;
    }
    if (next === s) break;
    s = next;
  }
  return s;
}

function checkSegments(key: string, text: string): void {
  for (const segment of text.split(/[/\\]/)) {
    if (segment === '') throw bad(key, 'has an empty path segment (leading, trailing or doubled "/")');
    if (segment === '.' || segment === '..') throw bad(key, 'has a "." or ".." segment');
    if (segment.startsWith(RESERVED_NAME_PREFIX)) throw bad(key, `has a segment starting with the reserved "${RESERVED_NAME_PREFIX}"`);
  }
}

function checkText(key: string, text: string): void {
  if (CONTROL.test(text)) throw bad(key, 'contains NUL or a control character');
  if (text.includes('\\')) throw bad(key, 'contains a backslash');
  if (/^[A-Za-z]:/.test(text)) throw bad(key, 'looks like a drive path');
  checkSegments(key, text);
}

/**
 * Checks that `key` is a relative, `/`-separated object key that cannot escape a store's root,
 * and returns it unchanged. Rejects (BAD_INPUT) empty keys, absolute or drive paths, `.`/`..` or
 * empty segments (also once percent-decoded), backslashes, NUL and control characters, the
 * reserved bookkeeping prefix, and keys over 1024 UTF-8 bytes.
 */
export function validateObjectKey(key: string): string {
  if (typeof key !== 'string' || key === '') throw new RadomeError('BAD_INPUT', 'object key is empty');
  if (Buffer.byteLength(key, 'utf8') > MAX_KEY_BYTES) throw bad(key.slice(0, 64) + '…', `is over ${MAX_KEY_BYTES} bytes`);
  if (key.startsWith('/')) throw bad(key, 'is absolute (starts with "/")');
  checkText(key, key);
  const decoded = fullyDecoded(key);
  if (decoded !== key) {
    if (decoded.startsWith('/')) throw bad(key, 'is absolute once percent-decoded');
    checkText(key, decoded);
  }
  return key;
}

/**
 * A listing prefix: '' (everything), a key, or a key followed by '/'. Checked like a key so that a
 * prefix cannot point a file store's directory walk outside its root.
 */
export function validateObjectPrefix(prefix: string): string {
  if (prefix === '') return prefix;
  validateObjectKey(prefix.endsWith('/') ? prefix.slice(0, -1) : prefix);
  return prefix;
}
