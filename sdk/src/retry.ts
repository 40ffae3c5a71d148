import type { RadomeClientError } from './errors.js';

/** Retries of idempotent queries (never mutations) after network errors and HTTP 429/503. */
export interface RetryOptions {
  /** Retries after the first attempt; 0 turns retrying off. Default 2. */
  retries?: number;
  /** First backoff delay in ms, doubled per retry, with full jitter. Default 300. */
  baseDelayMs?: number;
  /**
   * Longest wait in ms, for backoff and for Retry-After: a server asking for a longer wait
   * gets no retry (the error carries `retryAfterMs`). Default 30000.
   */
  maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 2, baseDelayMs: 300, maxDelayMs: 30_000 };

/** Retry-After as ms from `now`: delay-seconds or an HTTP date; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Failures worth another try: nothing arrived, or the server said "later" (429, 503). */
export function isRetryable(error: RadomeClientError): boolean {
  return error.kind === 'network' || error.status === 429 || error.status === 503;
}

/**
 * How long to wait before retry number `retry` (0-based), or null to give up: the server's
 * Retry-After when it sent one, else exponential backoff with full jitter.
 */
export function retryDelay(error: RadomeClientError, retry: number, options: Required<RetryOptions>, random = Math.random): number | null {
  if (retry >= options.retries || !isRetryable(error)) return null;
  if (error.retryAfterMs !== undefined) return error.retryAfterMs <= options.maxDelayMs ? error.retryAfterMs : null;
  return Math.round(random() * Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry));
}

/** Resolves after `ms`, or early (false) when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => {
      clearTimeout(timer);
      resolve(false);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve(true);
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
