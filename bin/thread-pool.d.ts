/** Threads libuv's pool gets in radome's processes unless UV_THREADPOOL_SIZE says (see thread-pool.js). */
export declare const THREAD_POOL_SIZE: number;
/** Sets UV_THREADPOOL_SIZE in `env` to THREAD_POOL_SIZE where the user has not set it. */
export declare function sizeThreadPool(env?: NodeJS.ProcessEnv): void;
