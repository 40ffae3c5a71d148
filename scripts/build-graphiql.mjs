// Bundles GraphiQL 4 + React 19 into dist/graphiql/ (graphiql.js, graphiql.css, fonts/) so the
// server can host the IDE with no CDN. index.html is a template: the server fills in the
// endpoint and example tabs at request time (server/graphiql-page.ts).
import { build } from 'esbuild';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserBundleOptions, indexPage } from './browser-page.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const outDir = join(root, 'dist', 'graphiql');

const indexHtml = indexPage({
  title: 'radome GraphiQL',
  head: `  <link rel="stylesheet" href="./graphiql.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>`,
  body: `  <div id="graphiql">Loading GraphiQL…</div>
  <!-- RADOME_CONFIG -->
  <script type="module" src="./graphiql.js"></script>`,
});

export async function buildGraphiql({ quiet = false } = {}) {
  const started = Date.now();
  await rm(outDir, { recursive: true, force: true });
  await mkdir(outDir, { recursive: true });
  await build({
    entryPoints: { graphiql: join(root, 'server', 'graphiql', 'entry.js') },
    outdir: outDir,
    ...browserBundleOptions(quiet),
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    loader: { '.ttf': 'file', '.woff': 'file', '.woff2': 'file' },
    assetNames: 'fonts/[name]-[hash]',
  });
  await writeFile(join(outDir, 'index.html'), indexHtml);
  if (!quiet) console.log(`GraphiQL bundled into ${outDir} in ${Date.now() - started} ms`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await buildGraphiql();
}
