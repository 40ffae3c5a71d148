// `node scripts/unused-exports.mjs`: exports of the source folders no other source module names,
// split into those only tests (test/, *.test.ts, bench/) name and those nothing else names. A
// word-level search, not a type checker (a name mentioned in a comment counts as a use), so it
// lists candidates to review, in the spirit of ts-prune without its dependency tree. Exports
// that are types of an exported signature are fine to keep.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCE = ['core', 'store', 'ingest', 'server', 'cli'];
const OTHERS = ['bench', 'scripts', 'test', 'sdk/src', 'explorer'];
const EXPORT = /^export\s+(?:declare\s+)?(?:async\s+)?(?:abstract\s+)?(?:function\*?|const|let|class|interface|type|enum)\s+([A-Za-z0-9_$]+)/gm;

function filesUnder(dir) {
  let entries;
  try {
    entries = readdirSync(join(root, dir), { withFileTypes: true, recursive: true });
  } catch {
    return [];
  }
  return entries
    .filter((e) => e.isFile() && /\.(ts|mts|mjs|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts') && !e.parentPath.includes('node_modules') && !e.parentPath.includes('/gql'))
    .map((e) => relative(root, join(e.parentPath, e.name)).split('\\').join('/'));
}

const isTest = (file) => file.startsWith('test/') || file.startsWith('bench/') || file.includes('.test.');
const files = [...SOURCE, ...OTHERS].flatMap(filesUnder);
const text = new Map(files.map((f) => [f, readFileSync(join(root, f), 'utf8')]));
const regexSafe = (name) => name.replace(/\$/g, '\\$');

const testOnly = [];
const nowhere = [];
for (const file of files.filter((f) => SOURCE.some((d) => f.startsWith(`${d}/`)) && !isTest(f))) {
  for (const [, name] of text.get(file).matchAll(EXPORT)) {
    const word = new RegExp(`\\b${regexSafe(name)}\\b`);
    const users = files.filter((f) => f !== file && word.test(text.get(f)));
    if (users.some((f) => !isTest(f))) continue;
    (users.length ? testOnly : nowhere).push(`${file}: ${name}${users.length ? ` (${users.slice(0, 3).join(', ')})` : ''}`);
  }
}
console.log(`Exported, named only by tests or benches (${testOnly.length}):\n  ${testOnly.join('\n  ')}`);
console.log(`\nExported, named by no other module (${nowhere.length}; unexport, or keep as a type of a public signature):\n  ${nowhere.join('\n  ')}`);
