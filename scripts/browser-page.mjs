// What the two browser bundles (scripts/build-explorer.mjs, scripts/build-graphiql.mjs) share: the
// esbuild options for a self-hosted, minified ES module bundle, and the index.html page around it.

/** esbuild options both bundles use; each adds its entry points, output names and loaders. */
export const browserBundleOptions = (quiet) => ({
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  minify: true,
  legalComments: 'linked',
  logLevel: quiet ? 'error' : 'warning',
});

/**
 * index.html: a template the server fills in, so `<!-- RADOME_CONFIG -->` (replaced by a JSON <script>
 * block at request time) stands in the head or body as the caller places it.
 */
export function indexPage({ title, head, body }) {
  return `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>${title}</title>
  <link rel="icon" href="data:,">
${head}
</head>
<body>
${body}
</body>
</html>
`;
}
