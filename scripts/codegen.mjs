// `npm run codegen`: regenerates sdk/src/gql/ from schema/schema.graphql and
// schema/operations/*.graphql (config: sdk/codegen.ts). Needs no network.
// `node scripts/codegen.mjs --check` writes nothing and fails if sdk/src/gql/ is out of date.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generate, loadCodegenConfig } from '@graphql-codegen/cli';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

// The generated TypedDocumentString imports one interface from @graphql-typed-document-node/core.
// Declaring the same (structural) interface locally keeps @radome/sdk free of dependencies,
// including in its .d.ts files, while documents stay usable with clients that expect that type.
const IMPORT_LINE = "import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';";
const LOCAL_INTERFACE =
  '/** Same shape as DocumentTypeDecoration of @graphql-typed-document-node/core (declared here so the SDK has no dependencies). */\n' +
  'export interface DocumentTypeDecoration<TResult, TVariables> {\n  __apiType?: (variables: TVariables) => TResult;\n}';

function withoutDependencies(content) {
  if (!content.includes(IMPORT_LINE)) return content;
  return content.replace(IMPORT_LINE, LOCAL_INTERFACE);
}

const { config } = await loadCodegenConfig({ configFilePath: join(root, 'sdk', 'codegen.ts') });
const outputs = await generate({ ...config, cwd: root }, false);
const files = outputs.map(({ filename, content }) => ({ path: resolve(root, filename), content: withoutDependencies(content) }));
if (!files.some((f) => f.content.includes(LOCAL_INTERFACE))) throw new Error(`codegen output changed: no file has ${IMPORT_LINE}`);

if (process.argv.includes('--check')) {
  const stale = files.filter((f) => !existsSync(f.path) || readFileSync(f.path, 'utf8') !== f.content);
  if (stale.length) {
    console.error(`out of date: ${stale.map((f) => relative(root, f.path)).join(', ')}; run npm run codegen`);
    process.exit(1);
  }
  console.log('sdk/src/gql/ is up to date');
} else {
  for (const f of files) {
    mkdirSync(dirname(f.path), { recursive: true });
    writeFileSync(f.path, f.content);
  }
  console.log(`wrote ${files.map((f) => relative(root, f.path)).join(', ')}`);
}
