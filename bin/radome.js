#!/usr/bin/env node
// Before anything that may start libuv's pool (see thread-pool.js).
const { sizeThreadPool } = await import('./thread-pool.js');
sizeThreadPool();
const { enableCompileCache } = await import('node:module');
// V8's code cache on disk (in the OS temp folder): later runs skip compiling the ~1,700 modules a
// server start loads, a tenth of its CPU.
const cache = enableCompileCache?.();
// Worker threads do not inherit the cache enabled here, only one named in the environment when
// they start: each pool thread of `ingest files` then compiled piscina and its modules afresh.
// No folder is given when NODE_DISABLE_COMPILE_CACHE is set: the threads then run without, as this one.
if (cache?.directory) process.env.NODE_COMPILE_CACHE ??= cache.directory;
const { existsSync } = await import('node:fs');
const main = new URL('../dist/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  console.error('radome is not built yet: run `npm run build` (npm ci does it for you).');
  process.exit(1);
}
await import(main.href);
