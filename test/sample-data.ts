import { existsSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root (this file lives in test/, or compiled in dist/test/ for the fuzzer's processes). */
const parent = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const repoRoot = basename(parent) === 'dist' ? dirname(parent) : parent;

/** The shared real sample data folder: RADOME_SAMPLE_DATA, else ../shared/data beside the repo. */
export const sampleDataDir = process.env.RADOME_SAMPLE_DATA ?? resolve(repoRoot, '..', 'shared', 'data');

/**
 * Path of a real sample file, or null when absent. Tests use it as
 * `describe.skipIf(!file)(...)` after logging `skipReason(relPath)`.
 */
export function sampleFile(relPath: string): string | null {
  const p = join(sampleDataDir, relPath);
  return existsSync(p) ? p : null;
}

export function skipReason(relPath: string): string {
  return `real sample ${relPath} not found under ${sampleDataDir} (set RADOME_SAMPLE_DATA); skipping tests that need it`;
}
