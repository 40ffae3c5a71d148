import { loadConfig, type RadomeConfig } from '../../core/config.js';
import { createLogger } from '../../core/log.js';
import { Catalog } from '../../store/catalog/index.js';
import { openObjectStore } from '../../store/objects/index.js';
import { createRadomeServer } from '../../server/index.js';
import { runIngestDaemon } from '../../ingest/daemon.js';
import type { Command } from '../args.js';
import { openIngestContext } from '../runtime.js';

function withFlags(values: Record<string, string | boolean | undefined>): RadomeConfig {
  const env = { ...process.env };
  if (typeof values.port === 'string') env.PORT = values.port;
  if (typeof values.host === 'string') env.HOST = values.host;
  return loadConfig(env);
}

/** Starts the HTTP server over a read-only catalog; resolves to a closer. */
async function startServer(config: RadomeConfig): Promise<() => Promise<void>> {
  const log = createLogger('radome-server');
  // The writer creates and migrates the catalog; a server started alone on a fresh data dir does it once.
  Catalog.open(config.catalogPath).close();
  const catalog = Catalog.open(config.catalogPath, { readonly: true });
  const server = createRadomeServer({
    catalog,
    objects: openObjectStore(config.objectsUrl),
    publicUrl: config.publicUrl,
    config: config.server,
    ingestAdmin: { catalogPath: config.catalogPath, adminToken: config.adminToken },
  });
  const listening = await server.listen(config.port, config.host);
  log.info({ url: listening.url, catalog: config.catalogPath, objects: config.objectsUrl }, `radome serving GraphQL at ${listening.url}/graphql and GraphiQL at ${listening.url}/graphiql`);
  return async () => {
    await listening.close();
    catalog.close();
  };
}

function untilSignal(): Promise<void> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve());
    process.once('SIGTERM', () => resolve());
  });
}

const serverOptions = { port: { type: 'string' as const }, host: { type: 'string' as const } };

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the GraphQL API, GraphiQL and objects',
  usage: `
Usage: radome serve [--port 4000] [--host 127.0.0.1]

Serves /graphql, /graphiql, /objects/<key> and /healthz over the catalog (RADOME_CATALOG) and
object store (RADOME_OBJECTS). PORT and HOST in the environment work too.`,
  options: serverOptions,
  async run({ values }) {
    const close = await startServer(withFlags(values));
    await untilSignal();
    await close();
    return 0;
  },
};

export const startCommand: Command = {
  name: 'start',
  summary: 'serve and run the ingest daemon together (what `npm start` runs)',
  usage: `
Usage: radome start [--port 4000] [--host 127.0.0.1]

Runs \`radome serve\` and \`radome ingest run\` in one process on the embedded defaults: a SQLite
catalog and a local object store under ./var (RADOME_DATA_DIR). With no network the server still
serves what the catalog holds and the daemon logs which source is unreachable.`,
  options: serverOptions,
  async run({ values }) {
    const config = withFlags(values);
    const closeServer = await startServer(config);
    const ctx = openIngestContext(config);
    const stop = new AbortController();
    const daemon = runIngestDaemon(ctx, config, stop.signal);
    await untilSignal();
    stop.abort();
    await daemon;
    ctx.close();
    await closeServer();
    return 0;
  },
};

