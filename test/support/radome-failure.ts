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
