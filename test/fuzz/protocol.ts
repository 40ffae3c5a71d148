import type { CaseOutcome } from './run-case.js';
import type { FuzzInput } from './seeds.js';

/** Case `index` of run `runSeed` (the process derives it), or an input made by the parent (bombs, replays). */
export type CaseRequest = { type: 'generated'; runSeed: number; index: number } | { type: 'input'; input: FuzzInput };

/** Parent → fuzz process. */
export type ParentMessage = CaseRequest & { id: number };

/** Fuzz process → parent. */
export type ChildMessage =
  | { type: 'ready' }
  | { type: 'start'; id: number; steps: string[] }
  /** An uncaught exception or unhandled rejection during case `id`: the process ends after it. */
  | { type: 'crash'; id: number; detail: string }
  /** maxRssBytes: the process's peak so far; rssBytes: now. */
  | { type: 'done'; id: number; outcome: CaseOutcome; ms: number; maxRssBytes: number; rssBytes: number };
