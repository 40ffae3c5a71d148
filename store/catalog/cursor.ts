import { RadomeError } from '../../core/errors.js';

/** Which list a cursor belongs to, so a volume cursor cannot page sweeps. */
export type CursorKind = 'volume' | 'sweep' | 'product';

/** A row's position in its list's sort order: (time, id). */
export interface SortKey {
  time: number;
  id: string;
}

const TAGS: Record<CursorKind, string> = { volume: 'v1', sweep: 's1', product: 'p1' };
const MAX_CURSOR_LENGTH = 2048;

/** Opaque cursor: base64url of `[tag, time, id]`. */
export function encodeCursor(kind: CursorKind, key: SortKey): string {
  return Buffer.from(JSON.stringify([TAGS[kind], key.time, key.id]), 'utf8').toString('base64url');
}

export function decodeCursor(kind: CursorKind, cursor: string): SortKey {
  const bad = () => new RadomeError('BAD_INPUT', `after: not a cursor from this API (pass the cursor of a ${kind} from an earlier page)`);
  if (typeof cursor !== 'string' || cursor.length > MAX_CURSOR_LENGTH || !/^[A-Za-z0-9_-]+$/.test(cursor)) throw bad();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3) throw bad();
  const [tag, time, id] = parsed as unknown[];
  if (tag !== TAGS[kind] || !Number.isSafeInteger(time) || typeof id !== 'string') throw bad();
  return { time: time as number, id };
}
