import { ingestObject, type IngestContext, type IngestOutcome } from './ingest-object.js';
import type { ObjectSource, SourceObject } from './sources/types.js';

export interface IngestSummary {
  ingested: number;
  skipped: number;
  failed: number;
  outcomes: IngestOutcome[];
}

/** Ingests listed objects one after another (each file's objects are written concurrently). */
export async function ingestAll(ctx: IngestContext, source: ObjectSource, objects: AsyncIterable<SourceObject>, signal?: AbortSignal): Promise<IngestSummary> {
  const summary: IngestSummary = { ingested: 0, skipped: 0, failed: 0, outcomes: [] };
  for await (const object of objects) {
    if (signal?.aborted) break;
    const outcome = await ingestObject(ctx, source, object);
    summary[outcome.status]++;
    summary.outcomes.push(outcome);
  }
  return summary;
}
