import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { isRadomeError, RadomeError } from '../../core/errors.js';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader } from '../catalog-reader.js';
import { createContext, type RadomeContext } from '../context.js';
import { buildRadomeSchema } from '../schema.js';
import { applyCors } from './cors.js';
import { createGraphiqlRoute, defaultGraphiqlDir, GRAPHIQL_PATH } from './graphiql.js';
import { GRAPHQL_PATH, serveGraphql } from './graphql.js';
import { OBJECTS_PREFIX, serveObject } from './objects.js';
import { sendJson, sendText } from './respond.js';

export interface RadomeServerOptions {
  /** Read side of the catalog; open it `{ readonly: true }`. The caller keeps ownership. */
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
}

export interface ListeningRadomeServer {
  /** e.g. http://127.0.0.1:4000 */
  url: string;
  /** Stops accepting requests, lets running ones finish, stops Apollo. */
  close(): Promise<void>;
}

export interface RadomeServer {
  /** The node:http request listener (routes /graphql, /graphiql/, /objects/, /healthz). */
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

export function createRadomeServer(options: RadomeServerOptions): RadomeServer {
  const { catalog, objects } = options;
  const onError = options.onError ?? ((error: unknown) => console.error(error));
  const publicBase = options.publicUrl === undefined ? undefined : publicBaseUrl(options.publicUrl);
  const httpServer = createServer();
  const apollo = new ApolloServer<RadomeContext>({
    schema: buildRadomeSchema(),
    csrfPrevention: true,
    introspection: true,
    plugins: [ApolloServerPluginLandingPageDisabled(), ApolloServerPluginDrainHttpServer({ httpServer })],
    // RadomeErrors from the store keep their code; BAD_INPUT (e.g. a bad cursor) is the user's.
    formatError(formatted, error) {
      const original = unwrapResolverError(error);
      if (!isRadomeError(original)) return formatted;
      const code = original.code === 'BAD_INPUT' ? 'BAD_USER_INPUT' : original.code;
      return { ...formatted, message: original.message, extensions: { ...formatted.extensions, code } };
    },
  });
  let started: Promise<void> | undefined;
  const ensureStarted = () => (started ??= apollo.start());
  const serveGraphiql = createGraphiqlRoute(options.graphiqlDir ?? defaultGraphiqlDir());

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (applyCors(req, res)) return;
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    // The raw path, not new URL(...).pathname: WHATWG URL parsing would resolve `..` and `%2e%2e`
    // before /objects/ could refuse them.
    const rawPath = q < 0 ? url : url.slice(0, q);
    const search = q < 0 ? '' : url.slice(q);

    if (rawPath === GRAPHQL_PATH) {
      await ensureStarted();
      const baseUrl = publicBase ?? `http://${requestAuthority(req)}/`;
      return serveGraphql(req, res, search, apollo, async () => createContext(catalog, baseUrl, objects));
    }
    if (rawPath.startsWith(OBJECTS_PREFIX)) return serveObject(req, res, rawPath, objects);
    if (rawPath === GRAPHIQL_PATH || rawPath.startsWith(`${GRAPHIQL_PATH}/`)) return serveGraphiql(req, res, rawPath, search);
    if (rawPath === '/healthz') return serveHealth(res, catalog);
    sendText(res, 404, 'not found; try /graphql, /graphiql/, /objects/<key> or /healthz\n');
  }

  const handler: RequestListener = (req, res) => {
    route(req, res).catch((error: unknown) => {
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
      return { url: `http://${authority}`, close: () => apollo.stop() };
    },
  };
}

function serveHealth(res: ServerResponse, catalog: CatalogReader): void {
  try {
    const radarSites = catalog.listRadarSites().length;
    sendJson(res, 200, { status: 'ok', catalog: { ok: true, radarSites } });
  } catch (error) {
    sendJson(res, 503, { status: 'error', catalog: { ok: false, error: error instanceof Error ? error.message : String(error) } });
  }
}
