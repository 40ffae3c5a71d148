// The `radome` command itself: help on every subcommand, argument errors, and `radome start`
// (what `npm start` runs) coming up with its source unreachable.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runRadome, startRadome } from './radome-process.js';

const dataDir = mkdtempSync(join(tmpdir(), 'radome-cli-'));
const env = { RADOME_DATA_DIR: dataDir };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('radome --help', () => {
  it.each([
    [['--help']],
    [['ingest', '--help']],
    [['serve', '--help']],
    [['start', '--help']],
    [['ingest', 'files', '--help']],
    [['ingest', 'once', '--help']],
    [['ingest', 'run', '--help']],
    [['catalog', 'migrate', '--help']],
  ])('radome %s prints usage', async (args) => {
    const run = await runRadome(args, env);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^(Usage|radome —)/);
  });

  it('rejects unknown commands and bad arguments with exit 2 and a message that says what to do', async () => {
    const unknown = await runRadome(['frobnicate'], env);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('unknown command "frobnicate"');
    const badSite = await runRadome(['ingest', 'once', '--site', 'Chicago', '--from', '2022-03-17T00:00:00Z', '--to', '2022-03-17T01:00:00Z'], env);
    expect(badSite.code).toBe(2);
    expect(badSite.stderr).toContain('"CHICAGO" is not a 4-letter ICAO radar id');
    const badTime = await runRadome(['ingest', 'once', '--site', 'KLOT', '--from', 'yesterday', '--to', '2022-03-17T01:00:00Z'], env);
    expect(badTime.code).toBe(2);
    expect(badTime.stderr).toContain('--from yesterday is not an ISO 8601 time');
  });
});

describe('radome start with no reachable source', () => {
  it('serves anyway and logs which source is unreachable', async () => {
    const radome = await startRadome('start', {
      ...env,
      RADOME_LEVEL2_ENDPOINT: 'http://127.0.0.1:9', // discard port: nothing listens
      RADOME_LEVEL2_BUCKET: 'unreachable-bucket',
      AWS_ACCESS_KEY_ID: 'x',
      AWS_SECRET_ACCESS_KEY: 'x',
    });
    try {
      const health = await fetch(`${radome.url}/healthz`);
      expect(health.status).toBe(200);
      const res = await fetch(`${radome.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ radarSites { id } }' }),
      });
      expect(((await res.json()) as any).data.radarSites).toEqual([]);
      const deadline = Date.now() + 45_000;
      while (!/ unreachable for /.test(radome.logs()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect(radome.logs()).toMatch(/level2 source http:\/\/127\.0\.0\.1:9\/unreachable-bucket unreachable for KLOT/);
      // One line: what could not be reached, and how to ingest local files instead.
      const line = radome
        .logs()
        .split('\n')
        .find((l) => l.includes(' unreachable for '))!;
      const { msg } = JSON.parse(line) as { msg: string };
      expect(msg).not.toMatch(/\n/);
      expect(msg).toMatch(/unreachable for KLOT: .*To ingest local files meanwhile: radome ingest files <file or folder…>$/);
    } finally {
      await radome.stop();
    }
    expect(radome.child.exitCode).toBe(0);
  });
});
