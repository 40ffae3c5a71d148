// GNSS end to end with real processes: real RINEX files (and a synthetic one from the project's
// own writer) → `radome ingest files` → Parquet objects + rollups → `radome serve` → snrSeries over
// HTTP, checked against statistics computed independently of radome's reader (a deliberately
// simple second parser) and, for ranges that cut buckets, against brute force over the raw values.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { DuckDBInstance } from '@duckdb/node-api';
import { parquetMetadata } from 'hyparquet';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decompressLzw } from '../../ingest/decode/containers/lzw.js';
import { readRinex } from '../../ingest/decode/rinex/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { simpleSnrStats, type SnrStat } from '../rinex/simple-snr-reader.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { bruteForceSnr, pointKey } from '../gnss/brute-force-snr.js';
import { runRadome, startRadome, type RadomeServerProcess } from './radome-process.js';

const DAY = 86_400_000;

interface RealFile {
  rel: string;
  station: string;
  /** The file's RINEX text, obtained without radome's RINEX reader. */
  text: (bytes: Uint8Array) => string;
}

const latin1 = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const REAL: RealFile[] = [
  { rel: 'gnss/rinex/CEDA00USA_R_20182100000_23H_15S_MO.rnx.gz', station: 'CEDA', text: (b) => latin1(gunzipSync(b)) },
  { rel: 'gnss/rinex/ac660270.18o.Z', station: 'AC66', text: (b) => latin1(decompressLzw(b)) },
  // demo.10o and demo3.10o are the same epochs of marker MRKR (RINEX 2 and 3): the later file
  // (demo3, in name order) replaces the station-day, so only it is checked.
  { rel: 'gnss/rinex/demo3.10o', station: 'MRKR', text: latin1 },
  { rel: 'gnss/rinex/york0440.15d', station: 'YORK', text: () => latin1(unzipSync(readFileSync(sampleFile('gnss/rinex/york0440.zip')!))['york0440.15o']!) },
];
const present = REAL.filter((f) => sampleFile(f.rel) && (f.station !== 'YORK' || sampleFile('gnss/rinex/york0440.zip')));
for (const f of REAL) if (!present.includes(f)) console.warn(skipReason(f.rel));

async function graphql(url: string, query: string, variables: Record<string, unknown>): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

const SERIES = `query($station: String!, $from: DateTimeISO!, $to: DateTimeISO!, $interval: String!, $obsCodes: [String!], $constellations: [String!], $satellites: [String!], $groupBy: [SnrGroupBy!]) {
  snrSeries(station: $station, from: $from, to: $to, interval: $interval, obsCodes: $obsCodes, constellations: $constellations, satellites: $satellites, groupBy: $groupBy) {
    station interval points { start constellation satellite obsCode count mean min max stddev }
  }
}`;

/** Daily (one-day file) statistics from the simple parser, grouped like the API. */
function expectedDaily(stats: Map<string, SnrStat>, day: number, by: 'none' | 'SATELLITE' | 'CONSTELLATION'): Map<string, SnrStat> {
  const out = new Map<string, SnrStat>();
  for (const [key, s] of stats) {
    const sat = key.split('|')[0]!;
    // pointKey's parts: start | constellation | satellite | code | band (none grouped here).
    const k = `${day * DAY}|${by === 'CONSTELLATION' ? sat[0] : ''}|${by === 'SATELLITE' ? sat : ''}||`;
    const o = out.get(k) ?? { count: 0, sum: 0, min: Infinity, max: -Infinity };
    o.count += s.count;
    o.sum += s.sum;
    o.min = Math.min(o.min, s.min);
    o.max = Math.max(o.max, s.max);
    out.set(k, o);
  }
  return out;
}

describe('GNSS: radome ingest files → radome serve → snrSeries', () => {
  let dir: string;
  let dataDir: string;
  let server: RadomeServerProcess;
  const env = () => ({ RADOME_DATA_DIR: dataDir });
  const synthetic = writeRinexObs(syntheticObsSpec({ version: 2, epochs: 60, seed: 9 }));

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-gnss-e2e-'));
    dataDir = join(dir, 'var');
    mkdirSync(join(dir, 'in'));
    for (const f of present) copyFileSync(sampleFile(f.rel)!, join(dir, 'in', basename(f.rel)));
    if (sampleFile('gnss/rinex/demo.10o')) copyFileSync(sampleFile('gnss/rinex/demo.10o')!, join(dir, 'in', 'demo.10o'));
    writeFileSync(join(dir, 'in', 'synt0600.24o'), synthetic);
    const run = await runRadome(['ingest', 'files', join(dir, 'in')], env());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    server = await startRadome('serve', env());
  });

  afterAll(async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('lists the stations with position, equipment and coverage', async () => {
    const { data, errors } = await graphql(server.url, '{ gnssStations { id name longName latitude longitude height receiverType antennaType firstDay lastDay dayCount } }', {});
    expect(errors).toBeUndefined();
    const ids = data.gnssStations.map((s: { id: string }) => s.id);
    expect(ids).toEqual([...new Set([...present.map((f) => f.station), 'SYNT'])].sort());
    const synt = data.gnssStations.find((s: { id: string }) => s.id === 'SYNT');
    expect(synt).toMatchObject({ firstDay: '2024-02-29', lastDay: '2024-03-01', dayCount: 2 });
    const ceda = data.gnssStations.find((s: { id: string }) => s.id === 'CEDA');
    if (ceda) {
      expect(ceda).toMatchObject({ longName: 'CEDA00USA', receiverType: 'SEPT POLARX5', firstDay: '2018-07-29', dayCount: 1 });
      expect(ceda.latitude).toBeCloseTo(40.68, 2);
      expect(ceda.longitude).toBeCloseTo(-112.86, 2);
    }
    const one = await graphql(server.url, 'query($id: ID!) { gnssStation(id: $id) { id dayCount } }', { id: 'synt' });
    expect(one.data.gnssStation).toEqual({ id: 'SYNT', dayCount: 2 });
  });

  for (const f of REAL) {
    describe.skipIf(!present.includes(f))(`${basename(f.rel)}`, () => {
      for (const by of ['none', 'SATELLITE', 'CONSTELLATION'] as const) {
        it(`daily means grouped by ${by} equal the simple parser's`, async () => {
          const bytes = readFileSync(sampleFile(f.rel)!);
          const stats = simpleSnrStats(f.text(bytes));
          const day = Math.floor(readRinex(bytes).snr.times[0]! / DAY);
          const expected = expectedDaily(stats, day, by);
          const { data, errors } = await graphql(server.url, SERIES, {
            station: f.station.toLowerCase(),
            from: new Date(day * DAY).toISOString(),
            to: new Date((day + 1) * DAY).toISOString(),
            interval: 'P1D',
            groupBy: by === 'none' ? [] : [by],
          });
          expect(errors).toBeUndefined();
          const points = data.snrSeries.points;
          expect(points.map(pointKey).sort()).toEqual([...expected.keys()].sort());
          for (const p of points) {
            const e = expected.get(pointKey(p))!;
            expect(p.count).toBe(e.count);
            expect(p.mean).toBeCloseTo(e.sum / e.count, 9);
            expect(p.min).toBe(e.min);
            expect(p.max).toBe(e.max);
          }
        });
      }
    });
  }

  describe.skipIf(!present.some((f) => f.station === 'YORK'))('york0440 ranges that cut buckets', () => {
    const from = Date.UTC(2015, 1, 13, 10, 7);
    const to = Date.UTC(2015, 1, 13, 13, 52);
    for (const [groupBy, q] of [
      [[], {}],
      [['SATELLITE'], { bySatellite: true }],
      [['CONSTELLATION', 'OBS_CODE'], { byConstellation: true, byCode: true }],
    ] as const) {
      it(`10:07–13:52 per PT1H, groupBy [${groupBy.join(', ')}], is exact`, async () => {
        const rinex = readRinex(readFileSync(sampleFile('gnss/rinex/york0440.15d')!));
        const expected = bruteForceSnr(rinex.snr, { from, to, intervalMs: 3_600_000, ...q });
        const { data, errors } = await graphql(server.url, SERIES, { station: 'YORK', from: new Date(from).toISOString(), to: new Date(to).toISOString(), interval: 'PT1H', groupBy });
        expect(errors).toBeUndefined();
        const points = data.snrSeries.points;
        expect(points[0].start).toBe('2015-02-13T10:07:00.000Z');
        expect(points.map(pointKey).sort()).toEqual([...expected.keys()].sort());
        for (const p of points) {
          const e = expected.get(pointKey(p))!;
          expect(p.count).toBe(e.count);
          expect(p.mean).toBeCloseTo(e.sum / e.count, 9);
        }
      });
    }
  });

  it("stores each station-day as Parquet whose row count is the day's SNR values", async () => {
    const store = new FileObjectStore(join(dataDir, 'objects'));
    const object = await store.get('gnss/snr/station=SYNT/year=2024/doy=060/part-0.parquet');
    expect(object).not.toBeNull();
    const rinex = readRinex(synthetic);
    const midnight = Date.UTC(2024, 2, 1);
    expect(Number(parquetMetadata(object!.body.slice().buffer).num_rows)).toBe(rinex.snr.times.filter((t) => t < midnight).length);
  });

  it("leaves a Hive-partitioned Parquet store that DuckDB reads: per station, satellite and code, the simple parser's figures", async () => {
    const instance = await DuckDBInstance.create(':memory:');
    const connection = await instance.connect();
    try {
      const root = join(dataDir, 'objects', 'gnss', 'snr');
      const reader = await connection.runAndReadAll(
        `SELECT station, satellite, code, any_value(constellation) AS constellation, count(*)::DOUBLE AS n, sum(value::DOUBLE) AS total,
                min(value)::DOUBLE AS lo, max(value)::DOUBLE AS hi, any_value(typeof(time)) AS time_type, epoch_ms(min(time))::DOUBLE AS first
         FROM read_parquet('${root}/*/*/*/*.parquet', hive_partitioning = true) GROUP BY ALL`,
      );
      const rows = reader.getRowObjectsJS() as {
        station: string;
        satellite: string;
        code: string;
        constellation: string;
        n: number;
        total: number;
        lo: number;
        hi: number;
        time_type: string;
        first: number;
      }[];
      const sources: [string, string][] = [...present.map((f) => [f.station, f.text(readFileSync(sampleFile(f.rel)!))] as [string, string]), ['SYNT', latin1(synthetic)]];
      expect(new Set(rows.map((r) => r.station))).toEqual(new Set(sources.map(([station]) => station)));
      for (const [station, text] of sources) {
        const expected = simpleSnrStats(text);
        const got = rows.filter((r) => r.station === station);
        expect(got.map((r) => `${r.satellite}|${r.code}`).sort(), station).toEqual([...expected.keys()].sort());
        for (const r of got) {
          const e = expected.get(`${r.satellite}|${r.code}`)!;
          expect(r.constellation).toBe(r.satellite[0]);
          expect(r.n).toBe(e.count);
          // Stored as FLOAT: each value within float32 rounding of the text's.
          expect(Math.abs(r.total / r.n - e.sum / e.count)).toBeLessThan(1e-4);
          expect(r.lo).toBe(Math.fround(e.min));
          expect(r.hi).toBe(Math.fround(e.max));
          expect(r.time_type).toBe('TIMESTAMP');
        }
      }
      const synt = rows.filter((r) => r.station === 'SYNT');
      expect(Math.min(...synt.map((r) => r.first))).toBe(readRinex(synthetic).snr.times[0]);
    } finally {
      connection.closeSync();
      instance.closeSync();
    }
  });

  it('answers bad requests with BAD_USER_INPUT saying what to change', async () => {
    const base = { station: 'SYNT', from: '2024-02-29T00:00:00Z', to: '2024-03-02T00:00:00Z', interval: 'P1D' };
    const cases: [Record<string, unknown>, RegExp][] = [
      [{ from: base.to, to: base.from }, /from must be before to/],
      [{ interval: 'PT1S', from: '2000-01-01T00:00:00Z' }, /points, more than 100000; use a longer interval/],
      [{ obsCodes: ['S1C'] }, /has no SNR code "S1C"; it has S1, S2/],
      [{ constellations: ['Q'] }, /not a constellation/],
      [{ interval: 'soon' }, /not a fixed-length duration/],
      [{ station: 'ZZZZ' }, /no GNSS station "ZZZZ"/],
    ];
    for (const [over, message] of cases) {
      const { data, errors } = await graphql(server.url, SERIES, { ...base, ...over });
      expect(data?.snrSeries ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(errors?.[0]?.message).toMatch(message);
    }
  });

  it('snrSummary totals a range', async () => {
    const { data, errors } = await graphql(
      server.url,
      'query { snrSummary(station: "SYNT", from: "2024-02-29T23:58:10Z", to: "2024-03-01T00:12:00Z", groupBy: [CONSTELLATION]) { station total { count mean } groups { constellation count } } }',
      {},
    );
    expect(errors).toBeUndefined();
    const all = [...bruteForceSnr(readRinex(synthetic).snr, { from: Date.parse('2024-02-29T23:58:10Z'), to: Date.parse('2024-03-01T00:12:00Z'), intervalMs: null }).values()][0]!;
    expect(data.snrSummary.total.count).toBe(all.count);
    expect(data.snrSummary.total.mean).toBeCloseTo(all.sum / all.count, 6);
    expect(data.snrSummary.groups.map((g: { constellation: string }) => g.constellation)).toEqual(['G', 'R', 'E']);
  });

  it('running again ingests nothing new', async () => {
    const run = await runRadome(['ingest', 'files', join(dir, 'in')], env());
    expect(run.stdout).toMatch(/0 ingested, \d+ unchanged, 0 failed/);
  });
});
