#!/usr/bin/env node
const { existsSync } = await import('node:fs');
const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('radome is not built yet: run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(main.href);
