import { ArgsType, Field, InputType, Int } from 'type-graphql';
import { PageArgsInput } from './inputs.js';
import { ProductCategory } from './product.js';

@InputType('ProductFilter')
export class ProductFilterInput {
  @Field(() => String, { nullable: true, description: '4-letter ICAO site id (case-insensitive), e.g. KLOT.' })
  site: string | null;

  @Field(() => [Int], { nullable: true, description: 'Any of these product codes, e.g. [165, 177].' })
  codes: number[] | null;

  @Field(() => [String], { nullable: true, description: 'Any of these mnemonics (case-insensitive), e.g. ["N0H", "DAA"].' })
  mnemonics: string[] | null;

  @Field(() => ProductCategory, { nullable: true })
  category: ProductCategory | null;

  @Field(() => Date, { nullable: true, description: 'Products whose scan time lies in [from, to).' })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;
}

@ArgsType()
export class ProductsArgs extends PageArgsInput {
  @Field(() => ProductFilterInput, { nullable: true })
  filter: ProductFilterInput | null;
}

@ArgsType()
export class ProductCodesArgs {
  @Field(() => ProductCategory, { nullable: true })
  category: ProductCategory | null;

  @Field(() => String, { nullable: true, description: '4-letter ICAO site id (case-insensitive).' })
  site: string | null;

  @Field(() => Date, { nullable: true, description: 'Count products whose scan time lies in [from, to).' })
  from: Date | null;

  @Field(() => Date, { nullable: true })
  to: Date | null;
}

@ArgsType()
export class LatestProductsArgs {
  @Field(() => String, { description: '4-letter ICAO site id (case-insensitive).' })
  site: string;

  @Field(() => [Int], { nullable: true, description: 'Only these product codes; all when absent.' })
  codes: number[] | null;
}
