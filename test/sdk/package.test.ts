import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../sample-data.js';
import { bundleApp } from '../support/sdk-bundle.js';

const sdkDir = join(repoRoot, 'sdk');
/** Core client (no subscriptions), minified + gzip. */
const SIZE_BUDGET_BYTES = 10_000;

function run(args: string[]) {
  return spawnSync(process.execPath, args, { cwd: repoRoot, encoding: 'utf8' });
}

/** A browser bundle of `code` (importing the SDK sources as `@radome/sdk…`), as an app's bundler would make it. */
const bundle = (code: string, minify = true) => bundleApp(code, { minify });

/** Every file of the package and its examples, as text (the package has no binaries). */
function packageFiles(): { path: string; text: string }[] {
  return readdirSync(sdkDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => !f.startsWith('node_modules') && /\.[a-z]+$/.test(f))
    .map((f) => ({ path: f, text: readFileSync(join(sdkDir, f), 'utf8') }));
}

const WASM = /WebAssembly|\.wasm\b|\0asm/;

describe('@radome/sdk package', () => {
  it('sdk/src/gql is what codegen makes of the committed schema and operations (else run: npm run codegen)', () => {
    const check = run([join(repoRoot, 'scripts', 'codegen.mjs'), '--check']);
    expect(check.status, `${check.stdout}${check.stderr}`).toBe(0);
  });

  it('is ESM with an exports map, tree-shakable, with graphql-ws its only (optional) dependency', () => {
    const pkg = JSON.parse(readFileSync(join(sdkDir, 'package.json'), 'utf8'));
    expect(pkg.name).toBe('@radome/sdk');
    expect(pkg.type).toBe('module');
    expect(pkg.sideEffects).toBe(false);
    expect(pkg.dependencies ?? {}).toEqual({});
    expect(pkg.peerDependencies).toEqual({ 'graphql-ws': '^6.4.2' });
    expect(pkg.peerDependenciesMeta).toEqual({ 'graphql-ws': { optional: true } });
    expect(pkg.exports['.']).toEqual({ types: './dist/index.d.ts', default: './dist/index.js' });
    expect(pkg.exports['./subscriptions']).toEqual({ types: './dist/subscriptions.d.ts', default: './dist/subscriptions.js' });
  });

  it('compiles with its own tsconfig to JS and .d.ts; only the subscriptions entry imports anything outside the package', () => {
    const out = mkdtempSync(join(tmpdir(), 'radome-sdk-'));
    try {
      const tsc = run([join(repoRoot, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(sdkDir, 'tsconfig.json'), '--outDir', out]);
      expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
      const files = readdirSync(out, { recursive: true, encoding: 'utf8' }).filter((f) => /\.(js|d\.ts)$/.test(f));
      expect(files).toEqual(expect.arrayContaining(['index.js', 'index.d.ts', 'client.js', 'subscriptions.js', 'subscriptions.d.ts', join('gql', 'graphql.d.ts')]));
      for (const file of files) {
        const text = readFileSync(join(out, file), 'utf8');
        const specifiers = [...text.matchAll(/\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/g)].map((m) => m[1] ?? m[2]!);
        const allowed = file.startsWith('subscriptions.') ? /^(\.\.?\/|graphql-ws\/client$)/ : /^\.\.?\//;
        for (const s of specifiers) expect(s, `${file} imports ${s}`).toMatch(allowed);
      }
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it(`keeps the core client within ${SIZE_BUDGET_BYTES} bytes min+gzip, without graphql-ws`, async () => {
    const core = await bundle(`export * from '@radome/sdk';`);
    const gzipped = gzipSync(core, { level: 9 }).length;
    console.log(`@radome/sdk core: ${core.length} B minified, ${gzipped} B min+gzip (budget ${SIZE_BUDGET_BYTES})`);
    expect(gzipped).toBeLessThanOrEqual(SIZE_BUDGET_BYTES);
    expect(core).not.toMatch(/graphql-transport-ws|connection_init/);
    expect(core).toContain('RadomeClientError');
  });

  it('is tree-shakable: a bundle of the overlay helper alone has no client in it', async () => {
    const overlayOnly = await bundle(`import { imageOverlay } from '@radome/sdk'; console.log(imageOverlay({ imageUrl: 'x', bbox: [0, 0, 1, 1] }));`, false);
    expect(overlayOnly).toContain('imageOverlay');
    expect(overlayOnly).not.toMatch(/fetch|RadomeClientError|query Sweeps/);
    expect(overlayOnly.length).toBeLessThan(2000);
  });

  it('has no WebAssembly anywhere: not in the core or subscriptions bundles, not in any package file', async () => {
    const core = await bundle(`export * from '@radome/sdk';`);
    const withSubscriptions = await bundle(`export * from '@radome/sdk'; export * from '@radome/sdk/subscriptions';`);
    expect(withSubscriptions).toMatch(/graphql-transport-ws/);
    for (const [name, text] of [
      ['core bundle', core],
      ['subscriptions bundle', withSubscriptions],
    ] as const)
      expect(text, name).not.toMatch(WASM);
    const files = packageFiles();
    expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['package.json', join('src', 'client.ts'), 'README.md']));
    for (const f of files) expect(f.text, f.path).not.toMatch(WASM);
  });
});
