import { build } from 'esbuild';
import { repoRoot } from '../sample-data.js';

/**
 * A browser ES module of `code`, which imports the SDK as `@radome/sdk` and `@radome/sdk/subscriptions`
 * (resolved to its sources), bundled as an app's bundler would make it.
 */
export async function bundleApp(code: string, { loader = 'ts', minify = false }: { loader?: 'js' | 'ts'; minify?: boolean } = {}): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: repoRoot, loader },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify,
    write: false,
    logLevel: 'silent',
    alias: { '@radome/sdk/subscriptions': `${repoRoot}/sdk/src/subscriptions.ts`, '@radome/sdk': `${repoRoot}/sdk/src/index.ts` },
  });
  return result.outputFiles[0]!.text;
}

/** The SDK as a browser ES module, built from its sources like a bundler would. */
export const bundleSdk = (): Promise<string> => bundleApp(`export * from '@radome/sdk';`);
