import type { RadomeConfig } from '../../core/config.js';
import { sourceList, type SourceConfig } from '../../core/daemon-config.js';
import { SOURCES, type SourceName, type SourceSettings } from '../../core/source-settings.js';
import type { S3ClientOptions } from '../../store/objects/s3-client.js';
import type { IngestContext } from '../ingest-object.js';
import type { ObjectSource, SourceObject, TimeWindow } from './types.js';

/** A source's lists for one pass or command: each list field (`sites`, `products`…) → its items. */
export type SourceLists = Record<string, string[]>;

/** One listing to ingest: what it covers (for messages, e.g. "KLOT N0H") and its objects. */
export interface Listing {
  what: string;
  list(): AsyncIterable<SourceObject>;
  /** For incremental listings: offer a listed object again next pass (its ingest failed). */
  retryLater?(object: SourceObject): void;
}

/** A source opened for listing time windows (daemon passes, `radome ingest once|backfill`). */
export interface WindowedSource {
  source: ObjectSource;
  /** Where it reads, for messages: `s3://bucket`, an endpoint, an archive template. */
  where: string;
  /** The listings covering the lists (every site × product…) over the window. */
  listings(lists: SourceLists, window: TimeWindow): Listing[];
}

/** What a daemon pass did; `error` the message of its last failure, if any. */
export interface PassResult {
  ingested: number;
  skipped: number;
  failed: number;
  error: string | null;
}

/**
 * The runtime half of an ingest source's descriptor (the read-only half, its settings, is in
 * core/source-settings.ts): how it lists and fetches. A source either lists time windows (`open`),
 * or follows on its own (`follow`, the real-time chunks, which keep no past windows). Modules that
 * load the AWS SDK are imported when a source is opened, so commands that use none never load it.
 */
export type IngestSource =
  | { settings: SourceSettings; open(config: RadomeConfig): Promise<WindowedSource>; follow?: never }
  | {
      settings: SourceSettings;
      open?: never;
      /** A daemon pass over the lists; `backfill` when a queued backfill asks for a past window. */
      follow(ctx: IngestContext, own: SourceConfig, signal: AbortSignal): Promise<(lists: SourceLists, backfill: boolean) => Promise<PassResult>>;
    };

const settingsOf = (name: SourceName): SourceSettings => SOURCES.find((s) => s.name === name)!;
const bucketAt = (endpoint: string | undefined, bucket: string) => (endpoint ? `${endpoint}/${bucket}` : `s3://${bucket}`);

async function s3Client({ region, endpoint, forcePathStyle, anonymous }: S3ClientOptions) {
  return (await import('../../store/objects/s3-client.js')).createS3Client({ region, endpoint, forcePathStyle, anonymous });
}

const level2: IngestSource = {
  settings: settingsOf('level2'),
  async open(config) {
    const { Level2BucketSource } = await import('./level2-bucket.js');
    const source = new Level2BucketSource(await s3Client(config.level2), config.level2.bucket);
    return {
      source,
      where: bucketAt(config.level2.endpoint, config.level2.bucket),
      listings: ({ sites = [] }, window) => sites.map((site) => ({ what: site, list: () => source.list(site, window), retryLater: (o) => source.retryLater(o) })),
    };
  },
};

const level2Chunks: IngestSource = {
  settings: settingsOf('level2-chunks'),
  async follow(ctx, own, signal) {
    const [{ Level2ChunksSource }, { ChunksFollower }] = await Promise.all([import('./level2-chunks.js'), import('../realtime/follow-chunks.js')]);
    const follower = new ChunksFollower(ctx, new Level2ChunksSource(await s3Client(own), own.bucket ?? ''));
    return async ({ sites = [] }, backfill) => {
      if (backfill) return { ingested: 0, skipped: 0, failed: 0, error: 'the real-time chunks bucket keeps only recent volumes: backfill the level2 source instead' };
      const total = { ingested: 0, skipped: 0, failed: 0, backlog: 0 };
      for (const site of sites) {
        const r = await follower.pass(site, own.windowMinutes, signal);
        for (const k of ['ingested', 'skipped', 'failed', 'backlog'] as const) total[k] += r[k];
      }
      await ctx.catalog.writer.ingest.setBacklog('level2-chunks', total.backlog);
      return { ...total, error: total.failed ? `${total.failed} volume(s) had undecodable chunks (see ingestStatus failures)` : null };
    };
  },
};

const level3: IngestSource = {
  settings: settingsOf('level3'),
  async open(config) {
    const { Level3BucketSource } = await import('./level3-bucket.js');
    const source = new Level3BucketSource(await s3Client(config.level3), config.level3.bucket);
    return {
      source,
      where: bucketAt(config.level3.endpoint, config.level3.bucket),
      listings: ({ sites = [], products = [] }, window) =>
        sites.flatMap((site) => products.map((p) => ({ what: `${site} ${p}`, list: () => source.list(site, p, window), retryLater: (o: SourceObject) => source.retryLater(o) }))),
    };
  },
};

const gnss: IngestSource = {
  settings: settingsOf('gnss'),
  async open(config) {
    const { GnssArchiveSource } = await import('./gnss-archive.js');
    const source = new GnssArchiveSource({ template: config.gnss.archive, token: config.gnss.token });
    return { source, where: config.gnss.archive, listings: ({ stations = [] }, window) => stations.map((s) => ({ what: s, list: () => source.list(s, window) })) };
  },
};

const orbits: IngestSource = {
  settings: settingsOf('orbits'),
  async open(config) {
    const { OrbitArchiveSource } = await import('./orbit-archive.js');
    const source = new OrbitArchiveSource({ ...config.gnss.orbits, token: config.gnss.token });
    return { source, where: source.id, listings: (_lists, window) => [{ what: 'orbits', list: () => source.list(window) }] };
  },
};

const local: IngestSource = {
  settings: settingsOf('local'),
  async open() {
    const { LocalFileSource } = await import('./local-folder.js');
    const source = new LocalFileSource();
    return { source, where: 'local disk', listings: ({ paths = [] }, window) => paths.map((path) => ({ what: path, list: () => source.list([path], window) })) };
  },
};

/** Every ingest source, one entry per name in core/source-settings.ts (test/ingest-daemon/source-registry.test.ts checks). */
const INGEST_SOURCES: readonly IngestSource[] = [level2, level2Chunks, level3, gnss, orbits, local];

/** The registered sources, in core/source-settings.ts order. */
export function ingestSources(): readonly IngestSource[] {
  return INGEST_SOURCES;
}

/** The source named `name`, or undefined. */
export function ingestSourceNamed(name: string): IngestSource | undefined {
  return INGEST_SOURCES.find((s) => s.settings.name === name);
}

/** A source's lists from its configuration, each replaced by its flag (`<source>.<field>`) when one is set. */
export function listsOf(settings: SourceSettings, own: SourceConfig, flags: ReadonlyMap<string, string> = new Map()): SourceLists {
  return Object.fromEntries(settings.lists.map((l) => [l.field, flags.get(`${settings.name}.${l.field}`)?.split(',').filter(Boolean) ?? sourceList(own, l.field)]));
}
