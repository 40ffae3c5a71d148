// Orbit files (broadcast navigation, SP3) ingest like any other file: stored per day and
// catalogued, and every station-day of theirs gets elevation, azimuth and edot columns, whether
// its SNR came before or after the orbits. Real SLAC 2021-118 files through ingestAll.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, describe, expect, it } from 'vitest';
import { broadcastOrbits, preferPrecise, readRinexNav, readSp3, sp3Orbits } from '../../ingest/decode/orbits/index.js';
import { geodeticToEcef } from '../../ingest/decode/rinex/geodetic.js';
import { ingestAll } from '../../ingest/ingest-all.js';
import type { IngestContext } from '../../ingest/ingest-object.js';
import { satelliteGeometry, satelliteNumberOfKey } from '../../ingest/gnss/satellite-geometry.js';
import { openCatalog } from '../../store/catalog/index.js';
import { decodeSnrParquet, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { MemorySource } from '../support/memory-source.js';
import { testStation } from '../support/ids.js';

const O = 'gnss/orbits';
const OBS = sampleFile(`${O}/slac1180.21o`);
const BRDC = sampleFile(`${O}/brdc1180.21n`);
const SP3 = sampleFile(`${O}/COD0MGXFIN_20211180000_01D_05M_ORB.SP3`);
if (!OBS || !BRDC || !SP3) console.warn(skipReason(`${O}/slac1180.21o, brdc1180.21n and COD0MGXFIN_20211180000_01D_05M_ORB.SP3`));

const DAY = Date.UTC(2021, 3, 28) / 86400e3;
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function store(): Promise<IngestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-orbit-ingest-'));
  dirs.push(dir);
  return { catalog: await openCatalog(join(dir, 'catalog.db')), objects: new FileObjectStore(join(dir, 'objects'), { durable: false }), renderSize: 256, log: pino({ level: 'silent' }) };
}

async function ingest(ctx: IngestContext, paths: string[]): Promise<void> {
  const source = new MemorySource();
  for (const p of paths) source.files.set(p, readFileSync(p));
  async function* list() {
    for (const p of paths) yield source.object(p);
  }
  const summary = await ingestAll(ctx, source, list(), { concurrency: 1 });
  expect(summary.failed, JSON.stringify(summary.outcomes.filter((o) => o.status === 'failed'))).toBe(0);
}

async function storedDay(ctx: IngestContext): Promise<SnrObservations> {
  const day = (await ctx.catalog.reader.gnss.days(testStation('SLAC'), DAY, DAY))[0]!;
  return decodeSnrParquet((await ctx.objects.get(day.objectKey))!.body, day.objectKey);
}

describe.skipIf(!OBS || !BRDC || !SP3)('orbit ingest and geometry columns, SLAC 2021-118', () => {
  it('stores and catalogues orbit files per day, and fills in geometry for SNR that came first', async () => {
    const ctx = await store();
    await ingest(ctx, [OBS!]);
    const bare = (await ctx.catalog.reader.gnss.days(testStation('SLAC'), DAY, DAY))[0]!;
    expect(bare.geometry).toBeNull();
    expect((await storedDay(ctx)).geometry).toBeUndefined();

    await ingest(ctx, [BRDC!]);
    const orbits = await ctx.catalog.reader.gnss.orbits(DAY - 1, DAY + 1);
    expect(orbits.map((o) => [o.day, o.kind, o.objectKey])).toEqual([[DAY, 'broadcast', 'gnss/orbits/year=2021/doy=118/broadcast/brdc1180.21n']]);
    expect(new Uint8Array((await ctx.objects.get(orbits[0]!.objectKey))!.body)).toEqual(new Uint8Array(readFileSync(BRDC!)));
    expect((await ctx.catalog.reader.gnss.days(testStation('SLAC'), DAY, DAY))[0]!.geometry).toBe('broadcast');
    const broadcast = await storedDay(ctx);
    expect(broadcast.geometry).toBeDefined();

    await ingest(ctx, [SP3!]);
    expect((await ctx.catalog.reader.gnss.orbits(DAY, DAY)).map((o) => o.kind)).toEqual(['precise', 'broadcast']);
    expect((await ctx.catalog.reader.gnss.days(testStation('SLAC'), DAY, DAY))[0]!.geometry).toBe('precise');
    const precise = await storedDay(ctx);
    // The SNR values are those of the day before its geometry came.
    expect(precise.values).toEqual(broadcast.values);
    expect(precise.times).toEqual(broadcast.times);

    // Elevation and azimuth as the independent-free reference: the same geometry computed
    // directly from the decoded files, SP3 preferred (stored as FLOAT, so within float precision).
    const station = (await ctx.catalog.reader.gnss.stationsByIds([testStation('SLAC')]))[0]!;
    const direct = satelliteGeometry({
      station: geodeticToEcef(station.latitude!, station.longitude!, station.heightM!),
      orbits: preferPrecise(sp3Orbits(readSp3(readFileSync(SP3!))), broadcastOrbits(readRinexNav(readFileSync(BRDC!)))),
      count: precise.count,
      times: precise.times,
      satellites: precise.satellites,
      satelliteNumberOf: satelliteNumberOfKey,
    });
    let compared = 0;
    let nulls = 0;
    for (let i = 0; i < precise.count; i++) {
      const e = precise.geometry!.elevation[i]!;
      if (Number.isNaN(direct.elevation[i]!)) {
        expect(e).toBeNaN();
        nulls++;
        continue;
      }
      expect(Math.abs(e - direct.elevation[i]!)).toBeLessThan(1e-4);
      expect(Math.abs(precise.geometry!.azimuth[i]! - direct.azimuth[i]!)).toBeLessThan(1e-3);
      expect(Math.abs(precise.geometry!.edot[i]! - direct.edot[i]!)).toBeLessThan(1e-6);
      compared++;
    }
    expect(compared).toBeGreaterThan(0.9 * precise.count);
    expect(nulls).toBe(direct.missing);

    // DuckDB reads the OPTIONAL columns: nulls where there is no position, the same mean elevation.
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const path = join(dirs.at(-1)!, 'day.parquet');
      writeFileSync(path, (await ctx.objects.get((await ctx.catalog.reader.gnss.days(testStation('SLAC'), DAY, DAY))[0]!.objectKey))!.body);
      const reader = await connection.runAndReadAll(
        `SELECT count(elevation)::DOUBLE AS n, count(*)::DOUBLE AS rows, avg(elevation::DOUBLE) AS el, typeof(any_value(azimuth)) AS t FROM read_parquet('${path}')`,
      );
      const [row] = reader.getRowObjectsJS() as { n: number; rows: number; el: number; t: string }[];
      let sum = 0;
      for (let i = 0; i < precise.count; i++) if (!Number.isNaN(precise.geometry!.elevation[i]!)) sum += precise.geometry!.elevation[i]!;
      expect(row).toMatchObject({ n: compared, rows: precise.count, t: 'FLOAT' });
      expect(row!.el).toBeCloseTo(sum / compared, 6);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  }, 60_000);

  it('gives SNR ingested after its orbits the same geometry, and ingesting an orbit file again changes nothing', async () => {
    const before = await store();
    await ingest(before, [OBS!, BRDC!, SP3!]);
    const after = await store();
    await ingest(after, [SP3!, BRDC!, OBS!]);
    expect((await after.catalog.reader.gnss.days(testStation('SLAC'), DAY, DAY))[0]!.geometry).toBe('precise');
    const a = await storedDay(before);
    const b = await storedDay(after);
    expect(b.geometry!.elevation).toEqual(a.geometry!.elevation);
    expect(b.geometry!.azimuth).toEqual(a.geometry!.azimuth);
    expect(b.geometry!.edot).toEqual(a.geometry!.edot);
    // Again, under a new fingerprint: the same rows, the same geometry.
    const again = new MemorySource();
    again.files.set(SP3!, readFileSync(SP3!));
    const summary = await ingestAll(
      after,
      again,
      (async function* () {
        yield { ...again.object(SP3!), fingerprint: 'republished' };
      })(),
      { concurrency: 1 },
    );
    expect(summary.failed).toBe(0);
    expect(await after.catalog.reader.gnss.orbits(DAY, DAY)).toHaveLength(2);
    expect((await storedDay(after)).geometry!.elevation).toEqual(a.geometry!.elevation);
  }, 60_000);
});
