export { createRadomeServer, type ListeningRadomeServer, type RadomeServer, type RadomeServerOptions } from './http/server.js';
export { buildRadomeSchema, emitRadomeSchema } from './schema.js';
export type { CatalogReader } from './catalog-reader.js';
