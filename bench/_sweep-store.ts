/**
 * What the Level 2 sweep store (Zarr) costs at ingest, for `npm run bench -- zarr` and any bench
 * that quotes it (tiles): one real volume ingested on this thread as the daemon's pool thread and
 * main thread would (plan at the daemon's overlay size, durable object writes, catalog commit),
 * with the sweep store's own part timed apart: encoding it (the part of the plan that is the
 * store's) and putting its objects. Ingest puts a plan's objects in one putMany, the store's beside
 * the overlays (their flushes overlap on libuv's pool), so the put's extra is that put less one of
 * the overlays alone, into another folder, the two in alternating order. Medians of RADOME_BENCH_RUNS runs (default 5), of wall time
 * and of CPU time (user + system of the whole process, libuv's pool included: what a busy machine
 * charges, where wall time also counts waiting for the cores other processes hold).
 */
import { type Dirent, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { loadConfig } from '../core/config.js';
import { decodeArchiveII, MOMENTS } from '../ingest/decode/level2/index.js';
import { locationOf } from '../ingest/level2/plan.js';
import { encodeSweepStore } from '../ingest/level2/sweep-store.js';
import { level2ZarrPrefix } from '../ingest/level2/volume-id.js';
import { level2VolumeId, parseRadarSiteId } from '../core/vocabulary/index.js';
import { ingestPlanOf, planRadomeFile } from '../ingest/plan-file.js';
import { openCatalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/index.js';
import { readStoredSweep } from '../store/radar/sweep-store-read.js';
import { type FileSystemCosts, fileSystemCosts } from './_file-system-costs.js';
import { median, type BenchRow } from './harness.js';

const RUNS = Number(process.env.RADOME_BENCH_RUNS ?? 5);

export interface SweepStoreFigures {
  rows: BenchRow[];
  /** Per-run milliseconds of each part, for the JSON record. */
  runs: Record<string, number[]>;
}

export async function sweepStoreFigures(samplePath: string, runs = RUNS): Promise<SweepStoreFigures> {
  const bytes = new Uint8Array(readFileSync(samplePath));
  const renderSize = loadConfig(process.env).renderSize;
  const file = { source: 'bench', key: samplePath, size: bytes.length, fingerprint: 'bench' };
  const volume = decodeArchiveII(bytes);
  const id = level2VolumeId(parseRadarSiteId(volume.site, samplePath), volume.volumeStart);
  const prefix = level2ZarrPrefix(volume.site, volume.volumeStart, id);
  const location = locationOf(volume);
  const dir = mkdtempSync(join(tmpdir(), 'radome-bench-zarr-'));
  const parts: Record<string, number[]> = { plan: [], encode: [], putOverlays: [], putAll: [], commit: [], readSweep: [] };
  const cpuParts: Record<string, number[]> = { plan: [], encode: [], putOverlays: [], putAll: [], commit: [] };
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const { user, system } = process.cpuUsage(since);
    return (user + system) / 1000;
  };
  let storeBytes = 0;
  let storeObjects = 0;
  let storeFiles = { files: 0, folders: 0 };
  let overlayBytes = 0;
  let fileSystem: FileSystemCosts = { folderUs: NaN, fileUs: NaN, flushMs: NaN };
  try {
    fileSystem = fileSystemCosts(join(dir, 'probe'));
    for (let run = -1; run < runs; run++) {
      const objects = new FileObjectStore(join(dir, `objects-${run}`));
      const overlaysOnly = new FileObjectStore(join(dir, `overlays-${run}`));
      const catalog = await openCatalog(join(dir, `catalog-${run}.db`));
      let c = process.cpuUsage();
      let t = performance.now();
      const plain = planRadomeFile(bytes, file, { renderSize, ingestedAt: Date.now() });
      const plan = performance.now() - t;
      const planCpu = cpuMs(c);
      c = process.cpuUsage();
      t = performance.now();
      encodeSweepStore(prefix, volume, id, location);
      const encode = performance.now() - t;
      const encodeCpu = cpuMs(c);
      const plan_ = ingestPlanOf(plain);
      const inStore = plan_.objects.filter((o) => o.key.startsWith(`${prefix}/`));
      const overlays = plan_.objects.filter((o) => !o.key.startsWith(`${prefix}/`));
      const timedPut = async (store: FileObjectStore, put: typeof plan_.objects): Promise<[wall: number, cpu: number]> => {
        const c0 = process.cpuUsage();
        const t0 = performance.now();
        await store.putMany(put);
        return [performance.now() - t0, cpuMs(c0)];
      };
      const overlaysFirst = run % 2 === 0;
      const first = await timedPut(overlaysFirst ? overlaysOnly : objects, overlaysFirst ? overlays : plan_.objects);
      const second = await timedPut(overlaysFirst ? objects : overlaysOnly, overlaysFirst ? plan_.objects : overlays);
      const [putOverlays, putOverlaysCpu] = overlaysFirst ? first : second;
      const [putAll, putAllCpu] = overlaysFirst ? second : first;
      c = process.cpuUsage();
      t = performance.now();
      await catalog.writer.retention.commitDoomingReplaced(plan_.kind, plan_.id, Date.now(), (writer) => plan_.commit(writer, { ...file, ingestedAt: Date.now() }));
      const commit = performance.now() - t;
      const commitCpu = cpuMs(c);
      await catalog.close();
      // One moment of one sweep read cold (a fresh reader: no metadata cached), as a tile needs it.
      t = performance.now();
      await readStoredSweep(objects, prefix, 0, ['REF']);
      const readSweep = performance.now() - t;
      storeBytes = inStore.reduce((n, o) => n + o.body.length, 0);
      storeObjects = inStore.length;
      storeFiles = filesUnder(join(dir, `objects-${run}`, prefix));
      overlayBytes = overlays.reduce((n, o) => n + o.body.length, 0);
      if (run < 0) continue; // warm-up
      Object.entries({ plan, encode, putOverlays, putAll, commit, readSweep }).forEach(([k, v]) => parts[k]!.push(v));
      Object.entries({
        plan: planCpu,
        encode: encodeCpu,
        putOverlays: putOverlaysCpu,
        putAll: putAllCpu,
        commit: commitCpu,
      }).forEach(([k, v]) => cpuParts[k]!.push(v));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const m = (k: string): number => median(parts[k]!);
  const today = m('plan') - m('encode') + m('putOverlays') + m('commit');
  const extra = m('encode') + m('putAll') - m('putOverlays');
  const cpu = (k: string): number => median(cpuParts[k]!);
  const todayCpu = cpu('plan') - cpu('encode') + cpu('putOverlays') + cpu('commit');
  const extraCpu = cpu('encode') + cpu('putAll') - cpu('putOverlays');
  const rows: BenchRow[] = [
    { metric: 'ingest of one volume without the sweep store (plan less encode + put overlays + commit), wall / CPU', unit: 'ms', radome: `${today.toFixed(0)} / ${todayCpu.toFixed(0)}` },
    { metric: 'sweep store: encode (zlib streams: gate codes by deflateRuns) in the plan, wall / CPU', unit: 'ms', radome: `${m('encode').toFixed(1)} / ${cpu('encode').toFixed(1)}` },
    {
      metric: `sweep store: its ${storeObjects} objects (durable; ${storeFiles.files} files, the rest hard links; ${storeFiles.folders} folders; ${process.env.UV_THREADPOOL_SIZE ?? 4} pool threads) put with the overlays, less the overlays alone, wall / CPU`,
      unit: 'ms',
      radome: `${(m('putAll') - m('putOverlays')).toFixed(1)} / ${(cpu('putAll') - cpu('putOverlays')).toFixed(1)}`,
      ratio: `${m('putAll').toFixed(1)} − ${m('putOverlays').toFixed(1)} ms wall`,
    },
    { metric: 'extra ingest time for the sweep store, wall', unit: '%', radome: (100 * extra) / today, target: '≤ 15' },
    { metric: 'extra ingest CPU time for the sweep store', unit: '%', radome: (100 * extraCpu) / todayCpu, target: '≤ 15' },
    {
      metric: `this file system (${dir.slice(0, dir.lastIndexOf('/')) || '/'}): a new folder / a new 14 kB file / a flush of one`,
      unit: 'µs / µs / ms',
      radome: `${fileSystem.folderUs.toFixed(0)} / ${fileSystem.fileUs.toFixed(0)} / ${fileSystem.flushMs.toFixed(2)}`,
    },
    { metric: 'sweep store bytes per volume', unit: 'MB', radome: storeBytes / 1e6 },
    { metric: 'sweep store bytes / raw Archive II bytes', unit: 'ratio', radome: storeBytes / bytes.length, ratio: `raw ${(bytes.length / 1e6).toFixed(2)} MB` },
    { metric: 'overlay PNG+JSON bytes per volume (for scale)', unit: 'MB', radome: overlayBytes / 1e6 },
    { metric: `readStoredSweep, sweep 0 REF, cold (${MOMENTS.length} moments stored)`, unit: 'ms', radome: m('readSweep') },
  ];
  return { rows, runs: { ...parts, ...Object.fromEntries(Object.entries(cpuParts).map(([k, v]) => [`${k}Cpu`, v])) } };
}

/** Files (distinct inodes: the file store hard-links a body repeated in a put) and folders under `dir`, itself included. */
function filesUnder(dir: string): { files: number; folders: number } {
  const inodes = new Set<number>();
  let folders = 0;
  const walk = (d: string): void => {
    folders++;
    for (const e of readdirSync(d, { withFileTypes: true }) as Dirent[]) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else inodes.add(lstatSync(path).ino);
    }
  };
  walk(dir);
  return { files: inodes.size, folders };
}
