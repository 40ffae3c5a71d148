// Elevation rollups answer elevation-aware SNR queries exactly as the raw Parquet observations
// do, on real samples: MCHL's three gnssrefl SNR days (geometry from the files, rollups at
// ingest) and SLAC 2021-118 (geometry filled in when the broadcast, then the SP3, orbits arrive,
// rollups replaced each time). Whole days are checked to come from the catalog alone (an object
// store that refuses reads), and every answer equals a brute-force sum over the stored Parquet.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { addValue, type ValueStat } from '../support/value-stats.js';
import { snrByElevation, type SnrByElevationQuery } from '../../server/gnss-ir/snr-by-elevation.js';
import { openCatalog, type Catalog } from '../../store/catalog/index.js';
import { inAzimuths } from '../../store/gnss/elevation-bins.js';
import { DAY_MS, SNR_SCALE } from '../../store/gnss/rollup-levels.js';
import { satelliteName } from '../../store/gnss/satellites.js';
import { decodeSnrParquet, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import { snrSeries, snrSummary, type SnrSelection } from '../../store/gnss/snr-series.js';
import { FileObjectStore } from '../../store/objects/index.js';
import type { ObjectStore } from '../../store/types.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { MemorySource } from '../support/memory-source.js';
import { ingestEveryFile } from '../support/ingest-source.js';
import { MCHL_FILES } from '../gnssir/mchl-reference.js';
import { testStation } from '../support/ids.js';

const O = 'gnss/orbits';
const SLAC = [sampleFile(`${O}/slac1180.21o`), sampleFile(`${O}/brdc1180.21n`), sampleFile(`${O}/COD0MGXFIN_20211180000_01D_05M_ORB.SP3`)];
const MCHL_OK = MCHL_FILES.every(Boolean);
const SLAC_OK = SLAC.every(Boolean);
if (!MCHL_OK) console.warn(skipReason('gnss/gnssrefl/mchl01[0-2]0.25.snr66.gz'));
if (!SLAC_OK) console.warn(skipReason(`${O}/slac1180.21o, brdc1180.21n, COD0MGXFIN_20211180000_01D_05M_ORB.SP3`));

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function store(): { path: string; objects: FileObjectStore } {
  const dir = mkdtempSync(join(tmpdir(), 'radome-elevation-rollups-'));
  dirs.push(dir);
  return { path: join(dir, 'catalog.db'), objects: new FileObjectStore(join(dir, 'objects'), { durable: false }) };
}

async function ingest(path: string, objects: ObjectStore, files: string[]): Promise<void> {
  const source = new MemorySource();
  for (const f of files) source.files.set(f, readFileSync(f));
  await ingestEveryFile(path, objects, source);
}

/** An object store that fails every read: what the rollup path answers, it answers without Parquet. */
const noReads: ObjectStore = new Proxy({} as ObjectStore, {
  get: () => () => {
    throw new Error('read an object');
  },
});

interface Window {
  minElevation?: number;
  maxElevation?: number;
  azimuths?: [number, number][];
}

const WINDOWS: Window[] = [
  {},
  { minElevation: 5, maxElevation: 25 },
  { minElevation: 10, maxElevation: 30, azimuths: [[300, 60]] },
  {
    minElevation: 0,
    azimuths: [
      [90, 180],
      [200, 270],
    ],
  },
];

/** Every stored observation of the station in [from, to) with geometry, decoded from Parquet. */
async function storedDays(catalog: Catalog, objects: ObjectStore, station: string, from: number, to: number): Promise<SnrObservations[]> {
  const days = (await catalog.reader.gnss.days(testStation(station), Math.floor(from / DAY_MS), Math.floor((to - 1) / DAY_MS))).filter((d) => d.geometry);
  return Promise.all(days.map(async (d) => decodeSnrParquet((await objects.get(d.objectKey))!.body, d.objectKey)));
}

/** Brute force: per day (or in all) and code, count, sum and extremes of SNR thousandths in the window (none: every observation). */
function bruteForce(days: SnrObservations[], from: number, to: number, w: Window, perDay: boolean): Map<string, ValueStat> {
  const out = new Map<string, ValueStat>();
  const filtered = w.minElevation !== undefined || w.maxElevation !== undefined || w.azimuths !== undefined;
  for (const obs of days) {
    for (let i = 0; i < obs.count; i++) {
      const t = obs.times[i]!;
      const e = obs.geometry!.elevation[i]!;
      if (t < from || t >= to) continue;
      if (filtered && (!(e >= (w.minElevation ?? -90) && e < (w.maxElevation ?? 90)) || !inAzimuths(obs.geometry!.azimuth[i]!, w.azimuths ?? []))) continue;
      const key = `${perDay ? Math.max(from, Math.floor(t / DAY_MS) * DAY_MS) : from}|${obs.codes[obs.codeIndex[i]!]}`;
      const v = Math.round(obs.values[i]! * SNR_SCALE);
      addValue(out, key, v);
    }
  }
  return out;
}

/** snrSeries (P1D) and snrSummary by code against the brute force, and the whole-day answers from the catalog alone. */
async function checkSeries(catalog: Catalog, objects: ObjectStore, station: string, from: number, to: number): Promise<void> {
  const days = await storedDays(catalog, objects, station, from, to);
  for (const w of WINDOWS) {
    const sel: SnrSelection = { station, from, to, groupBy: ['OBS_CODE'], ...w };
    const series = await snrSeries(catalog.reader.gnss, objects, { ...sel, interval: 'P1D' });
    const expected = bruteForce(days, from, to, w, true);
    expect(
      new Map(
        series.points.map((p) => [
          `${p.start}|${p.obsCode}`,
          { count: p.count, sum: Math.round(p.mean * p.count * SNR_SCALE), min: Math.round(p.min * SNR_SCALE), max: Math.round(p.max * SNR_SCALE) },
        ]),
      ),
    ).toEqual(expected);
    const summary = await snrSummary(catalog.reader.gnss, objects, sel);
    const total = bruteForce(days, from, to, w, false);
    expect(summary.groups.map((g) => [g.obsCode, g.count])).toEqual([...total].map(([k, s]) => [k.split('|')[1], s.count]).sort((a, b) => String(a[0]).localeCompare(String(b[0]))));
    if (from % DAY_MS === 0 && to % DAY_MS === 0) {
      expect((await snrSeries(catalog.reader.gnss, noReads, { ...sel, interval: 'P1D' })).points).toEqual(series.points);
    }
  }
}

/** snrByElevation from rollups (where they apply) equals the raw Parquet path, row for row. */
async function checkCurves(catalog: Catalog, objects: ObjectStore, station: string, from: number, to: number): Promise<void> {
  const queries: Omit<SnrByElevationQuery, 'station' | 'from' | 'to'>[] = [
    { binWidth: 5 },
    { binWidth: 10, groupBy: ['SATELLITE', 'OBS_CODE'] },
    { binWidth: 5, minElevation: 5, maxElevation: 30, azimuths: [[300, 60]], groupBy: ['CONSTELLATION'] },
    { binWidth: 15, minElevation: 0, azimuths: [[90, 270]], constellations: ['G'], groupBy: ['OBS_CODE'] },
  ];
  for (const extra of queries) {
    const q: SnrByElevationQuery = { station, from, to, ...extra };
    const raw = await snrByElevation(catalog.reader, objects, q, true);
    expect(raw.length).toBeGreaterThan(0);
    expect(await snrByElevation(catalog.reader, objects, q)).toEqual(raw);
    if (from % DAY_MS === 0 && to % DAY_MS === 0) expect(await snrByElevation(catalog.reader, noReads, q)).toEqual(raw);
  }
  // Satellite names and bins are those of the observations (a sanity check of the key packing).
  const bySat = await snrByElevation(catalog.reader, noReads, { station, from: Math.ceil(from / DAY_MS) * DAY_MS, to: Math.floor(to / DAY_MS) * DAY_MS, binWidth: 90, groupBy: ['SATELLITE'] });
  const days = await storedDays(catalog, objects, station, Math.ceil(from / DAY_MS) * DAY_MS, Math.floor(to / DAY_MS) * DAY_MS);
  const sats = new Set(days.flatMap((d) => [...d.satellites].filter((_, i) => d.geometry!.elevation[i]! >= -90).map(satelliteName)));
  expect(new Set(bySat.map((b) => b.satellite))).toEqual(sats);
}

describe.skipIf(!MCHL_OK)('elevation rollups, MCHL gnssrefl days 2025-010…012', () => {
  it('answer snrSeries, snrSummary and snrByElevation as the raw observations do', async () => {
    const { path, objects } = store();
    await ingest(path, objects, MCHL_FILES as string[]);
    const catalog = await openCatalog(path);
    try {
      const day10 = Date.UTC(2025, 0, 10);
      expect((await catalog.reader.gnss.days(testStation('MCHL'), 0, 1e6)).map((d) => [d.geometry, d.elevationRollups])).toEqual([
        ['file', true],
        ['file', true],
        ['file', true],
      ]);
      await checkSeries(catalog, objects, 'MCHL', day10, day10 + 3 * DAY_MS);
      await checkCurves(catalog, objects, 'MCHL', day10, day10 + 3 * DAY_MS);
      // Cut days: whole day 11 from rollups, the edges of days 10 and 12 from Parquet.
      await checkSeries(catalog, objects, 'MCHL', day10 + 6 * 3600e3, day10 + 2 * DAY_MS + 18 * 3600e3);
      await checkCurves(catalog, objects, 'MCHL', day10 + 6 * 3600e3, day10 + 2 * DAY_MS + 18 * 3600e3);
    } finally {
      await catalog.close();
    }
  }, 120_000);
});

describe.skipIf(!SLAC_OK)('elevation rollups, SLAC 2021-118 with orbits arriving later', () => {
  it('are written when geometry fills in, replaced by precise orbits, and unchanged by ingesting an orbit file again', async () => {
    const { path, objects } = store();
    const day = Date.UTC(2021, 3, 28);
    await ingest(path, objects, [SLAC[0]!]);
    let catalog = await openCatalog(path);
    expect((await catalog.reader.gnss.days(testStation('SLAC'), day / DAY_MS, day / DAY_MS))[0]).toMatchObject({ geometry: null, elevationRollups: false });
    await expect(snrSummary(catalog.reader.gnss, objects, { station: 'SLAC', from: day, to: day + DAY_MS, minElevation: 5 })).rejects.toThrow(/no satellite geometry/);
    await catalog.close();

    await ingest(path, objects, [SLAC[1]!]);
    catalog = await openCatalog(path);
    expect((await catalog.reader.gnss.days(testStation('SLAC'), day / DAY_MS, day / DAY_MS))[0]).toMatchObject({ geometry: 'broadcast', elevationRollups: true });
    await checkSeries(catalog, objects, 'SLAC', day, day + DAY_MS);
    const broadcast = await snrByElevation(catalog.reader, noReads, { station: 'SLAC', from: day, to: day + DAY_MS, binWidth: 5, groupBy: ['SATELLITE'] });
    await catalog.close();

    await ingest(path, objects, [SLAC[2]!]);
    catalog = await openCatalog(path);
    expect((await catalog.reader.gnss.days(testStation('SLAC'), day / DAY_MS, day / DAY_MS))[0]).toMatchObject({ geometry: 'precise', elevationRollups: true });
    await checkSeries(catalog, objects, 'SLAC', day, day + DAY_MS);
    await checkCurves(catalog, objects, 'SLAC', day, day + DAY_MS);
    const precise = await snrByElevation(catalog.reader, noReads, { station: 'SLAC', from: day, to: day + DAY_MS, binWidth: 5, groupBy: ['SATELLITE'] });
    // The multi-GNSS SP3 adds the other constellations; for GPS it moves values across bin edges, never the total.
    const gps = (bins: typeof precise) => bins.filter((b) => b.satellite!.startsWith('G')).reduce((n, b) => n + b.count, 0);
    expect(gps(precise)).toBe(gps(broadcast));
    expect(precise.some((b) => b.satellite!.startsWith('E'))).toBe(true);
    expect(broadcast.some((b) => !b.satellite!.startsWith('G'))).toBe(false);
    const rowCount = () => {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare('SELECT COUNT(*) AS n, SUM(n) AS total FROM snr_elevation_rollups').get();
      } finally {
        db.close();
      }
    };
    const before = rowCount();
    await catalog.close();

    // The same SP3 file again, under another key: the day's rollups are replaced, not added to.
    const source = new MemorySource();
    source.files.set(`again/${SLAC[2]!}`, readFileSync(SLAC[2]!));
    await ingestEveryFile(path, objects, source);
    catalog = await openCatalog(path);
    expect(rowCount()).toEqual(before);
    expect(await snrByElevation(catalog.reader, noReads, { station: 'SLAC', from: day, to: day + DAY_MS, binWidth: 5, groupBy: ['SATELLITE'] })).toEqual(precise);
    await catalog.close();
  }, 180_000);
});
