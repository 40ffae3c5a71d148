// `radome serve` and `radome start`: names, usage and options; the server's code loads when they run.
import type { Command } from '../args.js';

const serverOptions = { port: { type: 'string' as const }, host: { type: 'string' as const } };

export const serveCommand: Command = {
  name: 'serve',
  summary: 'serve the GraphQL API, GraphiQL and objects',
  usage: `
Usage: radome serve [--port 4000] [--host 127.0.0.1]

Serves /graphql, /graphiql, /objects/<key> and /healthz over the catalog (RADOME_CATALOG) and
object store (RADOME_OBJECTS). PORT and HOST in the environment work too.`,
  options: serverOptions,
  run: async (args) => (await import('./serve-run.js')).serve(args),
};

export const startCommand: Command = {
  name: 'start',
  summary: 'serve and run the ingest daemon together (what `npm start` runs)',
  usage: `
Usage: radome start [--port 4000] [--host 127.0.0.1]

Runs \`radome serve\` and \`radome ingest run\` in one process on the embedded defaults: a SQLite
catalog and a local object store under ./var (RADOME_DATA_DIR). With no network the server still
serves what the catalog holds, and radome says in one line which source it could not reach and how
to ingest local files instead (radome ingest files <path…>).`,
  options: serverOptions,
  run: async (args) => (await import('./serve-run.js')).start(args),
};
