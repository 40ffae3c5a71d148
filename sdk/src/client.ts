import { RadomeClientError, type GraphQLErrorInfo, type RadomeResult } from './errors.js';
import {
  GnssStationDocument,
  GnssStationsDocument,
  LatestProductsDocument,
  ProductCodesDocument,
  ProductDocument,
  ProductsDocument,
  RadarSitesDocument,
  SnrSeriesDocument,
  SnrSummaryDocument,
  SweepDocument,
  SweepsDocument,
  VolumeDocument,
  VolumesDocument,
  type DocumentTypeDecoration,
} from './gql/graphql.js';

export interface RadomeClientOptions {
  /** The GraphQL endpoint, e.g. http://localhost:4000/graphql. */
  url: string | URL;
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
  /** Sent with every request (e.g. authorization for a gateway in front of radome). */
  headers?: Record<string, string>;
}

export interface RequestOptions {
  signal?: AbortSignal;
  headers?: Record<string, string>;
}

type ResultOf<D> = D extends DocumentTypeDecoration<infer R, any> ? R : never;
type VariablesOf<D> = D extends DocumentTypeDecoration<any, infer V> ? V : never;

/** Variables are optional when the operation has no required ones. */
export type OperationMethod<R, V> = {} extends V
  ? (variables?: V, options?: RequestOptions) => Promise<RadomeResult<R>>
  : (variables: V, options?: RequestOptions) => Promise<RadomeResult<R>>;

/** One method per operation in schema/operations/. */
const operations = {
  radarSites: RadarSitesDocument,
  volumes: VolumesDocument,
  volume: VolumeDocument,
  sweeps: SweepsDocument,
  sweep: SweepDocument,
  products: ProductsDocument,
  product: ProductDocument,
  productCodes: ProductCodesDocument,
  latestProducts: LatestProductsDocument,
  gnssStations: GnssStationsDocument,
  gnssStation: GnssStationDocument,
  snrSeries: SnrSeriesDocument,
  snrSummary: SnrSummaryDocument,
} as const;

type Operations = typeof operations;

export type RadomeClient = {
  [K in keyof Operations]: OperationMethod<ResultOf<Operations[K]>, VariablesOf<Operations[K]>>;
} & {
  /** Runs any typed document (e.g. one generated from your own operations). */
  execute<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, options?: RequestOptions): Promise<RadomeResult<R>>;
};

interface GraphQLResponse {
  data?: unknown;
  errors?: { message?: unknown; path?: unknown; extensions?: { code?: unknown } }[];
}

function errorInfo(e: NonNullable<GraphQLResponse['errors']>[number]): GraphQLErrorInfo {
  const info: GraphQLErrorInfo = {
    message: typeof e.message === 'string' ? e.message : JSON.stringify(e),
    code: typeof e.extensions?.code === 'string' ? e.extensions.code : null,
  };
  if (Array.isArray(e.path)) info.path = e.path as (string | number)[];
  return info;
}

function failure(error: RadomeClientError): { error: RadomeClientError } {
  return { error };
}

/** A fetch or body read that failed: the caller's abort, or the network. */
function transportError(e: unknown, signal: AbortSignal | undefined): RadomeClientError {
  if (signal?.aborted || (e instanceof Error && e.name === 'AbortError')) {
    const reason = signal?.reason instanceof Error ? signal.reason.message : 'the request was aborted';
    return new RadomeClientError('abort', reason, { cause: e });
  }
  return new RadomeClientError('network', `request failed: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
}

function operationName(document: object): string | undefined {
  return /\b(?:query|mutation|subscription)\s+([_A-Za-z][_0-9A-Za-z]*)/.exec(String(document))?.[1];
}

export function createRadomeClient(options: RadomeClientOptions): RadomeClient {
  const url = String(options.url);
  const fetchFn = options.fetch ?? globalThis.fetch.bind(globalThis);

  async function execute<R, V>(document: DocumentTypeDecoration<R, V>, variables: V, request: RequestOptions = {}): Promise<RadomeResult<R>> {
    const { signal } = request;
    let response: Response;
    let text: string;
    try {
      response = await fetchFn(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...options.headers,
          ...request.headers,
        },
        body: JSON.stringify({ query: String(document), variables: variables ?? {}, operationName: operationName(document) }),
        signal,
      });
      text = await response.text();
    } catch (e) {
      return failure(transportError(e, signal));
    }

    let body: GraphQLResponse | undefined;
    try {
      const parsed: unknown = JSON.parse(text);
      if (parsed && typeof parsed === 'object' && ('data' in parsed || 'errors' in parsed)) body = parsed as GraphQLResponse;
    } catch {
      // Not JSON: reported below as an HTTP error.
    }
    const status = response.status;
    if (body?.errors?.length) {
      const errors = body.errors.map(errorInfo);
      return failure(new RadomeClientError('graphql', errors.map((e) => e.message).join('; '), { status, errors }));
    }
    if (!response.ok || !body || body.data == null) {
      const what = response.ok ? 'a response that is not a GraphQL result' : `HTTP ${status} ${response.statusText}`.trim();
      return failure(new RadomeClientError('http', `${url} answered with ${what}: ${text.slice(0, 200)}`, { status }));
    }
    return { data: body.data as R };
  }

  const client = { execute } as RadomeClient;
  for (const [name, document] of Object.entries(operations)) {
    (client as unknown as Record<string, unknown>)[name] = (variables?: unknown, request?: RequestOptions) =>
      execute(document as DocumentTypeDecoration<unknown, unknown>, variables ?? {}, request);
  }
  return client;
}
