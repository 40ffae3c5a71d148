// `node scripts/move-unit-tests.mjs [--dry-run]`: moves unit tests from test/<area>/ beside the
// module they test (issue #26 item 5), and rewrites relative paths so everything still resolves.
// Re-runnable and idempotent: a second run finds nothing to move and changes nothing. Run it again
// after merging branches that add tests under test/.
//
// Which tests move, and where (printed for each test, with the reason):
//   - Stay: test/e2e/ (end-to-end suites), test/support/ and test/fixtures/ (shared support), tests
//     at the top of test/ (architecture), the areas in STAY_AREAS, browser suites (*.browser.test.ts),
//     suites that run the radome process (import test/e2e/), and the suites KEEP names, with why.
//   - Otherwise a test `<name>.test.ts` moves to `<folder>/<name>.test.ts`, the folder found thus:
//       1. PLACE, an explicit table (test → its new path) where the rules below would pick wrong;
//       2. a test importing values from two top-level areas (ingest/, store/, server/, cli/; core/,
//          shared by all, aside) is an integration suite and stays;
//       3. the folder of a module it imports named `<name>.ts` (limits.test.ts → …/limits.ts);
//       4. in NAMESAKE_ONLY_AREAS nothing else moves;
//       5. the folder it imports the most names from (values, not types; core/ only when it imports
//          nothing else); with two folders tied for most, it stays.
//     A test whose destination exists already stays (reported).
// Rewritten: every relative specifier of a moved file (import/export … from, import(), vi.mock(),
// new URL(…, import.meta.url)) is resolved from where the file was and written again from where it
// is; every relative specifier elsewhere in the repo that named a moved file is rewritten to its
// new place. Moves are recorded in scripts/moved-tests.json (new path → old path), so a moved file
// that a later merge edited with specifiers written for its old folder is repaired on the next run.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const dryRun = process.argv.includes('--dry-run');
const MANIFEST = 'scripts/moved-tests.json';

/** Where unit tests may go: the layers of the code (sdk/ and explorer/ are tested as built bundles, from test/). */
const CODE_AREAS = ['core', 'ingest', 'store', 'server', 'cli'];
/** Areas of test/ whose suites stay: end-to-end, support, fixtures, and suites over built bundles or every format. */
const STAY_AREAS = ['e2e', 'support', 'fixtures', 'fuzz', 'sdk', 'explorer'];
/** Areas of test/ whose suites run several parts together (the daemon: sources, catalog, store): only a namesake test moves. */
const NAMESAKE_ONLY_AREAS = ['ingest-daemon'];
/** Single suites that stay under test/, and why. */
const KEEP = {
  'test/store/catalog-conformance-sqlite.test.ts': 'the conformance suite over both engines (its cases are test/store/catalog-conformance.ts)',
  'test/store/catalog-conformance-postgres.test.ts': 'the conformance suite over both engines (its cases are test/store/catalog-conformance.ts)',
  'test/server/readme-examples.test.ts': "checks the README's examples against a served catalog",
};
/** Explicit destinations (test → its new path) where the import rule would pick wrong. */
const PLACE = {
  // NamedLocks, which keeps orbit days from being fetched twice.
  'test/gnss/orbit-day-lock.test.ts': 'core/concurrency.test.ts',
  // Row types are the catalog's: core/ may not import store/.
  'test/store/catalog-row-ids.test.ts': 'store/catalog/catalog-row-ids.test.ts',
};

const toPosix = (p) => p.split(sep).join('/');
const rel = (abs) => toPosix(relative(root, abs));

/** Files under `dir` whose names match `pattern`, skipping installed, built and hidden folders. */
function walk(dir, out = [], pattern = /\.(ts|mts|mjs|js|tsx)$/) {
  for (const e of readdirSync(join(root, dir), { withFileTypes: true })) {
    const p = posix.join(dir, e.name);
    if (e.isDirectory()) {
      if (!['node_modules', 'dist', 'var', 'test-artifacts'].includes(e.name) && !e.name.startsWith('.')) walk(p, out, pattern);
    } else if (pattern.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
  }
  return out;
}

/** Relative specifiers in a file: import/export from, side-effect import, import(), vi.mock(), new URL(…, import.meta.url). */
const SPECIFIER = /(\bfrom\s*|\bimport\s*\(\s*|\bimport\s+|\bvi\.mock\(\s*|\bnew URL\(\s*)(['"])(\.{1,2}\/[^'"]*)\2/g;

/** The repo file a specifier written in `fromDir` names (.js → .ts, folder → index), or null. */
function resolveSpecifier(fromDir, spec) {
  const abs = resolve(root, fromDir, spec);
  const candidates = [abs, abs.replace(/\.js$/, '.ts'), abs.replace(/\.mjs$/, '.mts'), join(abs, 'index.ts')];
  for (const c of candidates) if (existsSync(c) && statSync(c).isFile()) return rel(c);
  if (spec.endsWith('/') && existsSync(abs)) return `${rel(abs)}/`;
  return null;
}

/** A specifier naming repo file `target` (as the original was spelled: .js for .ts) from `fromDir`. */
function specifierFor(fromDir, target, original) {
  const isDir = target.endsWith('/');
  let path = target;
  if (!isDir && original.endsWith('.js') && path.endsWith('.ts')) path = path.replace(/\.ts$/, '.js');
  if (!isDir && /\/index\.ts$/.test(target) && !/index(\.js|\.ts)?$/.test(original)) path = path.replace(/\/index\.ts$/, '');
  let s = posix.relative(fromDir, path.replace(/\/$/, '')) + (isDir ? '/' : '');
  if (!s.startsWith('.')) s = `./${s}`;
  return s;
}

/** Names each relative import brings in (values; `import type` counts none), by resolved repo path. */
function importWeights(file) {
  const text = readFileSync(join(root, file), 'utf8');
  const weights = new Map();
  const add = (spec, n) => {
    const target = resolveSpecifier(posix.dirname(file), spec);
    if (target) weights.set(target, (weights.get(target) ?? 0) + n);
  };
  for (const m of text.matchAll(/import\s+(type\s+)?([^'";]*?)\s+from\s+['"](\.{1,2}\/[^'"]+)['"]/g)) {
    if (m[1]) {
      add(m[3], 0);
      continue;
    }
    const clause = m[2];
    const braces = clause.match(/\{([^}]*)\}/);
    let n = braces ? braces[1].split(',').filter((s) => s.trim() && !/^\s*type\s/.test(s)).length : 0;
    if (/^\s*[\w$]+\s*(,|$)/.test(clause) || /\*\s+as\s+/.test(clause)) n += 1;
    add(m[3], n);
  }
  for (const m of text.matchAll(/import\s*\(\s*['"](\.{1,2}\/[^'"]+)['"]/g)) add(m[1], 1);
  return weights;
}

const areaOf = (path) => path.split('/')[0];
const baseName = (path) => posix.basename(path).replace(/\.(test\.)?ts$/, '');

/** Where a test under test/ goes, and why; `to` null when it stays. */
function destination(file) {
  const parts = file.split('/');
  if (parts.length < 3) return { to: null, why: 'at the top of test/ (suite over the whole tree)' };
  if (STAY_AREAS.includes(parts[1])) return { to: null, why: `test/${parts[1]}/ stays` };
  if (KEEP[file]) return { to: null, why: KEEP[file] };
  if (file.endsWith('.browser.test.ts')) return { to: null, why: 'browser suite' };
  if (PLACE[file]) return { to: PLACE[file], why: 'PLACE table' };
  const name = baseName(file);
  const all = [...importWeights(file)];
  if (all.some(([target]) => target.startsWith('test/e2e/'))) return { to: null, why: 'runs the radome process (imports test/e2e/)' };
  const code = all.filter(([target]) => CODE_AREAS.includes(areaOf(target)));
  const nonCore = code.filter(([target, n]) => areaOf(target) !== 'core' && n > 0);
  const used = nonCore.length ? nonCore : code.filter(([, n]) => n > 0);
  if (used.length === 0) return { to: null, why: 'imports no value from core/, ingest/, store/, server/ or cli/' };
  // Areas count type imports too: a type test spanning store/ and server/ is an integration suite.
  const areas = new Set(code.map(([target]) => areaOf(target)).filter((a) => a !== 'core'));
  if (areas.size > 1) return { to: null, why: `integration suite: imports from ${[...areas].sort().join('/, ')}/` };
  const namesake = code.find(([target]) => baseName(target) === name);
  if (namesake) return { to: posix.join(posix.dirname(namesake[0]), `${name}.test.ts`), why: `imports ${namesake[0]}, its namesake` };
  if (NAMESAKE_ONLY_AREAS.includes(parts[1])) return { to: null, why: `test/${parts[1]}/ suites run several parts together; only a namesake test moves` };
  const byFolder = new Map();
  for (const [target, n] of used) byFolder.set(posix.dirname(target), (byFolder.get(posix.dirname(target)) ?? 0) + n);
  const ranked = [...byFolder].sort((a, b) => b[1] - a[1]);
  if (ranked.length > 1 && ranked[1][1] === ranked[0][1]) return { to: null, why: `ambiguous: as many names from ${ranked[0][0]}/ as from ${ranked[1][0]}/` };
  return { to: posix.join(ranked[0][0], `${name}.test.ts`), why: `imports the most names (${ranked[0][1]}) from ${ranked[0][0]}/` };
}

/** Rewrites the relative specifiers of `text` (a file now at `file`), each resolved from the first of `resolveDirs` where it names a file. */
function rewrite(text, file, resolveDirs) {
  const dir = posix.dirname(file);
  return text.replace(SPECIFIER, (whole, lead, quote, spec) => {
    for (const from of resolveDirs) {
      const target = resolveSpecifier(from, spec);
      if (!target) continue;
      if (from === dir && !movedTo.has(target)) return whole;
      const moved = movedTo.get(target.replace(/\/$/, '')) ?? target;
      const next = specifierFor(dir, moved, spec);
      return next === spec ? whole : `${lead}${quote}${next}${quote}`;
    }
    return whole;
  });
}

const manifest = existsSync(join(root, MANIFEST)) ? JSON.parse(readFileSync(join(root, MANIFEST), 'utf8')) : {};
/** old path → new path, of this run's moves. */
const movedTo = new Map();
const plan = [];
for (const file of walk('test')
  .filter((f) => f.endsWith('.test.ts'))
  .sort()) {
  const { to, why } = destination(file);
  if (to && existsSync(join(root, to))) {
    console.log(`kept   ${file}: ${to} exists (${why})`);
    continue;
  }
  if (!to) {
    console.log(`kept   ${file}: ${why}`);
    continue;
  }
  plan.push({ from: file, to, why });
  movedTo.set(file, to);
}

// Moved files: specifiers resolved from the old folder. Every other file (tests moved by an earlier
// run included): specifiers naming a file moved now; for earlier moves, a specifier that no longer
// resolves from the file's folder but does from its old one (a merge's edit) is repaired.
const changed = new Map();
for (const { from, to } of plan) changed.set(to, rewrite(readFileSync(join(root, from), 'utf8'), to, [posix.dirname(from)]));
for (const file of walk('.').filter((f) => !movedTo.has(f))) {
  const text = readFileSync(join(root, file), 'utf8');
  const dirs = [posix.dirname(file)];
  if (manifest[file]) dirs.push(posix.dirname(manifest[file]));
  const next = rewrite(text, file, dirs);
  if (next !== text) changed.set(file, next);
}

// Prose and comments naming a moved test by its repo path (README, code comments) follow it.
const self = rel(fileURLToPath(import.meta.url));
for (const file of walk('.', [], /\.(md|ts|mts|mjs|js|tsx)$/).filter((f) => f !== self)) {
  const key = movedTo.get(file) ?? file;
  let text = changed.get(key) ?? readFileSync(join(root, file), 'utf8');
  const before = text;
  for (const [from, to] of movedTo) text = text.split(from).join(to);
  if (text !== before) changed.set(key, text);
}

for (const { from, to, why } of plan) console.log(`moved  ${from} → ${to} (${why})`);
for (const file of changed.keys()) if (!plan.some((p) => p.to === file)) console.log(`edited ${file} (paths of moved tests)`);
console.log(`${plan.length} test(s) moved, ${changed.size - plan.length} other file(s) edited${dryRun ? ' (dry run: nothing written)' : ''}`);
if (dryRun) process.exit(0);

for (const { from, to } of plan) {
  mkdirSync(join(root, posix.dirname(to)), { recursive: true });
  renameSync(join(root, from), join(root, to));
  manifest[to] = manifest[from] ?? from;
  delete manifest[from];
}
for (const [file, text] of changed) writeFileSync(join(root, file), text);
// Specifiers change length, so imports may now fit on one line (or no longer do): the formatter decides.
const biome = join(root, 'node_modules', '.bin', 'biome');
const written = [...changed.keys()].filter((f) => /\.(ts|mts|mjs|js)$/.test(f));
if (written.length && existsSync(biome)) execFileSync(biome, ['format', '--write', ...written], { cwd: root, stdio: 'ignore' });
if (plan.length) {
  const sorted = Object.fromEntries(Object.entries(manifest).sort(([a], [b]) => (a < b ? -1 : 1)));
  writeFileSync(join(root, MANIFEST), `${JSON.stringify(sorted, null, 2)}\n`);
}
