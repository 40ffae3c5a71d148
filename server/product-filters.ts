// Product query arguments → store filters; every rejection is a BAD_USER_INPUT error saying what
// to change.
import { type ProductMnemonic, parseProductMnemonic, parseRadarSiteId } from '../core/vocabulary/index.js';
import type { ProductCodeFilter, ProductFilter } from '../store/catalog/index.js';
import { badUserInput, timeRange } from './filters.js';
import { SortOrder } from './types/enums.js';
import type { ProductCodesArgs, ProductFilterInput } from './types/product-inputs.js';

const MIN_CODE = 16;
const MAX_CODE = 32767;

export function parseProductCodes(codes: number[] | null | undefined, argName: string): number[] | undefined {
  if (codes == null) return undefined;
  for (const code of codes) {
    if (!Number.isInteger(code) || code < MIN_CODE || code > MAX_CODE) {
      throw badUserInput(`${argName}: ${code} is not a Level 3 product code (${MIN_CODE} to ${MAX_CODE}, e.g. 165 for N0H)`);
    }
  }
  return codes.length > 0 ? [...new Set(codes)] : undefined;
}

function parseMnemonics(mnemonics: string[] | null | undefined): ProductMnemonic[] | undefined {
  if (mnemonics == null || mnemonics.length === 0) return undefined;
  return [...new Set(mnemonics.map((m) => parseProductMnemonic(m, 'filter.mnemonics')))];
}

export function toProductFilter(input: ProductFilterInput | null, order: SortOrder | null): ProductFilter {
  const f = input ?? ({} as Partial<ProductFilterInput>);
  return {
    site: f.site == null ? undefined : parseRadarSiteId(f.site, 'filter.site'),
    codes: parseProductCodes(f.codes, 'filter.codes'),
    mnemonics: parseMnemonics(f.mnemonics),
    category: f.category ?? undefined,
    ...timeRange(f.from ?? null, f.to ?? null),
    order: order ?? SortOrder.DESC,
  };
}

export function toProductCodeFilter(args: ProductCodesArgs): ProductCodeFilter {
  return {
    category: args.category ?? undefined,
    site: args.site == null ? undefined : parseRadarSiteId(args.site, 'site'),
    ...timeRange(args.from, args.to),
  };
}
