import type { IngestSummary } from '../ingest/ingest-all.js';

/** One line per file, then the totals; the exit status (1 when any file failed). */
export function printSummary(summary: IngestSummary): number {
  for (const o of summary.outcomes) {
    if (o.status === 'ingested') console.log(`ingested  ${o.object.key} → ${o.kind} ${o.id} (${o.summary})`);
    else if (o.status === 'skipped') console.log(`unchanged ${o.object.key}`);
    else console.log(`FAILED    ${o.error.message} [${o.error.code}]${o.quarantineKey ? ` → ${o.quarantineKey}` : ''}`);
  }
  console.log(`${summary.ingested} ingested, ${summary.skipped} unchanged, ${summary.failed} failed`);
  return summary.failed > 0 ? 1 : 0;
}
