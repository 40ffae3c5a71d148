// Adding a format touches its own module and one registration: a tiny made-up format
// (./tiny-format.ts) is registered here and ingested through `radome ingest files` (the CLI's own
// command, in this process, where planning runs on the calling thread) into a real SQLite catalog
// and file object store.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { parseCommandArgs } from '../../cli/args.js';
import { ingestCommands } from '../../cli/commands/ingest.js';
import { level3ProductId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { fileFormats, registerFormat } from '../../ingest/formats/registry.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { tinyFormat } from './tiny-format.js';

const dir = mkdtempSync(join(tmpdir(), 'radome-fake-format-'));
const dataDir = join(dir, 'var');

async function ingestFiles(...paths: string[]): Promise<number> {
  const files = ingestCommands.find((c) => c.name === 'files')!;
  return files.run(parseCommandArgs(files, paths)!);
}

async function failureCodes(): Promise<string[]> {
  const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
  try {
    return (await catalog.reader.ingest.failures()).map((f) => f.errorCode);
  } finally {
    await catalog.close();
  }
}

describe('a format registered by a test', () => {
  beforeAll(() => {
    vi.stubEnv('RADOME_DATA_DIR', dataDir);
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  it('is not recognised before it is registered', async () => {
    const early = join(dir, 'early.tiny');
    writeFileSync(early, 'TINYPRODUCT KLOT XYZ 2024-05-01T11:00:00Z\n');
    expect(fileFormats().map((f) => f.id)).not.toContain('tiny');
    expect(await ingestFiles(early)).toBe(1);
    expect(await failureCodes()).toEqual(['UNRECOGNIZED']);
  });

  it('is ingested through `radome ingest files` once registered, and its bad files get its typed error', async () => {
    registerFormat(tinyFormat);
    const good = join(dir, 'good.tiny');
    writeFileSync(good, 'TINYPRODUCT KLOT XYZ 2024-05-01T12:00:00Z\n');
    expect(await ingestFiles(good)).toBe(0);
    const id = level3ProductId(parseRadarSiteId('KLOT', 'site'), 'XYZ', Date.parse('2024-05-01T12:00:00Z'));
    const catalog = await openReadOnlyCatalog(join(dataDir, 'catalog.db'));
    try {
      const [row] = await catalog.reader.products.byIds([id]);
      expect(row).toMatchObject({ id, site: 'KLOT', mnemonic: 'XYZ', category: 'OTHER', sourceKey: good, imageKey: null });
      expect(existsSync(join(dataDir, 'objects', row!.rawKey))).toBe(true);
    } finally {
      await catalog.close();
    }

    const bad = join(dir, 'bad.tiny');
    writeFileSync(bad, 'TINYPRODUCT KLOT XYZ not-a-time\n');
    expect(await ingestFiles(bad)).toBe(1);
    expect((await failureCodes()).sort()).toEqual(['CORRUPT', 'UNRECOGNIZED']);
  });

  it('cannot take an id another format has', () => {
    expect(() => registerFormat({ ...tinyFormat, id: 'level2' })).toThrow(/already registered/);
  });
});
