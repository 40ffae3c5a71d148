// Estimated cost of an operation before it runs (graphql-query-complexity): each field costs 1,
// page sizes and list lengths multiply what is under them, and series cost their point count.
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { getNullableType, GraphQLError, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { parseIsoDuration } from '../../core/iso-duration.js';
import { MAX_SNR_POINTS } from '../../store/gnss/snr-series.js';
import { MAX_COVERAGE_BUCKETS } from '../resolvers/radar-coverage.js';
import { MAX_PAGE_SIZE } from '../types/inputs.js';

/**
 * Selections the cost walk visits at most, fragments expanded (graphql-query-complexity's own
 * default, said here so the message can name it). maxSelectionsRule refuses such documents
 * first (RADOME_MAX_SELECTIONS is at most this); should the library trip anyway, that is a limit
 * like the others, answered QUERY_TOO_COMPLEX, not an internal error.
 */
export const MAX_QUERY_NODES = 10_000;

/** Assumed length of a list without a page size (radarSites, productCodes, Volume.sweeps …). */
const UNPAGED_LIST_LENGTH = 20;

/** Buckets a [from, to) range splits into at `interval`, or null when the arguments are not that shape. */
function bucketCount(args: Record<string, unknown>): number | null {
  const { from, to, interval } = args;
  if (!(from instanceof Date) || !(to instanceof Date) || typeof interval !== 'string') return null;
  let intervalMs: number;
  try {
    intervalMs = parseIsoDuration(interval, 'interval');
  } catch {
    return null; // the resolver reports the bad interval itself
  }
  return Math.max(1, Math.ceil((to.getTime() - from.getTime()) / intervalMs));
}

const radomeEstimator: ComplexityEstimator = ({ field, args, childComplexity }) => {
  // Introspection (GraphiQL's schema query) is bounded by the schema's size, not by data.
  if (field.name.startsWith('__')) return 0;
  const buckets = bucketCount(args);
  if (buckets !== null) {
    // Series and coverage: a tenth per point (per bucket and site), each point being a few
    // numbers. Past the resolvers' own point caps the resolver refuses, naming the point count
    // and what to change, which says more than a cost.
    const points = buckets * (Array.isArray(args.sites) ? Math.max(1, args.sites.length) : 1);
    if (points > Math.min(MAX_SNR_POINTS, MAX_COVERAGE_BUCKETS)) return childComplexity;
    return Math.ceil(points / 10) + childComplexity;
  }
  // Pages over the maximum are refused by the resolver with a clearer message than a cost.
  if (typeof args.first === 'number') return 1 + Math.min(Math.max(1, args.first), MAX_PAGE_SIZE) * Math.max(1, childComplexity);
  if (Array.isArray(args.ids)) return 1 + args.ids.length * childComplexity;
  if (isListType(getNullableType(field.type))) return 1 + UNPAGED_LIST_LENGTH * childComplexity;
  return 1 + childComplexity;
};

export function operationCost(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined): number {
  return getComplexity({ schema, query, variables: variables ?? {}, operationName, estimators: [radomeEstimator], maxQueryNodes: MAX_QUERY_NODES });
}

/** Why an operation may not run: over a limit, or variables the cost walk could not coerce. */
export interface CostVerdict {
  code: 'QUERY_TOO_COMPLEX' | 'BAD_USER_INPUT';
  message: string;
  extensions: { cost: number; maxCost: number } | { maxQueryNodes: number } | Record<string, never>;
}

/** The error to answer when the operation costs more than `maxCost` (or cannot be costed), else null. */
export function costError(schema: GraphQLSchema, query: DocumentNode, variables: Record<string, unknown> | undefined, operationName: string | undefined, maxCost: number): CostVerdict | null {
  let cost: number;
  try {
    cost = operationCost(schema, query, variables, operationName);
  } catch (e) {
    if (!(e instanceof GraphQLError)) throw e;
    // The walk coerces the variables first and reports what graphql-js says of bad ones.
    if (!/maximum allowed number of nodes/.test(e.message)) return { code: 'BAD_USER_INPUT', message: e.message, extensions: {} };
    return {
      code: 'QUERY_TOO_COMPLEX',
      message: `the query selects more than ${MAX_QUERY_NODES} fields once its fragments are expanded (the limit); spread each fragment fewer times, or split the query`,
      extensions: { maxQueryNodes: MAX_QUERY_NODES },
    };
  }
  if (cost <= maxCost) return null;
  return {
    code: 'QUERY_TOO_COMPLEX',
    message: `the query's estimated cost is ${cost}, over the limit of ${maxCost}; ask for smaller pages (first), fewer nested lists, a shorter time range or a longer interval`,
    extensions: { cost, maxCost },
  };
}

/** Cost verdicts kept per document (Apollo hands out the same parsed document for the same query text). */
const VERDICTS_PER_DOCUMENT = 32;
/** Longer variables are not kept (memory stays bounded whatever clients send); they are costed each time. */
const MAX_KEY_CHARS = 1024;

/**
 * costError memoised by document and (operation name, variables): the cost walk is a visit of the
 * whole document with the schema, which would otherwise run on every request. Each document keeps
 * its last few verdicts; documents dropped from their cache (Apollo's, the WebSocket server's) are
 * dropped here with them.
 */
export function cachedCostError(maxCost: number) {
  const verdicts = new WeakMap<DocumentNode, Map<string, CostVerdict | null>>();
  return (schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown> | null | undefined, operationName: string | null | undefined): CostVerdict | null => {
    const key = `${operationName ?? ''}\n${JSON.stringify(variables ?? {})}`;
    if (key.length > MAX_KEY_CHARS) return costError(schema, document, variables ?? undefined, operationName ?? undefined, maxCost);
    let byKey = verdicts.get(document);
    if (!byKey) verdicts.set(document, (byKey = new Map()));
    if (byKey.has(key)) return byKey.get(key)!;
    const verdict = costError(schema, document, variables ?? undefined, operationName ?? undefined, maxCost);
    byKey.set(key, verdict);
    if (byKey.size > VERDICTS_PER_DOCUMENT) byKey.delete(byKey.keys().next().value!);
    return verdict;
  };
}
