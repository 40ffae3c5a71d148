import { loadDaemonConfig, sourceConfig, sourceList, type DaemonConfig } from '../core/daemon-config.js';
import { RadomeError } from '../core/errors.js';
import { parseList, type SourceList } from '../core/source-settings.js';
import { ingestSourceNamed, ingestSources, type IngestSource, type SourceLists } from '../ingest/sources/registry.js';
import type { TimeWindow } from '../ingest/sources/types.js';
import { parseInstant, type CommandArgs } from './args.js';

type Values = CommandArgs['values'];

/** The sources that list past windows (`--source` of once and backfill). */
export const WINDOWED_SOURCE_NAMES = ingestSources()
  .filter((s) => s.open)
  .map((s) => s.settings.name);

/** `--source`: a registered source that lists past windows. */
export function windowedSource(values: Values): Extract<IngestSource, { open: unknown }> {
  const name = String(values.source);
  const source = ingestSourceNamed(name);
  if (!source?.open) throw new RadomeError('BAD_INPUT', `--source ${name}: use ${WINDOWED_SOURCE_NAMES.join(', ')}`);
  return source as Extract<IngestSource, { open: unknown }>;
}

/** --from and --to: the window [from, to). */
export function windowOf(values: Values): TimeWindow {
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  return window;
}

/**
 * Each list of the source from its option (`--site KLOT --site KIWX`, or `--site KLOT,KIWX`);
 * a list not given comes from `fallback` (the configuration) when it gives one, else it is required.
 */
export function sourceListsOf(source: IngestSource, values: Values, fallback: (list: SourceList) => string[] | undefined): SourceLists {
  const { settings } = source;
  const lists: SourceLists = {};
  for (const list of settings.lists) {
    const { field, option, kind } = list;
    const raw = (values[option] as unknown as string[] | undefined) ?? [];
    const given = raw.flatMap((v) => parseList(v, kind, `--${option} ${v}`, 'BAD_INPUT'));
    const items = given.length ? given : fallback(list);
    if (!items?.length) {
      const orSet = items ? `, or set ${settings.env}_${field.toUpperCase()}` : '';
      throw new RadomeError('BAD_INPUT', `--${option} is required with --source ${settings.name} (${kind.one})${orSet}`);
    }
    lists[field] = items;
  }
  return lists;
}

/** A source's configured lists (radome.config.json and the environment), read only when needed. */
export function configuredLists(source: IngestSource, load: () => DaemonConfig = loadDaemonConfig): (list: SourceList) => string[] {
  let daemon: DaemonConfig | undefined;
  return (list) => sourceList(sourceConfig((daemon ??= load()), source.settings), list.field);
}
