import type { GridPool } from './decode/level2/index.js';
import { formatById, identifyRadomeFile } from './formats/registry.js';
import type { IngestPlan, PlanOptions } from './plan-types.js';
import type { SourceObject } from './sources/types.js';

/** A file's plan as plain data (typed arrays, strings, numbers), tagged with its format: what a pool thread hands back. */
export interface PlainPlan {
  kind: 'plan';
  /** The id of the format (formats/registry.ts) that made the plan. */
  format: string;
  plan: unknown;
}

/**
 * Recognises any radome file by content (containers unwrapped), decodes it and plans its objects
 * and rows with its format's descriptor. Pure and synchronous; throws RadomeError. `grids` lends
 * Level 2 grid memory (see planArchiveII); the caller releases it afterwards.
 */
export function planRadomeFile(bytes: Uint8Array, object: SourceObject, options: PlanOptions, grids: GridPool | null = null): PlainPlan {
  const { format, plain } = identifyRadomeFile(bytes);
  return { kind: 'plan', format: format.id, plan: format.plan(plain, object, options, grids) };
}

/** A plain plan (made in this thread or another) as the ingest plan that writes and commits it. */
export function ingestPlanOf(plain: PlainPlan): IngestPlan {
  return formatById(plain.format).ingestPlan(plain.plan);
}
