// The local folder source: what `radome ingest files` and the bench read from.
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LocalFileSource } from './local-folder.js';
import type { SourceObject, TimeWindow } from './types.js';

async function listed(source: LocalFileSource, paths: string[], window?: TimeWindow): Promise<SourceObject[]> {
  const out: SourceObject[] = [];
  for await (const o of source.list(paths, window)) out.push(o);
  return out;
}

describe('LocalFileSource', () => {
  let dir = '';
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-local-source-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('walks folders in name order, skips hidden entries and names each file by size and time', async () => {
    mkdirSync(join(dir, 'b', 'inner'), { recursive: true });
    mkdirSync(join(dir, '.hidden'));
    writeFileSync(join(dir, 'b', 'inner', 'z'), 'zz');
    writeFileSync(join(dir, 'b', 'a'), 'a');
    writeFileSync(join(dir, 'c'), 'ccc');
    writeFileSync(join(dir, '.dot'), 'x');
    writeFileSync(join(dir, '.hidden', 'h'), 'x');
    const objects = await listed(new LocalFileSource(), [dir]);
    expect(objects.map((o) => o.key)).toEqual([join(dir, 'b', 'a'), join(dir, 'b', 'inner', 'z'), join(dir, 'c')]);
    expect(objects.map((o) => o.size)).toEqual([1, 2, 3]);
    for (const o of objects) expect(o.fingerprint).toMatch(new RegExp(`^size:${o.size}:\\d+$`));
  });

  it('reads small files (one synchronous read) and large ones (asynchronous) byte for byte', async () => {
    const small = Uint8Array.from({ length: 1000 }, (_, i) => i % 251);
    const large = Uint8Array.from({ length: 3 << 20 }, (_, i) => (i * 7) % 253);
    writeFileSync(join(dir, 'small'), small);
    writeFileSync(join(dir, 'large'), large);
    const source = new LocalFileSource();
    const objects = await listed(source, [dir]);
    expect(objects.map((o) => o.size)).toEqual([large.length, small.length]);
    expect(Buffer.compare(await source.fetch(objects[0]!), large)).toBe(0);
    expect(Buffer.compare(await source.fetch(objects[1]!), small)).toBe(0);
  });

  it('with a window lists only the files modified in it', async () => {
    for (const [name, seconds] of [
      ['before', 999],
      ['first', 1000],
      ['inside', 1500],
      ['at-end', 2000],
    ] as const) {
      writeFileSync(join(dir, name), name);
      utimesSync(join(dir, name), seconds, seconds);
    }
    const objects = await listed(new LocalFileSource(), [dir], { from: 1_000_000, to: 2_000_000 });
    expect(objects.map((o) => o.key)).toEqual([join(dir, 'first'), join(dir, 'inside')]);
  });

  it('a missing path fails the listing with BAD_INPUT naming it, and a vanished file fails its fetch with ENOENT', async () => {
    const nope = join(dir, 'nope');
    await expect(listed(new LocalFileSource(), [nope])).rejects.toMatchObject({ code: 'BAD_INPUT', message: `${nope}: no such file or folder` });
    const gone = { source: 'local', key: join(dir, 'gone'), size: 10, fingerprint: 'size:10:0' };
    await expect(new LocalFileSource().fetch(gone)).rejects.toMatchObject({ code: 'ENOENT' });
  });
});
