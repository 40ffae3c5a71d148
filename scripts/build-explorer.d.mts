// Types of build-explorer.mjs for the tests and bench that build the explorer before using it.
export declare const outDir: string;
export declare function buildExplorer(options?: { quiet?: boolean }): Promise<{ js: string; css: string; jsGzipBytes: number }>;
