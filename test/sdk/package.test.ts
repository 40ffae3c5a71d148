import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../sample-data.js';

const sdkDir = join(repoRoot, 'sdk');

function run(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
}

describe('@radome/sdk package', () => {
  it('sdk/src/gql is what codegen makes of the committed schema and operations (else run: npm run codegen)', () => {
    const check = run([join(repoRoot, 'scripts', 'codegen.mjs'), '--check']);
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it('declares no dependencies and exports compiled JS with types', () => {
    const pkg = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@radome/sdk');
    expect(pkg.type).toBe('module');
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies ?? {}).toEqual({});
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
  });

  it('compiles with its own tsconfig to JS and .d.ts that import nothing outside the package', () => {
    const out = mkdtempSync(join(tmpdir(), 'radome-sdk-'));
    try {
      const tsc = run([join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(sdkDir, 'tsconfig.json'), '--outDir', out]);
      expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
      const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|d\.ts)$/.test(f));
      expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'client.js', join('gql', 'graphql.d.ts')]));
      for (const file of files) {
        const text = readFileSync(join(out, file), 'utf8');
        const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
        for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(/^\.\.?\//);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });
});
