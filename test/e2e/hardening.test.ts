// Issue 18, item 1, with real processes: RINEX files naming satellite G00 no longer stop
// `radome ingest files` before the files after them; a stored day naming G00 (as an older radome
// wrote it) fails its snrSeries request with CORRUPT while the server stays up; and any promise
// rejection nobody handles is logged by the process net instead of ending the process.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeRinexObs, type ObservationEpoch } from '../fixtures/rinex-writer.js';
import { legacySnrParquet } from '../gnss/legacy-snr-parquet.js';
import { repoRoot } from '../sample-data.js';
import { runRadome, startRadome, type RadomeServerProcess } from './radome-process.js';

const T0 = Date.UTC(2024, 0, 1);
const MINUTE = 60_000;

/** RINEX 2 over [fromMin, toMin) of 2024-01-01 every 30 s, with the given satellites. */
function rinex(ids: string[], fromMin: number, toMin: number): Uint8Array {
  const body: ObservationEpoch[] = [];
  for (let t = T0 + fromMin * MINUTE; t < T0 + toMin * MINUTE; t += 30_000) {
    body.push({ kind: 'epoch', time: t, satellites: ids.map((id, k) => ({ id, values: [40 + k] })) });
  }
  return writeRinexObs({ version: 2, satSystem: 'G', obsTypes: ['S1'], body });
}

async function graphql(url: string, query: string, variables: Record<string, unknown> = {}): Promise<{ data?: any; errors?: any[] }> {
  const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as { data?: any; errors?: any[] };
}

const SERIES = `query($from: DateTimeISO!, $to: DateTimeISO!, $interval: String!) {
  snrSeries(station: "SERV", from: $from, to: $to, interval: $interval, groupBy: [SATELLITE]) { points { start satellite count mean } }
}`;

describe('satellite G00 end to end (issue 18, item 1)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-g00-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('`radome ingest files` with two hourly files naming G00 ingests them without it, and the file after them too', async () => {
    const input = join(dir, 'in');
    mkdirSync(input);
    // Two parts of one station-day: the second is merged with what the first stored.
    writeFileSync(join(input, 'gzer001a.24o'), rinex(['G00', 'G05'], 0, 20));
    writeFileSync(join(input, 'gzer001b.24o'), rinex(['G00', 'G05'], 20, 40));
    writeFileSync(join(input, 'zzzz0010.24o'), rinex(['G07'], 0, 10));
    const run = await runRadome(['ingest', 'files', input], { RADOME_DATA_DIR: join(dir, 'files-var') });
    expect(run.stderr).not.toMatch(/unhandled|nobody (handled|caught)/i);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/3 ingested, 0 unchanged, 0 failed/);
    expect(run.stdout).toMatch(/zzzz0010\.24o → gnss ZZZZ\//);
  });

  describe('a stored day naming G00', () => {
    let dataDir: string;
    let server: RadomeServerProcess;

    beforeAll(async () => {
      dataDir = join(dir, 'serve-var');
      const input = join(dir, 'serve-in');
      mkdirSync(input);
      writeFileSync(join(input, 'serv0010.24o'), rinex(['G05', 'G07'], 0, 40));
      const run = await runRadome(['ingest', 'files', input], { RADOME_DATA_DIR: dataDir });
      expect(run.code, run.stdout + run.stderr).toBe(0);
      // The day's object as an older radome stored it, G00 rows among G05's.
      const times = Array.from({ length: 80 }, (_, i) => T0 + Math.floor(i / 2) * 30_000);
      const sats = times.map((_, i) => (i % 2 ? 'G00' : 'G05'));
      writeFileSync(join(dataDir, 'objects', 'gnss', 'snr', 'station=SERV', 'year=2024', 'doy=001', 'part-0.parquet'), legacySnrParquet(sats, times));
      server = await startRadome('serve', { RADOME_DATA_DIR: dataDir });
    });

    afterAll(async () => {
      await server?.stop();
    });

    it('fails a 20-minute snrSeries with CORRUPT naming the object, and the server answers the next requests', async () => {
      const raw = { from: new Date(T0 + 5 * MINUTE).toISOString(), to: new Date(T0 + 25 * MINUTE).toISOString(), interval: 'PT5M' };
      const { data, errors } = await graphql(server.url, SERIES, raw);
      expect(data?.snrSeries ?? null).toBeNull();
      expect(errors?.[0]?.extensions?.code).toBe('CORRUPT');
      expect(errors?.[0]?.message).toMatch(/part-0\.parquet: the stored SNR observations name satellite "G00"/);
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(server.child.exitCode).toBeNull();
      expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
      // The day's rollups (written when the file was ingested) still answer.
      const daily = await graphql(server.url, SERIES, { from: new Date(T0).toISOString(), to: new Date(T0 + 86_400_000).toISOString(), interval: 'P1D' });
      expect(daily.errors).toBeUndefined();
      expect(daily.data.snrSeries.points.map((p: { satellite: string }) => p.satellite).sort()).toEqual(['G05', 'G07']);
      expect(server.logs()).not.toMatch(/nobody (handled|caught)/);
    });
  });
});

describe('the process net', () => {
  it('logs a rejection nobody handled and an exception nobody caught, and the process goes on', () => {
    const script = `
      import { installProcessNet } from ${JSON.stringify(join(repoRoot, 'dist', 'core', 'process-net.js'))};
      import { createLogger } from ${JSON.stringify(join(repoRoot, 'dist', 'core', 'log.js'))};
      installProcessNet(createLogger('test'));
      Promise.reject(new Error('rejected in a callback'));
      setTimeout(() => { throw new Error('thrown in a timer'); }, 10);
      setTimeout(() => process.stdout.write('still here'), 100);
    `;
    const run = spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(0);
    expect(run.stdout).toBe('still here');
    const lines = run.stderr
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { msg: string; err: { message: string } });
    expect(lines.map((l) => [l.msg.split(' (')[0], l.err.message])).toEqual([
      ['a promise rejection nobody handled', 'rejected in a callback'],
      ['an exception nobody caught', 'thrown in a timer'],
    ]);
  });
});
