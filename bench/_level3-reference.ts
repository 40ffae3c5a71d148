// nexrad-level-3-data, the peer the Level 3 benches time radome against.
import { createRequire } from 'node:module';

const reference = createRequire(import.meta.url)('nexrad-level-3-data') as (data: Buffer) => unknown;

/** The reference's decode, with the parse failures it prints silenced so they are not timed. */
export function decodeWithReference(bytes: Buffer): unknown {
  const { log, error } = console;
  console.log = console.error = () => {};
  try {
    return reference(bytes);
  } finally {
    console.log = log;
    console.error = error;
  }
}

/** Whether the reference decodes the file at all (it throws on products it does not know). */
export function referenceDecodes(bytes: Buffer): boolean {
  try {
    decodeWithReference(bytes);
    return true;
  } catch {
    return false;
  }
}
