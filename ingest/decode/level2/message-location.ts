/** A message's body starts after its 12-byte CTM header and 16-byte message header. */
export const MESSAGE_BODY_OFFSET = 28;

/**
 * Text locating a message in errors and warnings, built only when one is raised (never per
 * radial): `record` names the record ("record 3 at offset 1234"), `body` is the body's offset.
 */
export function messageAt(record: string, body: number): string {
  return `${record}, message at byte ${body - MESSAGE_BODY_OFFSET}`;
}
