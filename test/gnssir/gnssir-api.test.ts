// gnssrefl interop through the real ingest path and GraphQL over HTTP: MCHL's gnssrefl SNR
// files, station json and refraction file ingested like any other files; reflector heights,
// daily averages and SNR-versus-elevation asked of the server.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readSnrFile } from '../../ingest/decode/gnssrefl/read-snr-file.js';
import type { ReadOnlyCatalog } from '../../store/catalog/index.js';
import { serveCatalog } from '../support/served-catalog.js';
import { decodeSnrParquet } from '../../store/gnss/snr-parquet.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { skipReason } from '../sample-data.js';
import { MemorySource } from '../support/memory-source.js';
import { ingestEveryFile } from '../support/ingest-source.js';
import { postGraphql } from '../support/radar-fixture.js';
import { G, MCHL_FILES, MCHL_JSON, MCHL_PRESENT, MCHL_REFR, referenceArcs } from './mchl-reference.js';
import { testStation } from '../support/ids.js';

if (!MCHL_PRESENT) console.warn(skipReason(`${G}/mchl*.snr66.gz, mchl.json, mchl_refr.txt, results`));

const ARC_FIELDS = 'time satellite frequency height amplitude peakToNoise azimuth minElevation maxElevation rising durationMinutes points';

describe.skipIf(!MCHL_PRESENT)('gnssrefl files in, reflector heights out (MCHL 2025 days 10-12)', () => {
  let dir: string;
  let url: string;
  let objects: FileObjectStore;
  let catalog: ReadOnlyCatalog;
  let close: () => Promise<void>;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-gnssir-'));
    objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const source = new MemorySource();
    for (const p of [...MCHL_FILES, MCHL_JSON, MCHL_REFR]) source.files.set(p!, readFileSync(p!));
    await ingestEveryFile(join(dir, 'catalog.db'), objects, source);
    const served = await serveCatalog(join(dir, 'catalog.db'), objects);
    ({ catalog, close } = served);
    url = `${served.url}/graphql`;
  }, 120_000);

  afterAll(async () => {
    await close?.();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('keeps the SNR file\'s elevation, azimuth and values (geometry "file")', async () => {
    const day = (await catalog.reader.gnss.days(testStation('MCHL'), 0, 1e6)).find((d) => d.day === Date.UTC(2025, 0, 10) / 86400e3)!;
    expect(day.geometry).toBe('file');
    const stored = await decodeSnrParquet((await objects.get(day.objectKey))!.body, day.objectKey);
    const file = readSnrFile(gunzipSync(readFileSync(MCHL_FILES[0]!)), MCHL_FILES[0]!).observations;
    expect(stored.count).toBe(file.count);
    expect(stored.values).toEqual(file.values);
    expect(stored.geometry!.elevation).toEqual(file.geometry!.elevation);
    expect(stored.geometry!.azimuth).toEqual(file.geometry!.azimuth);
    expect(await catalog.reader.gnss.stationSettings(testStation('MCHL'))).toMatchObject({ station: 'MCHL' });
    expect((await catalog.reader.gnss.stationSettings(testStation('MCHL')))!.settingsJson).toContain('"PkNoise"');
    expect((await catalog.reader.gnss.stationSettings(testStation('MCHL')))!.refractionText).toContain('97635');
  });

  it('reflectorHeights for day 10 with the stored mchl.json settings matches gnssrefl', async () => {
    const { body } = await postGraphql(url, `query($s: String!, $f: DateTimeISO!, $t: DateTimeISO!) { reflectorHeights(station: $s, from: $f, to: $t) { ${ARC_FIELDS} } }`, {
      s: 'mchl',
      f: '2025-01-10T00:00:00Z',
      t: '2025-01-11T00:00:00Z',
    });
    expect(body.errors).toBeUndefined();
    const arcs = body.data.reflectorHeights as { time: string; satellite: string; frequency: number; height: number; rising: boolean }[];
    const reference = referenceArcs();
    let found = 0;
    for (const r of reference) {
      const hours = (a: { time: string }) => (Date.parse(a.time) - Date.UTC(2025, 0, 10)) / 3600e3;
      const ours = arcs.find((a) => a.satellite === `G${String(r.sat).padStart(2, '0')}` && a.frequency === r.frequency && a.rising === r.rising && Math.abs(hours(a) - r.hours) <= 5 / 60);
      if (ours && Math.abs(ours.height - r.rh) <= 0.01) found++;
    }
    expect(found / reference.length).toBeGreaterThanOrEqual(0.95);
  });

  it("dailyReflectorHeights: day 10 within 5 mm of gnssrefl's arcs after the same median filter; a day without data says so", async () => {
    const { body } = await postGraphql(url, `query($s: String!, $f: DateTimeISO!, $t: DateTimeISO!) { dailyReflectorHeights(station: $s, from: $f, to: $t) { day median mean stddev count reason } }`, {
      s: 'MCHL',
      f: '2025-01-09T00:00:00Z',
      t: '2025-01-13T00:00:00Z',
    });
    expect(body.errors).toBeUndefined();
    const days = body.data.dailyReflectorHeights as { day: string; mean: number | null; count: number; reason: string | null }[];
    expect(days.map((d) => d.day)).toEqual(['2025-01-09', '2025-01-10', '2025-01-11', '2025-01-12']);
    expect(days[0]!.reason).toMatch(/no SNR observations stored for MCHL on 2025-01-09/);
    const rh = referenceArcs()
      .map((r) => r.rh)
      .sort((a, b) => a - b);
    const median = (rh[(rh.length - 1) >> 1]! + rh[rh.length >> 1]!) / 2;
    const kept = rh.filter((h) => Math.abs(h - median) < 0.25);
    const mean = kept.reduce((a, b) => a + b, 0) / kept.length;
    expect(Math.abs(days[1]!.mean! - mean)).toBeLessThan(0.005);
    expect(days[2]!.count).toBeGreaterThan(50);
  });

  it('snrByElevation: mean SNR rises with elevation for GPS L1', async () => {
    const { body } = await postGraphql(
      url,
      `query($s: String!, $f: DateTimeISO!, $t: DateTimeISO!) { snrByElevation(station: $s, from: $f, to: $t, binWidth: 5, minElevation: 0, obsCodes: ["S1"], groupBy: [CONSTELLATION]) { elevation constellation count mean } }`,
      {
        s: 'MCHL',
        f: '2025-01-10T00:00:00Z',
        t: '2025-01-11T00:00:00Z',
      },
    );
    expect(body.errors).toBeUndefined();
    const gps = (body.data.snrByElevation as { elevation: number; constellation: string; count: number; mean: number }[]).filter((b) => b.constellation === 'G');
    expect(gps.map((b) => b.elevation)).toEqual([0, 5, 10, 15, 20, 25]);
    expect(gps.at(-1)!.mean).toBeGreaterThan(gps[1]!.mean);
    // Counts are the file's S1 values in each bin.
    const file = readSnrFile(gunzipSync(readFileSync(MCHL_FILES[0]!)), MCHL_FILES[0]!).observations;
    const s1 = file.codes.indexOf('S1');
    let n5 = 0;
    for (let i = 0; i < file.count; i++) if (file.codeIndex[i] === s1 && file.satellites[i]! < 200 && file.geometry!.elevation[i]! >= 5 && file.geometry!.elevation[i]! < 10) n5++;
    expect(gps[1]!.count).toBe(n5);

    // snrSummary with the same window ([5, 10)) and an azimuth range through north ([300, 60)).
    const inWindow = (i: number) => file.codeIndex[i] === s1 && file.satellites[i]! < 200 && file.geometry!.elevation[i]! >= 5 && file.geometry!.elevation[i]! < 10;
    const north = (i: number) => file.geometry!.azimuth[i]! >= 300 || file.geometry!.azimuth[i]! < 60;
    let all = 0;
    let northern = 0;
    for (let i = 0; i < file.count; i++) if (inWindow(i)) all++, north(i) && northern++;
    const summary = await postGraphql(
      url,
      `query($s: String!, $f: DateTimeISO!, $t: DateTimeISO!, $az: [[Float!]!]) { snrSummary(station: $s, from: $f, to: $t, obsCodes: ["S1"], constellations: ["G"], minElevation: 5, maxElevation: 10, azimuths: $az) { total { count } } }`,
      {
        s: 'MCHL',
        f: '2025-01-10T00:00:00Z',
        t: '2025-01-11T00:00:00Z',
      },
    );
    expect(summary.body.errors).toBeUndefined();
    expect(summary.body.data.snrSummary.total.count).toBe(all);
    const northSummary = await postGraphql(
      url,
      `query($s: String!, $f: DateTimeISO!, $t: DateTimeISO!, $az: [[Float!]!]) { snrSummary(station: $s, from: $f, to: $t, obsCodes: ["S1"], constellations: ["G"], minElevation: 5, maxElevation: 10, azimuths: $az) { total { count } } }`,
      {
        s: 'MCHL',
        f: '2025-01-10T00:00:00Z',
        t: '2025-01-11T00:00:00Z',
        az: [[300, 60]],
      },
    );
    expect(northSummary.body.data.snrSummary.total.count).toBe(northern);
    expect(northern).toBeGreaterThan(0);
    expect(northern).toBeLessThan(all);
  });

  it('exports day 10 as .snr66 (and .snr66.gz) with the same rows as the ingested file', async () => {
    const base = url.replace(/\/graphql$/, '');
    const res = await fetch(`${base}/gnss/snr/MCHL/2025/010.snr66`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toContain('mchl0100.25.snr66');
    const text = await res.text();
    const original = gunzipSync(readFileSync(MCHL_FILES[0]!)).toString('latin1');
    // Byte-compatible lines; the file's order within an epoch is its receiver's, radome's is by satellite number.
    // Lines whose six SNR columns are all 0.00 hold no observation (39 of 39,433 here): radome stores none of them.
    const noSnr = (l: string) =>
      l
        .trim()
        .split(/\s+/)
        .slice(5)
        .every((v) => Number(v) === 0);
    const lines = (t: string) =>
      t
        .split('\n')
        .filter((l) => l.trim() !== '' && !noSnr(l))
        .sort();
    expect(lines(text).length).toBeGreaterThan(39_000);
    expect(text.split('\n').filter(Boolean).sort()).toEqual(lines(original));
    const gz = await fetch(`${base}/gnss/snr/mchl/2025/10.snr66.gz`);
    expect(gz.headers.get('content-type')).toBe('application/gzip');
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString('latin1')).toBe(text);
    // .snr50 keeps elevations below 10°: those lines of the same file.
    const fifty = await (await fetch(`${base}/gnss/snr/MCHL/2025/010.snr50`)).text();
    expect(lines(fifty)).toEqual(lines(original).filter((l) => Number(l.trim().split(/\s+/)[1]) < 10));
    const missing = await fetch(`${base}/gnss/snr/MCHL/2025/009.snr66`);
    expect(missing.status).toBe(404);
    expect(await missing.text()).toMatch(/no SNR observations stored for MCHL on 2025 day 9/);
    expect((await fetch(`${base}/gnss/snr/MCHL/2025/010.snr77`)).status).toBe(400);
  });

  it('refuses unknown frequencies with BAD_USER_INPUT naming them', async () => {
    const { status, body } = await postGraphql(url, `{ reflectorHeights(station: "MCHL", from: "2025-01-10T00:00:00Z", to: "2025-01-11T00:00:00Z", frequencies: [1, 3]) { height } }`);
    expect(status).toBeLessThan(500);
    expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(body.errors?.[0]?.message).toMatch(/frequencies: 3 is not a gnssrefl frequency code/);
  });
});
