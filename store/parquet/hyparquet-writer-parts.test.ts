// hyparquet-writer's internals (its `./src/*.js` export) are named in one module only.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const SOURCE_DIRS = ['bench', 'cli', 'core', 'ingest', 'scripts', 'server', 'store', 'test'];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(ts|mjs|js)$/.test(entry.name))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)).split('\\').join('/'));
}

describe('hyparquet-writer internals', () => {
  it('are imported by store/parquet/hyparquet-writer-parts.ts and nowhere else', () => {
    const importers = SOURCE_DIRS.flatMap(sourceFiles).filter((file) => /from\s+'hyparquet-writer\/src\//.test(readFileSync(join(root, file), 'utf8')));
    expect(importers).toEqual(['store/parquet/hyparquet-writer-parts.ts']);
  });
});
