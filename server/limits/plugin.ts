// Apollo plugin enforcing the limits that need variables or the clock: estimated cost (after
// validation, before execution) and the execution deadline (checked as each field resolves;
// resolvers are synchronous SQLite reads, so between fields is where a long query can stop).
import type { ApolloServerPlugin } from '@apollo/server';
import { apiError } from '../errors.js';
import { costError } from './cost.js';

export interface LimitsPluginOptions {
  maxCost: number;
  executionTimeoutMs: number;
}

export function limitsPlugin<T extends object>({ maxCost, executionTimeoutMs }: LimitsPluginOptions): ApolloServerPlugin<T> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          const error = costError(schema, document, request.variables, operationName ?? undefined, maxCost);
          if (error) throw apiError('QUERY_TOO_COMPLEX', error.message, error.extensions);
        },
        async executionDidStart() {
          const deadline = Date.now() + executionTimeoutMs;
          return {
            willResolveField() {
              if (Date.now() > deadline) {
                throw apiError('QUERY_TOO_COMPLEX', `the query ran longer than ${executionTimeoutMs} ms (the limit) and was stopped; ask for less (smaller pages, a shorter range)`);
              }
            },
          };
        },
      };
    },
  };
}
