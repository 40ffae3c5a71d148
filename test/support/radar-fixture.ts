// A small synthetic radar catalog (real SQLite file, real PNG and JSON objects in a file object
// store) and a radome server over it on 127.0.0.1:0, for server and SDK tests.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll } from 'vitest';
import { level2SweepId, level2VolumeId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import type { BBox, Corners } from '../../ingest/render/types.js';
import { type ReadOnlyCatalog, openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/file-store.js';
import type { RadarSiteRow, SweepRow, VolumeRow } from '../../store/catalog/index.js';
import { createRadomeServer, type RadomeServerOptions } from '../../server/index.js';
import { testCatalogLocation } from './test-catalog.js';

export const T0 = Date.UTC(2022, 2, 17, 0, 0, 0);
const VOLUME_EVERY_MS = 300_000;
const VOLUME_SCAN_MS = 270_000;
const CUT_MS = 20_000;

export const SITES: RadarSiteRow[] = [
  { id: parseRadarSiteId('KLOT', 'fixture'), latitude: 41.6045, longitude: -88.0847, heightM: 202 },
  { id: parseRadarSiteId('KILX', 'fixture'), latitude: 40.1505, longitude: -89.3368, heightM: 177 },
];
/** Volumes per site; KDVN-like sites with none are tested by asking for an absent id. */
export const VOLUME_COUNTS: Record<string, number> = { KLOT: 12, KILX: 4 };
/** Cuts of every volume: elevation angle and the moments recorded in it. */
export const CUTS = [
  { angle: 0.5, moments: ['REF', 'VEL', 'ZDR'] },
  { angle: 1.5, moments: ['REF', 'VEL'] },
] as const;
export const SWEEPS_PER_VOLUME = CUTS.reduce((n, c) => n + c.moments.length, 0);

function keyPrefix(site: string, start: number, id: string): string {
  const d = new Date(start).toISOString();
  return `radar/level2/${site}/${d.slice(0, 4)}/${d.slice(5, 7)}/${d.slice(8, 10)}/${id}`;
}

/** A small real PNG (RGBA), one colour per moment, so image loads can be checked. */
export function pngBytes(seed: number, size = 8): Uint8Array {
  const png = new PNG({ width: size, height: size });
  for (let i = 0; i < size * size; i++) {
    png.data[i * 4] = (seed * 53) & 255;
    png.data[i * 4 + 1] = (seed * 97 + i) & 255;
    png.data[i * 4 + 2] = 200;
    png.data[i * 4 + 3] = 255;
  }
  return new Uint8Array(PNG.sync.write(png));
}

function geometry(site: RadarSiteRow): { bbox: BBox; corners: Corners } {
  const [w, s, e, n] = [site.longitude - 2.5, site.latitude - 2, site.longitude + 2.5, site.latitude + 2];
  return {
    bbox: [w, s, e, n],
    corners: [
      [w, n],
      [e, n],
      [e, s],
      [w, s],
    ],
  };
}

export interface RadarFixture {
  dir: string;
  catalogPath: string;
  objects: FileObjectStore;
  volumes: VolumeRow[];
  sweeps: SweepRow[];
  /** Removes the temporary folder. */
  remove(): void;
}

export async function createRadarFixture(): Promise<RadarFixture> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-server-'));
  const catalogPath = await testCatalogLocation(join(dir, 'catalog.sqlite'));
  const objects = new FileObjectStore(join(dir, 'objects'), { durable: false });
  const catalog = await openCatalog(catalogPath);
  const volumes: VolumeRow[] = [];
  const sweeps: SweepRow[] = [];
  try {
    for (const [siteIndex, site] of SITES.entries()) {
      const { bbox, corners } = geometry(site);
      for (let v = 0; v < VOLUME_COUNTS[site.id]!; v++) {
        const scanStart = T0 + siteIndex * 120_000 + v * VOLUME_EVERY_MS;
        const id = level2VolumeId(site.id, scanStart);
        const sourceKey = `/data/${id}_V06`;
        const file = { source: 'local', key: sourceKey, fingerprint: `size:1000:${v}`, size: 1000, ingestedAt: T0 + 86_400_000 };
        const volume: VolumeRow = {
          id,
          site: site.id,
          scanStart,
          scanEnd: scanStart + VOLUME_SCAN_MS,
          vcp: 212,
          sweepCount: SWEEPS_PER_VOLUME,
          source: file.source,
          sourceKey,
          sourceSize: file.size,
          sourceFingerprint: file.fingerprint,
          ingestedAt: file.ingestedAt,
          zarrKey: null,
        };
        const volumeSweeps: SweepRow[] = [];
        for (const [c, cut] of CUTS.entries()) {
          for (const moment of cut.moments) {
            const name = `e${String(c + 1).padStart(2, '0')}-${moment}`;
            const prefix = `${keyPrefix(site.id, scanStart, id)}/${name}`;
            const sweep: SweepRow = {
              id: level2SweepId(id, c + 1, moment),
              volumeId: id,
              site: site.id,
              elevationNumber: c + 1,
              elevationAngle: cut.angle,
              moment,
              startTime: scanStart + c * CUT_MS,
              endTime: scanStart + (c + 1) * CUT_MS,
              radialCount: 720,
              gateCount: 1832,
              firstGateKm: 2.125,
              gateSpacingKm: 0.25,
              imageKey: `${prefix}.png`,
              metadataKey: `${prefix}.json`,
              bbox,
              corners,
              sweepIndex: null,
            };
            await objects.put(sweep.imageKey, pngBytes(volumeSweeps.length + v), 'image/png');
            await objects.put(sweep.metadataKey, new TextEncoder().encode(JSON.stringify({ id: sweep.id, bbox, corners })), 'application/json');
            volumeSweeps.push(sweep);
          }
        }
        await catalog.writer.radar.commitVolume({ file, site, volume, sweeps: volumeSweeps });
        volumes.push(volume);
        sweeps.push(...volumeSweeps);
      }
    }
  } finally {
    await catalog.close();
  }
  return { dir, catalogPath, objects, volumes, sweeps, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServer {
  url: string;
  graphqlUrl: string;
  catalog: ReadOnlyCatalog;
  close(): Promise<void>;
}

/** A radome server over the fixture, read-only like production, on an ephemeral loopback port. */
export async function startTestServer(fixture: RadarFixture, options: Partial<RadomeServerOptions> = {}): Promise<TestServer> {
  const catalog = await openReadOnlyCatalog(fixture.catalogPath);
  let listening;
  try {
    listening = await createRadomeServer({ catalog: catalog.reader, objects: fixture.objects, ...options }).listen(0, '127.0.0.1');
  } catch (e) {
    await catalog.close();
    throw e;
  }
  return {
    url: listening.url,
    graphqlUrl: `${listening.url}/graphql`,
    catalog,
    async close() {
      await listening.close();
      await catalog.close();
    },
  };
}

/** POSTs a GraphQL request and returns the HTTP status and parsed body. */
export async function postGraphql(
  url: string,
  query: string,
  variables: Record<string, unknown> = {},
): Promise<{ status: number; body: { data?: any; errors?: { message: string; extensions?: { code?: string } }[] } }> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  return { status: res.status, body: (await res.json()) as any };
}

/**
 * For a test file: the fixture and a server over it, made before the file's tests and removed
 * after them. Read `.fixture` / `.server` inside tests (they exist once beforeAll has run).
 */
export function useFixtureServer(options: Partial<RadomeServerOptions> = {}): { readonly fixture: RadarFixture; readonly server: TestServer } {
  const state: { fixture?: RadarFixture; server?: TestServer } = {};
  beforeAll(async () => {
    state.fixture = await createRadarFixture();
    state.server = await startTestServer(state.fixture, options);
  });
  afterAll(async () => {
    await state.server?.close();
    state.fixture?.remove();
  });
  return {
    get fixture() {
      return state.fixture!;
    },
    get server() {
      return state.server!;
    },
  };
}
