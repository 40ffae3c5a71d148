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
