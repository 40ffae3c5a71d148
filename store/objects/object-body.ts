import type { ObjectBody } from '../types.js';

/** An object body's parts, in order (one array is one part). */
export const objectParts = (body: ObjectBody): readonly Uint8Array[] => (Array.isArray(body) ? (body as readonly Uint8Array[]) : [body as Uint8Array]);

export function objectByteLength(body: ObjectBody): number {
  let n = 0;
  for (const part of objectParts(body)) n += part.byteLength;
  return n;
}

/** An object body as one array: the array itself, or its parts joined (a copy, for readers that need one array). */
export function objectBytes(body: ObjectBody): Uint8Array {
  const parts = objectParts(body);
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(objectByteLength(parts));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}

/** Whether two bodies hold the same bytes (a native compare; bodies in parts are joined first). */
export function sameObjectBytes(a: ObjectBody, b: ObjectBody): boolean {
  if (objectByteLength(a) !== objectByteLength(b)) return false;
  const x = objectBytes(a);
  return Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(objectBytes(b));
}
