#!/usr/bin/env node
// The AWS SDK warns on every start that future versions need Node 22; radome pins a version that
// supports Node 20, so the warning says nothing actionable.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const { existsSync } = await import('node:fs');
const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('radome is not built yet: run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(main.href);
