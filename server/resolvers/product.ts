import { isProductId, parseRadarSiteId } from '../../core/vocabulary/index.js';
import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { RadomeContext } from '../context.js';
import { parsePageArgs } from '../filters.js';
import { parseProductCodes, toProductCodeFilter, toProductFilter } from '../product-filters.js';
import { connectionFromPage, type Connection } from '../types/connection.js';
import { Product, ProductCode, ProductConnection, productCodeFromRow, productFromRow } from '../types/product.js';
import { LatestProductsArgs, ProductCodesArgs, ProductsArgs } from '../types/product-inputs.js';
import { RadarSite } from '../types/radar-site.js';
import { siteOf } from './site-of.js';
import { layerPathOf, tileJsonUrls } from '../http/tiles.js';

@Resolver(() => Product)
export class ProductResolver {
  @Query(() => ProductConnection, { description: 'Level 3 products matching the filter, newest first by default.' })
  async products(@Args(() => ProductsArgs) args: ProductsArgs, @Ctx() ctx: RadomeContext): Promise<Connection<Product>> {
    const filter = toProductFilter(args.filter, args.order);
    return connectionFromPage(await ctx.catalog.products.list(filter, parsePageArgs(args)), (row) => productFromRow(row, ctx.objectUrl));
  }

  @Query(() => Product, { nullable: true })
  async product(@Arg('id', () => ID) id: string, @Ctx() ctx: RadomeContext): Promise<Product | null> {
    // An id of no product's shape names no product: null, as node(id) answers.
    const row = isProductId(id) ? (await ctx.catalog.products.byIds([id]))[0] : null;
    return row ? productFromRow(row, ctx.objectUrl) : null;
  }

  @Query(() => [ProductCode], { description: 'Product codes (and mnemonics) in the catalog with their counts under the arguments, by code: what drives a product picker.' })
  async productCodes(@Args(() => ProductCodesArgs) args: ProductCodesArgs, @Ctx() ctx: RadomeContext): Promise<ProductCode[]> {
    return (await ctx.catalog.products.codeCounts(toProductCodeFilter(args))).map(productCodeFromRow);
  }

  @Query(() => [Product], { description: 'The newest product of each code and mnemonic at a site (optionally only of `codes`), by code.' })
  async latestProducts(@Args(() => LatestProductsArgs) args: LatestProductsArgs, @Ctx() ctx: RadomeContext): Promise<Product[]> {
    const site = parseRadarSiteId(args.site, 'site');
    return (await ctx.catalog.products.latest(site, parseProductCodes(args.codes, 'codes'))).map((row) => productFromRow(row, ctx.objectUrl));
  }

  @FieldResolver(() => String, { nullable: true, description: 'TileJSON 3.0 of the product as XYZ map tiles (overlay colours), zoom 0–14; null for products without a radial or raster grid.' })
  tileJsonUrl(@Root() product: Product, @Ctx() ctx: RadomeContext): string | null {
    return product.imageUrl === null ? null : tileJsonUrls(ctx.baseUrl, layerPathOf('product', product.id)).tileJsonUrl;
  }

  @FieldResolver(() => String, { nullable: true, description: 'TileJSON 3.0 of value tiles (RGB encodes the physical value; see its `encoding`); null for products without a grid.' })
  valueTileJsonUrl(@Root() product: Product, @Ctx() ctx: RadomeContext): string | null {
    return product.imageUrl === null ? null : tileJsonUrls(ctx.baseUrl, layerPathOf('product', product.id)).valueTileJsonUrl;
  }

  @FieldResolver(() => RadarSite, { description: 'The radar (4-letter ICAO id: LOT_… files belong to KLOT).' })
  site(@Root() product: Product, @Ctx() ctx: RadomeContext): Promise<RadarSite> {
    return siteOf(product.siteId, ctx);
  }
}
