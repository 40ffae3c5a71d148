import { setTimeout as sleep } from 'node:timers/promises';
import { isRadomeError } from './errors.js';

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  /** Delay before the second try, ms; doubles each time up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

/** About 20 s of trying with the defaults (0.5, 1, 2, 4, 8, 8 s, each jittered). */
export const DEFAULT_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 500, maxDelayMs: 8_000 };

/**
 * Worth another try: the store or the network failed (SOURCE_UNAVAILABLE, or an error that is
 * not a RadomeError at all, e.g. a socket reset). Bad input never gets better by trying again.
 */
export function isTransient(e: unknown): boolean {
  return !isRadomeError(e) || e.code === 'SOURCE_UNAVAILABLE';
}

/** Exponential backoff with "equal jitter": half the step fixed, half random, so retries spread out. */
export function backoffDelay(policy: RetryPolicy, retry: number, random = Math.random): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** retry);
  return step / 2 + random() * (step / 2);
}

/**
 * Runs `fn` until it succeeds, fails with a non-transient error, runs out of attempts or `signal`
 * aborts (then the last error is thrown). `onRetry` hears of each failed try that will be retried.
 */
export async function withRetry<T>(
  fn: () => Promise<T>,
  policy: RetryPolicy = DEFAULT_RETRY,
  options: { signal?: AbortSignal; onRetry?: (error: unknown, retry: number, delayMs: number) => void } = {},
): Promise<T> {
  for (let retry = 0; ; retry++) {
    try {
      return await fn();
    } catch (e) {
      if (!isTransient(e) || retry + 1 >= policy.attempts || options.signal?.aborted) throw e;
      const delay = backoffDelay(policy, retry);
      options.onRetry?.(e, retry + 1, delay);
      try {
        await sleep(delay, undefined, { signal: options.signal });
      } catch {
        throw e;
      }
    }
  }
}
