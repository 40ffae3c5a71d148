import { RadomeError, type RadomeErrorCode } from '../errors.js';

/**
 * One kind of identifier users type (in flags, config, CLI options, queries): its rule and how
 * messages name it. Each kind is defined once, in ./radar-site.ts, ./gnss-station.ts and
 * ./level3-product.ts.
 */
export interface IdentifierKind {
  /** True for a valid identifier, already upper-cased. */
  test(id: string): boolean;
  /** One of them, with an example: "a 4-letter ICAO radar id like KLOT". */
  readonly one: string;
  /** Several: "4-letter ICAO radar ids". */
  readonly many: string;
}

declare const brand: unique symbol;

/**
 * A string proven to be one kind of id (by its parser or guard, ./radar-site.ts…): ids of
 * different kinds that share a shape (a radar site and a GNSS station are both 4 characters) are
 * different types, so one cannot be passed where the other is expected. At run time it is the plain
 * string.
 */
export type Branded<Kind extends string> = string & { readonly [brand]: Kind };

/**
 * The parser of one kind of id: `raw` (trimmed; upper-cased unless `keepCase`) as that id, else a
 * `code` error (BAD_INPUT by default: a user's flag or argument) naming `what` (the argument, field
 * or file) and saying what is accepted (`one`).
 */
export function idParser<Id extends string>(guard: (id: string) => id is Id, one: string, keepCase = false) {
  return (raw: string, what: string, code: RadomeErrorCode = 'BAD_INPUT'): Id => {
    const id = keepCase ? raw.trim() : raw.trim().toUpperCase();
    if (!guard(id)) throw new RadomeError(code, `${what}: ${JSON.stringify(raw)} is not ${one}`);
    return id;
  };
}
