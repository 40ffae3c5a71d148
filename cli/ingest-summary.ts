import type { IngestSummary } from '../ingest/ingest-all.js';
import type { IngestOutcome } from '../ingest/ingest-object.js';

/** One file's line: `ingested  <key> → …`, `unchanged <key>` or `FAILED    <key>: … [CODE]`. */
export function printOutcome(o: IngestOutcome): void {
  if (o.status === 'ingested') console.log(`ingested  ${o.object.key} → ${o.kind} ${o.id} (${o.summary})`);
  else if (o.status === 'skipped') console.log(`unchanged ${o.object.key}`);
  else console.log(`FAILED    ${o.error.message} [${o.error.code}]${o.quarantineKey ? ` → ${o.quarantineKey}` : ''}`);
}

/** The totals line; the exit status (1 when any file failed). */
export function printTotals(summary: IngestSummary): number {
  console.log(`${summary.ingested} ingested, ${summary.skipped} unchanged, ${summary.failed} failed`);
  return summary.failed > 0 ? 1 : 0;
}

/** Every file's line, then the totals; the exit status. */
export function printSummary(summary: IngestSummary): number {
  for (const o of summary.outcomes) printOutcome(o);
  return printTotals(summary);
}
