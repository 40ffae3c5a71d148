// `npm run bench -- <name…>` builds the TypeScript, then runs dist/bench/<name>.js for each name
// (all benches when none is named). Figures are printed and written to var/bench/<name>.json.
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sizeThreadPool } from '../bin/thread-pool.js';

// Each bench process gets the pool size `radome` runs with (its children inherit the environment).
sizeThreadPool();
const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && f !== 'harness.ts' && !f.endsWith('.worker.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3))
  .sort();
const names = process.argv.slice(2);
const unknown = names.filter((n) => !available.includes(n));
if (unknown.length) {
  console.error(`unknown bench ${unknown.join(', ')}; available: ${available.join(', ')}`);
  process.exit(2);
}
execFileSync(join(root, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
// What `npm run build` makes after tsc, so `ingest files` is timed as users run it.
execFileSync(process.execPath, [join(root, 'scripts', 'bundle-ingest-files.mjs')], { cwd: root, stdio: 'inherit' });
for (const name of names.length ? names : available) {
  execFileSync(process.execPath, ['--expose-gc', join(root, 'dist', 'bench', `${name}.js`)], {
    cwd: root,
    stdio: 'inherit',
  });
}
