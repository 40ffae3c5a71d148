// RINEX observation files that do not name their station (a file name outside the RINEX naming
// conventions, an empty MARKER NAME) through the real `radome ingest files`: without --station a
// typed UNSUPPORTED error that says how to name it; with --station catalogued under that station,
// a valid file name notwithstanding, and part of the file's identity (another --station is not
// "unchanged"); a bad --station refused before anything is read.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { runRadome } from './radome-process.js';

describe('radome ingest files --station', () => {
  let dir = '';
  let unnamed = '';
  let named = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-rinex-station-'));
    mkdirSync(join(dir, 'in'));
    unnamed = join(dir, 'in', 'field-notes.obs');
    writeFileSync(unnamed, writeRinexObs({ ...syntheticObsSpec({ version: 3 }), markerName: '' }));
    named = join(dir, 'in', 'york0600.24o');
    writeFileSync(named, writeRinexObs({ ...syntheticObsSpec({ version: 2, seed: 2 }), markerName: '' }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const env = (name: string) => ({ RADOME_DATA_DIR: join(dir, name) });

  const stations = async (name: string) => {
    const catalog = await openReadOnlyCatalog(join(dir, name, 'catalog.db'));
    try {
      return { stations: (await catalog.reader.gnss.stations()).map((s) => [s.id, s.dayCount]), failures: (await catalog.reader.ingest.failures()).map((f) => [f.key, f.errorCode]) };
    } finally {
      await catalog.close();
    }
  };

  it('without it, a file that names no station fails UNSUPPORTED, saying how to name one; a file named by convention goes in', async () => {
    const run = await runRadome(['ingest', 'files', unnamed, named], env('plain'));
    expect(run.code).toBe(1);
    expect(run.stdout + run.stderr).toContain('cannot tell the station: the file name "field-notes.obs" is not a RINEX station file name');
    expect(run.stdout + run.stderr).toContain('MARKER NAME is empty; name it with radome ingest files --station SSSS');
    expect(await stations('plain')).toEqual({ stations: [['YORK', expect.any(Number)]], failures: [[unnamed, 'UNSUPPORTED']] });
  });

  it('with it, every RINEX observation file of the command is that station’s', async () => {
    const run = await runRadome(['ingest', 'files', '--station', 'mchl', unnamed, named], env('given'));
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const { stations: rows, failures } = await stations('given');
    expect(rows.map(([id]) => id)).toEqual(['MCHL']);
    expect(failures).toEqual([]);
  });

  it('the station named is part of a file’s identity: the same one again is unchanged, another one catalogues the file under it too', async () => {
    const again = await runRadome(['ingest', 'files', '--station', 'MCHL', unnamed], env('given'));
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(again.stdout).toContain(`unchanged ${unnamed}`);
    const other = await runRadome(['ingest', 'files', '--station', 'CEDA', unnamed], env('given'));
    expect(other.code, other.stdout + other.stderr).toBe(0);
    expect(other.stdout).toContain(`ingested  ${unnamed} → gnss CEDA/`);
    const { stations: rows, failures } = await stations('given');
    expect(rows).toEqual([
      ['CEDA', 2],
      ['MCHL', expect.any(Number)],
    ]);
    expect(failures).toEqual([]);
  });

  it('refuses a --station that is no station code, naming it', async () => {
    const run = await runRadome(['ingest', 'files', '--station', 'MCHL1', unnamed], env('bad'));
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('--station: "MCHL1" is not a 4-character GNSS station code like YORK');
  });
});
