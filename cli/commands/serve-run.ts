import { loadConfig, type RadomeConfig } from '../../core/config.js';
import { createLogger } from '../../core/log.js';
import { type ListeningCatalog, openCatalog, openReadOnlyCatalog } from '../../store/catalog/index.js';
import { openObjectStore } from '../../store/objects/open.js';
import { createRadomeServer } from '../../server/index.js';
import type { CommandArgs } from '../args.js';
import { openIngestContext } from '../runtime.js';

function withFlags(values: CommandArgs['values']): RadomeConfig {
  const env = { ...process.env };
  if (typeof values.port === 'string') env.PORT = values.port;
  if (typeof values.host === 'string') env.HOST = values.host;
  return loadConfig(env);
}

/** Starts the HTTP server over a read-only catalog; resolves to a closer. */
async function startServer(config: RadomeConfig): Promise<() => Promise<void>> {
  const log = createLogger('radome-server');
  // The writer creates and migrates the catalog; a server started alone on a fresh data dir does it once.
  await (await openCatalog(config.catalogPath)).close();
  const catalog = await openReadOnlyCatalog(config.catalogPath);
  const server = createRadomeServer({
    catalog: catalog.reader,
    // A PostgreSQL catalog wakes subscriptions on every commit of any process (LISTEN/NOTIFY).
    listen: 'listen' in catalog ? (onEvent) => (catalog as ListeningCatalog).listen(() => onEvent()) : undefined,
    objects: openObjectStore(config.objectsUrl),
    publicUrl: config.publicUrl,
    config: config.server,
    ingestAdmin: { catalogPath: config.catalogPath, adminToken: config.adminToken },
  });
  const listening = await server.listen(config.port, config.host);
  log.info({ url: listening.url, catalog: config.catalogPath, objects: config.objectsUrl }, `radome serving GraphQL at ${listening.url}/graphql and GraphiQL at ${listening.url}/graphiql`);
  return async () => {
    await listening.close();
    await catalog.close();
  };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

/** `radome serve`: until SIGINT/SIGTERM. */
export async function serve({ values }: CommandArgs): Promise<number> {
  const close = await startServer(withFlags(values));
  await untilSignal();
  await close();
  return 0;
}

/** `radome start`: the server, then the daemon (loaded once the server answers). */
export async function start({ values }: CommandArgs): Promise<number> {
  const config = withFlags(values);
  const closeServer = await startServer(config);
  const { runIngestDaemon } = await import('../../ingest/daemon.js');
  const ctx = await openIngestContext(config);
  const stop = new AbortController();
  const daemon = runIngestDaemon(ctx, config, stop.signal);
  await untilSignal();
  stop.abort();
  await daemon;
  await ctx.close();
  await closeServer();
  return 0;
}
