import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchemaSync, emitSchemaDefinitionFile } from 'type-graphql';
import { GnssResolver } from './resolvers/gnss.js';
import { GnssIrResolver } from './resolvers/gnss-ir.js';
import { ProductResolver } from './resolvers/product.js';
import { RadarSiteResolver } from './resolvers/radar-site.js';
import { SweepResolver } from './resolvers/sweep.js';
import { VolumeResolver } from './resolvers/volume.js';
import { IngestStatusResolver } from './resolvers/ingest-status.js';
import { NodeResolver } from './resolvers/node.js';
import { RadarCoverageResolver } from './resolvers/radar-coverage.js';
import { RadarTimeResolver } from './resolvers/radar-time.js';
import { SubscriptionResolver } from './resolvers/subscriptions.js';
import { RadarValueResolver } from './resolvers/radar-value.js';
import { MosaicResolver } from './resolvers/mosaic.js';
import { DerivedFieldsResolver } from './resolvers/derived-fields.js';
import { contextFeedPubSub } from './subscriptions/pubsub.js';

let schema: GraphQLSchema | undefined;

/** The executable schema (built once; type-graphql metadata is global anyway). */
export function buildRadomeSchema(): GraphQLSchema {
  schema ??= buildSchemaSync({
    resolvers: [
      RadarSiteResolver,
      VolumeResolver,
      SweepResolver,
      ProductResolver,
      GnssResolver,
      GnssIrResolver,
      NodeResolver,
      RadarCoverageResolver,
      RadarTimeResolver,
      SubscriptionResolver,
      IngestStatusResolver,
      RadarValueResolver,
      MosaicResolver,
      DerivedFieldsResolver,
    ],
    validate: false,
    pubSub: contextFeedPubSub,
  });
  return schema;
}

/**
 * Writes the SDL exactly as type-graphql's `emitSchemaFile: { sortedSchema: true }` does
 * (printSchema of lexicographicSortSchema under its generated-file header); this is the content
 * of schema/schema.graphql.
 */
export async function emitRadomeSchema(path: string): Promise<void> {
  await emitSchemaDefinitionFile(path, buildRadomeSchema(), { sortedSchema: true });
}
