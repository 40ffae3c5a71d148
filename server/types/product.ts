import { Field, Float, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ProductId, RadarSiteId } from '../../core/vocabulary/index.js';
import { PRODUCT_CATEGORIES, type ProductCategoryName } from '../../core/vocabulary/index.js';
import type { ProductCodeCount, ProductRow } from '../../store/catalog/index.js';
import { enumOf } from './enum-of.js';
import { ConnectionType } from './connection.js';
import { Node } from './node.js';

/** Level 3 product categories, as the product registry assigns them (the enum is built from the one list). */
export const ProductCategory = enumOf(PRODUCT_CATEGORIES);
export type ProductCategory = ProductCategoryName;

registerEnumType(ProductCategory, {
  name: 'ProductCategory',
  description: 'What a Level 3 product shows: hydrometeor classes, precipitation, reflectivity, velocity, storm cells (graphic/tabular), or other.',
});

@ObjectType({
  description: 'One NEXRAD Level 3 product. Radial/raster products are rendered as Web Mercator PNG overlays; graphic and tabular products are catalogued without an image.',
  implements: Node,
})
export class Product {
  @Field(() => ID, { description: 'e.g. KLOT_N0H_20210131_110630 (site, mnemonic, scan time).' })
  id: ProductId;

  @Field(() => Int, { description: 'Product code (ICD 2620001), e.g. 165.' })
  code: number;

  @Field(() => String, { description: 'Product mnemonic as in AWIPS ids and file names, e.g. N0H.' })
  mnemonic: string;

  @Field(() => String, { description: 'e.g. Digital Hydrometeor Classification.' })
  name: string;

  @Field(() => ProductCategory)
  category: ProductCategory;

  @Field(() => Date, { description: 'Start of the volume scan the product was made from.' })
  scanTime: Date;

  @Field(() => Float, { nullable: true, description: 'Elevation angle, degrees, for products of one elevation cut.' })
  elevationAngle: number | null;

  @Field(() => String, { description: "Units of the product's values: dBZ, kt, m/s, in, in/h, class … ('' for none)." })
  units: string;

  @Field(() => [Float], { nullable: true, description: 'Image bounds [west, south, east, north], WGS84 degrees; null without an image.' })
  bbox: number[] | null;

  @Field(() => [[Float]], {
    nullable: true,
    description: 'Image corners as [lon, lat] in MapLibre image-source order: top-left, top-right, bottom-right, bottom-left; null without an image.',
  })
  corners: number[][] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Largest accumulation the product states, inches (precipitation accumulations: N1P, NTP, DAA, DTA, DU3 …, from the product description block); null for other products, rates, differences and null products.',
  })
  maxAccumulationIn: number | null;

  // Plain values set by productFromRow, not field resolvers: type-graphql would wrap each in
  // a resolver call per row.
  @Field(() => String, { nullable: true, description: 'Absolute URL of the PNG overlay (EPSG:3857 raster placed by `corners`); null for graphic/tabular products.' })
  imageUrl: string | null;

  @Field(() => String, { description: 'Absolute URL of the JSON metadata (legend and geometry, or the decoded packets and text of graphic/tabular products).' })
  metadataUrl: string;

  @Field(() => String, { description: 'Absolute URL of the product as received (ICD 2620001 message, WMO heading kept).' })
  rawUrl: string;

  // Not a field: resolved into the site by ProductResolver.
  siteId: RadarSiteId;
}

/** `objectUrl` is the request's (RadomeContext.objectUrl): URLs follow the host the client called. */
export function productFromRow(row: ProductRow, objectUrl: (key: string) => string): Product {
  return {
    id: row.id,
    code: row.code,
    mnemonic: row.mnemonic,
    name: row.name,
    category: row.category as ProductCategory,
    scanTime: new Date(row.scanTime),
    elevationAngle: row.elevationAngle,
    units: row.units,
    maxAccumulationIn: row.maxAccumulationIn,
    bbox: row.bbox,
    corners: row.corners,
    siteId: row.site,
    imageUrl: row.imageKey === null ? null : objectUrl(row.imageKey),
    metadataUrl: objectUrl(row.metadataKey),
    rawUrl: objectUrl(row.rawKey),
  };
}

@ObjectType({ description: 'A page of products.' })
export class ProductConnection extends ConnectionType('Product', Product) {}

@ObjectType({ description: 'A product code and mnemonic in the catalog, with how many products match: what a product picker lists.' })
export class ProductCode {
  @Field(() => Int)
  code: number;

  @Field(() => String)
  mnemonic: string;

  @Field(() => String)
  name: string;

  @Field(() => ProductCategory)
  category: ProductCategory;

  @Field(() => String)
  units: string;

  @Field(() => Int, { description: 'Products of this code and mnemonic matching the arguments.' })
  count: number;
}

export function productCodeFromRow(row: ProductCodeCount): ProductCode {
  return { ...row, category: row.category as ProductCategory };
}
