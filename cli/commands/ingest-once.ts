import { loadConfig, parseGnssStations, parseSites } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import { GnssArchiveSource } from '../../ingest/sources/gnss-archive.js';
import { OrbitArchiveSource } from '../../ingest/sources/orbit-archive.js';
import type { TimeWindow } from '../../ingest/sources/types.js';
import { parseInstant, type CommandArgs } from '../args.js';
import { level2Source, level3Source } from '../bucket-sources.js';
import { printSummary } from '../ingest-summary.js';
import { openIngestContext } from '../runtime.js';

type Values = CommandArgs['values'];

/** --site (repeatable) and the [--from, --to) window every source takes. */
function siteAndWindow(values: Values): [string[], TimeWindow] {
  const rawSites = values.site as unknown as string[] | undefined;
  if (!rawSites?.length) throw new RadomeError('BAD_INPUT', '--site is required (a 4-letter ICAO radar id such as KLOT)');
  const sites = parseSites(rawSites.join(','), '--site');
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  return [sites, window];
}

/** `--source level3`: each site × product over the window, from the Level 3 bucket. */
async function ingestLevel3Once(values: Values, sites: string[], window: TimeWindow): Promise<number> {
  const rawProducts = values.product as unknown as string[] | undefined;
  if (!rawProducts?.length) throw new RadomeError('BAD_INPUT', '--product is required with --source level3 (a product mnemonic such as N0H or DAA)');
  const products = rawProducts.flatMap((p) => p.split(',')).map((p) => p.trim().toUpperCase()).filter(Boolean);
  for (const p of products) if (!/^[A-Z0-9]{3}$/.test(p)) throw new RadomeError('BAD_INPUT', `--product ${p}: expected a 3-character product mnemonic such as N0H or DAA`);
  const config = loadConfig();
  const ctx = openIngestContext(config);
  try {
    const source = await level3Source(config);
    let status = 0;
    for (const site of sites) for (const product of products) status |= printSummary(await ingestAll(ctx, source, source.list(site, product, window)));
    return status;
  } finally {
    ctx.close();
  }
}

/** `--source gnss`: each station's daily RINEX files over the GPS days of the window, from RADOME_GNSS_ARCHIVE. */
async function ingestGnssOnce(values: Values): Promise<number> {
  const config = loadConfig();
  const rawStations = values.station as unknown as string[] | undefined;
  const stations = rawStations?.length ? parseGnssStations(rawStations.join(','), '--station') : config.gnss.stations;
  if (!stations.length) throw new RadomeError('BAD_INPUT', '--station is required with --source gnss (a 4-character station code such as YORK), or set RADOME_GNSS_STATIONS');
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  const ctx = openIngestContext(config);
  try {
    const source = new GnssArchiveSource({ template: config.gnss.archive, token: config.gnss.token });
    let status = 0;
    for (const station of stations) status |= printSummary(await ingestAll(ctx, source, source.list(station, window)));
    return status;
  } finally {
    ctx.close();
  }
}

/** `--source orbits`: the daily orbit files of the GPS days of the window, from RADOME_ORBIT_*_ARCHIVE. */
async function ingestOrbitsOnce(values: Values): Promise<number> {
  const config = loadConfig();
  const window = { from: parseInstant(values.from, '--from'), to: parseInstant(values.to, '--to') };
  if (window.from >= window.to) throw new RadomeError('BAD_INPUT', '--from must be before --to');
  const source = new OrbitArchiveSource({ ...config.gnss.orbits, token: config.gnss.token });
  const ctx = openIngestContext(config);
  try {
    return printSummary(await ingestAll(ctx, source, source.list(window)));
  } finally {
    ctx.close();
  }
}

/** `radome ingest once`: one time window of one source. */
export async function ingestOnce({ values }: CommandArgs): Promise<number> {
  if (values.source === 'level3') return ingestLevel3Once(values, ...siteAndWindow(values));
  if (values.source === 'gnss') return ingestGnssOnce(values);
  if (values.source === 'orbits') return ingestOrbitsOnce(values);
  if (values.source !== 'level2') throw new RadomeError('BAD_INPUT', `--source ${values.source}: only level2 is available here`);
  const [sites, window] = siteAndWindow(values);
  const config = loadConfig();
  const ctx = openIngestContext(config);
  try {
    const source = await level2Source(config);
    let status = 0;
    for (const site of sites) status |= printSummary(await ingestAll(ctx, source, source.list(site, window)));
    return status;
  } finally {
    ctx.close();
  }
}
