import { RadomeError } from '../core/errors.js';
import { parseIsoDuration } from '../core/iso-duration.js';
import { isRadarSiteId } from '../core/vocabulary/index.js';

const SOURCE_FLAGS: Record<string, readonly string[]> = {
  level2: ['sites'],
  'level2-chunks': ['sites'],
  level3: ['sites', 'products'],
  gnss: ['stations'],
};

/** Throws BAD_INPUT unless `name` is a flag the daemon knows. */
export function checkFlagName(name: string): void {
  const [source, field] = name.split('.', 2) as [string, string | undefined];
  if (name === 'ingest.paused' || name === 'retention.olderThan' || (field !== undefined && SOURCE_FLAGS[source]?.includes(field))) return;
  throw new RadomeError(
    'BAD_INPUT',
    `unknown flag ${name}; known: ingest.paused, retention.olderThan, level2.sites, level2-chunks.sites, level3.sites, level3.products, gnss.stations`,
  );
}

/**
 * Flags the daemon reads from the catalog at every pass (so a server in another process can set
 * them): `ingest.paused` (true/false, all sources), `<source>.sites` / `gnss.stations` /
 * `level3.products` (comma lists that replace the configured ones), `retention.olderThan` (an
 * ISO 8601 duration or "off").
 */
export function validateIngestFlag(name: string, value: string): string {
  checkFlagName(name);
  const v = value.trim();
  const bad = (what: string) => new RadomeError('BAD_INPUT', `flag ${name}: ${JSON.stringify(value)} is not ${what}`);
  const list = (valid: (item: string) => boolean, what: string) => {
    const items = v.split(/[\s,]+/).filter(Boolean).map((s) => s.toUpperCase());
    if (items.length === 0 || !items.every(valid)) throw bad(`a comma-separated list of ${what}`);
    return items.join(',');
  };
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
  if (name.endsWith('.stations')) return list((s) => /^[A-Z0-9]{4}$/.test(s), '4-character station codes');
  if (name.endsWith('.products')) return list((s) => /^[A-Z0-9]{3}$/.test(s), '3-character product mnemonics');
  return list(isRadarSiteId, '4-letter ICAO radar ids');
}

/** The flags as a map, for one pass. */
export function flagMap(rows: readonly { name: string; value: string }[]): Map<string, string> {
  return new Map(rows.map((r) => [r.name, r.value]));
}
