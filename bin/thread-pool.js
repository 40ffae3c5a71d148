/**
 * How many threads libuv's pool gets in radome's processes, unless UV_THREADPOOL_SIZE says. The
 * pool runs file system calls, and a durable put flushes each new file there (a Level 2 volume
 * is ~190 sweep-store files and ~330 overlays). libuv's default of four flushes four at a time;
 * with more in flight, a journaled file system lets them share journal commits and the device
 * queue merges the cache flushes, for the same CPU. `npm run bench -- zarr`, the sweep store's
 * put beside the overlays, medians at 4 → 64 threads: a fresh journaled ext4 68 → 28 ms wall,
 * this VM's journal-less ext4 39 → 24 ms (and `ingest files` of that volume 680 → 490 ms at 16).
 * Reads queued behind a put's flushes (tiles, objects) wait less too. libuv reads the variable
 * when the pool starts, at the first call that needs it: this must run before any.
 */
export const THREAD_POOL_SIZE = 64;

/** Sets UV_THREADPOOL_SIZE in `env` to THREAD_POOL_SIZE where the user has not set it. */
export function sizeThreadPool(env = process.env) {
  env.UV_THREADPOOL_SIZE ??= String(THREAD_POOL_SIZE);
}
