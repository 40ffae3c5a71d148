// The national replay (issue 23): NOAA's Level 2, Level 2 chunks and Level 3 buckets stood in for
// by s3rver on 127.0.0.1, filled on the real schedule with volumes made from the real KLOT sample
// re-sited by the project's own encoders to the real NEXRAD sites, while the real `radome start`
// (daemon + server) follows every site. Used at full size by `npm run bench -- national` and at
// small size by test/e2e/national-replay.test.ts; this module runs it and measures it, callers
// print or assert.
import { PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { PUBLIC_LEVEL2_BUCKET, PUBLIC_LEVEL3_BUCKET } from '../../core/config.js';
import { nexradSiteIds, nexradSiteLocation } from '../../core/nexrad-sites.js';
import { PUBLIC_LEVEL2_CHUNKS_BUCKET } from '../../core/source-settings.js';
import { FULL_RELIST_MS } from '../../ingest/sources/incremental-listing.js';
import { level2KeyFor } from '../../ingest/sources/level2-keys.js';
import { level3KeyFor } from '../../ingest/sources/level3-keys.js';
import { startRadome } from '../e2e/radome-process.js';
import { level2ChunkKeyFor } from './bucket-keys.js';
import { startCountingProxy, type ListCall } from './counting-proxy.js';
import { ReplayFiles, siteHash, type ReplaySite, type ScheduledVolume } from './replay-files.js';
import { startReplayEncoder, type EncodeRequest, type ReplayEncoder } from './replay-encoder.js';
import { S3RVER_CREDENTIALS, s3TestClient, startS3Server } from './s3-server.js';

export const LEVEL2_SAMPLE = 'nexrad/level2/KLOT20220317_000842_V06';

/** The buckets, under their public names. */
export const REPLAY_BUCKETS = { level2: PUBLIC_LEVEL2_BUCKET, chunks: PUBLIC_LEVEL2_CHUNKS_BUCKET, level3: PUBLIC_LEVEL3_BUCKET } as const;

/** Volume coverage patterns as the network runs them, with a volume's length. */
const VCPS = [
  { vcp: 212, volumeMs: 270_000, share: 0.6 }, // precipitation, ~4.5 min
  { vcp: 215, volumeMs: 360_000, share: 0.2 }, // precipitation, ~6 min
  { vcp: 35, volumeMs: 420_000, share: 0.2 }, // clear air, ~7 min
] as const;

/** ~46,000 Level 2 volumes a day from the whole network. */
export const NETWORK_VOLUMES_PER_SECOND = 0.53;

/** `count` real NEXRAD sites spread over the table (all of them by default), each with its VCP and phase. */
export function replaySites(count = Number.POSITIVE_INFINITY): ReplaySite[] {
  const ids = nexradSiteIds().sort();
  const n = Math.min(count, ids.length);
  const picked = Array.from({ length: n }, (_, i) => ids[Math.floor((i * ids.length) / n)]!);
  return picked.map((id) => {
    const h = siteHash(id);
    const u = (h % 1000) / 1000;
    let acc = 0;
    const pattern = VCPS.find((p) => (acc += p.share) > u) ?? VCPS[0];
    const location = nexradSiteLocation(id)!;
    return { id, latitude: location.latitude, longitude: location.longitude, heightM: location.heightM ?? 0, vcp: pattern.vcp, volumeMs: pattern.volumeMs, phaseMs: (h >>> 10) % pattern.volumeMs };
  });
}

/** Every volume of `sites` that ends in (from, to], by end time. */
export function replaySchedule(sites: readonly ReplaySite[], from: number, to: number): ScheduledVolume[] {
  const volumes: ScheduledVolume[] = [];
  for (const site of sites) {
    let n = 0;
    for (let start = from - site.phaseMs; start < to; start += site.volumeMs, n++) {
      const s = Math.floor(start / 1000) * 1000;
      const end = s + site.volumeMs;
      if (end <= from || end > to) continue;
      const key = level2KeyFor(site.id, s);
      volumes.push({ site, start: s, end, id: key.slice(key.lastIndexOf('/') + 1, -'_V06'.length), key, chunkFolder: (n % 999) + 1 });
    }
  }
  return volumes.sort((a, b) => a.end - b.end);
}

/** Simulated time: `speed` simulated ms per wall ms from `wallStart`. */
export class ReplayClock {
  constructor(
    readonly simStart: number,
    readonly speed: number,
    readonly wallStart = Date.now(),
  ) {}

  wallAt(sim: number): number {
    return this.wallStart + (sim - this.simStart) / this.speed;
  }
}

export type PublishedKind = 'level2' | 'chunk' | 'level3';

export interface Published {
  kind: PublishedKind;
  key: string;
  volumeId: string;
  site: string;
  /** Wall ms when the object's PUT finished (it could be listed from then on). */
  at: number;
  /** Wall ms when it was due (the replayer's lateness is at − due). */
  due: number;
  /** The last object of its volume in its bucket (the archive file; the end chunk). */
  last: boolean;
  bytes: number;
}

interface ReplayEvent {
  sim: number;
  kind: PublishedKind;
  bucket: string;
  key: string;
  volume: ScheduledVolume;
  last: boolean;
  request: EncodeRequest;
}

/** How far ahead of its due time (wall ms) a file is made. */
const ENCODE_AHEAD_MS = 30_000;

/**
 * Publishes the schedule as NOAA's buckets do: each chunk when its radials are done (every few
 * seconds), the archive file when the volume ends, Level 3 products a few seconds later. Files
 * are made on the encoder's thread (this one only waits) up to ENCODE_AHEAD_MS of wall time
 * before they are due: made only when due, a busy moment of the machine made the replayer itself
 * publish late (a 1× hour once fell 28 min behind), which is not what the daemon is measured on.
 * Memory holds the files of that window (about 16 volumes at 1× for all sites).
 */
export class NationalReplayer {
  readonly published: Published[] = [];
  /** CPU ms spent making files (the replayer's own cost, not the daemon's). */
  encodeCpuMs = 0;

  constructor(
    private readonly client: S3Client,
    private readonly encoder: ReplayEncoder,
    private readonly chunkCount: number,
    private readonly clock: ReplayClock,
    private readonly options: { products: readonly ('N0H' | 'DAA')[]; chunkSites: ReadonlySet<string> },
  ) {}

  private events(schedule: readonly ScheduledVolume[]): ReplayEvent[] {
    const events: ReplayEvent[] = [];
    for (const v of schedule) {
      events.push({ sim: v.end, kind: 'level2', bucket: REPLAY_BUCKETS.level2, key: v.key, volume: v, last: true, request: { kind: 'level2', volume: v } });
      for (const p of this.options.products) {
        events.push({
          sim: v.end + 5_000,
          kind: 'level3',
          bucket: REPLAY_BUCKETS.level3,
          key: level3KeyFor(v.site.id, p, v.start),
          volume: v,
          last: true,
          request: { kind: 'level3', volume: v, mnemonic: p },
        });
      }
      if (this.options.chunkSites.has(v.site.id)) events.push(...this.chunkEvents(v));
    }
    return events.sort((a, b) => a.sim - b.sim);
  }

  /** A volume's chunks, made when its first is due, spread evenly over the scan (a few seconds apart); the end chunk at its end. */
  private chunkEvents(v: ScheduledVolume): ReplayEvent[] {
    const count = this.chunkCount;
    return Array.from({ length: count }, (_, seq) => {
      const type = seq === 0 ? 'S' : seq === count - 1 ? 'E' : 'I';
      return {
        sim: v.start + Math.round(((v.end - v.start) * seq) / (count - 1)),
        kind: 'chunk' as const,
        bucket: REPLAY_BUCKETS.chunks,
        key: level2ChunkKeyFor(v.site.id, v.chunkFolder, v.start, seq + 1, type),
        volume: v,
        last: type === 'E',
        request: { kind: 'chunk', volume: v, seq },
      };
    });
  }

  /** Publishes every event on the clock; stops early when `signal` aborts. */
  async run(schedule: readonly ScheduledVolume[], signal: AbortSignal): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    const events = this.events(schedule);
    const made = new Map<ReplayEvent, Promise<{ bytes: Uint8Array; cpuMs: number }>>();
    let ahead = 0;
    for (let next = 0; next < events.length && !signal.aborted; ) {
      for (; ahead < events.length && this.clock.wallAt(events[ahead]!.sim) <= Date.now() + ENCODE_AHEAD_MS; ahead++) {
        const file = this.encoder.make(events[ahead]!.request);
        file.catch(() => undefined); // awaited (and thrown) by its publish; not unhandled meanwhile
        made.set(events[ahead]!, file);
      }
      const e = events[next]!;
      const due = this.clock.wallAt(e.sim);
      const wait = due - Date.now();
      // Wake at least every half window, to keep making files ahead through a long quiet spell.
      if (wait > 0) {
        await new Promise((r) => setTimeout(r, Math.min(wait, ENCODE_AHEAD_MS / 2)));
        continue;
      }
      next++;
      const file = made.get(e)!;
      made.delete(e);
      const task = this.publish(e, file, due).finally(() => inFlight.delete(task));
      inFlight.add(task);
      while (inFlight.size >= 8) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  }

  private async publish(e: ReplayEvent, file: Promise<{ bytes: Uint8Array; cpuMs: number }>, due: number): Promise<void> {
    const { bytes: body, cpuMs } = await file;
    this.encodeCpuMs += cpuMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(new PutObjectCommand({ Bucket: e.bucket, Key: e.key, Body: body }));
        break;
      } catch (err) {
        // s3rver on a loaded machine drops a connection now and then; NOAA's buckets do not lose files.
        if (attempt === 5) throw err;
        await new Promise((r) => setTimeout(r, 200 * attempt));
      }
    }
    this.published.push({ kind: e.kind, key: e.key, volumeId: e.volume.id, site: e.volume.site.id, at: Date.now(), due, last: e.last, bytes: body.length });
  }
}

export interface NationalReplayOptions {
  /** Real NEXRAD sites followed (all 162 by default). */
  sites?: number;
  simulatedMinutes: number;
  /** Simulated seconds per wall second. */
  speed: number;
  /** Cuts of the sample used, degrees (all by default; tests use the lowest ones). */
  maxElevation?: number;
  products?: ('N0H' | 'DAA')[];
  /** Sites whose chunks are published and followed (level2-chunks), the first of the list. */
  chunkSites?: number;
  /** The daemon's pass interval for the Level 2 and Level 3 buckets, seconds. */
  intervalSeconds?: number;
  /** Wall time allowed after the last publish for the daemon to catch up. */
  settleMs?: number;
  /**
   * The daemon's retention (RADOME_RETENTION), wall minutes: rows of volumes and products older
   * go during the replay, and files older are not ingested. Default at 1×: half the simulated
   * duration (the first half's volumes expire during the second); faster, off (0), since the
   * replay then names its first volumes up to its simulated duration in the past.
   */
  retentionMinutes?: number;
  /** How often retention runs (RADOME_RETENTION_EVERY), wall seconds; default a twelfth of the run's wall time (at least 2 s). */
  retentionEverySeconds?: number;
  progress?: (line: string) => void;
}

export interface ResourceSample {
  at: number;
  rssBytes: number;
  cpuMs: number;
}

export interface NationalReplayReport {
  options: Required<Omit<NationalReplayOptions, 'progress'>>;
  sites: ReplaySite[];
  schedule: ScheduledVolume[];
  sweepsPerVolume: number;
  wallStart: number;
  /** When the last object was published. */
  publishEnd: number;
  published: Published[];
  encodeCpuMs: number;
  /** Source key → wall ms of each `ingested …` the daemon logged (several when ingested again). */
  ingested: Map<string, number[]>;
  /** Volume id → wall ms of the daemon's `closed real-time volume`. */
  chunksClosed: Map<string, number>;
  /** At the end, through GraphQL: volume id → sweep rows; product ids. */
  queryableVolumes: Map<string, number>;
  queryableSweeps: number;
  queryableProducts: Set<string>;
  /** Duplicate volume or product ids GraphQL returned. */
  duplicateIds: string[];
  lists: ListCall[];
  /** The radome process (daemon + server), sampled each second. */
  resources: ResourceSample[];
  catalogBytes: { start: number; end: number };
  /** Bytes in the object store (PNG, JSON, Zarr…) at the end. */
  objectBytes: number;
  /** GraphQL queries answered meanwhile: wall ms each took. */
  queryMs: number[];
  loadAverage: { start: number[]; end: number[] };
  errorLines: string[];
  /** Each file the daemon committed: when (wall ms), and how long its catalog commit took, waiting for the writer included. */
  commits: { at: number; ms: number }[];
  /** The daemon's retention passes that removed rows. */
  retentionPasses: RetentionPass[];
}

export interface RetentionPass {
  /** Wall ms it ended (logged). */
  at: number;
  /** Its row removal's wall time (batches and the pauses between them). */
  passMs: number;
  /** Its longest batch: the longest it held the catalog's writer. */
  longestBatchMs: number;
  volumes: number;
  products: number;
  batches: number;
  /** Rows of volumes and products scanned before this went. */
  cutoff: number;
}

/** What the harness reads of the daemon's JSON log lines. */
interface LogEntry {
  time: number;
  level: number;
  msg: string;
  key?: string;
  id?: string;
  commitMs?: number;
  passMs?: number;
  longestBatchMs?: number;
  volumes?: number;
  products?: number;
  batches?: number;
  cutoff?: string;
}

const CLOCK_TICK_MS = 10; // /proc stat's utime and stime are in USER_HZ (100 Hz on Linux)

function processSample(pid: number): ResourceSample | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuMs = (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return { at: Date.now(), rssBytes: Number(rss?.[1] ?? 0) * 1024, cpuMs };
  } catch {
    return null;
  }
}

function catalogSize(dir: string): number {
  let n = 0;
  for (const f of ['catalog.db', 'catalog.db-wal']) {
    try {
      n += statSync(join(dir, f)).size;
    } catch {
      // absent until the first write
    }
  }
  return n;
}

function folderBytes(dir: string): number {
  try {
    // statSync's throwIfNoEntry: retention may delete a file between the listing and its stat.
    return readdirSync(dir, { recursive: true, withFileTypes: true }).reduce((n, e) => (e.isFile() ? n + (statSync(join(e.parentPath, e.name), { throwIfNoEntry: false })?.size ?? 0) : n), 0);
  } catch {
    return 0;
  }
}

/**
 * One GraphQL request. The server limits a client's rate (50/s): the read-back at the end, which
 * asks back to back for 162 sites, waits and asks again when told to (the first full-size 1× run
 * died there after its hour, printing nothing).
 */
async function graphql<T>(url: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const res = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
    const body = (await res.json()) as { data?: T; errors?: { message: string }[] };
    if (body.data && !body.errors?.length) return body.data;
    const message = body.errors?.map((e) => e.message).join('; ') ?? String(res.status);
    if (res.status !== 429 && !/too many requests/i.test(message)) throw new Error(`GraphQL: ${message}`);
    if (attempt === 20) throw new Error(`GraphQL: still rate-limited after ${attempt} tries: ${message}`);
    await new Promise((r) => setTimeout(r, 1100));
  }
}

type Page = { edges: { node: { id: string; sweepCount?: number } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
const VOLUMES_QUERY = `query ($site: String!, $after: String) { volumes(filter: { site: $site }, first: 500, after: $after) { edges { node { id sweepCount } } pageInfo { hasNextPage endCursor } } }`;
const PRODUCTS_QUERY = `query ($site: String!, $after: String) { products(filter: { site: $site }, first: 500, after: $after) { edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
const SWEEP_COUNT_QUERY = `query ($site: String!) { sweeps(filter: { site: $site }, first: 1) { totalCount } }`;

const LIVE_QUERY = `query ($site: String!) { volumes(filter: { site: $site }, first: 5) { edges { node { id scanStart sweepCount } } } sweeps(filter: { site: $site }, first: 20) { totalCount edges { node { id imageUrl } } } }`;

/**
 * Runs the replay: s3rver (behind a counting proxy) with the three buckets, `radome start` with the
 * daemon following every site through the proxy, the replayer on its clock, a client querying
 * the server meanwhile; then waits for the daemon to catch up and reads everything back through
 * GraphQL. Cleans up after itself.
 */
export async function runNationalReplay(opts: NationalReplayOptions, sample: Uint8Array): Promise<NationalReplayReport> {
  const options = {
    sites: opts.sites ?? nexradSiteIds().length,
    simulatedMinutes: opts.simulatedMinutes,
    speed: opts.speed,
    maxElevation: opts.maxElevation ?? 90,
    products: opts.products ?? ['N0H'],
    chunkSites: opts.chunkSites ?? 0,
    intervalSeconds: opts.intervalSeconds ?? 15,
    settleMs: opts.settleMs ?? 180_000,
    retentionMinutes: opts.retentionMinutes ?? (opts.speed === 1 ? opts.simulatedMinutes / 2 : 0),
    retentionEverySeconds: opts.retentionEverySeconds ?? Math.max(2, Math.round((opts.simulatedMinutes * 60) / opts.speed / 12)),
  };
  const say = opts.progress ?? (() => undefined);
  const sites = replaySites(options.sites);
  const files = new ReplayFiles(sample, options.maxElevation);
  const encoder = startReplayEncoder(sample, options.maxElevation);
  const s3 = await startS3Server({ buckets: Object.values(REPLAY_BUCKETS) });
  const proxy = await startCountingProxy({ host: '127.0.0.1', port: s3.port });
  const dataDir = mkdtempSync(join(tmpdir(), 'radome-national-'));
  // The replayer writes to s3rver directly: the proxy counts the daemon's calls only.
  const client = s3TestClient(s3.endpoint);
  const simMs = options.simulatedMinutes * 60_000;
  // Every object is named in the past (as the real buckets' are), and the daemon's window covers the whole replay.
  const windowMinutes = Math.ceil(options.simulatedMinutes + 20);
  const siteList = sites.map((s) => s.id).join(',');
  const chunkSites = new Set(sites.slice(0, options.chunkSites).map((s) => s.id));
  const bucket = (prefix: string, name: string) => ({ [`${prefix}_BUCKET`]: name, [`${prefix}_ENDPOINT`]: proxy.endpoint, [`${prefix}_FORCE_PATH_STYLE`]: 'true' });
  const env: Record<string, string> = {
    RADOME_DATA_DIR: dataDir,
    RADOME_SOURCES: ['level2', 'level3', ...(chunkSites.size ? ['level2-chunks'] : [])].join(','),
    ...bucket('RADOME_LEVEL2', REPLAY_BUCKETS.level2),
    RADOME_LEVEL2_SITES: siteList,
    RADOME_LEVEL2_INTERVAL_SECONDS: String(options.intervalSeconds),
    RADOME_LEVEL2_WINDOW_MINUTES: String(windowMinutes),
    ...bucket('RADOME_LEVEL3', REPLAY_BUCKETS.level3),
    RADOME_LEVEL3_SITES: siteList,
    RADOME_LEVEL3_PRODUCTS: options.products.join(','),
    RADOME_LEVEL3_INTERVAL_SECONDS: String(options.intervalSeconds),
    RADOME_LEVEL3_WINDOW_MINUTES: String(windowMinutes),
    ...bucket('RADOME_LEVEL2_CHUNKS', REPLAY_BUCKETS.chunks),
    RADOME_LEVEL2_CHUNKS_SITES: [...chunkSites].join(',') || 'KLOT',
    RADOME_LEVEL2_CHUNKS_WINDOW_MINUTES: String(windowMinutes),
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'us-east-1',
    ...(options.retentionMinutes > 0 ? { RADOME_RETENTION: `PT${Math.round(options.retentionMinutes * 60)}S`, RADOME_RETENTION_EVERY: `PT${options.retentionEverySeconds}S` } : {}),
    LOG_LEVEL: 'info',
  };
  const ingested = new Map<string, number[]>();
  const chunksClosed = new Map<string, number>();
  const errorLines: string[] = [];
  const commits: { at: number; ms: number }[] = [];
  const retentionPasses: RetentionPass[] = [];
  const resources: ResourceSample[] = [];
  const queryMs: number[] = [];
  const loadStart = loadavg();
  const radome = await startRadome('start', env);
  let pending = '';
  radome.child.stderr!.on('data', (d: Buffer) => {
    pending += d.toString();
    const lines = pending.split('\n');
    pending = lines.pop()!;
    for (const line of lines) {
      if (!line.startsWith('{')) continue;
      const entry = JSON.parse(line) as LogEntry;
      if (entry.msg.startsWith('ingested ') && entry.key) {
        ingested.set(entry.key, [...(ingested.get(entry.key) ?? []), entry.time]);
        commits.push({ at: entry.time, ms: entry.commitMs ?? 0 });
      } else if (entry.msg.startsWith('retention removed ') && entry.cutoff)
        retentionPasses.push({
          at: entry.time,
          passMs: entry.passMs ?? 0,
          longestBatchMs: entry.longestBatchMs ?? 0,
          volumes: entry.volumes ?? 0,
          products: entry.products ?? 0,
          batches: entry.batches ?? 0,
          cutoff: Date.parse(entry.cutoff),
        });
      else if (entry.msg.startsWith('closed real-time volume') && entry.id) chunksClosed.set(entry.id, entry.time);
      if (entry.level >= 50 && errorLines.length < 50) errorLines.push(line);
    }
  });
  const pid = radome.child.pid!;
  const sampler = setInterval(() => {
    const s = processSample(pid);
    if (s) resources.push(s);
  }, 1000);
  const catalogStart = catalogSize(dataDir);
  const stopQueries = new AbortController();
  const querying = (async () => {
    for (let i = 0; !stopQueries.signal.aborted; i++) {
      const t = performance.now();
      await graphql(radome.url, LIVE_QUERY, { site: sites[i % sites.length]!.id }).catch(() => undefined);
      queryMs.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 1000));
    }
  })();
  const wallStart = Date.now();
  // Simulated time reaches wall time at the replay's end (at 1× they run together): every object
  // is named in the past, as the real buckets' are, and retention ages them as it would real ones.
  const clock = new ReplayClock(wallStart - simMs * (1 - 1 / options.speed), options.speed, wallStart);
  const schedule = replaySchedule(sites, clock.simStart, clock.simStart + simMs);
  say(`replaying ${schedule.length} volumes of ${sites.length} sites over ${options.simulatedMinutes} simulated min at ${options.speed}×`);
  const replayer = new NationalReplayer(client, encoder, files.chunkCount(), clock, { products: options.products, chunkSites });
  const progress = setInterval(() => {
    const last = replayer.published.at(-1);
    const late = last ? `, last published ${Math.round((last.at - last.due) / 1000)} s late` : '';
    say(`  ${replayer.published.length} objects published${late}, ${ingested.size} files ingested, rss ${Math.round((resources.at(-1)?.rssBytes ?? 0) / 2 ** 20)} MB`);
  }, 30_000);
  try {
    await replayer.run(schedule, new AbortController().signal);
    const publishEnd = Date.now();
    // Files older than retention keeps are not ingested (nor waited for).
    const startOf = new Map(schedule.map((v) => [v.id, v.start]));
    const retentionMs = options.retentionMinutes * 60_000;
    const kept = (p: Published) => retentionMs === 0 || startOf.get(p.volumeId)! >= Date.now() - retentionMs;
    const lastKeys = replayer.published.filter((p) => p.last && p.kind !== 'chunk');
    const closedWanted = schedule.filter((v) => chunkSites.has(v.site.id)).map((v) => v.id);
    while (Date.now() - publishEnd < options.settleMs && (lastKeys.some((p) => kept(p) && !ingested.has(p.key)) || closedWanted.some((id) => !chunksClosed.has(id)))) {
      await new Promise((r) => setTimeout(r, 500));
    }
    stopQueries.abort();
    await querying;
    const queryableVolumes = new Map<string, number>();
    const queryableProducts = new Set<string>();
    const duplicateIds: string[] = [];
    let queryableSweeps = 0;
    for (const site of sites) {
      queryableSweeps += (await graphql<{ sweeps: { totalCount: number } }>(radome.url, SWEEP_COUNT_QUERY, { site: site.id })).sweeps.totalCount;
      for (const [field, query] of [
        ['volumes', VOLUMES_QUERY],
        ['products', PRODUCTS_QUERY],
      ] as const) {
        let after: string | null = null;
        do {
          const data: Record<string, Page> = await graphql(radome.url, query, { site: site.id, after });
          for (const { node } of data[field]!.edges) {
            const seen = field === 'volumes' ? queryableVolumes.has(node.id) : queryableProducts.has(node.id);
            if (seen) duplicateIds.push(node.id);
            if (field === 'volumes') queryableVolumes.set(node.id, node.sweepCount ?? 0);
            else queryableProducts.add(node.id);
          }
          after = data[field]!.pageInfo.hasNextPage ? data[field]!.pageInfo.endCursor : null;
        } while (after);
      }
    }
    return {
      options,
      sites,
      schedule,
      sweepsPerVolume: files.sweepCount(),
      wallStart,
      publishEnd,
      published: replayer.published,
      encodeCpuMs: replayer.encodeCpuMs,
      ingested,
      chunksClosed,
      queryableVolumes,
      queryableSweeps,
      queryableProducts,
      duplicateIds,
      lists: proxy.lists,
      resources,
      catalogBytes: { start: catalogStart, end: catalogSize(dataDir) },
      objectBytes: folderBytes(join(dataDir, 'objects')),
      queryMs,
      loadAverage: { start: loadStart, end: loadavg() },
      errorLines,
      commits,
      retentionPasses,
    };
  } finally {
    clearInterval(progress);
    clearInterval(sampler);
    stopQueries.abort();
    await radome.stop();
    await encoder.close();
    client.destroy();
    await proxy.close();
    await s3.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export function percentiles(values: readonly number[]): Percentiles {
  const s = [...values].sort((a, b) => a - b);
  const at = (q: number) => (s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : Number.NaN);
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.length ? s.at(-1)! : Number.NaN };
}

export interface ReplaySummary {
  volumesPublished: number;
  volumesIngested: number;
  productsPublished: number;
  /** Volumes a wall second the replay offered, and the daemon ingested over the same span. */
  offeredPerSecond: number;
  ingestedPerSecond: number;
  /** Wall seconds from a volume's last object appearing to its commit (its sweeps queryable). */
  level2LagS: Percentiles;
  level3LagS: Percentiles;
  /** From a volume's end chunk appearing to its real-time volume closing. */
  chunkLagS: Percentiles;
  /**
   * How late the replayer published objects against their schedule, wall seconds. Well above the
   * pass interval, the machine could not replay at this speed (the replayer itself was starved)
   * and the lags above measure the replayer, not the daemon.
   */
  publishLateS: Percentiles;
  /** The radome process's CPU (daemon, workers, server) over the replay, per Level 2 volume. */
  cpuMsPerVolume: number;
  cpuSeconds: number;
  peakRssBytes: number;
  /** Mean RSS of the run's last quarter against its second quarter, as a fraction (0.05 = +5 %). */
  rssGrowth: number;
  /**
   * RSS's least-squares slope over the run after its first quarter (warming up: threads, caches,
   * SQLite's page cache), bytes a wall hour, and what it adds over that span as a fraction of its mean RSS.
   */
  rssSlopeBytesPerHour: number;
  rssSlopeOverRun: number;
  catalogBytesPerSimulatedHour: number;
  bytesPublishedPerVolume: number;
  /**
   * Published volumes or products retention should still keep (scanned at or after the latest
   * cutoff it applied) not queryable at the end (ids), or queryable with missing sweeps.
   */
  lost: string[];
  /** Volumes published at or after retention's latest cutoff (all of them without retention). */
  retainedVolumes: number;
  /** Volumes and products published but older than retention's latest cutoff (removed, or never ingested). */
  expired: number;
  retention: { passes: number; volumes: number; products: number; longestBatchMs: number; longestPassMs: number };
  /** Catalog commits of ingested files (writer wait included): all, and those that ended during a retention pass. */
  commitMs: Percentiles;
  commitMsDuringRetention: Percentiles;
  /** Ids queryable twice, files ingested more than once, or queryable ids nothing published. */
  duplicated: string[];
  listCalls: number;
  keysListed: number;
  /**
   * Level 2 and Level 3 bucket listings that read a prefix from its start again (no StartAfter)
   * after it had already returned keys, and the most any one prefix had.
   */
  relistsFromStart: number;
  /** Whole listings an hour or more after the prefix's previous one (by design, for late uploads). */
  hourlyRelists: number;
  maxRelistsOfOnePrefix: number;
  queryMs: Percentiles;
}

const productId = (site: string, mnemonic: string, time: number) => {
  const iso = new Date(time).toISOString();
  return `${site}_${mnemonic}_${iso.slice(0, 10).replaceAll('-', '')}_${iso.slice(11, 19).replaceAll(':', '')}`;
};

export function summarizeReplay(r: NationalReplayReport): ReplaySummary {
  const level2 = r.published.filter((p) => p.kind === 'level2');
  const level3 = r.published.filter((p) => p.kind === 'level3');
  const ends = r.published.filter((p) => p.kind === 'chunk' && p.last);
  const lag = (items: Published[], done: (p: Published) => number | undefined) => percentiles(items.flatMap((p) => (done(p) === undefined ? [] : [(done(p)! - p.at) / 1000])));
  const firstIngest = (key: string) => r.ingested.get(key)?.[0];
  const ingestedTimes = level2.flatMap((p) => r.ingested.get(p.key)?.slice(0, 1) ?? []);
  const spanS = (Math.max(...ingestedTimes, r.publishEnd) - r.wallStart) / 1000;
  const during = r.resources.filter((s) => s.at >= r.wallStart);
  const cpuMs = during.length > 1 ? during.at(-1)!.cpuMs - during[0]!.cpuMs : 0;
  const quarter = (k: number) => {
    const part = during.slice(Math.floor((k * during.length) / 4), Math.floor(((k + 1) * during.length) / 4));
    return part.reduce((n, s) => n + s.rssBytes, 0) / Math.max(1, part.length);
  };
  const lost: string[] = [];
  const lastCutoff = Math.max(Number.NEGATIVE_INFINITY, ...r.retentionPasses.map((p) => p.cutoff));
  const retained = r.schedule.filter((v) => v.start >= lastCutoff);
  for (const v of retained) {
    const sweeps = r.queryableVolumes.get(v.id);
    if (sweeps === undefined) lost.push(v.id);
    else if (sweeps !== r.sweepsPerVolume) lost.push(`${v.id} (${sweeps} of ${r.sweepsPerVolume} sweeps)`);
  }
  const productIds = new Set(r.schedule.flatMap((v) => r.options.products.map((m) => productId(v.site.id, m, v.start))));
  for (const v of retained) for (const m of r.options.products) if (!r.queryableProducts.has(productId(v.site.id, m, v.start))) lost.push(productId(v.site.id, m, v.start));
  const volumeIds = new Set(r.schedule.map((v) => v.id));
  const duplicated = [
    ...r.duplicateIds,
    ...[...r.ingested].filter(([, times]) => times.length > 1).map(([key]) => `${key} ingested ${r.ingested.get(key)!.length}×`),
    ...[...r.queryableVolumes.keys()].filter((id) => !volumeIds.has(id)),
    ...[...r.queryableProducts].filter((id) => !productIds.has(id)),
  ];
  // A prefix's whole listings after one that returned keys: the hourly one (FULL_RELIST_MS after the
  // daemon's cursor began, for late uploads) is by design; any sooner is a re-list StartAfter should
  // have saved. Listings from the start while the prefix was still empty resume a cursor with nothing
  // to start after, and the cursor's hour runs from its first listing. The proxy times a listing's
  // response, the daemon its start: a minute's slack between the two clocks.
  const relists = new Map<string, number>();
  const hourlyRelists = new Map<string, number>();
  const wholeAt = new Map<string, number>();
  const returnedKeys = new Set<string>();
  for (const l of r.lists) {
    if (l.bucket !== REPLAY_BUCKETS.level2 && l.bucket !== REPLAY_BUCKETS.level3) continue;
    const prefix = `${l.bucket}/${l.prefix}`;
    if (!wholeAt.has(prefix)) {
      wholeAt.set(prefix, l.at);
      relists.set(prefix, 0);
    } else if (l.startAfter === null && returnedKeys.has(prefix)) {
      if (l.at - wholeAt.get(prefix)! >= FULL_RELIST_MS - 60_000) hourlyRelists.set(prefix, (hourlyRelists.get(prefix) ?? 0) + 1);
      else relists.set(prefix, relists.get(prefix)! + 1);
      wholeAt.set(prefix, l.at);
    }
    if (l.keys > 0) returnedKeys.add(prefix);
  }
  const chunkVolume = new Map(r.schedule.map((v) => [v.id, v]));
  return {
    volumesPublished: level2.length,
    volumesIngested: ingestedTimes.length,
    productsPublished: level3.length,
    offeredPerSecond: level2.length / ((r.publishEnd - r.wallStart) / 1000),
    ingestedPerSecond: ingestedTimes.length / spanS,
    level2LagS: lag(level2, (p) => firstIngest(p.key)),
    level3LagS: lag(level3, (p) => firstIngest(p.key)),
    chunkLagS: lag(ends, (p) => (chunkVolume.has(p.volumeId) ? r.chunksClosed.get(p.volumeId) : undefined)),
    publishLateS: percentiles(r.published.map((p) => (p.at - p.due) / 1000)),
    cpuMsPerVolume: cpuMs / Math.max(1, ingestedTimes.length),
    cpuSeconds: cpuMs / 1000,
    peakRssBytes: Math.max(0, ...r.resources.map((s) => s.rssBytes)),
    rssGrowth: quarter(3) / quarter(1) - 1,
    ...rssSlope(during.slice(Math.floor(during.length / 4))),
    retainedVolumes: retained.length,
    expired: (r.schedule.length - retained.length) * (1 + r.options.products.length),
    retention: {
      passes: r.retentionPasses.length,
      volumes: r.retentionPasses.reduce((n, p) => n + p.volumes, 0),
      products: r.retentionPasses.reduce((n, p) => n + p.products, 0),
      longestBatchMs: Math.max(0, ...r.retentionPasses.map((p) => p.longestBatchMs)),
      longestPassMs: Math.max(0, ...r.retentionPasses.map((p) => p.passMs)),
    },
    commitMs: percentiles(r.commits.map((c) => c.ms)),
    commitMsDuringRetention: percentiles(r.commits.filter((c) => r.retentionPasses.some((p) => c.at >= p.at - p.passMs && c.at <= p.at)).map((c) => c.ms)),
    catalogBytesPerSimulatedHour: (r.catalogBytes.end - r.catalogBytes.start) / (r.options.simulatedMinutes / 60),
    bytesPublishedPerVolume: level2.reduce((n, p) => n + p.bytes, 0) / Math.max(1, level2.length),
    lost,
    duplicated,
    listCalls: r.lists.length,
    keysListed: r.lists.reduce((n, l) => n + l.keys, 0),
    relistsFromStart: [...relists.values()].reduce((a, b) => a + b, 0),
    hourlyRelists: [...hourlyRelists.values()].reduce((a, b) => a + b, 0),
    maxRelistsOfOnePrefix: Math.max(0, ...relists.values()),
    queryMs: percentiles(r.queryMs),
  };
}

/** Least-squares slope of RSS over `samples` (bytes a wall hour), and the growth it makes over their span as a fraction of their mean. */
function rssSlope(samples: readonly ResourceSample[]): { rssSlopeBytesPerHour: number; rssSlopeOverRun: number } {
  if (samples.length < 2) return { rssSlopeBytesPerHour: 0, rssSlopeOverRun: 0 };
  const n = samples.length;
  const mx = samples.reduce((a, s) => a + s.at, 0) / n;
  const my = samples.reduce((a, s) => a + s.rssBytes, 0) / n;
  let sxy = 0;
  let sxx = 0;
  for (const s of samples) {
    sxy += (s.at - mx) * (s.rssBytes - my);
    sxx += (s.at - mx) ** 2;
  }
  const perMs = sxx > 0 ? sxy / sxx : 0;
  return { rssSlopeBytesPerHour: perMs * 3_600_000, rssSlopeOverRun: (perMs * (samples.at(-1)!.at - samples[0]!.at)) / my };
}
