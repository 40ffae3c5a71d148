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

/** Awaits `p`, expecting it to reject with a RadomeError; returns that error. */
export async function rejection(p: Promise<unknown>): Promise<RadomeError> {
  const e = await p.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RadomeError);
  return e as RadomeError;
}

/** Runs `fn`, expecting it to throw or reject with a RadomeError of `code` (and a message matching `message`). */
export async function expectRadomeError(fn: () => unknown, code: string, message?: RegExp): Promise<RadomeError> {
  const err = await rejection((async () => fn())());
  expect(err.code).toBe(code);
  if (message) expect(err.message).toMatch(message);
  return err;
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
