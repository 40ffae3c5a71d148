// /healthz (the process answers and the catalog opens), /readyz (the catalog reads and the object
// store answers: fit to serve) and /metrics (Prometheus text, optionally behind a bearer token).
import type { ServerResponse } from 'node:http';
import type { ObjectStore } from '../../store/types.js';
import type { CatalogReader } from '../../store/catalog/index.js';
import { redactServerPaths } from '../redact.js';
import type { Metrics, ScrapeGauges } from './metrics.js';
import { sendJson, sendText } from './respond.js';

/** What a failed check says publicly: the error's message without server paths. */
const reason = (error: unknown) => redactServerPaths(error instanceof Error ? error.message : String(error));

export async function serveHealth(res: ServerResponse, catalog: CatalogReader): Promise<void> {
  try {
    const radarSites = (await catalog.radar.sites()).length;
    sendJson(res, 200, { status: 'ok', catalog: { ok: true, radarSites } });
  } catch (error) {
    sendJson(res, 503, { status: 'error', catalog: { ok: false, error: reason(error) } });
  }
}

/** A key no object has: a HEAD on it answers null from a reachable store and throws from an unreachable one. */
const PROBE_KEY = 'radome/readyz-probe';

export async function serveReady(res: ServerResponse, catalog: CatalogReader, objects: ObjectStore): Promise<void> {
  const checks: Record<string, { ok: boolean; error?: string }> = {};
  try {
    await catalog.events.latest();
    checks.catalog = { ok: true };
  } catch (error) {
    checks.catalog = { ok: false, error: reason(error) };
  }
  try {
    await objects.head(PROBE_KEY);
    checks.objects = { ok: true };
  } catch (error) {
    checks.objects = { ok: false, error: reason(error) };
  }
  const ready = Object.values(checks).every((c) => c.ok);
  sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...checks });
}

/** Prometheus text; the route puts it behind RADOME_METRICS_TOKEN when one is set (bearer-auth.ts). */
export async function serveMetrics(res: ServerResponse, metrics: Metrics, gauges: ScrapeGauges): Promise<void> {
  sendText(res, 200, await metrics.render(gauges), { 'content-type': 'text/plain; version=0.0.4; charset=utf-8', 'cache-control': 'no-store' });
}
