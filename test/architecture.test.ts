// grep-level checks of the layering and the one vocabulary (issue #26): each list and pattern is
// defined once (core/vocabulary), store/ imports nothing from ingest/ or server/, and server/
// imports from ingest/ only the pure modules named below.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const CODE_DIRS = ['core', 'ingest', 'store', 'server', 'cli'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.d.ts'))
    .map((e) => relative(root, join(e.parentPath, e.name)));
}

/** The code, and the unit tests beside it (`*.test.ts`): the layering holds for both. */
const codeAndTests = CODE_DIRS.flatMap(sourceFiles);
const files = codeAndTests.filter((f) => !f.endsWith('.test.ts'));
const tests = codeAndTests.filter((f) => f.endsWith('.test.ts'));
const text = new Map(codeAndTests.map((f) => [f, readFileSync(join(root, f), 'utf8')]));

/** Files (code, not tests: they spell values out to check them) whose text matches `pattern`. */
const filesMatching = (pattern: RegExp) => files.filter((f) => pattern.test(text.get(f)!));

/** The repo-relative modules a file imports (static and dynamic, relative specifiers only). */
function importsOf(file: string): string[] {
  const specifiers = [...text.get(file)!.matchAll(/(?:from\s+|import\s*\(\s*)'(\.{1,2}\/[^']+)'/g)].map((m) => m[1]!);
  return specifiers.map((s) => relative(root, resolve(root, dirname(file), s)).replace(/\.js$/, '.ts'));
}

describe('one vocabulary', () => {
  it.each([
    ['the product-category list', /'HYDROMETEOR',\s*'PRECIPITATION',\s*'REFLECTIVITY'/, 'core/vocabulary/level3-product.ts'],
    ['the moment list', /'REF',\s*'VEL',\s*'SW',/, 'core/vocabulary/radar-moment.ts'],
    ['the radar site-id pattern', /\/\^\[A-Z\]\{4\}\$\//, 'core/vocabulary/radar-site.ts'],
    ['the volume-id shape', /\[A-Z\]\{4\}\\d\{8\}_\\d\{6\}/, 'core/vocabulary/catalog-ids.ts'],
  ])('%s appears once, in %s', (_what, pattern, home) => {
    expect(filesMatching(pattern)).toEqual([home]);
  });

  it.each([
    ['the station-id pattern', /\/\^\[A-Z0-9\]\{4\}\$\//],
    ['the 3-character pattern (product mnemonics, Level 3 radar ids)', /\/\^\[A-Z0-9\]\{3\}\$\//],
  ])('%s appears only in core/vocabulary', (_what, pattern) => {
    expect(filesMatching(pattern).filter((f) => !f.startsWith('core/vocabulary/'))).toEqual([]);
  });

  it('the GraphQL enums are built from the lists, not spelled out', () => {
    expect(filesMatching(/enum (ProductCategory|RadarMoment) \{/)).toEqual([]);
    expect(text.get('server/types/product.ts')).toContain('enumOf(PRODUCT_CATEGORIES)');
    expect(text.get('server/types/enums.ts')).toContain('enumOf(RADAR_MOMENTS)');
  });

  it('RADOME_LEVEL2_* settings are read in one place each: the bucket in core/config.ts, schedule and sites by the source settings', () => {
    // No variable is spelled out where it is read (help texts only name them): each is its prefix and a suffix.
    expect(filesMatching(/env\.RADOME_LEVEL[23]_|env\[['"]RADOME_LEVEL/)).toEqual([]);
    expect(filesMatching(/'RADOME_LEVEL2'/).sort()).toEqual(['core/config.ts', 'core/source-settings.ts']);
  });
});

describe('layers', () => {
  it('store/ imports nothing from ingest/ or server/ (its tests may import test/ support and fixtures)', () => {
    const offending = codeAndTests
      .filter((f) => f.startsWith('store/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((m) => /^(ingest|server)\//.test(m))
          .map((m) => `${f} → ${m}`),
      );
    expect(offending).toEqual([]);
  });

  it('core/ imports nothing from the other layers', () => {
    const offending = codeAndTests
      .filter((f) => f.startsWith('core/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((m) => /^(ingest|store|server|cli)\//.test(m))
          .map((m) => `${f} → ${m}`),
      );
    expect(offending).toEqual([]);
  });

  it('server/ imports from ingest/ only pure decoders and renderers (the tiles draw what ingest stores)', () => {
    // Read-only, pure functions over bytes and typed arrays: decoding a stored raw product,
    // rendering tiles and point values from stored grids, deriving rainfall, swaths and reflector
    // heights from stored data, and the object keys ingest writes.
    const allowed = [/^ingest\/decode\//, /^ingest\/render\//, /^ingest\/derive\//, /^ingest\/level2\/plan\.ts$/, /^ingest\/level3\/product-render\.ts$/, /^ingest\/level3\/product-id\.ts$/];
    const offending = codeAndTests
      .filter((f) => f.startsWith('server/'))
      .flatMap((f) =>
        importsOf(f)
          .filter((m) => m.startsWith('ingest/') && !allowed.some((a) => a.test(m)))
          .map((m) => `${f} → ${m}`),
      );
    expect(offending).toEqual([]);
  });

  it('only tests import from test/, and nothing imports a test', () => {
    const offending = files.flatMap((f) =>
      importsOf(f)
        .filter((m) => m.startsWith('test/') || m.endsWith('.test.ts'))
        .map((m) => `${f} → ${m}`),
    );
    expect(offending).toEqual([]);
    expect(tests.flatMap((f) => importsOf(f).filter((m) => m.endsWith('.test.ts')))).toEqual([]);
  });
});
