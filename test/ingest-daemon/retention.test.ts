// `radome ingest cleanup --older-than`: rows and objects go together; a cleanup interrupted after
// its catalog transaction (rows gone, objects still there) is finished by the next run.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCatalog } from '../../store/catalog/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { runRadome } from '../e2e/radome-process.js';
import { daemonEnv, query, shiftedVolume, snapshot, type DaemonEnv } from './harness.js';

const SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';
const samplePath = sampleFile(SAMPLE);
if (!samplePath) console.warn(skipReason(SAMPLE));

describe.skipIf(!samplePath)('retention', () => {
  let run: DaemonEnv;
  const objectsUrl = (d: string) => `file:${join(d, 'objects')}`;

  beforeAll(async () => {
    run = await daemonEnv('http://127.0.0.1:9', 'unused', objectsUrl);
    const real = readFileSync(samplePath!);
    const files = join(run.dataDir, 'in');
    mkdirSync(files);
    for (let i = 0; i < 3; i++) writeFileSync(join(files, `v${i}`), shiftedVolume(real, Date.UTC(2022, 2, 17, i), 12));
    const ingest = await runRadome(['ingest', 'files', files], run.env);
    expect(ingest.code, ingest.stderr).toBe(0);
  });

  afterAll(() => rmSync(run.dataDir, { recursive: true, force: true }));

  it('keeps what is younger than the cutoff', async () => {
    const r = await runRadome(['ingest', 'cleanup', '--older-than', 'P36500D'], run.env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/removed 0 volumes, 0 products and 0 objects/);
    expect((await snapshot(run.catalog, objectsUrl(run.dataDir))).volumes).toHaveLength(3);
  });

  it('finishes an interrupted cleanup: rows first, then objects, resumable', async () => {
    const before = await snapshot(run.catalog, objectsUrl(run.dataDir));
    expect(Object.keys(before.objects).length).toBeGreaterThan(6);
    // Doomed keys: each overlay, and each volume's sweep store as one prefix key.
    const storeKeys = Object.keys(before.objects).filter((k) => /\.zarr\//.test(k));
    expect(storeKeys.length).toBeGreaterThan(0);
    const doomed = Object.keys(before.objects).length - storeKeys.length + before.volumes.length;
    // The catalog half of a cleanup, then a "crash": rows gone, their objects doomed but present.
    const catalog = await openCatalog(run.catalog);
    try {
      const result = await catalog.writer.retention.doomOlderThan(Date.UTC(2023, 0, 1), Date.now());
      expect(result).toMatchObject({ volumes: 3, products: 0, objects: doomed });
    } finally {
      await catalog.close();
    }
    const crashed = await snapshot(run.catalog, objectsUrl(run.dataDir));
    expect(crashed.volumes).toEqual([]);
    expect(crashed.sourceFiles).toEqual([]);
    expect(crashed.missingObjects).toEqual([]);
    expect(Object.keys(crashed.objects).length).toBe(Object.keys(before.objects).length);

    const r = await runRadome(['ingest', 'cleanup', '--older-than', 'P7D'], run.env);
    expect(r.code, r.stderr).toBe(0);
    const after = await snapshot(run.catalog, objectsUrl(run.dataDir));
    expect(after.objects).toEqual({});
    expect(await query(run.catalog, 'SELECT * FROM doomed_objects')).toEqual([]);
    expect(await query(run.catalog, 'SELECT first_volume_at FROM radar_sites')).toEqual([{ first_volume_at: null }]);
  });
});
