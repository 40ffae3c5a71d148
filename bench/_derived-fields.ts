/**
 * Rainfall and swath figures for `npm run bench -- radar-time`. The real KLOT volume is planned
 * and stored once (its Zarr sweep store in a file object store); the catalog then lists copies of
 * it, 5 min apart, all reading that store:
 * - a 24 h rainfall total for one site from 288 volumes (plus the one closing the window), cold
 *   (a fresh DerivedFields: every lowest REF cut read from the store and decompressed) and cached;
 * - a 1 h national swath from 160 sites, the same volume re-sited at each (the grid source
 *   answers each site's location), 12 volumes each.
 * The OS page cache holds the store's files after the first read: "cold" is radome's own caches.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { level2VolumeId, parseRadarSiteId, type SweepId } from '../core/vocabulary/index.js';
import { ingestPlanOf, planRadomeFile } from '../ingest/plan-file.js';
import { DerivedFields, type DerivedRequest } from '../server/radar-time/derived-fields.js';
import { createRadomeServer } from '../server/index.js';
import { StoredGridSource, type RadarGridSource } from '../server/tiles/grid-source.js';
import { RadarLayers } from '../server/tiles/radar-layers.js';
import { openCatalog, openReadOnlyCatalog, type Catalog } from '../store/catalog/index.js';
import { FileObjectStore } from '../store/objects/index.js';
import type { RadarSiteRow, SweepRow, VolumeRow } from '../store/catalog/index.js';
import { median, type BenchRow } from './harness.js';

const MIN = 60_000;
const HOUR = 3_600_000;
const T0 = Date.UTC(2024, 5, 1);
const NATIONAL_SITES = 160;

/** Copies of one stored volume at `site`, every 5 min from `start`, all reading its sweep store. */
async function commitCopies(catalog: Catalog, site: RadarSiteRow, volume: VolumeRow, sweeps: SweepRow[], start: number, count: number): Promise<void> {
  for (let k = 0; k < count; k++) {
    const scanStart = start + k * 5 * MIN;
    const shift = scanStart - volume.scanStart;
    const id = level2VolumeId(site.id, scanStart);
    const file = { source: 'bench', key: `${id}_V06`, fingerprint: id, size: 1, ingestedAt: T0 };
    await catalog.writer.radar.commitVolume({
      file,
      site,
      volume: { ...volume, id, site: site.id, scanStart, scanEnd: volume.scanEnd + shift, sourceKey: file.key, sourceFingerprint: id },
      sweeps: sweeps.map((s) => ({ ...s, id: `${id}/${s.id.split('/')[1]}` as SweepId, volumeId: id, site: site.id, startTime: s.startTime + shift, endTime: s.endTime + shift })),
    });
  }
}

/** Sites on a 16 × 10 grid over the CONUS, ~250 km apart. */
function nationalSites(): RadarSiteRow[] {
  return Array.from({ length: NATIONAL_SITES }, (_, k) => ({
    id: parseRadarSiteId(`Z${String.fromCharCode(65 + (Math.floor(k / 26) % 26))}${String.fromCharCode(65 + (k % 26))}${String.fromCharCode(65 + Math.floor(k / 676))}`, 'bench site'),
    latitude: 27 + Math.floor(k / 16) * 2.2,
    longitude: -122 + (k % 16) * 3.5,
    heightM: 300,
  }));
}

/** A grid source answering each sweep with its catalog site's location (one stored volume re-sited). */
function resited(inner: RadarGridSource, sites: Map<string, RadarSiteRow>): RadarGridSource {
  return {
    loadProduct: (row) => inner.loadProduct(row),
    async loadSweep(row, volume) {
      const loaded = await inner.loadSweep(row, volume);
      const site = sites.get(row.site)!;
      return { ...loaded, site: site.id, location: { latitude: site.latitude, longitude: site.longitude, heightM: site.heightM } };
    },
  };
}

async function timed<T>(fn: () => Promise<T>): Promise<{ ms: number; cpu: number; value: T }> {
  const [t0, c0] = [performance.now(), process.cpuUsage()];
  const value = await fn();
  const c = process.cpuUsage(c0);
  return { ms: performance.now() - t0, cpu: (c.user + c.system) / 1000, value };
}

export async function derivedFieldRows(samplePath: string, coldRuns = 3, cachedRuns = 21): Promise<BenchRow[]> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-bench-rain-'));
  try {
    const bytes = new Uint8Array(readFileSync(samplePath));
    const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
    const catalog = await openCatalog(join(dir, 'catalog.db'));
    const plan = ingestPlanOf(planRadomeFile(bytes, { source: 'bench', key: samplePath, size: bytes.length, fingerprint: 'bench' }, { renderSize: 256, ingestedAt: T0 }));
    await objects.putMany(plan.objects);
    await plan.commit(catalog.writer, { source: 'bench', key: samplePath, size: bytes.length, fingerprint: 'bench', ingestedAt: T0 });
    const real = (await catalog.reader.radar.volumes({}, { first: 1 })).rows[0]!;
    const realSweeps = (await catalog.reader.radar.sweepsForVolumes([real.id]))[0]!;
    const klot = (await catalog.reader.radar.sitesByIds([real.site]))[0]!;
    // 24 h at KLOT: 289 volumes so the last trapezoid closes the window.
    await commitCopies(catalog, klot, real, realSweeps, T0, 289);
    const national = nationalSites();
    for (const site of national) await commitCopies(catalog, site, real, realSweeps, T0, 12);
    await catalog.close();

    const reader = await openReadOnlyCatalog(join(dir, 'catalog.db'));
    const stored = new StoredGridSource(objects);
    const fresh = () => new DerivedFields(new RadarLayers(reader.reader, resited(stored, new Map([klot, ...national].map((s) => [s.id, s]))), 64 * 1024 * 1024), 20, 512 * 1024 * 1024);
    const rain: DerivedRequest = { kind: 'rainfall', from: T0, to: T0 + 24 * HOUR, sites: [klot.id], method: 'AUTO' };
    const cold: Array<{ ms: number; cpu: number }> = [];
    let derived = fresh();
    let volumes = 0;
    for (let run = 0; run < coldRuns; run++) {
      derived = fresh();
      const t = await timed(async () => {
        const field = await derived.field(rain);
        derived.statistics(field, null, [1, 10, 25]);
        return field;
      });
      volumes = t.value.sites[0]!.ids.length;
      cold.push(t);
    }
    const cached: number[] = [];
    for (let run = 0; run < cachedRuns; run++) {
      const t = await timed(async () => derived.statistics(await derived.field(rain), null, [1, 10, 25]));
      cached.push(t.ms);
    }
    // End to end over GraphQL (site and window checks, the catalog's site list, JSON), cached.
    const server = await createRadomeServer({ catalog: reader.reader, objects, radarGrids: resited(stored, new Map([[klot.id, klot]])) }).listen(0, '127.0.0.1');
    const body = JSON.stringify({
      query: `query($from: DateTimeISO!, $to: DateTimeISO!) { rainfall(from: $from, to: $to, sites: ["${klot.id}"]) { sites { count coveredFraction } statistics { mean max } tileJsonUrl } }`,
      variables: { from: new Date(rain.from).toISOString(), to: new Date(rain.to).toISOString() },
    });
    const post = async () => {
      const res = await fetch(`${server.url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await res.json()) as { data?: { rainfall: { sites: Array<{ count: number }> } } };
      if (json.data?.rainfall.sites[0]?.count !== volumes) throw new Error(`GraphQL gave ${JSON.stringify(json).slice(0, 300)}`);
    };
    const httpCold = await timed(post);
    const http: Array<{ ms: number; cpu: number }> = [];
    for (let run = 0; run < cachedRuns; run++) http.push(await timed(post));
    await server.close();

    const swathReq: DerivedRequest = { kind: 'swath', from: T0, to: T0 + HOUR, sites: national.map((s) => s.id).sort(), method: 'AUTO' };
    derived = fresh();
    const swath = await timed(async () => {
      const field = await derived.field(swathReq);
      derived.statistics(field, [-125, 24, -66, 50], [40, 50]);
      return field;
    });
    const swathSweeps = swath.value.sites.reduce((n, s) => n + s.ids.length, 0);
    await reader.close();
    const load = `load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`;
    return [
      {
        metric: `rainfall 24 h, one site, cold: ${volumes} lowest REF cuts read from the sweep store, Z-R, trapezoids, statistics, wall (median of ${coldRuns}; ${load})`,
        unit: 'ms',
        radome: median(cold.map((c) => c.ms)),
        target: '<= 3000 ms',
      },
      { metric: 'rainfall 24 h, one site, cold, CPU', unit: 'ms', radome: median(cold.map((c) => c.cpu)) },
      { metric: 'rainfall 24 h, one site, cached (field + statistics)', unit: 'ms', radome: median(cached), target: '<= 10 ms' },
      { metric: 'rainfall 24 h over GraphQL/HTTP, cold (a new server: its first request), wall', unit: 'ms', radome: httpCold.ms },
      { metric: 'rainfall 24 h over GraphQL/HTTP, cached, end to end, wall', unit: 'ms', radome: median(http.map((h) => h.ms)), target: '<= 10 ms' },
      { metric: 'rainfall 24 h over GraphQL/HTTP, cached, server + client CPU', unit: 'ms', radome: median(http.map((h) => h.cpu)) },
      { metric: `reflectivity swath 1 h, ${NATIONAL_SITES} re-sited sites (${swathSweeps} sweeps read) + CONUS statistics, cold, wall`, unit: 'ms', radome: swath.ms },
      { metric: 'reflectivity swath 1 h national, CPU', unit: 'ms', radome: swath.cpu },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
