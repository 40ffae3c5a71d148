// `npm run fuzz -- [--minutes N | --cases N] [--seed S] [--case N] …` builds the TypeScript, then
// runs the fuzzer (dist/test/fuzz/main.js); see test/fuzz/main.ts for the options.
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
const run = spawnSync(process.execPath, [join(root, 'dist', 'test', 'fuzz', 'main.js'), ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
process.exit(run.status ?? 1);
