// Estimated cost of an operation before it runs (graphql-query-complexity): each field costs 1,
// page sizes and list lengths multiply what is under them, and series cost their point count.
import { getComplexity, type ComplexityEstimator } from 'graphql-query-complexity';
import { getNullableType, isListType, type DocumentNode, type GraphQLSchema } from 'graphql';
import { parseIsoDuration } from '../../core/iso-duration.js';
import { MAX_SNR_POINTS } from '../../store/gnss/snr-series.js';
import { MAX_COVERAGE_BUCKETS } from '../resolvers/radar-coverage.js';
import { MAX_PAGE_SIZE } from '../types/inputs.js';

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
  return getComplexity({ schema, query, variables: variables ?? {}, operationName, estimators: [radomeEstimator] });
}

/** The error to answer when the operation costs more than `maxCost`, else null. */
export function costError(
  schema: GraphQLSchema,
  query: DocumentNode,
  variables: Record<string, unknown> | undefined,
  operationName: string | undefined,
  maxCost: number,
): { message: string; extensions: { cost: number; maxCost: number } } | null {
  const cost = operationCost(schema, query, variables, operationName);
  if (cost <= maxCost) return null;
  return {
    message: `the query's estimated cost is ${cost}, over the limit of ${maxCost}; ask for smaller pages (first), fewer nested lists, a shorter time range or a longer interval`,
    extensions: { cost, maxCost },
  };
}
