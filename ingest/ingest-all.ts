import { ingestObject, type IngestContext, type IngestOutcome } from './ingest-object.js';
import type { ObjectSource, SourceObject } from './sources/types.js';

export interface IngestSummary {
  ingested: number;
  skipped: number;
  failed: number;
  /** Every outcome, unless `keepOutcomes` was false (large backlogs). */
  outcomes: IngestOutcome[];
}

export interface IngestAllOptions {
  /** Stops taking new files; files already started finish. */
  signal?: AbortSignal;
  /**
   * Files in flight at once (fetching, decoding, writing), default 1. This is the backpressure:
   * the listing is only read further when a file finishes, so memory holds at most this many.
   */
  concurrency?: number;
  onOutcome?: (outcome: IngestOutcome) => void;
  keepOutcomes?: boolean;
}

/**
 * Ingests listed objects, up to `concurrency` at a time (each file's objects are also written
 * concurrently). Resolves once every started file has finished; a listing error is thrown then.
 */
export async function ingestAll(ctx: IngestContext, source: ObjectSource, objects: AsyncIterable<SourceObject>, options: IngestAllOptions = {}): Promise<IngestSummary> {
  const { signal, concurrency = 1, onOutcome, keepOutcomes = true } = options;
  const summary: IngestSummary = { ingested: 0, skipped: 0, failed: 0, outcomes: [] };
  const running = new Set<Promise<void>>();
  let fatal: unknown;
  const start = (object: SourceObject) => {
    const task: Promise<void> = ingestObject(ctx, source, object)
      .then((outcome) => {
        summary[outcome.status]++;
        if (keepOutcomes) summary.outcomes.push(outcome);
        onOutcome?.(outcome);
      })
      .catch((e: unknown) => {
        fatal ??= e;
      })
      .finally(() => running.delete(task));
    running.add(task);
  };
  try {
    for await (const object of objects) {
      if (signal?.aborted || fatal !== undefined) break;
      start(object);
      while (running.size >= concurrency) await Promise.race(running);
    }
  } finally {
    await Promise.all(running);
  }
  if (fatal !== undefined) throw fatal;
  return summary;
}
