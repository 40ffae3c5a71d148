// Apollo plugin enforcing the limits that need variables or the clock: estimated cost (after
// validation, before execution) and the start of the execution deadline (limits/deadline.ts; it
// deliberately has no willResolveField hook, which would make Apollo wrap every field resolution).
import type { ApolloServerPlugin } from '@apollo/server';
import { apiError } from '../errors.js';
import type { ExecutionDeadline } from './deadline.js';
import { cachedCostError } from './cost.js';

export interface LimitsPluginOptions {
  maxCost: number;
}

export function limitsPlugin<T extends { deadline?: ExecutionDeadline }>({ maxCost }: LimitsPluginOptions): ApolloServerPlugin<T> {
  const costOf = cachedCostError(maxCost);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          const error = costOf(schema, document, request.variables, operationName);
          if (error) throw apiError(error.code, error.message, error.extensions);
        },
        async executionDidStart({ contextValue }) {
          contextValue.deadline?.start();
        },
      };
    },
  };
}
