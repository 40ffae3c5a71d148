// graphql-codegen config (run from the repository root by scripts/codegen.mjs): typed documents
// for schema/operations/*.graphql as plain strings, so the client needs no graphql runtime.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CodegenConfig } from '@graphql-codegen/cli';
import { buildSchema, type DocumentNode, parse, Source } from 'graphql';
import { expandAllArguments } from './all-arguments.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SCHEMA = 'schema/schema.graphql';
const OPERATIONS = 'schema/operations';

const schema = buildSchema(readFileSync(join(root, SCHEMA), 'utf8'));

/** One operations file (path from the root) with its `@allArguments` fields expanded (sdk/all-arguments.ts). */
const loadOperations = (file: string): DocumentNode => expandAllArguments(schema, parse(new Source(readFileSync(join(root, file), 'utf8'), file)), file);

// One pointer per file keeps each file a document of its own, as the glob did. @graphql-tools/load
// calls a function given as `loader` with the pointer; codegen's type names only a module path
// (whose default export would be such a function).
const documents = readdirSync(join(root, OPERATIONS), { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.graphql'))
  .map((f) => ({ [`${OPERATIONS}/${f}`]: { loader: loadOperations as unknown as string } }));

const config: CodegenConfig = {
  schema: SCHEMA,
  documents,
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
