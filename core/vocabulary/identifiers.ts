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
