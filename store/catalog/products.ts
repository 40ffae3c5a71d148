// The Level 3 products domain of the catalog. Times are epoch milliseconds UTC.
import type { BBox, Corners } from '../../core/geo.js';
import type { ProductCategoryName, ProductId, ProductMnemonic, RadarSiteId } from '../../core/vocabulary/index.js';
import type { SourceFileRow } from './ingest.js';
import type { Page, PageArgs, SortOrder } from './paging.js';
import type { CommitResult, RadarSiteRow } from './radar.js';

export type { ProductCategoryName };

/** One Level 3 product: rendered (image, bbox, corners) or, for graphic/tabular ones, not. */
export interface ProductRow {
  id: ProductId; // e.g. KLOT_N0H_20210131_110630
  site: RadarSiteId;
  code: number;
  mnemonic: string;
  name: string;
  category: ProductCategoryName;
  /** Volume scan time the product belongs to. */
  scanTime: number;
  elevationAngle: number | null;
  units: string;
  /** null for products without an image (graphic, tabular, null products). */
  imageKey: string | null;
  metadataKey: string;
  /** The product as received. */
  rawKey: string;
  bbox: BBox | null;
  corners: Corners | null;
  source: string;
  sourceKey: string;
  sourceSize: number;
  sourceFingerprint: string;
  ingestedAt: number;
  /**
   * Largest accumulation the product states, inches (precipitation accumulations: N1P, NTP, DAA,
   * DTA …); null for other products and for null products.
   */
  maxAccumulationIn: number | null;
}

/** One site's products of one code and mnemonic in a time range (latestPrecipitation). */
export interface PrecipitationSummary {
  /** The newest. */
  product: ProductRow;
  count: number;
  /** The one stating the largest maxAccumulationIn (the newest of equals); null if none states one. */
  maxProduct: ProductRow | null;
}

export interface CommitLevel3ProductInput {
  file: SourceFileRow;
  /** Inserted when the catalog does not know the site; an existing site keeps its location. */
  site: RadarSiteRow;
  product: ProductRow;
}

export interface ProductFilter {
  site?: RadarSiteId;
  /** Product codes to include; absent or empty = all. */
  codes?: number[];
  mnemonics?: ProductMnemonic[];
  category?: ProductCategoryName;
  /** Products whose scan time lies in [from, to). */
  from?: number;
  to?: number;
  order?: SortOrder; // by scanTime then id; default DESC
}

export interface ProductCodeFilter {
  category?: ProductCategoryName;
  site?: RadarSiteId;
  from?: number;
  to?: number;
}

/** A (code, mnemonic) pair in the catalog and how many products it has under a filter. */
export interface ProductCodeCount {
  code: number;
  mnemonic: string;
  name: string;
  category: ProductCategoryName;
  units: string;
  count: number;
}

export interface ProductReader {
  list(filter: ProductFilter, page: PageArgs): Promise<Page<ProductRow>>;
  /** In the order of `ids`, null where an id matched nothing. */
  byIds(ids: readonly ProductId[]): Promise<(ProductRow | null)[]>;
  /** Each (code, mnemonic) with products under the filter, and how many: what a product picker lists. */
  codeCounts(filter: ProductCodeFilter): Promise<ProductCodeCount[]>;
  /** The newest product of each (code, mnemonic) at `site`, optionally only of `codes`. */
  latest(site: RadarSiteId, codes?: readonly number[]): Promise<ProductRow[]>;
  /** Per site and (code, mnemonic), PRECIPITATION products scanned in [from, to): newest, count and wettest. */
  latestPrecipitation(sites: readonly RadarSiteId[], from: number, to: number): Promise<PrecipitationSummary[]>;
}

export interface ProductWriter {
  /**
   * Records one ingested Level 3 file in ONE transaction: site (inserted if new), product (replaced
   * if it arrives again) and the source file.
   */
  commit(input: CommitLevel3ProductInput): Promise<CommitResult>;
}
