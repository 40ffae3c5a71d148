// Apollo plugin enforcing the limits that need variables or the clock: estimated cost (after
// validation, before execution) and the start of the execution deadline (limits/deadline.ts; it
// deliberately has no willResolveField hook, which would make Apollo wrap every field resolution).
import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { apiError } from '../errors.js';
import type { ExecutionDeadline } from './deadline.js';
import { costError } from './cost.js';

export interface LimitsPluginOptions {
  maxCost: number;
}

/** Cost verdicts kept per document (Apollo hands out the same parsed document for the same query text). */
const VERDICTS_PER_DOCUMENT = 32;
/** Longer variables are not kept (memory stays bounded whatever clients send); they are costed each time. */
const MAX_KEY_CHARS = 1024;

type Verdict = ReturnType<typeof costError>;

/**
 * costError memoised by document and (operation name, variables): the cost walk is a visit of the
 * whole document with the schema, which would otherwise run on every request. Each document keeps
 * its last few verdicts; documents Apollo drops from its cache are dropped here with them.
 */
function cachedCostError(maxCost: number) {
  const verdicts = new WeakMap<DocumentNode, Map<string, Verdict>>();
  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): Verdict => {
    const key = `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
    if (key.length > MAX_KEY_CHARS) return costError(schema, document, variables, operationName, maxCost);
    let byKey = verdicts.get(document);
    if (!byKey) verdicts.set(document, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key)!;
    const verdict = costError(schema, document, variables, operationName, maxCost);
    byKey.set(key, verdict);
    if (byKey.size > VERDICTS_PER_DOCUMENT) byKey.delete(byKey.keys().next().value!);
    return verdict;
  };
}

export function limitsPlugin<T extends { deadline?: ExecutionDeadline }>({ maxCost }: LimitsPluginOptions): ApolloServerPlugin<T> {
  const costOf = cachedCostError(maxCost);
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema, operationName }) {
          const error = costOf(schema, document, request.variables, operationName ?? undefined);
          if (error) throw apiError('QUERY_TOO_COMPLEX', error.message, error.extensions);
        },
        async executionDidStart({ contextValue }) {
          contextValue.deadline?.start();
        },
      };
    },
  };
}
