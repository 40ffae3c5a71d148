// The GNSS store path in-process on synthetic RINEX made by the project's own writer (so it runs
// where the real samples are absent): plan → Parquet objects + rollups → catalog → snrSeries,
// checked against brute force over the decoded observations.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parquetMetadata, parquetReadObjects } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseIsoDuration } from '../../core/iso-duration.js';
import { RadomeError } from '../../core/errors.js';
import { readRinex, type ReadRinexResult } from '../../ingest/decode/rinex/index.js';
import { gnssIngestPlanOf, planGnssFile } from '../../ingest/gnss/plan.js';
import { type Catalog, openCatalog } from '../../store/catalog/index.js';
import { splitRange } from '../../store/gnss/snr-series-plan.js';
import { snrSeries, snrSummary, MAX_SNR_POINTS } from '../../store/gnss/snr-series.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { objectBytes } from '../../store/objects/object-body.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { bruteForceSnr, pointKey, type BruteQuery } from './brute-force-snr.js';
import { testStation } from '../support/ids.js';

const KEY = '/data/synt0600.24o';
/** Equal to 1e-12 relative (the synthetic file has SNR codes holding pseudorange-sized values). */
const close = (a: number, b: number) => Math.abs(a - b) <= 1e-12 * Math.max(1, Math.abs(b));
const file = { source: 'local', key: KEY, size: 1, fingerprint: 'f1' };

describe('GNSS SNR store on synthetic RINEX', () => {
  let dir: string;
  let catalog: Catalog;
  let objects: FileObjectStore;
  let rinex: ReadRinexResult;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-gnss-'));
    catalog = await openCatalog(join(dir, 'catalog.db'));
    objects = new FileObjectStore(join(dir, 'objects'));
    // 2024-02-29 23:58 for 25 min at 15 s: crosses GPS midnight, so the file splits into two days.
    rinex = readRinex(writeRinexObs(syntheticObsSpec({ version: 3, epochs: 100, seed: 3 })));
    const plan = gnssIngestPlanOf(planGnssFile(rinex, file, { ingestedAt: 1 }));
    await objects.putMany(plan.objects);
    await plan.commit(catalog.writer, { ...file, ingestedAt: 1 });
  });

  afterAll(async () => {
    await catalog.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('splits the file by GPS day into Hive-keyed Parquet objects that hyparquet reads back row for row', async () => {
    const plan = planGnssFile(rinex, file, { ingestedAt: 1 });
    expect(plan.objects.map((o) => o.key)).toEqual(['gnss/snr/station=SYNT/year=2024/doy=060/part-0.parquet', 'gnss/snr/station=SYNT/year=2024/doy=061/part-0.parquet']);
    expect(plan.days.reduce((s, d) => s + d.row.observationCount, 0)).toBe(rinex.snr.count);
    const ab = objectBytes(plan.objects[1]!.body).slice().buffer;
    expect(Number(parquetMetadata(ab).num_rows)).toBe(plan.days[1]!.row.observationCount);
    const rows = await parquetReadObjects({ file: ab, parsers: { timestampFromMicroseconds: (us: bigint) => Number(us) / 1000 } });
    const midnight = Date.UTC(2024, 2, 1);
    const expected = bruteForceSnr(rinex.snr, { from: midnight, to: midnight + 86_400_000, intervalMs: null });
    expect(rows.length).toBe([...expected.values()][0]!.count);
    expect(Object.keys(rows[0]!)).toEqual(['time', 'constellation', 'satellite', 'code', 'value']);
    for (const r of rows) {
      expect(r.time).toBeGreaterThanOrEqual(midnight);
      expect(r.satellite.startsWith(r.constellation)).toBe(true);
      expect(r.code).toMatch(/^S\d[A-Z]$/);
    }
    const first = rinex.snr.times.findIndex((t) => t >= midnight);
    expect(rows[0]).toMatchObject({ time: rinex.snr.times[first], value: rinex.snr.values[first] });
    expect(plan.days[1]!.row.satelliteCount).toBe(new Set(rows.map((r) => r.satellite)).size);
    expect(plan.days[1]!.row.epochCount).toBe(new Set(rows.map((r) => r.time)).size);
  });

  it('catalogs the station with its coverage, and committing again changes nothing', async () => {
    const station = (await catalog.reader.gnss.stationsByIds([testStation('SYNT')]))[0]!;
    expect(station).toMatchObject({ id: 'SYNT', name: 'SYNT', dayCount: 2, firstDay: Date.UTC(2024, 1, 29) / 86_400_000 });
    expect(station.latitude).toBeCloseTo(40, 0);
    const before = await snrSeries(catalog.reader.gnss, objects, { station: 'SYNT', from: Date.UTC(2024, 1, 29), to: Date.UTC(2024, 2, 2), interval: 'PT15M', groupBy: ['SATELLITE', 'OBS_CODE'] });
    const plan = gnssIngestPlanOf(planGnssFile(rinex, file, { ingestedAt: 2 }));
    await plan.commit(catalog.writer, { ...file, ingestedAt: 2 });
    const after = await snrSeries(catalog.reader.gnss, objects, { station: 'SYNT', from: Date.UTC(2024, 1, 29), to: Date.UTC(2024, 2, 2), interval: 'PT15M', groupBy: ['SATELLITE', 'OBS_CODE'] });
    expect(after.points).toEqual(before.points);
    expect(await catalog.reader.gnss.days(testStation('SYNT'), 0, 99_999)).toHaveLength(2);
    expect(await catalog.reader.ingest.isIngested('local', KEY, 'f1')).toBe(true);
  });

  const cases: [string, Omit<BruteQuery, 'from' | 'to' | 'intervalMs'>, string[]][] = [
    ['ungrouped', {}, []],
    ['by satellite', { bySatellite: true }, ['SATELLITE']],
    ['by constellation and code', { byConstellation: true, byCode: true }, ['CONSTELLATION', 'OBS_CODE']],
    ['by satellite, code filter', { bySatellite: true, byConstellation: true, codes: ['S1C'] }, ['SATELLITE', 'CONSTELLATION']],
    ['one satellite', { satellites: ['G02'] }, []],
    ['by band', { byBand: true }, ['BAND']],
    ['band 1 by constellation', { bands: [1], byConstellation: true }, ['CONSTELLATION']],
    ['band 2 by code', { bands: [2], byCode: true }, ['OBS_CODE', 'BAND']],
  ];
  const ranges: [string, number, number, string][] = [
    ['whole days', Date.UTC(2024, 1, 29), Date.UTC(2024, 2, 2), 'P1D'],
    ['cut 15-min buckets', Date.UTC(2024, 1, 29, 23, 58, 7), Date.UTC(2024, 2, 1, 0, 19, 52), 'PT15M'],
    ['hour buckets cut at both ends', Date.UTC(2024, 1, 29, 23, 59, 30), Date.UTC(2024, 2, 1, 0, 21), 'PT1H'],
    ['an interval no rollup divides', Date.UTC(2024, 1, 29, 23, 58), Date.UTC(2024, 2, 1, 0, 30), 'PT7M'],
  ];
  for (const [name, q, groupBy] of cases) {
    for (const [rangeName, from, to, interval] of ranges) {
      it(`snrSeries ${name}, ${rangeName} (${interval}) equals brute force`, async () => {
        const series = await snrSeries(catalog.reader.gnss, objects, {
          station: 'synt',
          from,
          to,
          interval,
          groupBy: groupBy as ('SATELLITE' | 'CONSTELLATION' | 'OBS_CODE' | 'BAND')[],
          obsCodes: q.codes,
          bands: q.bands,
          satellites: q.satellites,
        });
        const expected = bruteForceSnr(rinex.snr, { ...q, from, to, intervalMs: parseIsoDuration(interval, 'interval') });
        expect(series.points.map(pointKey).sort()).toEqual([...expected.keys()].sort());
        for (const p of series.points) {
          const e = expected.get(pointKey(p))!;
          expect(p.count).toBe(e.count);
          expect(close(p.mean, e.sum / e.count)).toBe(true);
          expect(close(p.min, e.min)).toBe(true);
          expect(close(p.max, e.max)).toBe(true);
        }
      });
    }
  }

  it('snrSummary totals the range exactly, cut edges included', async () => {
    const from = Date.UTC(2024, 1, 29, 23, 59, 1);
    const to = Date.UTC(2024, 2, 1, 0, 16, 59);
    const summary = await snrSummary(catalog.reader.gnss, objects, { station: 'SYNT', from, to, groupBy: ['CONSTELLATION'] });
    const all = [...bruteForceSnr(rinex.snr, { from, to, intervalMs: null }).values()][0]!;
    expect(summary.total!.count).toBe(all.count);
    expect(close(summary.total!.mean, all.sum / all.count)).toBe(true);
    expect(summary.groups.map((g) => g.constellation)).toEqual(['G', 'R', 'E']);
  });

  it('refuses bad selections with BAD_INPUT saying what to change', async () => {
    const base = { station: testStation('SYNT'), from: Date.UTC(2024, 1, 29), to: Date.UTC(2024, 2, 2), interval: 'P1D' };
    const bad = async (over: Record<string, unknown>, text: RegExp) => {
      const e = await snrSeries(catalog.reader.gnss, objects, { ...base, ...over }).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(RadomeError);
      expect((e as RadomeError).code).toBe('BAD_INPUT');
      expect((e as RadomeError).message).toMatch(text);
    };
    await bad({ from: base.to, to: base.from }, /from must be before to/);
    await bad({ obsCodes: ['S9X'] }, /has no SNR code "S9X"; it has S1C, S2L/);
    await bad({ bands: [6] }, /has no SNR in band 6; it has bands 1, 2, 5, 7, 8/);
    await bad({ obsCodes: ['S1C'], bands: [2] }, /obsCodes S1C lie outside bands 2; nothing is selected/);
    await bad({ constellations: ['X'] }, /not a constellation; use one of G R E C J I S/);
    await bad({ constellations: ['C'] }, /has no C data; it has G, R, E/);
    await bad({ satellites: ['G7x'] }, /not a satellite like G07/);
    await bad({ station: 'NOPE' }, /no GNSS station "NOPE".*SYNT/);
    await bad({ interval: 'P1M' }, /years and months vary in length; use days/);
    await bad({ interval: 'PT0S' }, /longer than zero/);
    await bad({ interval: 'PT1S', from: Date.UTC(2020, 0, 1), to: Date.UTC(2024, 0, 1) }, new RegExp(`more than ${MAX_SNR_POINTS}`));
    await bad({ interval: 'PT7M', from: Date.UTC(2024, 0, 1), to: Date.UTC(2024, 2, 1) }, /at most 7 days/);
  });

  it('splits ranges into rollup pieces and raw edges', () => {
    const h = (x: number) => Date.UTC(2024, 0, 1, 0, 0, x);
    expect(splitRange(h(607), h(86400 + 900), [86400, 900])).toEqual([
      { kind: 'raw', from: h(607), to: h(900) },
      { kind: 'rollup', widthSeconds: 900, from: h(900), to: h(86400 + 900) },
    ]);
    expect(splitRange(h(607), h(3 * 86400 + 60), [86400, 900])).toEqual([
      { kind: 'raw', from: h(607), to: h(900) },
      { kind: 'rollup', widthSeconds: 900, from: h(900), to: h(86400) },
      { kind: 'rollup', widthSeconds: 86400, from: h(86400), to: h(3 * 86400) },
      { kind: 'raw', from: h(3 * 86400), to: h(3 * 86400 + 60) },
    ]);
    expect(splitRange(h(0), h(2 * 86400 + 60), [86400, 900])).toEqual([
      { kind: 'rollup', widthSeconds: 86400, from: h(0), to: h(2 * 86400) },
      { kind: 'raw', from: h(2 * 86400), to: h(2 * 86400 + 60) },
    ]);
    expect(parseIsoDuration('P1DT12H', 'i')).toBe(36 * 3600e3);
    expect(parseIsoDuration('pt15m', 'i')).toBe(900e3);
  });
});

describe('SNR Parquet geometry columns', () => {
  const n = 50;
  const obs = {
    count: n,
    times: Float64Array.from({ length: n }, (_, i) => Date.UTC(2025, 0, 10) + Math.floor(i / 2) * 30e3),
    satellites: Uint16Array.from({ length: n }, (_, i) => 100 + 1 + (i % 2)),
    codeIndex: new Uint8Array(n),
    codes: ['S1C'],
    values: Float32Array.from({ length: n }, (_, i) => 30 + (i % 5)),
  };
  const angles = (scale: number) => Float32Array.from({ length: n }, (_, i) => scale * (i + 0.5));

  it('are REQUIRED when every row has a position, OPTIONAL with nulls otherwise, and read back either way', async () => {
    const { decodeSnrParquet, encodeSnrParquet } = await import('../../store/gnss/snr-parquet.js');
    const whole = { elevation: angles(1), azimuth: angles(3), edot: angles(1e-4) };
    const gappy = { ...whole, elevation: whole.elevation.map((v, i) => (i % 7 === 3 ? NaN : v)) };
    for (const [geometry, elevationRepetition] of [
      [whole, 'REQUIRED'],
      [gappy, 'OPTIONAL'],
    ] as const) {
      const body = encodeSnrParquet({ ...obs, geometry });
      const schema = parquetMetadata(body.slice().buffer).schema;
      expect(schema.slice(6).map((e) => [e.name, e.repetition_type])).toEqual([
        ['elevation', elevationRepetition],
        ['azimuth', 'REQUIRED'],
        ['edot', 'REQUIRED'],
      ]);
      const back = await decodeSnrParquet(body, 'geometry.parquet');
      expect(back.geometry!.elevation).toEqual(geometry.elevation);
      expect(back.geometry!.azimuth).toEqual(geometry.azimuth);
      expect(back.geometry!.edot).toEqual(geometry.edot);
      // Other readers see nulls where there is no position.
      const rows = await parquetReadObjects({ file: body.slice().buffer, columns: ['elevation'] });
      expect(rows.filter((r) => r.elevation === null).length).toBe(geometry.elevation.filter(Number.isNaN).length);
    }
  });
});
