import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RadomeError } from '../../core/errors.js';
import { decodeArchiveII, GridPool, splitArchiveIIRecords } from '../decode/level2/index.js';
import { createLevel2Pool, type Level2Pool } from './level2-pool.js';
import { decodeArchiveIIParallel } from './parallel-decode.js';
import { encodeArchiveII } from '../../test/fixtures/archive2-encoder.js';
import { repoRoot, sampleFile, skipReason } from '../../test/sample-data.js';
import { failure } from '../../test/support/radome-failure.js';
import { volume1, volume31 } from '../../test/level2/synthetic-volumes.js';
import { volumeDigest } from '../../test/level2/volume-digest.js';

const REL = 'nexrad/level2/KLOT20220317_000842_V06';
const sample = sampleFile(REL);
if (!sample) console.warn(skipReason(REL));

async function parallelError(bytes: Uint8Array, pool: Level2Pool): Promise<RadomeError> {
  const e = await decodeArchiveIIParallel(bytes, pool).then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(RadomeError);
  return e as RadomeError;
}

describe('decodeArchiveIIParallel', () => {
  let pool: Level2Pool;
  beforeAll(() => {
    pool = createLevel2Pool(2);
  });
  afterAll(() => pool.close());

  const synthetic = {
    'message 31, one record per 12 radials': encodeArchiveII(volume31({ radialsPerRecord: 12 })),
    'message 1 (legacy)': encodeArchiveII(volume1()),
    'gzip-wrapped': encodeArchiveII(volume31({ gzip: true })),
    uncompressed: encodeArchiveII(volume31({ compression: 'none' })),
  };
  for (const [name, bytes] of Object.entries(synthetic)) {
    it(`gives decodeArchiveII's volume: ${name}`, async () => {
      const want = decodeArchiveII(bytes);
      expect(want.sweeps.length).toBeGreaterThan(0);
      expect(volumeDigest(await decodeArchiveIIParallel(bytes, pool))).toEqual(volumeDigest(want));
    });
  }

  it.skipIf(!sample)("gives decodeArchiveII's volume for the real KLOT sample", async () => {
    const bytes = readFileSync(sample!);
    const got = await decodeArchiveIIParallel(bytes, pool);
    expect(got.sweeps.length).toBeGreaterThan(10);
    expect(volumeDigest(got)).toEqual(volumeDigest(decodeArchiveII(bytes)));
  });

  it('throws the same typed errors, naming record and offset', async () => {
    const good = synthetic['message 31, one record per 12 radials'];
    const { offsets } = splitArchiveIIRecords(good);
    expect(offsets.length).toBeGreaterThan(5);
    const flipped = good.slice();
    flipped[offsets[3]! + 500] ^= 0xff;
    const cut = good.slice(0, offsets[4]! + 4 + 60);
    new DataView(cut.buffer).setInt32(offsets[4]!, 60); // control word agrees: the stream itself is cut
    const cases = [flipped, cut, good.subarray(0, good.length - 1)];
    const errors = await Promise.all(cases.map((bytes) => parallelError(bytes, pool)));
    for (const [k, e] of errors.entries()) {
      const sync = failure(() => decodeArchiveII(cases[k]!));
      expect([e.code, e.message]).toEqual([sync.code, sync.message]);
    }
    expect(errors[0]!).toMatchObject({ code: 'CORRUPT', message: expect.stringMatching(new RegExp(`^record 3 at offset ${offsets[3]}: bzip2 data error`)) });
    expect(errors[1]!).toMatchObject({ code: 'TRUNCATED', message: `record 4 at offset ${offsets[4]}: bzip2 stream ends before its end-of-stream marker` });
    // The pool still works after failures.
    expect(volumeDigest(await decodeArchiveIIParallel(good, pool))).toEqual(volumeDigest(decodeArchiveII(good)));
  });

  it('throws what decodeArchiveII throws whichever record fails, in whichever run it lands', async () => {
    const good = synthetic['message 31, one record per 12 radials'];
    const { offsets } = splitArchiveIIRecords(good);
    for (let i = 0; i < offsets.length; i++) {
      const bad = good.slice();
      bad[offsets[i]! + 300] ^= 0xff;
      const sync = failure(() => decodeArchiveII(bad));
      const e = await parallelError(bad, pool);
      expect([e.code, e.message], `record ${i}`).toEqual([sync.code, sync.message]);
    }
  });

  it('reads a volume into grids lent by a GridPool, as decodeArchiveII does', async () => {
    const bytes = synthetic['message 31, one record per 12 radials'];
    const grids = new GridPool();
    const want = volumeDigest(decodeArchiveII(bytes));
    for (let k = 0; k < 2; k++) {
      expect(volumeDigest(await decodeArchiveIIParallel(bytes, pool, { grids }))).toEqual(want);
      grids.releaseAll();
    }
    expect(grids.size).toBeGreaterThan(0);
  });

  it('decodes volumes concurrently on one pool', async () => {
    const a = synthetic['message 31, one record per 12 radials'];
    const b = synthetic['message 1 (legacy)'];
    const [va, vb] = await Promise.all([decodeArchiveIIParallel(a, pool), decodeArchiveIIParallel(b, pool)]);
    expect([volumeDigest(va), volumeDigest(vb)]).toEqual([volumeDigest(decodeArchiveII(a)), volumeDigest(decodeArchiveII(b))]);
  });
});

describe('record pool lifetime (compiled dist/, in a child process)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'radome-pool-'));
    writeFileSync(join(dir, 'volume'), encodeArchiveII(volume31({ radialsPerRecord: 60 })));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Runs a script against dist/ that decodes the volume, then closes the pool or not. */
  function run(close: boolean) {
    const module = (name: string) => JSON.stringify(join(repoRoot, 'dist', 'ingest', 'level2', name));
    const script = `
      import { readFileSync } from 'node:fs';
      const { createLevel2Pool } = await import(${module('level2-pool.js')});
      const { decodeArchiveIIParallel } = await import(${module('parallel-decode.js')});
      const pool = createLevel2Pool(2);
      const v = await decodeArchiveIIParallel(readFileSync(${JSON.stringify(join(dir, 'volume'))}), pool);
      console.log(v.sweeps.reduce((n, s) => n + s.radialCount, 0));
      ${close ? 'await pool.close();' : ''}`;
    return spawnSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', timeout: 30_000 });
  }

  it('does not keep the process alive, closed or not', () => {
    const radials = decodeArchiveII(readFileSync(join(dir, 'volume'))).sweeps.reduce((n, s) => n + s.radialCount, 0);
    for (const close of [true, false]) {
      const r = run(close);
      expect([r.signal, r.status, r.stderr, r.stdout.trim()]).toEqual([null, 0, '', String(radials)]);
    }
  });
});
