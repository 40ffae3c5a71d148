// `radome ingest once --source gnss` against an HTTP archive on loopback (a node:http server with
// the archive layout `{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z` that wants a bearer token): daily files
// Hatanaka-compressed then Unix-compressed by the project's own encoders, days without a file
// skipped, a second pass a no-op.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expandGnssTemplate } from '../../ingest/sources/gnss-archive.js';
import { openReadOnlyCatalog } from '../../store/catalog/index.js';
import { encodeHatanaka } from '../fixtures/hatanaka-encoder.js';
import { compressLzw } from '../fixtures/lzw-compress.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { runRadome } from './radome-process.js';
import { testStation } from '../support/ids.js';

const TOKEN = 'test-token-123';
const DAY = 86_400_000;
const DAY0 = Date.UTC(2015, 1, 13) / DAY;

/** A small RINEX 2 day of station SITE: 3 GPS satellites every 15 minutes for an hour. */
function dayFile(day: number): Uint8Array {
  const body = Array.from({ length: 5 }, (_, k) => ({
    kind: 'epoch' as const,
    time: day * DAY + 3_600_000 + k * 900_000,
    satellites: ['G05', 'G12', 'G25'].map((id, s) => ({ id, values: [2.1e7 + s, 40 + s + k / 4, 30 + s] })),
  }));
  return writeRinexObs({ version: 2, satSystem: 'G', markerName: 'SITE', obsTypes: ['C1', 'S1', 'S2'], body });
}

describe('GNSS archive source over HTTP', () => {
  let dir: string;
  let http: Server;
  let template: string;
  const files = new Map<string, Uint8Array>();
  const requests: { method: string; url: string; auth: string | undefined }[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'radome-gnss-archive-'));
    http = createServer((req, res) => {
      requests.push({ method: req.method!, url: req.url!, auth: req.headers.authorization });
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return void res.writeHead(401).end();
      const body = files.get(req.url!);
      if (!body) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-length': body.length, etag: `"${req.url!.length}-${body.length}"` });
      res.end(req.method === 'HEAD' ? undefined : body);
    });
    await new Promise<void>((done) => http.listen(0, '127.0.0.1', done));
    const base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    template = `${base}/rinex/obs/{yyyy}/{ddd}/{station}{ddd}0.{yy}d.Z`;
    // Days 0 and 2 exist; day 1 is missing from the archive.
    for (const d of [DAY0, DAY0 + 2]) files.set(new URL(expandGnssTemplate(template, 'SITE', d)).pathname, compressLzw(encodeHatanaka(dayFile(d))));
  });

  afterAll(async () => {
    await new Promise((done) => http.close(done));
    rmSync(dir, { recursive: true, force: true });
  });

  const env = () => ({ RADOME_DATA_DIR: join(dir, 'var'), RADOME_GNSS_ARCHIVE: template, RADOME_GNSS_TOKEN: TOKEN });
  const args = ['ingest', 'once', '--source', 'gnss', '--station', 'site', '--from', '2015-02-13T00:00:00Z', '--to', '2015-02-16T00:00:00Z'];

  it('fetches the days that exist with the bearer token and catalogs them', async () => {
    const run = await runRadome(args, env());
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toContain('2 ingested, 0 unchanged, 0 failed');
    expect(run.stdout).toContain('/rinex/obs/2015/044/site0440.15d.Z');
    expect(requests.every((r) => r.auth === `Bearer ${TOKEN}`)).toBe(true);
    expect(requests.filter((r) => r.method === 'HEAD').map((r) => r.url)).toContain('/rinex/obs/2015/045/site0450.15d.Z');
    const catalog = await openReadOnlyCatalog(join(dir, 'var', 'catalog.db'));
    try {
      expect((await catalog.reader.gnss.stationsByIds([testStation('SITE')]))[0]).toMatchObject({ dayCount: 2, firstDay: DAY0, lastDay: DAY0 + 2 });
      expect((await catalog.reader.gnss.signals(testStation('SITE'))).map((s) => s.code)).toEqual(['S1', 'S2']);
    } finally {
      await catalog.close();
    }
  });

  it('a second pass fetches no file again', async () => {
    const gets = requests.filter((r) => r.method === 'GET').length;
    const run = await runRadome(args, env());
    expect(run.stdout).toContain('0 ingested, 2 unchanged, 0 failed');
    expect(requests.filter((r) => r.method === 'GET').length).toBe(gets);
  });

  it('an archive refusing the token is reported, not crashed on', async () => {
    const run = await runRadome(args, { ...env(), RADOME_GNSS_TOKEN: 'wrong' });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(/HTTP 401/);
  });
});
