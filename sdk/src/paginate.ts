import { RadomeClientError, type RadomeResult } from './errors.js';

/** The Relay connection shape every radome list query returns. */
export interface Connection<N> {
  pageInfo: { hasNextPage: boolean; endCursor?: string | null };
  edges: { node: N }[];
}

export interface PageOptions {
  /** Items asked for per request, 1 to 500 (the server's bound). Default 100. */
  pageSize?: number;
  /** Stop after this many items. */
  limit?: number;
}

export const MAX_PAGE_SIZE = 500;
const DEFAULT_PAGE_SIZE = 100;

/**
 * A smaller page size after the server refused a page as too costly (QUERY_TOO_COMPLEX with
 * `cost` and `maxCost`): scaled to fit, else halved; null when there is nothing to shrink.
 */
function pageSizeWithinCost(error: RadomeClientError, first: number): number | null {
  const refusal = error.errors?.find((e) => e.code === 'QUERY_TOO_COMPLEX');
  if (!refusal || first <= 1) return null;
  const { cost, maxCost } = refusal.extensions ?? {};
  const scaled = typeof cost === 'number' && typeof maxCost === 'number' && cost > 0 ? Math.floor((first * maxCost) / cost) : NaN;
  return Math.max(1, Math.min(first - 1, Number.isFinite(scaled) ? scaled : Math.floor(first / 2)));
}

/**
 * Yields the nodes of a connection page by page, following `endCursor` while `hasNextPage`. A page
 * the server finds too costly is asked for again, smaller. A failed page throws its
 * RadomeClientError (an iterator has no other way to report it).
 */
export async function* paginate<N>(
  fetchPage: (first: number, after: string | null) => Promise<RadomeResult<Connection<N> | null | undefined>>,
  options: PageOptions = {},
): AsyncGenerator<N, void, undefined> {
  let pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(options.pageSize ?? DEFAULT_PAGE_SIZE)));
  let remaining = options.limit ?? Infinity;
  let after: string | null = null;
  while (remaining > 0) {
    const first = Math.min(pageSize, remaining);
    const page: RadomeResult<Connection<N> | null | undefined> = await fetchPage(first, after);
    if (page.error) {
      const smaller = pageSizeWithinCost(page.error, first);
      if (smaller === null) throw page.error;
      pageSize = smaller;
      continue;
    }
    if (!page.data) return;
    for (const { node } of page.data.edges) {
      if (remaining-- <= 0) return;
      yield node;
    }
    const { hasNextPage, endCursor } = page.data.pageInfo;
    if (!hasNextPage) return;
    if (!endCursor || endCursor === after) throw new RadomeClientError('graphql', `the server said there is a next page but gave no new cursor after ${after}`);
    after = endCursor;
  }
}
