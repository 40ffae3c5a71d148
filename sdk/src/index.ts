export {
  createRadomeClient,
  type ConnectionIterator,
  type IterateOptions,
  type OperationMethod,
  type RadomeClient,
  type RadomeClientOptions,
  type RequestOptions,
} from './client.js';
export { RadomeClientError, type GraphQLErrorInfo, type RadomeClientErrorKind, type RadomeResult } from './errors.js';
export { operationOf, type OperationType } from './operation.js';
export { imageOverlay, type HasImage, type ImageOverlay, type LngLat } from './overlay.js';
export { rasterSource, type RasterSourceOptions, type RasterSourceSpecification } from './raster-source.js';
export { paginate, MAX_PAGE_SIZE, type Connection, type PageOptions } from './paginate.js';
export { parseRetryAfter, type RetryOptions } from './retry.js';
// Result, variable and input types and the typed documents of every operation.
export * from './gql/graphql.js';
