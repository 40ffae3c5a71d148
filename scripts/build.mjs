// Builds what `npm ci` leaves runnable: the TypeScript (dist/), the self-hosted GraphiQL bundle, the
// explorer (the web app at /) and the SDK. Runs as the `prepare` script, so `npx radome` works right after `npm ci`.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const run = (cmd, args) => execFileSync(cmd, args, { cwd: root, stdio: 'inherit' });
const tsc = join(root, 'node_modules', '.bin', 'tsc');

run(tsc, ['-p', 'tsconfig.build.json']);
run(process.execPath, ['scripts/bundle-ingest-files.mjs']);
if (existsSync(join(root, 'scripts', 'build-graphiql.mjs'))) run(process.execPath, ['scripts/build-graphiql.mjs']);
if (existsSync(join(root, 'scripts', 'build-explorer.mjs'))) run(process.execPath, ['scripts/build-explorer.mjs']);
if (existsSync(join(root, 'sdk', 'tsconfig.json'))) run(tsc, ['-p', 'sdk/tsconfig.json']);
