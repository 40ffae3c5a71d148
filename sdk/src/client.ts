import type { RadomeResult } from './errors.js';
import {
  GnssStationDocument,
  GnssStationsDocument,
  IngestStatusDocument,
  LatestPrecipitationDocument,
  LatestProductsDocument,
  NodeDocument,
  NodesDocument,
  PauseSourceDocument,
  ProductCodesDocument,
  ProductDocument,
  ProductsDocument,
  RadarCoverageDocument,
  RadarFramesDocument,
  RadarValueDocument,
  RadarPointSeriesDocument,
  MosaicDocument,
  MosaicFramesDocument,
  RainfallDocument,
  RainfallAtPointDocument,
  ReflectivitySwathDocument,
  RadarSiteDocument,
  RadarSitesDocument,
  RadarSiteVolumesDocument,
  RequestBackfillDocument,
  ResumeSourceDocument,
  SetIngestFlagDocument,
  SnrSeriesDocument,
  SnrSummaryDocument,
  SnrByElevationDocument,
  ReflectorHeightsDocument,
  DailyReflectorHeightsDocument,
  StormCellsDocument,
  SweepDocument,
  SweepsDocument,
  VolumeDocument,
  VolumesDocument,
  type DocumentTypeDecoration,
} from './gql/graphql.js';
import { operationOf } from './operation.js';
import { paginate, type Connection, type PageOptions } from './paginate.js';
import { DEFAULT_RETRY, retryDelay, sleep, type RetryOptions } from './retry.js';
import { abortError, postGraphql } from './transport.js';

export interface RadomeClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string | URL;
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Sent with every request (e.g. authorization for a gateway in front of radome). */
  headers?: Record<string, string>;
  /** Aborts every request of this client, e.g. when the page or component using it goes away. */
  signal?: AbortSignal;
  /** Retrying of queries (never mutations) on network errors and 429/503; false turns it off. */
  retry?: RetryOptions | false;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** Overrides the client's retry options for this request. */
  retry?: RetryOptions | false;
}

/** Request options plus the page size and an optional item limit. */
export interface IterateOptions extends RequestOptions, PageOptions {}

type ResultOf<D> = D extends DocumentTypeDecoration<infer R, any> ? R : never;
type VariablesOf<D> = D extends DocumentTypeDecoration<any, infer V> ? V : never;

/** Variables are optional when the operation has no required ones. */
export type OperationMethod<R, V> = {} extends V ? (variables?: V, options?: RequestOptions) => Promise<RadomeResult<R>> : (variables: V, options?: RequestOptions) => Promise<RadomeResult<R>>;

/** One method per operation in schema/operations/. */
const operations = {
  radarSites: RadarSitesDocument,
  radarSite: RadarSiteDocument,
  radarSiteVolumes: RadarSiteVolumesDocument,
  volumes: VolumesDocument,
  volume: VolumeDocument,
  sweeps: SweepsDocument,
  sweep: SweepDocument,
  products: ProductsDocument,
  product: ProductDocument,
  productCodes: ProductCodesDocument,
  latestProducts: LatestProductsDocument,
  latestPrecipitation: LatestPrecipitationDocument,
  radarCoverage: RadarCoverageDocument,
  /** Animation frames: per volume, the cut nearest an elevation angle. */
  radarFrames: RadarFramesDocument,
  /** Storm cells of a window, and the URL of the same as GeoJSON. */
  stormCells: StormCellsDocument,
  /** The gate under a point (null outside coverage, reason in the error's extensions). */
  radarValue: RadarValueDocument,
  radarPointSeries: RadarPointSeriesDocument,
  /** The national REF mosaic at a time: sites, volumes, TileJSON and frame URLs. */
  mosaic: MosaicDocument,
  /** Mosaic loop frames every interval (ISO 8601 duration), each with TileJSON and frame URLs. */
  mosaicFrames: MosaicFramesDocument,
  /** Rainfall accumulated over a window: tiles, coverage and gaps, statistics over a box. */
  rainfall: RainfallDocument,
  /** Rainfall at a point per interval. */
  rainfallAtPoint: RainfallAtPointDocument,
  /** Per-pixel maximum of the lowest REF over a window: tiles and statistics. */
  reflectivitySwath: ReflectivitySwathDocument,
  /** Any object by id (Relay): a union by `__typename`. */
  node: NodeDocument,
  nodes: NodesDocument,
  gnssStations: GnssStationsDocument,
  gnssStation: GnssStationDocument,
  snrSeries: SnrSeriesDocument,
  snrSummary: SnrSummaryDocument,
  snrByElevation: SnrByElevationDocument,
  /** GNSS-IR reflector heights per arc, computed on demand (gnssrefl's gnssir). */
  reflectorHeights: ReflectorHeightsDocument,
  dailyReflectorHeights: DailyReflectorHeightsDocument,
  ingestStatus: IngestStatusDocument,
  /** Ingest control mutations need headers: { authorization: `Bearer ${adminToken}` }. */
  pauseSource: PauseSourceDocument,
  resumeSource: ResumeSourceDocument,
  requestBackfill: RequestBackfillDocument,
  setIngestFlag: SetIngestFlagDocument,
} as const;

interface ConnectionSource<R, V, N> {
  document: DocumentTypeDecoration<R, V>;
  select(data: R): Connection<N> | null | undefined;
}

function connection<R, V, N>(document: DocumentTypeDecoration<R, V>, select: (data: R) => Connection<N> | null | undefined): ConnectionSource<R, V, N> {
  return { document, select };
}

/** One iterator per connection: `for await (const sweep of client.iterate.sweeps({ filter }))`. */
const connections = {
  sweeps: connection(SweepsDocument, (d) => d.sweeps),
  volumes: connection(VolumesDocument, (d) => d.volumes),
  products: connection(ProductsDocument, (d) => d.products),
  /** Volumes of one site (`radarSite(id).volumes`). */
  siteVolumes: connection(RadarSiteVolumesDocument, (d) => d.radarSite?.volumes),
};

type PageVariables<V> = Omit<V, 'first' | 'after'>;

/** Walks every page; variables are those of the query without `first` and `after`. */
export type ConnectionIterator<V, N> =
  {} extends PageVariables<V>
    ? (variables?: PageVariables<V>, options?: IterateOptions) => AsyncGenerator<N, void, undefined>
    : (variables: PageVariables<V>, options?: IterateOptions) => AsyncGenerator<N, void, undefined>;

type Operations = typeof operations;
type Connections = typeof connections;

export type RadomeClient = {
  [K in keyof Operations]: OperationMethod<ResultOf<Operations[K]>, VariablesOf<Operations[K]>>;
} & {
  /** Runs any typed document (e.g. one generated from your own operations). */
  request<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, options?: RequestOptions): Promise<RadomeResult<R>>;
  /** The same as `request` (its first name). */
  execute<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, options?: RequestOptions): Promise<RadomeResult<R>>;
  iterate: {
    [K in keyof Connections]: Connections[K] extends ConnectionSource<any, infer V, infer N> ? ConnectionIterator<V, N> : never;
  };
};

function bothSignals(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  return a && b ? AbortSignal.any([a, b]) : (a ?? b);
}

export function createRadomeClient(options: RadomeClientOptions): RadomeClient {
  const url = String(options.url);
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function request<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, call: RequestOptions = {}): Promise<RadomeResult<R>> {
    const query = String(document);
    const { type, name } = operationOf(query);
    const signal = bothSignals(options.signal, call.signal);
    const retryOption = call.retry ?? options.retry;
    // Only queries are idempotent; a retried mutation could apply twice.
    const retry = type === 'query' && retryOption !== false ? { ...DEFAULT_RETRY, ...retryOption } : null;
    const headers = { ...options.headers, ...call.headers };
    for (let attempt = 0; ; attempt++) {
      const result = await postGraphql<R>({ url, fetch: fetchFn, query, variables, operationName: name, headers, signal });
      const delay = result.error && retry ? retryDelay(result.error, attempt, retry) : null;
      if (delay === null) return result;
      if (!(await sleep(delay, signal))) return { error: abortError(signal) };
    }
  }

  const client = { request, execute: request, iterate: {} } as unknown as RadomeClient;
  for (const [name, document] of Object.entries(operations)) {
    (client as unknown as Record<string, unknown>)[name] = (variables?: unknown, call?: RequestOptions) => request(document as DocumentTypeDecoration<unknown, unknown>, variables ?? {}, call);
  }
  for (const [name, source] of Object.entries(connections) as [string, ConnectionSource<unknown, Record<string, unknown>, unknown>][]) {
    (client.iterate as Record<string, unknown>)[name] = (variables: Record<string, unknown> = {}, iterate: IterateOptions = {}) =>
      paginate(async (first, after) => {
        const page = await request(source.document, { ...variables, first, after }, { signal: iterate.signal, headers: iterate.headers, retry: iterate.retry });
        return page.error ? page : { data: source.select(page.data) };
      }, iterate);
  }
  return client;
}
