import type { Branded, IdentifierKind } from './identifiers.js';
import { idParser } from './identifiers.js';

/**
 * What a Level 3 product shows, as the product table (ingest/decode/level3/products.ts) assigns
 * it; the GraphQL enum ProductCategory and the catalog's column take these names.
 */
export const PRODUCT_CATEGORIES = ['HYDROMETEOR', 'PRECIPITATION', 'REFLECTIVITY', 'VELOCITY', 'STORM', 'OTHER'] as const;
export type ProductCategoryName = (typeof PRODUCT_CATEGORIES)[number];

/** A Level 3 product mnemonic (N0H, DAA), checked. */
export type ProductMnemonic = Branded<'ProductMnemonic'>;

/** A product mnemonic (AWIPS product id, file name): three letters or digits, e.g. N0H, DAA. */
const PRODUCT_MNEMONIC = /^[A-Z0-9]{3}$/;

export function isProductMnemonic(id: string): id is ProductMnemonic {
  return PRODUCT_MNEMONIC.test(id);
}

export const PRODUCT_MNEMONIC_KIND: IdentifierKind = { test: isProductMnemonic, one: 'a 3-character product mnemonic like N0H', many: '3-character product mnemonics' };

/** `raw` (any case, trimmed) as a product mnemonic; else a `code` error naming `what`. */
export const parseProductMnemonic = idParser(isProductMnemonic, PRODUCT_MNEMONIC_KIND.one);
