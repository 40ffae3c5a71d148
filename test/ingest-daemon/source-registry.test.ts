// The source registry: every source in core/source-settings.ts has its runtime half in
// ingest/sources/registry.ts, and the flags, config keys and CLI options are derived from them.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ingestCommands } from '../../cli/commands/ingest.js';
import { loadDaemonConfig, sourceConfig } from '../../core/daemon-config.js';
import { checkFlagName, validateIngestFlag } from '../../core/ingest-flags.js';
import { SOURCES } from '../../core/source-settings.js';
import { ingestSources, listsOf } from '../../ingest/sources/registry.js';

describe('source registry', () => {
  it('has one runtime entry per source setting, in the same order', () => {
    expect(ingestSources().map((s) => s.settings.name)).toEqual(SOURCES.map((s) => s.name));
    for (const s of ingestSources()) expect(Boolean(s.open) !== Boolean(s.follow)).toBe(true);
  });

  it('derives the flags, the config keys and the CLI options from the settings', () => {
    for (const s of SOURCES) for (const l of s.lists) expect(() => checkFlagName(`${s.name}.${l.field}`)).not.toThrow();
    expect(() => checkFlagName('level2.products')).toThrow(
      /known: ingest\.paused, retention\.olderThan, level2\.sites, level2-chunks\.sites, level3\.sites, level3\.products, gnss\.stations, local\.paths$/,
    );
    const daemon = loadDaemonConfig({ RADOME_LEVEL3_PRODUCTS: 'n0q,daa', RADOME_GNSS_STATIONS: 'york' }, '/nonexistent');
    expect(listsOf(SOURCES[2], sourceConfig(daemon, SOURCES[2]))).toEqual({ sites: ['KLOT'], products: ['N0Q', 'DAA'] });
    expect(listsOf(SOURCES[3], sourceConfig(daemon, SOURCES[3]), new Map([['gnss.stations', 'CEDA,P041']]))).toEqual({ stations: ['CEDA', 'P041'] });
    const once = ingestCommands.find((c) => c.name === 'once')!;
    expect(Object.keys(once.options).sort()).toEqual(['from', 'path', 'product', 'site', 'source', 'station', 'to']);
  });

  it("keeps the local source's paths as written in config, environment and flags (a path list, not identifiers)", () => {
    const dir = mkdtempSync(join(tmpdir(), 'radome-local-config-'));
    try {
      writeFileSync(join(dir, 'radome.config.json'), JSON.stringify({ sources: { local: { enabled: true, paths: ['/data/Drop Folder', 'relative/In'], every: 'PT30S', window: 'P2D' } } }));
      const fromFile = loadDaemonConfig({}, dir);
      expect(fromFile.local).toMatchObject({ enabled: true, paths: ['/data/Drop Folder', 'relative/In'], intervalSeconds: 30, windowMinutes: 2 * 24 * 60 });
      const fromEnv = loadDaemonConfig({ RADOME_LOCAL_PATHS: '/srv/A b, /srv/C', RADOME_SOURCES: 'local' }, dir);
      expect(fromEnv.local).toMatchObject({ enabled: true, paths: ['/srv/A b', '/srv/C'] });
      expect(fromEnv.level2.enabled).toBe(false);
      const local = SOURCES.find((s) => s.name === 'local')!;
      expect(listsOf(local, sourceConfig(fromFile, local), new Map([['local.paths', validateIngestFlag('local.paths', ' /mnt/Radar ,/mnt/Gnss')]]))).toEqual({ paths: ['/mnt/Radar', '/mnt/Gnss'] });
      writeFileSync(join(dir, 'radome.config.json'), JSON.stringify({ sources: { local: { paths: ['/ok', ''] } } }));
      expect(() => loadDaemonConfig({}, dir)).toThrow(/sources\.local\.paths\[1\] "" is not a file or folder path/);
      expect(() => validateIngestFlag('local.paths', ' , ')).toThrow(/flag local\.paths: .* is not a comma-separated list of file or folder paths/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
