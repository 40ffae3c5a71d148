import type { GridPool } from '../decode/level2/index.js';
import type { IngestPlan, PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';

/**
 * One file format radome ingests (in the spirit of loaders.gl's loader objects): how to recognise
 * it, decode it and plan what it becomes. Every function is pure and synchronous and throws
 * RadomeError on bad input; `bytes` are plain (containers already unwrapped, see
 * decode/containers). Formats are listed in ./registry.ts.
 */
export interface FileFormat<Decoded = unknown, Plan = unknown> {
  /** Short stable id (e.g. `level2`), also the tag of plans crossing threads. */
  readonly id: string;
  /** What people call it, for messages (e.g. "NEXRAD Level 2 volume"). */
  readonly name: string;
  /** True when the bytes are this format, judged from their first bytes alone (cheap, never throws). */
  test(bytes: Uint8Array): boolean;
  /** The decoded file (typed arrays and plain data). */
  decode(bytes: Uint8Array): Decoded;
  /**
   * Decodes and plans the file's objects and rows as plain data (structured-cloneable: a pool
   * thread hands it back). `grids` lends Level 2 grid memory; the caller releases it afterwards.
   */
  plan(bytes: Uint8Array, object: SourceObject, options: PlanOptions, grids: GridPool | null): Plan;
  /** A plain plan (made in this thread or another) as the ingest plan that writes and commits it. */
  ingestPlan(plan: Plan): IngestPlan;
}

/** Reads `bytes[start, end)` as Latin-1 text: enough for the ASCII magic formats start with. */
export function asciiAt(bytes: Uint8Array, start: number, end: number): string {
  return String.fromCharCode(...bytes.subarray(start, Math.min(end, bytes.length)));
}
