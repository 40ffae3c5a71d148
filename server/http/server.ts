import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { loadServerConfig, type ServerConfig } from '../../core/config.js';
import { RadomeError } from '../../core/errors.js';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { createContext, type RadomeContext } from '../context.js';
import { apiErrorFormatter, clientErrorStatusPlugin, errorBody } from '../errors.js';
import { BoundedQueryCache } from '../limits/apq-cache.js';
import { ExecutionDeadline } from '../limits/deadline.js';
import { limitsPlugin } from '../limits/plugin.js';
import { maxAliasesRule, maxDepthRule, maxSelectionsRule } from '../limits/validation-rules.js';
import { IngestAdmin, type IngestAdminOptions } from '../ingest-admin.js';
import { buildRadomeSchema } from '../schema.js';
import { CatalogEventFeed } from '../subscriptions/feed.js';
import { attachSubscriptions } from '../subscriptions/ws.js';
import { applyCors, isOriginAllowed } from './cors.js';
import { createGraphiqlRoute, defaultGraphiqlDir, GRAPHIQL_PATH } from './graphiql.js';
import { GRAPHQL_PATH, serveGraphql } from './graphql.js';
import { serveHealth, serveMetrics, serveReady } from './health.js';
import { Metrics, type Route, type ScrapeGauges } from './metrics.js';
import { OBJECTS_PREFIX, serveObject } from './objects.js';
import { RateLimiter } from './rate-limit.js';
import { sendJson, sendText } from './respond.js';
import { serveStormCells, STORM_CELLS_PATH } from './storm-cells.js';
import { serveTiles, TILES_PREFIX } from './tiles.js';
import { StoredGridSource, type RadarGridSource } from '../tiles/grid-source.js';
import { RadarLayers } from '../tiles/radar-layers.js';
import { MosaicService } from '../tiles/mosaic.js';
import { ByteBudgetLru } from '../tiles/lru.js';

export interface RadomeServerOptions {
  /** The catalog reader (of an openReadOnlyCatalog): the server can only read. The caller keeps ownership. */
  catalog: CatalogReader;
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
  /** The node:http request listener (routes /graphql, /graphiql/, /objects/, /healthz, /readyz, /metrics). */
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

function routeOf(rawPath: string): Route {
  if (rawPath === GRAPHQL_PATH) return 'graphql';
  if (rawPath.startsWith(OBJECTS_PREFIX)) return 'objects';
  if (rawPath.startsWith(TILES_PREFIX)) return 'tiles';
  if (rawPath === GRAPHIQL_PATH || rawPath.startsWith(`${GRAPHIQL_PATH}/`)) return 'graphiql';
  if (rawPath === '/healthz' || rawPath === '/readyz' || rawPath === '/metrics') return rawPath.slice(1) as Route;
  return 'other';
}

export function createRadomeServer(options: RadomeServerOptions): RadomeServer {
  const { catalog, objects } = options;
  const config: ServerConfig = { ...loadServerConfig({}), rateLimitPerSecond: 0, ...options.config };
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const publicBase = options.publicUrl === undefined ? undefined : publicBaseUrl(options.publicUrl);
  const schema = buildRadomeSchema();
  const httpServer = createServer();
  const metrics = new Metrics();
  const feed = new CatalogEventFeed(catalog, config.eventsPollMs, onError);
  const ingestAdmin = options.ingestAdmin ? new IngestAdmin(options.ingestAdmin) : undefined;
  const limiter = config.rateLimitPerSecond > 0 ? new RateLimiter(config.rateLimitPerSecond, config.rateLimitBurst) : null;
  const wsMessageLimiter = config.wsMessagesPerSecond > 0 ? new RateLimiter(config.wsMessagesPerSecond, config.wsMessageBurst) : null;
  const validationRules = [maxDepthRule(config.maxDepth), maxSelectionsRule(config.maxSelections), maxAliasesRule(config.maxAliases)];
  const baseUrlOf = (req: IncomingMessage) => publicBase ?? `http://${requestAuthority(req)}/`;
  const radarLayers = new RadarLayers(catalog, options.radarGrids ?? new StoredGridSource(objects), config.tileCacheMb * 1024 * 1024);
  const mosaics = new MosaicService(radarLayers);
  // A quarter of the tile budget keeps rendered PNGs (a few KB each): tiles asked for again are only sent.
  const renderedTiles = new ByteBudgetLru<Uint8Array>((config.tileCacheMb * 1024 * 1024) / 4, (png) => png.byteLength + 200);
  const gauges: ScrapeGauges = {
    ingestLagSeconds() {
      const newest = catalog.events.latest();
      return newest ? Math.max(0, (Date.now() - newest.at) / 1000) : null;
    },
    activeSubscriptions: () => feed.subscriberCount,
  };

  const subscriptions = attachSubscriptions(httpServer, {
    schema,
    path: GRAPHQL_PATH,
    maxTokens: config.maxTokens,
    maxCost: config.maxCost,
    maxPayloadBytes: config.maxBodyBytes,
    validationRules,
    maxSubscriptionsPerSocket: config.maxSubscriptionsPerSocket,
    messageLimiter: wsMessageLimiter,
    clientOf: (req) => clientOf(req, config.trustProxy),
    debugErrors: config.debugErrors,
    admit(req) {
      const origin = req.headers.origin;
      if (origin !== undefined && !isOriginAllowed(origin, config.corsOrigins)) return { status: 403, message: `origin ${origin} may not open subscriptions (RADOME_CORS_ORIGINS)` };
      if (limiter && !limiter.take(clientOf(req, config.trustProxy)).allowed) return { status: 429, message: 'too many requests; retry later' };
      metrics.observeRequest('graphql-ws', 'GET', 101, 0);
      return null;
    },
    context: (req) => ({ ...createContext(catalog, baseUrlOf(req), objects, feed, undefined, radarLayers, mosaics), ingestAdmin }),
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
      { serverWillStart: async () => ({ drainServer: async () => { feed.close(); await subscriptions.close(); } }) },
    ],
    formatError: apiErrorFormatter({ debug: config.debugErrors }),
  });
  let started: Promise<void> | undefined;
  const ensureStarted = () => (started ??= apollo.start());
  const serveGraphiql = createGraphiqlRoute(options.graphiqlDir ?? defaultGraphiqlDir());

  async function route(req: IncomingMessage, res: ServerResponse, rawPath: string, search: string): Promise<void> {
    if (applyCors(req, res, config.corsOrigins)) return;

    if (rawPath === GRAPHQL_PATH) {
      if (limiter) {
        const decision = limiter.take(clientOf(req, config.trustProxy));
        if (!decision.allowed) {
          res.setHeader('retry-after', String(decision.retryAfterSeconds));
          return sendJson(
            res,
            429,
            errorBody('RATE_LIMITED', `too many requests from this client (over ${config.rateLimitPerSecond}/s, bursts of ${config.rateLimitBurst}); retry after ${decision.retryAfterSeconds} s`, { retryAfterSeconds: decision.retryAfterSeconds }),
          );
        }
      }
      await ensureStarted();
      const baseUrl = baseUrlOf(req);
      return serveGraphql(req, res, search, apollo, async () => ({ ...createContext(catalog, baseUrl, objects, feed, new ExecutionDeadline(config.executionTimeoutMs), radarLayers, mosaics), authorization: req.headers.authorization, ingestAdmin }), config.maxBodyBytes);
    }
    if (rawPath.startsWith(OBJECTS_PREFIX)) return serveObject(req, res, rawPath, objects, options.ingestAdmin?.adminToken);
    if (rawPath.startsWith(TILES_PREFIX)) return serveTiles(req, res, rawPath, search, { layers: radarLayers, rendered: renderedTiles, mosaics, baseUrlOf, onError });
    if (rawPath === GRAPHIQL_PATH || rawPath.startsWith(`${GRAPHIQL_PATH}/`)) {
      if (!config.graphiql) return sendText(res, 404, 'GraphiQL is turned off on this server (RADOME_GRAPHIQL=false)\n');
      return serveGraphiql(req, res, rawPath, search);
    }
    if (rawPath === STORM_CELLS_PATH) return serveStormCells(res, search, catalog, objects);
    if (rawPath === '/healthz') return serveHealth(res, catalog);
    if (rawPath === '/readyz') return serveReady(res, catalog, objects);
    if (rawPath === '/metrics') return serveMetrics(req, res, metrics, gauges, config.metricsToken);
    sendText(res, 404, 'not found; try /graphql, /graphiql/, /objects/<key>, /tiles/…, /healthz, /readyz or /metrics\n');
  }

  const handler: RequestListener = (req, res) => {
    const started = performance.now();
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    // The raw path, not new URL(...).pathname: WHATWG URL parsing would resolve `..` and `%2e%2e`
    // before /objects/ could refuse them.
    const rawPath = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? '' : url.slice(q);
    res.once('finish', () => metrics.observeRequest(routeOf(rawPath), req.method ?? 'GET', res.statusCode, (performance.now() - started) / 1000));
    route(req, res, rawPath, search).catch((error: unknown) => {
      onError(error);
      if (!res.headersSent) sendJson(res, 500, { error: 'internal server error' });
      else res.destroy();
    });
  };
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
          ingestAdmin?.close();
        },
      };
    },
  };
}
