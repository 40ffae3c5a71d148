import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { CatalogEventRow } from '../../store/catalog/index.js';

export enum CatalogEventKind {
  LEVEL2_VOLUME = 'LEVEL2_VOLUME',
  LEVEL3_PRODUCT = 'LEVEL3_PRODUCT',
}

registerEnumType(CatalogEventKind, { name: 'CatalogEventKind', description: 'What an ingest commit added to the catalog.' });

@ObjectType({ description: 'One item an ingest committed to the catalog (a Level 2 volume with its sweeps, or a Level 3 product).' })
export class CatalogEvent {
  @Field(() => Int, { description: 'Position in the catalog event feed; grows with every commit.' })
  seq: number;

  @Field(() => Date, { description: 'When the commit happened.' })
  at: Date;

  @Field(() => CatalogEventKind)
  kind: CatalogEventKind;

  @Field(() => String, { nullable: true, description: 'Radar site id.' })
  site: string | null;

  @Field(() => ID, { description: 'Id of the volume or product; node(id) fetches it.' })
  subjectId: string;

  @Field(() => Int, { nullable: true, description: 'Product code of LEVEL3_PRODUCT events.' })
  code: number | null;
}

export function catalogEventFromRow(row: CatalogEventRow): CatalogEvent {
  return { seq: row.seq, at: new Date(row.at), kind: row.kind as CatalogEventKind, site: row.site, subjectId: row.subjectId, code: row.code };
}
