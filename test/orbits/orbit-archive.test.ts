// Orbit files from archive templates (a local folder laid out like an archive), with gnssrefl's
// choice of product by date, ingested and catalogued.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestAll } from '../../ingest/ingest-all.js';
import { expandGnssTemplate } from '../../ingest/sources/gnss-archive.js';
import { GNSSREFL_PRECISE_FROM_DAY, OrbitArchiveSource } from '../../ingest/sources/orbit-archive.js';
import { openCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { sampleFile, skipReason } from '../sample-data.js';

const BRDC = sampleFile('gnss/orbits/brdc1180.21n');
const SP3 = sampleFile('gnss/orbits/COD0MGXFIN_20211180000_01D_05M_ORB.SP3');
if (!BRDC || !SP3) console.warn(skipReason('gnss/orbits/brdc1180.21n and COD0MGXFIN_20211180000_01D_05M_ORB.SP3'));

const DAY = Date.UTC(2021, 3, 28) / 86400e3;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

describe('orbit archive templates', () => {
  it('expands the GPS week', () => {
    expect(expandGnssTemplate('{wwww}/x{yyyy}{ddd}', '', DAY)).toBe('2155/x2021118');
    expect(expandGnssTemplate('{wwww}', '', Date.UTC(1980, 0, 6) / 86400e3)).toBe('0000');
  });

  it.skipIf(!BRDC || !SP3)("lists gnssrefl's choice by date (broadcast before 2021 day 137, precise from it, broadcast when precise is missing) and ingests it", async () => {
    const root = mkdtempSync(join(tmpdir(), 'radome-orbit-archive-'));
    dirs.push(root);
    const broadcast = join(root, 'brdc/{yyyy}/{ddd}/brdc{ddd}0.{yy}n');
    const precise = join(root, 'mgex/{wwww}/COD0MGXFIN_{yyyy}{ddd}0000_01D_05M_ORB.SP3');
    const put = (template: string, day: number, file: string) => {
      const path = expandGnssTemplate(template, '', day);
      mkdirSync(join(path, '..'), { recursive: true });
      copyFileSync(file, path);
    };
    // Day 118 (before 137) has both; day 140 has both; day 141 only broadcast.
    for (const day of [DAY, GNSSREFL_PRECISE_FROM_DAY + 3, GNSSREFL_PRECISE_FROM_DAY + 4]) put(broadcast, day, BRDC!);
    for (const day of [DAY, GNSSREFL_PRECISE_FROM_DAY + 3]) put(precise, day, SP3!);
    const names = async (source: OrbitArchiveSource, from: number, days: number) => {
      const out: string[] = [];
      for await (const o of source.list({ from: from * 86400e3, to: (from + days) * 86400e3 })) out.push(o.key.split('/').pop()!);
      return out;
    };
    const gnssrefl = new OrbitArchiveSource({ broadcast, precise });
    expect(await names(gnssrefl, DAY, 1)).toEqual(['brdc1180.21n']);
    expect(await names(gnssrefl, GNSSREFL_PRECISE_FROM_DAY + 3, 2)).toEqual(['COD0MGXFIN_20211400000_01D_05M_ORB.SP3', 'brdc1410.21n']);
    expect(await names(new OrbitArchiveSource({ broadcast, precise, choice: 'both' }), DAY, 1)).toEqual(['COD0MGXFIN_20211180000_01D_05M_ORB.SP3', 'brdc1180.21n']);

    const catalog = await openCatalog(join(root, 'catalog.db'));
    const ctx = { catalog, objects: new FileObjectStore(join(root, 'objects'), { durable: false }), renderSize: 64, log: pino({ level: 'silent' }) };
    const both = new OrbitArchiveSource({ broadcast, precise, choice: 'both' });
    const summary = await ingestAll(ctx, both, both.list({ from: DAY * 86400e3, to: (DAY + 1) * 86400e3 }), { concurrency: 1 });
    expect(summary.failed).toBe(0);
    expect((await catalog.reader.gnss.orbits(DAY, DAY)).map((o) => o.kind)).toEqual(['precise', 'broadcast']);
    await catalog.close();
  });
});
