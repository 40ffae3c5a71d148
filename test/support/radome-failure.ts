import { expect } from 'vitest';
import { RadomeError } from '../../core/errors.js';

/** Runs `f`, expecting it to throw a RadomeError; returns that error. */
export function failure(f: () => unknown): RadomeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(RadomeError);
    return e as RadomeError;
  }
  throw new Error('expected a RadomeError, but the call succeeded');
}

/** 'ok' when `f` returns, the RadomeError's code when it throws one (anything else propagates). */
export function outcomeCode(f: () => unknown): string {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (e instanceof RadomeError) return e.code;
    throw e;
  }
}
