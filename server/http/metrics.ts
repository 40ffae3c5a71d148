// Prometheus text-format metrics kept in memory: request counts and latency per route, GraphQL
// errors per code, plus gauges read at scrape time (ingest lag, subscribers, memory).
import type { ApolloServerPlugin } from '@apollo/server';
import { apiCodeOf } from '../errors.js';

/** Latency buckets, seconds (le). */
const BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Routes are a fixed set, so label values (and series) stay bounded whatever clients request. */
export type RouteLabel = 'graphql' | 'graphql-ws' | 'graphiql' | 'objects' | 'tiles' | 'healthz' | 'readyz' | 'metrics' | 'other';

interface Histogram {
  counts: number[];
  sum: number;
  count: number;
}

export interface ScrapeGauges {
  /** Seconds since the newest catalog event, or null before any. */
  ingestLagSeconds(): Promise<number | null>;
  activeSubscriptions(): number;
}

const label = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export class Metrics {
  private readonly requests = new Map<string, number>();
  private readonly latency = new Map<RouteLabel, Histogram>();
  private readonly graphqlErrors = new Map<string, number>();

  observeRequest(route: RouteLabel, method: string, status: number, seconds: number): void {
    const key = `route="${route}",method="${label(method)}",status="${status}"`;
    this.requests.set(key, (this.requests.get(key) ?? 0) + 1);
    let h = this.latency.get(route);
    if (!h) this.latency.set(route, (h = { counts: BUCKETS.map(() => 0), sum: 0, count: 0 }));
    for (let i = 0; i < BUCKETS.length; i++) if (seconds <= BUCKETS[i]!) h.counts[i]!++;
    h.sum += seconds;
    h.count++;
  }

  countGraphqlError(code: string): void {
    this.graphqlErrors.set(code, (this.graphqlErrors.get(code) ?? 0) + 1);
  }

  /** Counts errors of GraphQL requests by extensions.code (resolver errors and rejected operations). */
  plugin<T extends object>(): ApolloServerPlugin<T> {
    return {
      requestDidStart: async () => ({
        didEncounterErrors: async ({ errors }) => {
          for (const e of errors) this.countGraphqlError(apiCodeOf(e));
        },
      }),
    };
  }

  async render(gauges: ScrapeGauges): Promise<string> {
    const out: string[] = [];
    out.push('# HELP radome_http_requests_total HTTP requests answered, by route, method and status.', '# TYPE radome_http_requests_total counter');
    for (const [labels, n] of this.requests) out.push(`radome_http_requests_total{${labels}} ${n}`);
    out.push('# HELP radome_http_request_duration_seconds Time to answer HTTP requests, by route.', '# TYPE radome_http_request_duration_seconds histogram');
    for (const [route, h] of this.latency) {
      BUCKETS.forEach((le, i) => out.push(`radome_http_request_duration_seconds_bucket{route="${route}",le="${le}"} ${h.counts[i]}`));
      out.push(`radome_http_request_duration_seconds_bucket{route="${route}",le="+Inf"} ${h.count}`);
      out.push(`radome_http_request_duration_seconds_sum{route="${route}"} ${h.sum}`, `radome_http_request_duration_seconds_count{route="${route}"} ${h.count}`);
    }
    out.push('# HELP radome_graphql_errors_total GraphQL errors returned, by extensions.code.', '# TYPE radome_graphql_errors_total counter');
    for (const [code, n] of this.graphqlErrors) out.push(`radome_graphql_errors_total{code="${label(code)}"} ${n}`);
    const lag = await gauges.ingestLagSeconds();
    out.push('# HELP radome_ingest_lag_seconds Seconds since the newest catalog event (last committed volume or product).', '# TYPE radome_ingest_lag_seconds gauge');
    if (lag !== null) out.push(`radome_ingest_lag_seconds ${lag}`);
    out.push('# HELP radome_subscriptions_active GraphQL subscriptions open over WebSocket.', '# TYPE radome_subscriptions_active gauge');
    out.push(`radome_subscriptions_active ${gauges.activeSubscriptions()}`);
    out.push('# HELP process_resident_memory_bytes Resident memory of the server process.', '# TYPE process_resident_memory_bytes gauge');
    out.push(`process_resident_memory_bytes ${process.memoryUsage.rss()}`);
    return `${out.join('\n')}\n`;
  }
}
