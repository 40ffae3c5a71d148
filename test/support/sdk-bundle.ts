import { build } from 'esbuild';
import { repoRoot } from '../sample-data.js';

/** The SDK as a browser ES module, built from its sources like a bundler would. */
export async function bundleSdk(): Promise<string> {
  const result = await build({
    entryPoints: [`${repoRoot}/sdk/src/index.ts`],
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}
