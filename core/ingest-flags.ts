import { RadomeError } from './errors.js';
import { parseIsoDuration } from './iso-duration.js';
import { SOURCES, splitList, type ListKind } from './source-settings.js';

/** Each source list's flag (`level2.sites`, `level3.products`, `gnss.stations`, `local.paths`…) and what each holds. */
const LIST_FLAGS = new Map<string, ListKind>(SOURCES.flatMap((s) => s.lists.map((l): [string, ListKind] => [`${s.name}.${l.field}`, l.kind])));
const FLAG_NAMES = ['ingest.paused', 'retention.olderThan', ...LIST_FLAGS.keys()];

/** Throws BAD_INPUT unless `name` is a flag the daemon knows. */
export function checkFlagName(name: string): void {
  if (FLAG_NAMES.includes(name)) return;
  throw new RadomeError('BAD_INPUT', `unknown flag ${name}; known: ${FLAG_NAMES.join(', ')}`);
}

/**
 * Flags the daemon reads from the catalog at every pass (so a server in another process can set
 * them): `ingest.paused` (true/false, all sources), `<source>.<list>` for each list a source
 * follows (`level2.sites`, `level3.products`, `gnss.stations`, `local.paths`…: comma lists that replace the
 * configured ones), `retention.olderThan` (an ISO 8601 duration or "off").
 */
export function validateIngestFlag(name: string, value: string): string {
  checkFlagName(name);
  const v = value.trim();
  const bad = (what: string) => new RadomeError('BAD_INPUT', `flag ${name}: ${JSON.stringify(value)} is not ${what}`);
  if (name === 'ingest.paused') {
    if (!/^(true|false)$/.test(v)) throw bad('true or false');
    return v;
  }
  if (name === 'retention.olderThan') {
    if (v === 'off') return v;
    try {
      parseIsoDuration(v, name);
    } catch {
      throw bad('an ISO 8601 duration such as P7D, or off');
    }
    return v.toUpperCase();
  }
  const kind = LIST_FLAGS.get(name)!;
  const items = splitList(v, kind);
  if (items.length === 0 || !items.every((s) => kind.test(s))) throw bad(`a comma-separated list of ${kind.many}`);
  return items.join(',');
}

/** The flags as a map, for one pass. */
export function flagMap(rows: readonly { name: string; value: string }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.name, r.value]));
}
