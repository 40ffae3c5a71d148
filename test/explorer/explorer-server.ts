// A radome server for the explorer's browser tests and bench, over the real samples ingested
// through the real path (ingestObject): the KLOT Level 2 volume, three more KLOT frames made from
// it, a KLOT Level 3 N0H product and the YORK RINEX day; or an empty catalog.
//
// The sample set has one KLOT volume; an animation needs several. The extra frames are that
// volume's lowest cuts re-encoded by the project's own Archive II encoder 5, 10 and 15 minutes
// later with the radials turned by 20° each time, so each frame is real data and differs visibly.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import pino from 'pino';
import { nexradSiteLocation } from '../../core/nexrad-sites.js';
import { decodeArchiveII } from '../../ingest/decode/level2/index.js';
import type { Level2Volume, Moment } from '../../ingest/decode/level2/types.js';
import { ingestObject } from '../../ingest/ingest-object.js';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { postGraphql } from '../support/radar-fixture.js';
import type { ServerConfig } from '../../core/config.js';
import { createRadomeServer } from '../../server/index.js';
import { openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { FileObjectStore } from '../../store/objects/index.js';
import { encodeArchiveII, type MomentCodes, type Sweep31 } from '../fixtures/archive2-encoder.js';
import { repoRoot, sampleFile, skipReason } from '../sample-data.js';
import { MemorySource } from '../support/memory-source.js';
import { ReplayFiles, type ScheduledVolume } from '../support/replay-files.js';

export const SAMPLES = {
  level2: 'nexrad/level2/KLOT20220317_000842_V06',
  level3: 'nexrad/level3/LOT_N0H_2021_01_31_11_06_30',
  /** One-hour precipitation (inches): a Level 3 product with physical values, for the readout. */
  level3Values: 'nexrad/level3/LOT_N1P_2021_01_31_11_06_30',
  rinex: 'gnss/rinex/york0440.15d',
} as const;

/** Null when every sample is present, else the skip message naming the missing one. */
export function missingSamples(): string | null {
  const missing = Object.values(SAMPLES).find((rel) => !sampleFile(rel));
  return missing ? skipReason(missing) : null;
}

export interface ExplorerServer {
  url: string;
  /** Ingests more files while the server runs (as the daemon would). */
  ingest(files: Map<string, Uint8Array>): Promise<void>;
  /** POSTs a GraphQL query (the tests' independent check of what the page shows). */
  graphql<T = any>(query: string, variables?: Record<string, unknown>): Promise<{ data?: T; errors?: { message: string }[] }>;
  close(): Promise<void>;
}

const MINUTE = 60_000;

/** A KLOT frame `k` × 5 minutes after the real volume, turned by `k` × 20° (1–3 are in the sample server). */
export function retimedKlotFrame(k: number): Uint8Array {
  return retimedVolume(decodeArchiveII(new Uint8Array(readFileSync(sampleFile(SAMPLES.level2)!))), 5 * k * MINUTE, 20 * k);
}

/** The volume's cuts below 1° re-timed by `shiftMs` and turned by `turnDeg`, as a new Archive II file. */
function retimedVolume(volume: Level2Volume, shiftMs: number, turnDeg: number): Uint8Array {
  const sweeps31: Sweep31[] = volume.sweeps
    .filter((s) => s.elevationAngle < 1)
    .map((s) => {
      const moments: Partial<Record<Moment, MomentCodes>> = {};
      for (const [name, grid] of Object.entries(s.moments)) {
        moments[name as Moment] = { codes: grid.codes, gates: grid.gateCount, scale: grid.scale, offset: grid.offset, firstGateM: grid.firstGateKm * 1000, gateSpacingM: grid.gateSpacingKm * 1000 };
      }
      return {
        elevationNumber: s.elevationNumber,
        elevationAngle: s.elevationAngle,
        azimuthSpacing: s.azimuthSpacing === 1 ? 1 : 0.5,
        azimuths: s.azimuths.map((a) => (a + turnDeg) % 360),
        times: s.times.map((t) => t + shiftMs),
        moments,
      };
    });
  return encodeArchiveII({ site: volume.site, volumeStart: volume.volumeStart + shiftMs, vcp: volume.vcp ?? 212, location: volume.location ?? undefined, compression: 'none', sweeps31 });
}

let replayFiles: ReplayFiles | null = null;

/** The national replay's files from the real sample's cuts below 1° (decoded once). */
function replay(): ReplayFiles {
  replayFiles ??= new ReplayFiles(readFileSync(sampleFile(SAMPLES.level2)!), 1);
  return replayFiles;
}

/** A volume slot of a real NEXRAD site starting at `start` (epoch ms, whole seconds), as the national replay schedules them. */
function slotOf(siteId: string, start: number): ScheduledVolume {
  const location = nexradSiteLocation(siteId);
  if (!location) throw new Error(`${siteId} is not a NEXRAD site`);
  const site = { id: siteId, latitude: location.latitude, longitude: location.longitude, heightM: location.heightM ?? 0, vcp: 212, volumeMs: 270_000, phaseMs: 0 };
  const key = level2KeyFor(siteId, start);
  return { site, start, end: start + site.volumeMs, id: key.slice(key.lastIndexOf('/') + 1, -'_V06'.length), key, chunkFolder: 1 };
}

/** The real KLOT volume's low cuts re-sited to `siteId` (its id and location) and re-timed to `start`, by the project's Archive II encoder. */
export function resitedVolume(siteId: string, start: number): Uint8Array {
  return replay().archive(slotOf(siteId, start));
}

/** An N0H (hydrometeor classes) or DAA (accumulation) product of `siteId` scanned at `start`, by the project's Level 3 encoder. */
export function level3ProductAt(siteId: string, mnemonic: 'N0H' | 'DAA', start: number): Uint8Array {
  return replay().level3(slotOf(siteId, start), mnemonic);
}

/** Builds dist/explorer from the sources (by path: this file also runs compiled, from dist/test, in the bench). */
async function buildExplorer(): Promise<void> {
  const build = (await import(pathToFileURL(join(repoRoot, 'scripts', 'build-explorer.mjs')).href)) as typeof import('../../scripts/build-explorer.mjs');
  await build.buildExplorer({ quiet: true });
}

export interface IngestedCatalog {
  dir: string;
  catalogPath: string;
  objectsDir: string;
}

/** Ingests `files` into a new catalog and object store under a temporary folder. */
async function ingestInto(files: Map<string, Uint8Array>): Promise<IngestedCatalog> {
  const dir = mkdtempSync(join(tmpdir(), 'radome-explorer-'));
  const target = { dir, catalogPath: join(dir, 'catalog.db'), objectsDir: join(dir, 'objects') };
  await ingestMore(target, files);
  return target;
}

async function ingestMore({ catalogPath, objectsDir }: IngestedCatalog, files: Map<string, Uint8Array>): Promise<void> {
  const objects = new FileObjectStore(objectsDir, { durable: false });
  const source = new MemorySource();
  for (const [key, bytes] of files) source.files.set(key, bytes);
  const writer = await openCatalog(catalogPath);
  try {
    const ctx = { catalog: writer, objects, renderSize: 1024, log: pino({ level: 'silent' }) };
    for (const key of source.files.keys()) {
      const outcome = await ingestObject(ctx, source, source.object(key));
      if (outcome.status !== 'ingested') throw new Error(`ingesting ${key}: ${outcome.status === 'failed' ? outcome.error.message : outcome.status}`);
    }
  } finally {
    await writer.close();
  }
}

async function serve(files: Map<string, Uint8Array>, config?: Partial<ServerConfig>): Promise<ExplorerServer> {
  await buildExplorer();
  const ingested = await ingestInto(files);
  const { dir, catalogPath, objectsDir } = ingested;
  const objects = new FileObjectStore(objectsDir, { durable: false });
  const catalog = await openReadOnlyCatalog(catalogPath);
  const listening = await createRadomeServer({ catalog: catalog.reader, objects, onError: (e) => console.error(e), config }).listen(0, '127.0.0.1');
  return {
    url: listening.url,
    ingest: (more) => ingestMore(ingested, more),
    graphql: async (query, variables) => (await postGraphql(`${listening.url}/graphql`, query, variables)).body as never,
    async close() {
      await listening.close();
      await catalog.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The samples' files by key (call only when missingSamples() is null). */
function sampleFiles(): Map<string, Uint8Array> {
  const read = (rel: string) => new Uint8Array(readFileSync(sampleFile(rel)!));
  const real = read(SAMPLES.level2);
  const volume = decodeArchiveII(real);
  const files = new Map<string, Uint8Array>([['KLOT20220317_000842_V06', real]]);
  for (const k of [1, 2, 3]) files.set(`KLOT-retimed-${k}`, retimedVolume(volume, 5 * k * MINUTE, 20 * k));
  files.set('LOT_N0H_2021_01_31_11_06_30', read(SAMPLES.level3));
  files.set('LOT_N1P_2021_01_31_11_06_30', read(SAMPLES.level3Values));
  files.set('york0440.15d', read(SAMPLES.rinex));
  return files;
}

/** The samples ingested and served (call only when missingSamples() is null). */
export function startExplorerServer(): Promise<ExplorerServer> {
  return serve(sampleFiles());
}

/** The explorer built and the samples ingested, for a server in another process (the bench). */
export async function prepareExplorerSamples(): Promise<IngestedCatalog> {
  await buildExplorer();
  return ingestInto(sampleFiles());
}

/** Real KLOT volumes re-sited to each of `sites`, all scanned at `start`, ingested and served: a multi-site mosaic. */
export function startResitedExplorerServer(sites: readonly string[], start: number): Promise<ExplorerServer> {
  return serve(new Map(sites.map((site) => [`${site}-resited`, resitedVolume(site, start)])));
}

/** A server over an empty catalog (with server settings, e.g. from loadServerConfig). */
export function startEmptyExplorerServer(config?: Partial<ServerConfig>): Promise<ExplorerServer> {
  return serve(new Map(), config);
}
