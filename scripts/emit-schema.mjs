// `npm run emit-schema`: writes schema/schema.graphql from the server's type-graphql classes.
// vite-node runs the TypeScript sources with the same transform and graphql alias as vitest.
import { spawnSync } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'schema', 'schema.graphql');
const run = spawnSync(process.execPath, [join(root, 'node_modules', 'vite-node', 'dist', 'cli.mjs'), join(root, 'scripts', 'emit-schema.ts'), target], { cwd: root, stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);
console.log(`wrote ${target}`);
