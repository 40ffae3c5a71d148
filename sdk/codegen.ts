// graphql-codegen config (run from the repository root by scripts/codegen.mjs): typed documents
// for schema/operations/*.graphql as plain strings, so the client needs no graphql runtime.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['schema/operations/**/*.graphql'],
  // NodeNext needs explicit extensions on relative imports in the generated files.
  importExtension: '.js',
  emitLegacyCommonJSImports: false,
  silent: true,
  generates: {
    'sdk/src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        documentMode: 'string',
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTimeISO: 'string' },
      },
    },
  },
};

export default config;
