// A token bucket per client: `burst` requests at once, refilled at `perSecond`. Buckets that
// have refilled completely carry no state and are dropped, so the map holds only active clients.
import type { IncomingMessage } from 'node:http';
import { errorBody } from '../errors.js';
import type { Middleware } from './router.js';

export interface RateLimitDecision {
  allowed: boolean;
  /** Whole seconds until one request would be allowed (0 when allowed). */
  retryAfterSeconds: number;
}

interface Bucket {
  tokens: number;
  updated: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private lastSweep = 0;

  constructor(
    private readonly perSecond: number,
    private readonly burst: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  take(client: string): RateLimitDecision {
    const t = this.now();
    this.sweep(t);
    const bucket = this.buckets.get(client) ?? { tokens: this.burst, updated: t };
    bucket.tokens = Math.min(this.burst, bucket.tokens + ((t - bucket.updated) / 1000) * this.perSecond);
    bucket.updated = t;
    this.buckets.set(client, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterSeconds: 0 };
    }
    return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((1 - bucket.tokens) / this.perSecond)) };
  }

  /** Once per ~10 s: forget clients whose bucket is full again. */
  private sweep(t: number): void {
    if (t - this.lastSweep < 10_000) return;
    this.lastSweep = t;
    const fullAfterMs = (this.burst / this.perSecond) * 1000;
    for (const [client, bucket] of this.buckets) if (t - bucket.updated >= fullAfterMs) this.buckets.delete(client);
  }
}

/**
 * Rate limiting as middleware: one request (or WebSocket upgrade) takes one token of its client's
 * bucket; without one it gets 429 RATE_LIMITED with Retry-After.
 */
export function rateLimit(limiter: RateLimiter, clientOf: (req: IncomingMessage) => string, perSecond: number, burst: number): Middleware {
  return ({ req }) => {
    const decision = limiter.take(clientOf(req));
    if (decision.allowed) return undefined;
    const retryAfterSeconds = decision.retryAfterSeconds;
    return {
      status: 429,
      headers: { 'retry-after': String(retryAfterSeconds) },
      json: errorBody('RATE_LIMITED', `too many requests from this client (over ${perSecond}/s, bursts of ${burst}); retry after ${retryAfterSeconds} s`, { retryAfterSeconds }),
    };
  };
}
