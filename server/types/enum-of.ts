/** A GraphQL enum (for registerEnumType) from one of core/vocabulary's `as const` lists: each name its own value. */
export function enumOf<const T extends readonly string[]>(names: T): { readonly [K in T[number]]: K } {
  return Object.fromEntries(names.map((n) => [n, n])) as { readonly [K in T[number]]: K };
}
