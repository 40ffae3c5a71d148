export { createRadomeClient, type OperationMethod, type RadomeClient, type RadomeClientOptions, type RequestOptions } from './client.js';
export { RadomeClientError, type GraphQLErrorInfo, type RadomeClientErrorKind, type RadomeResult } from './errors.js';
// Result, variable and input types and the typed documents of every operation.
export * from './gql/graphql.js';
