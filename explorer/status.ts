// The page's message line: empty catalog, unreachable server and GraphQL errors stay visible.
import type { RadomeResult } from './sdk.js';

export type StatusKind = 'info' | 'empty' | 'error' | 'offline';

export function showStatus(kind: StatusKind, message: string): void {
  const el = document.getElementById('status')!;
  el.hidden = false;
  el.dataset.kind = kind;
  el.textContent = message;
}

export function clearStatus(): void {
  const el = document.getElementById('status')!;
  el.hidden = true;
  el.textContent = '';
  delete el.dataset.kind;
}

/** The data of a result, or null after showing what went wrong (an unreachable server said as such). */
export function dataOrStatus<T>(result: RadomeResult<T>, what: string): T | null {
  if (!result.error) return result.data;
  const error = result.error;
  if (error.kind === 'network') showStatus('offline', `The radome server cannot be reached (${what}): ${error.message}. Is \`radome serve\` running?`);
  else showStatus('error', `Could not load ${what}: ${error.message}`);
  return null;
}
