// Station-days that arrive in several files (hourly files, a re-published day) end up as one
// day: the union of the files' observations, whatever the order they came in, with nothing
// counted twice. Synthetic RINEX by the project's own writer, ingested through ingestAll.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { ingestAll } from '../../ingest/ingest-all.js';
import type { IngestContext } from '../../ingest/ingest-object.js';
import { openCatalog } from '../../store/catalog/index.js';
import { mergeSnrObservations } from '../../store/gnss/snr-merge.js';
import { decodeSnrParquet, type SnrObservations } from '../../store/gnss/snr-parquet.js';
import { snrSeries } from '../../store/gnss/snr-series.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { writeRinexObs, type ObsFileSpec } from '../fixtures/rinex-writer.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { readRinex } from '../../ingest/decode/rinex/index.js';
import { bruteForceSnr, pointKey } from './brute-force-snr.js';
import { MemorySource } from '../support/memory-source.js';
import { testStation } from '../support/ids.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

async function store(): Promise<IngestContext> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-day-merge-'));
  dirs.push(dir);
  return { catalog: await openCatalog(join(dir, 'catalog.db')), objects: new FileObjectStore(join(dir, 'objects'), { durable: false }), renderSize: 256, log: pino({ level: 'silent' }) };
}

/** Ingests files (key → spec) in the given order, `concurrency` at a time. */
async function ingest(ctx: IngestContext, files: [string, ObsFileSpec][], concurrency = 1): Promise<void> {
  const source = new MemorySource();
  for (const [key, spec] of files) source.files.set(key, writeRinexObs(spec));
  async function* list() {
    for (const [key] of files) yield source.object(key);
  }
  const summary = await ingestAll(ctx, source, list(), { concurrency });
  expect(summary.failed, JSON.stringify(summary.outcomes.filter((o) => o.status === 'failed'))).toBe(0);
}

/** The stored observations of every day of SYNT as sorted "time sat code value" lines. */
async function storedRows(ctx: IngestContext): Promise<string[]> {
  const rows: string[] = [];
  for (const day of await ctx.catalog.reader.gnss.days(testStation('SYNT'), 0, 99_999)) {
    const obs = await decodeSnrParquet((await ctx.objects.get(day.objectKey))!.body, day.objectKey);
    for (let i = 0; i < obs.count; i++) rows.push(`${obs.times[i]} ${obs.satellites[i]} ${obs.codes[obs.codeIndex[i]!]} ${obs.values[i]}`);
  }
  return rows.sort();
}

/** What a query and the day rows say, for comparing two catalogs. */
async function summary(ctx: IngestContext) {
  const days = (await ctx.catalog.reader.gnss.days(testStation('SYNT'), 0, 99_999)).map(({ day, firstTime, lastTime, epochCount, observationCount, satelliteCount }) => ({
    day,
    firstTime,
    lastTime,
    epochCount,
    observationCount,
    satelliteCount,
  }));
  const query = { station: 'SYNT', from: Date.UTC(2024, 1, 29), to: Date.UTC(2024, 2, 2) };
  const quarterHours = await snrSeries(ctx.catalog.reader.gnss, ctx.objects, { ...query, interval: 'PT15M', groupBy: ['SATELLITE', 'OBS_CODE'] });
  const daily = await snrSeries(ctx.catalog.reader.gnss, ctx.objects, { ...query, interval: 'P1D', groupBy: ['CONSTELLATION'] });
  return { days, quarterHours: quarterHours.points, daily: daily.points, station: (await ctx.catalog.reader.gnss.stationsByIds([testStation('SYNT')]))[0]!.dayCount };
}

/** The two catalogs and stores agree: the same query answers and day rows, the same stored values. */
async function expectSameDays(ctx: IngestContext, reference: IngestContext): Promise<void> {
  expect(await summary(ctx)).toEqual(await summary(reference));
  expect(await storedRows(ctx)).toEqual(await storedRows(reference));
}

// 2024-02-29 23:58 for 25 min at 15 s: two GPS days. Parts cut at epochs, as hourly files are.
const whole = syntheticObsSpec({ version: 3, epochs: 100, seed: 5 });
const part = (from: number, to: number): ObsFileSpec => ({ ...whole, body: whole.body.slice(from, to) });

describe('station-days from several files', () => {
  it('merges parts that arrive out of order and at once into the day the whole file gives', async () => {
    const reference = await store();
    await ingest(reference, [['/data/synt0600.24o', whole]]);
    const parts = await store();
    await ingest(
      parts,
      [
        ['/data/synt060c.24o', part(70, 100)],
        ['/data/synt060a.24o', part(0, 40)],
        ['/data/synt060b.24o', part(40, 70)],
      ],
      3,
    );
    await expectSameDays(parts, reference);
  });

  it('counts nothing twice when files overlap, and the whole day arriving last changes nothing', async () => {
    const reference = await store();
    await ingest(reference, [['/data/synt0600.24o', whole]]);
    const overlapping = await store();
    await ingest(overlapping, [
      ['/data/synt060a.24o', part(0, 60)],
      ['/data/synt060b.24o', part(30, 100)],
    ]);
    expect(await summary(overlapping)).toEqual(await summary(reference));
    await ingest(overlapping, [['/data/synt0600.24o', whole]]);
    await expectSameDays(overlapping, reference);
  });
});

describe('a file spanning all a station-day holds', () => {
  it('replaces the day (a re-published file with bad epochs taken out)', async () => {
    const ctx = await store();
    await ingest(ctx, [['/data/synt0600.24o', whole]]);
    const fewer = { ...whole, body: whole.body.filter((_, k) => k % 10 !== 5) };
    const reference = await store();
    await ingest(reference, [['/data/synt0600.24o', fewer]]);
    await ingest(ctx, [['/data/synt0600.24o', fewer]]);
    await expectSameDays(ctx, reference);
  });
});

describe('a station-day in another time system', () => {
  it('is refused with a reason, and the stored day stays as it was', async () => {
    const ctx = await store();
    await ingest(ctx, [['/data/synt060a.24o', part(0, 40)]]);
    const before = await summary(ctx);
    const source = new MemorySource();
    source.files.set('/data/synt060b.24o', writeRinexObs({ ...part(40, 70), timeSystem: 'GLO' }));
    async function* list() {
      yield source.object('/data/synt060b.24o');
    }
    const result = await ingestAll(ctx, source, list());
    const failed = result.outcomes[0]!;
    expect(failed.status).toBe('failed');
    if (failed.status !== 'failed') return;
    expect(failed.error.code).toBe('BAD_INPUT');
    expect(failed.error.message).toMatch(/SYNT 2024-0?\S+ is stored in time system GPS but this file's observations are in GLO/);
    expect(await summary(ctx)).toEqual(before);
  });
});

describe('one band across RINEX versions', () => {
  it('follows band 1 from S1 (RINEX 2) to S1C (RINEX 3) in one series', async () => {
    const ctx = await store();
    const twoDays = 2 * 86_400_000;
    const v2 = syntheticObsSpec({ version: 2, epochs: 100, seed: 7 });
    const v3 = syntheticObsSpec({ version: 3, epochs: 100, seed: 8 });
    const v3Later: ObsFileSpec = { ...v3, body: v3.body.map((r) => (r.kind === 'epoch' ? { ...r, time: r.time + twoDays } : r)) };
    await ingest(ctx, [
      ['/data/synt0600.24o', v2],
      ['/data/synt0620.24o', v3Later],
    ]);
    const from = Date.UTC(2024, 1, 29);
    const to = Date.UTC(2024, 2, 4);
    const series = await snrSeries(ctx.catalog.reader.gnss, ctx.objects, { station: 'SYNT', from, to, interval: 'P1D', bands: [1], groupBy: ['BAND'] });
    const expected = new Map([
      ...bruteForceSnr(readRinex(writeRinexObs(v2)).snr, { from, to, intervalMs: 86_400_000, bands: [1], byBand: true }),
      ...bruteForceSnr(readRinex(writeRinexObs(v3Later)).snr, { from, to, intervalMs: 86_400_000, bands: [1], byBand: true }),
    ]);
    expect(series.points.map(pointKey).sort()).toEqual([...expected.keys()].sort());
    expect(series.points).toHaveLength(4);
    for (const p of series.points) {
      const e = expected.get(pointKey(p))!;
      expect([p.band, p.obsCode, p.count]).toEqual([1, null, e.count]);
      expect(p.mean).toBeCloseTo(e.sum / e.count, 9);
    }
  });
});

describe('mergeSnrObservations', () => {
  const obs = (rows: [number, number, string, number][], codes: string[]): SnrObservations => ({
    count: rows.length,
    times: Float64Array.from(rows.map((r) => r[0])),
    satellites: Uint16Array.from(rows.map((r) => r[1])),
    codeIndex: Uint8Array.from(rows.map((r) => codes.indexOf(r[2]))),
    codes,
    values: Float32Array.from(rows.map((r) => r[3])),
  });
  const lines = (o: SnrObservations) => Array.from({ length: o.count }, (_, i) => `${o.times[i]} ${o.satellites[i]} ${o.codes[o.codeIndex[i]!]} ${o.values[i]}`);

  it('keeps the union in time, satellite, code order; the newer file wins a shared value', () => {
    const older = obs(
      [
        [1000, 105, 'S1C', 40],
        [1000, 103, 'S1C', 41],
        [2000, 103, 'S2W', 30],
      ],
      ['S1C', 'S2W'],
    );
    const newer = obs(
      [
        [2000, 103, 'S2W', 33],
        [2000, 103, 'S1C', 42],
        [3000, 311, 'S5Q', 50],
      ],
      ['S5Q', 'S2W', 'S1C'],
    );
    expect(lines(mergeSnrObservations(older, newer))).toEqual(['1000 103 S1C 41', '1000 105 S1C 40', '2000 103 S1C 42', '2000 103 S2W 33', '3000 311 S5Q 50']);
  });

  it('gives the same rows whichever side brought them when they do not clash', () => {
    const a = obs(
      [
        [1000, 105, 'S1C', 40],
        [2000, 103, 'S2W', 30],
      ],
      ['S1C', 'S2W'],
    );
    const b = obs(
      [
        [1000, 103, 'S2W', 35],
        [1500, 101, 'S1C', 44],
      ],
      ['S2W', 'S1C'],
    );
    expect(lines(mergeSnrObservations(a, b))).toEqual(lines(mergeSnrObservations(b, a)));
  });

  it('orders a file whose epochs are out of order', () => {
    const a = obs(
      [
        [3000, 101, 'S1C', 1],
        [1000, 101, 'S1C', 2],
      ],
      ['S1C'],
    );
    expect(lines(mergeSnrObservations(a, obs([], [])))).toEqual(['1000 101 S1C 2', '3000 101 S1C 1']);
  });
});
