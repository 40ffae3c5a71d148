// What the bad-input suites (Level 2 and Level 3) check the same way: bad files written among
// good ones, `radome ingest files` naming each with its error code, and each recorded and
// quarantined byte for byte.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { CatalogReader } from '../../store/catalog/index.js';
import type { FileObjectStore } from '../../store/objects/index.js';
import { type RadomeRun, runRadome } from './radome-process.js';

/** A bad input file and the error code its ingest must fail with. */
export interface BadFile {
  bytes: Uint8Array;
  code: string;
}

/** Writes the good and the bad files side by side into `dir`/in. */
export function writeInputs(dir: string, good: Record<string, Uint8Array>, bad: Record<string, BadFile>): void {
  mkdirSync(join(dir, 'in'));
  for (const [name, bytes] of Object.entries(good)) writeFileSync(join(dir, 'in', name), bytes);
  for (const [name, { bytes }] of Object.entries(bad)) writeFileSync(join(dir, 'in', name), bytes);
}

/** `radome ingest files dir/in`: exits 1, counts `ingested` good files, and prints a FAILED line with its code for each bad one. */
export async function ingestAmongBad(dir: string, env: Record<string, string>, ingested: number, bad: Record<string, BadFile>): Promise<RadomeRun> {
  const run = await runRadome(['ingest', 'files', join(dir, 'in')], env, 120_000);
  expect(run.code, run.stdout + run.stderr).toBe(1);
  expect(run.stdout).toContain(`${ingested} ingested, 0 unchanged, ${Object.keys(bad).length} failed`);
  for (const [name, { code }] of Object.entries(bad)) {
    const line = run.stdout.split('\n').find((l) => l.startsWith('FAILED') && l.includes(join(dir, 'in', name) + ':'));
    expect(line, `a FAILED line naming ${name}`).toBeDefined();
    expect(line).toContain(`[${code}]`);
  }
  return run;
}

/** The catalog's failures are exactly the bad files, each with its code, its bytes kept under quarantine/local/. */
export async function expectQuarantined(reader: CatalogReader, store: FileObjectStore, dir: string, bad: Record<string, BadFile>): Promise<void> {
  const failures = await reader.ingest.failures();
  expect(failures.map((f) => f.key).sort()).toEqual(
    Object.keys(bad)
      .map((n) => join(dir, 'in', n))
      .sort(),
  );
  for (const f of failures) {
    const expected = bad[f.key.split('/').pop()!]!;
    expect(f.errorCode).toBe(expected.code);
    expect(f.quarantineKey).toMatch(/^quarantine\/local\//);
    const kept = await store.get(f.quarantineKey!);
    expect(Buffer.from(kept!.body).equals(Buffer.from(expected.bytes))).toBe(true);
  }
}
