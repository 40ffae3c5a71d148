// type-graphql's decorators need the metadata polyfill before any type class loads.
import 'reflect-metadata';
export { createRadomeServer, type ListeningRadomeServer, type RadomeServer, type RadomeServerOptions } from './http/server.js';
export { buildRadomeSchema, emitRadomeSchema } from './schema.js';
export type { CatalogReader } from '../store/catalog/index.js';
