import { createServer, type IncomingMessage, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadServerConfig, type ServerConfig } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { createContext, type RadomeContext } from '../context.js';
import { apiErrorFormatter, clientErrorStatusPlugin } from '../errors.js';
import { BoundedQueryCache } from '../limits/apq-cache.js';
import { ExecutionDeadline } from '../limits/deadline.js';
import { limitsPlugin } from '../limits/plugin.js';
import { maxAliasesRule, maxDepthRule, maxSelectionsRule } from '../limits/validation-rules.js';
import { IngestAdmin, type IngestAdminOptions } from '../ingest-admin.js';
import { buildRadomeSchema } from '../schema.js';
import { type CatalogEventListen, CatalogEventFeed } from '../subscriptions/feed.js';
import { createSubscriptionServer } from '../subscriptions/ws.js';
import { bearerAuth } from './bearer-auth.js';
import { cors } from './cors.js';
import { createExplorerRoute, EXPLORER_ASSETS_PREFIX } from './explorer.js';
import { createGraphiqlRoute, defaultGraphiqlDir, GRAPHIQL_PATH } from './graphiql.js';
import { GRAPHQL_PATH, serveGraphql } from './graphql.js';
import { serveHealth, serveMetrics, serveReady } from './health.js';
import { Metrics, type RouteLabel, type ScrapeGauges } from './metrics.js';
import { OBJECTS_PREFIX, serveObject } from './objects.js';
import { GNSS_SNR_PREFIX, serveGnssSnrFile } from './gnss-snr-export.js';
import { RateLimiter, rateLimit } from './rate-limit.js';
import { sendText } from './respond.js';
import { createRouter, type Middleware, type Route } from './router.js';
import { serveStormCells, STORM_CELLS_PATH } from './storm-cells.js';
import { serveTiles, TILES_PREFIX } from './tiles.js';
import { StoredGridSource, type RadarGridSource } from '../tiles/grid-source.js';
import { RadarLayers } from '../tiles/radar-layers.js';
import { MosaicService } from '../tiles/mosaic.js';
import { DerivedFields } from '../radar-time/derived-fields.js';
import { ByteBudgetLru } from '../tiles/lru.js';

export interface RadomeServerOptions {
  /** The catalog reader (of an openReadOnlyCatalog): the server can only read. The caller keeps ownership. */
  catalog: CatalogReader;
  /** Wakes subscriptions when any process commits (a PostgreSQL catalog's `listen`); without it they poll every eventsPollMs. */
  listen?: CatalogEventListen;
  objects: ObjectStore;
  /**
   * Base URL clients reach this server at (e.g. `https://radar.example.org/api`), used for
   * `imageUrl`/`metadataUrl`. Default: `http://<Host header>/` of each request.
   */
  publicUrl?: string;
  /** Directory of the GraphiQL bundle; default dist/graphiql. */
  graphiqlDir?: string;
  /** Called with errors no request could be answered for; default console.error. */
  onError?: (error: unknown) => void;
  /**
   * Limits and security (core/config.ts, README). Unset fields take loadServerConfig's defaults,
   * except the per-client rate limit, which an embedding turns on itself (`radome serve` does).
   */
  config?: Partial<ServerConfig>;
  /** Ingest status and control (ingestStatus and the admin mutations); without it they answer CONFIG. */
  ingestAdmin?: IngestAdminOptions;
  /** Where tiles and point values read decoded grids; default: the object store's sweep stores and raw products. */
  radarGrids?: RadarGridSource;
}

export interface ListeningRadomeServer {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops accepting requests, lets running ones finish, stops Apollo. */
  close(): Promise<void>;
}

export interface RadomeServer {
  /** The node:http request listener (the route table in createRadomeServer). */
  handler: RequestListener;
  listen(port: number, host?: string): Promise<ListeningRadomeServer>;
}

/** Host header as a URL authority, when it is one (it is client-controlled text). */
function requestAuthority(req: IncomingMessage): string {
  const host = req.headers.host;
  if (host && /^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return host;
  const { localAddress, localPort } = req.socket;
  return localAddress?.includes(':') ? `[${localAddress}]:${localPort}` : `${localAddress}:${localPort}`;
}

/** The public URL as a base ending in "/", so `objects/<key>` resolves under any path prefix. */
function publicBaseUrl(publicUrl: string): string {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw new RadomeError('CONFIG', `publicUrl ${JSON.stringify(publicUrl)} is not an absolute URL such as https://radar.example.org/api`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RadomeError('CONFIG', `publicUrl ${publicUrl} must be http: or https:`);
  if (url.search || url.hash) throw new RadomeError('CONFIG', `publicUrl ${publicUrl} must not have a query or fragment`);
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

/** The client a request counts against: the peer address, or X-Forwarded-For's first hop behind a trusted proxy. */
function clientOf(req: IncomingMessage, trustProxy: boolean): string {
  const forwarded = trustProxy ? req.headers['x-forwarded-for'] : undefined;
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || req.socket.remoteAddress || 'unknown';
}

export function createRadomeServer(options: RadomeServerOptions): RadomeServer {
  const { catalog, objects } = options;
  const config: ServerConfig = { ...loadServerConfig({}), rateLimitPerSecond: 0, ...options.config };
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const serveExplorer = createExplorerRoute(undefined, { basemapUrl: config.basemapUrl });
  const publicBase = options.publicUrl === undefined ? undefined : publicBaseUrl(options.publicUrl);
  const schema = buildRadomeSchema();
  const httpServer = createServer();
  // Idle keep-alive sockets outlive their clients' (undici closes them at the server's hint minus a
  // margin, load balancers at ~60 s), so the server never times out a socket a request is arriving
  // on: with Node's 5 s, a busy event loop ran that timeout before reading the request, and the
  // client got ECONNRESET.
  httpServer.keepAliveTimeout = 65_000;
  httpServer.headersTimeout = 66_000;
  const metrics = new Metrics();
  const feed = new CatalogEventFeed(catalog, config.eventsPollMs, onError, options.listen);
  const ingestAdmin = options.ingestAdmin ? new IngestAdmin(options.ingestAdmin) : undefined;
  const limiter = config.rateLimitPerSecond > 0 ? new RateLimiter(config.rateLimitPerSecond, config.rateLimitBurst) : null;
  const wsMessageLimiter = config.wsMessagesPerSecond > 0 ? new RateLimiter(config.wsMessagesPerSecond, config.wsMessageBurst) : null;
  const validationRules = [maxDepthRule(config.maxDepth), maxSelectionsRule(config.maxSelections), maxAliasesRule(config.maxAliases)];
  const baseUrlOf = (req: IncomingMessage) => publicBase ?? `http://${requestAuthority(req)}/`;
  const radarLayers = new RadarLayers(catalog, options.radarGrids ?? new StoredGridSource(objects), config.tileCacheMb * 1024 * 1024);
  const mosaics = new MosaicService(radarLayers);
  const derived = new DerivedFields(radarLayers, config.rainfallGapMinutes, (config.tileCacheMb * 1024 * 1024) / 2);
  // A quarter of the tile budget keeps rendered PNGs (a few KB each): tiles asked for again are only sent.
  const renderedTiles = new ByteBudgetLru<Uint8Array>((config.tileCacheMb * 1024 * 1024) / 4, (png) => png.byteLength + 200);
  const gauges: ScrapeGauges = {
    async ingestLagSeconds() {
      const newest = await catalog.events.latest();
      return newest ? Math.max(0, (Date.now() - newest.at) / 1000) : null;
    },
    activeSubscriptions: () => feed.subscriberCount,
  };

  const subscriptions = createSubscriptionServer({
    schema,
    maxTokens: config.maxTokens,
    maxCost: config.maxCost,
    maxPayloadBytes: config.maxBodyBytes,
    validationRules,
    maxSubscriptionsPerSocket: config.maxSubscriptionsPerSocket,
    messageLimiter: wsMessageLimiter,
    clientOf: (req) => clientOf(req, config.trustProxy),
    debugErrors: config.debugErrors,
    context: (req) => ({ ...createContext(catalog, baseUrlOf(req), objects, feed, undefined, radarLayers, mosaics), ingestAdmin, derived }),
  });

  const apollo = new ApolloServer<RadomeContext>({
    schema,
    csrfPrevention: true,
    introspection: config.introspection,
    // Not NODE_ENV's default (traces unless production/test): `npm start` leaves NODE_ENV unset.
    includeStacktraceInErrorResponses: config.debugErrors,
    // Batches are off (Apollo's default): one operation per request, so the limits hold per request.
    allowBatchedHttpRequests: false,
    persistedQueries: config.apqMaxEntries > 0 ? { cache: new BoundedQueryCache(config.apqMaxEntries), ttl: null } : false,
    parseOptions: { maxTokens: config.maxTokens },
    validationRules,
    plugins: [
      ApolloServerPluginLandingPageDisabled(),
      // No cache hints are set, and its willResolveField hook would wrap every field resolution.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginDrainHttpServer({ httpServer }),
      limitsPlugin({ maxCost: config.maxCost }),
      clientErrorStatusPlugin(),
      metrics.plugin(),
      {
        serverWillStart: async () => ({
          drainServer: async () => {
            httpServer.off('upgrade', router.handleUpgrade);
            feed.close();
            await subscriptions.close();
          },
        }),
      },
    ],
    formatError: apiErrorFormatter({ debug: config.debugErrors }),
  });
  let started: Promise<void> | undefined;
  const ensureStarted = () => (started ??= apollo.start());
  const serveGraphiql = createGraphiqlRoute(options.graphiqlDir ?? defaultGraphiqlDir());

  // GraphQL over HTTP and its subscriptions share their middleware: a client's requests and
  // upgrades draw on one rate-limit bucket. The body limit (maxBodyBytes) is applied where bytes
  // are read: the request body by serveGraphql (chunked bodies declare no length up front), each
  // WebSocket message by ws (maxPayload).
  const graphqlMiddleware: Middleware[] = limiter ? [rateLimit(limiter, (req) => clientOf(req, config.trustProxy), config.rateLimitPerSecond, config.rateLimitBurst)] : [];

  // The routes: a new one is one entry here, its handler in a module of its own (README, "Layout and data flow").
  const routes: Route<RouteLabel>[] = [
    {
      paths: [GRAPHQL_PATH],
      label: 'graphql',
      use: graphqlMiddleware,
      async serve({ req, res, search }) {
        await ensureStarted();
        const baseUrl = baseUrlOf(req);
        const context = async () => ({
          ...createContext(catalog, baseUrl, objects, feed, new ExecutionDeadline(config.executionTimeoutMs), radarLayers, mosaics),
          authorization: req.headers.authorization,
          ingestAdmin,
          derived,
        });
        return serveGraphql(req, res, search, apollo, context, config.maxBodyBytes);
      },
      upgrade(req, socket, head) {
        metrics.observeRequest('graphql-ws', 'GET', 101, 0);
        subscriptions.handleUpgrade(req, socket, head);
      },
    },
    { paths: [`${OBJECTS_PREFIX}*`], label: 'objects', serve: ({ req, res, rawPath }) => serveObject(req, res, rawPath, objects, options.ingestAdmin?.adminToken) },
    { paths: [`${GNSS_SNR_PREFIX}*`], label: 'other', serve: ({ res, rawPath }) => serveGnssSnrFile(res, rawPath, catalog, objects) },
    {
      paths: [`${TILES_PREFIX}*`],
      label: 'tiles',
      serve: ({ req, res, rawPath, search }) => serveTiles(req, res, rawPath, search, { layers: radarLayers, rendered: renderedTiles, mosaics, derived, baseUrlOf, onError }),
    },
    {
      paths: [GRAPHIQL_PATH, `${GRAPHIQL_PATH}/*`],
      label: 'graphiql',
      serve: ({ req, res, rawPath, search }) => (config.graphiql ? serveGraphiql(req, res, rawPath, search) : sendText(res, 404, 'GraphiQL is turned off on this server (RADOME_GRAPHIQL=false)\n')),
    },
    // Counted as 'other', as before the table (a new label would be a new metrics series).
    { paths: [STORM_CELLS_PATH], label: 'other', serve: ({ res, search }) => serveStormCells(res, search, catalog, objects) },
    { paths: ['/healthz'], label: 'healthz', serve: ({ res }) => serveHealth(res, catalog) },
    { paths: ['/readyz'], label: 'readyz', serve: ({ res }) => serveReady(res, catalog, objects) },
    { paths: ['/metrics'], label: 'metrics', use: [bearerAuth(config.metricsToken, '/metrics', 'RADOME_METRICS_TOKEN')], serve: ({ res }) => serveMetrics(res, metrics, gauges) },
    // The explorer web app (a catch-all `/*` would have to stay the last entry).
    { paths: ['/', `${EXPLORER_ASSETS_PREFIX}*`], label: 'other', serve: ({ req, res, rawPath }) => serveExplorer(req, res, rawPath) },
  ];

  const router = createRouter<RouteLabel>({
    routes,
    use: [cors(config.corsOrigins)],
    otherLabel: 'other',
    notFound: ({ rawPath, upgrade }) =>
      upgrade
        ? { status: 404, text: `no WebSocket endpoint at ${rawPath}; subscriptions are at ${GRAPHQL_PATH}\n` }
        : { status: 404, text: 'not found; try /graphql, /graphiql/, /objects/<key>, /tiles/…, /healthz, /readyz or /metrics\n' },
    observe: (label, req, status, seconds) => metrics.observeRequest(label, req.method ?? 'GET', status, seconds),
    onError,
  });
  const handler = router.handleRequest;
  httpServer.on('upgrade', router.handleUpgrade);
  httpServer.on('request', handler);

  return {
    handler,
    async listen(port, host = '127.0.0.1') {
      await ensureStarted();
      await new Promise<void>((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve();
        });
      });
      const { address, port: boundPort } = httpServer.address() as AddressInfo;
      const authority = address.includes(':') ? `[${address}]:${boundPort}` : `${address}:${boundPort}`;
      return {
        url: `http://${authority}`,
        async close() {
          await apollo.stop();
          await ingestAdmin?.close();
        },
      };
    },
  };
}
