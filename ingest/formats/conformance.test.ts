// Conformance of every registered format (ingest/formats/registry.ts): its good samples are
// recognised as it; bad bytes behind its magic get a typed RadomeError; the file cut at a spread
// of offsets (and, for Archive II, at every LDM record boundary) either decodes (a shorter valid
// file) or fails with a RadomeError, never an untyped exception and never a hang. Samples: the
// project's synthetic files (always) and small real ones from RADOME_SAMPLE_DATA (when present).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isRadomeError } from '../../core/errors.js';
import { splitArchiveIIRecords } from '../decode/level2/index.js';
import { fileFormats, identifyRadomeFile, sniffFormat } from './registry.js';
import type { FileFormat } from './types.js';
import { planRadomeFile } from '../plan-file.js';
import { loadSeeds } from '../../test/fuzz/seeds.js';
import { sampleDataDir } from '../../test/sample-data.js';

interface Sample {
  name: string;
  plain: Uint8Array;
  format: FileFormat;
}

/** Small real files per format (big ones cut to their first records or lines by `cut`). */
const REAL: { rel: string; cut?: (b: Uint8Array) => Uint8Array }[] = [
  { rel: 'nexrad/level2/KLOT20220317_000842_V06', cut: (b) => b.subarray(0, splitArchiveIIRecords(b).offsets[6]) },
  { rel: 'nexrad/level3/JAX_NST_2021_04_11_19_37_00' },
  { rel: 'gnss/rinex/demo3.10o' },
  { rel: 'gnss/orbits/brdc1180.21n', cut: (b) => firstLines(b, 200) },
  { rel: 'gnss/orbits/COD0MGXFIN_20211180000_01D_05M_ORB.SP3', cut: (b) => firstLines(b, 400) },
  { rel: 'gnss/gnssrefl/mchl0100.25.snr66.gz', cut: (b) => firstLines(gunzipSync(b), 300) },
  { rel: 'gnss/gnssrefl/mchl.json' },
  { rel: 'gnss/gnssrefl/mchl_refr.txt' },
];

/** Formats with no synthetic sample: covered only when the real samples are present. */
const REAL_ONLY = ['rinex-nav', 'sp3', 'gnssrefl-snr', 'gnssrefl-station', 'gnssrefl-refraction'];

function firstLines(bytes: Uint8Array, lines: number): Uint8Array {
  let end = 0;
  for (let n = 0; n < lines && end < bytes.length; end++) if (bytes[end] === 0x0a) n++;
  return bytes.subarray(0, end);
}

function samples(): Sample[] {
  const out: Sample[] = [];
  const add = (name: string, bytes: Uint8Array) => {
    const { format, plain } = identifyRadomeFile(bytes);
    out.push({ name, plain, format });
  };
  for (const seed of loadSeeds({ real: false })) if (seed.input.kind === 'file' && !seed.format.includes('+')) add(seed.name, seed.input.bytes);
  for (const { rel, cut } of REAL) {
    const path = join(sampleDataDir, rel);
    if (!existsSync(path)) continue;
    const bytes = new Uint8Array(readFileSync(path));
    add(`real:${rel}`, cut ? cut(bytes) : bytes);
  }
  return out;
}

const all = samples();
const realPresent = existsSync(sampleDataDir);
if (!realPresent) console.warn(`conformance: ${sampleDataDir} not found; real samples (and the orbit and gnssrefl formats, which have no synthetic sample) are skipped`);

const options = { renderSize: 64, ingestedAt: 0 };
const object = (name: string) => ({ source: 'test', key: name, size: 0, fingerprint: 'x' });

/** What running `fn` gives: 'ok', a RadomeError's code, or 'untyped: …' for anything else thrown. */
function outcome(fn: () => unknown): string {
  try {
    fn();
    return 'ok';
  } catch (e) {
    return isRadomeError(e) ? e.code : `untyped: ${e instanceof Error ? e.stack : String(e)}`;
  }
}

/** Offsets to cut at: a spread over the file, and each Archive II record boundary. */
function cutOffsets(sample: Sample): number[] {
  const n = sample.plain.length;
  const spread = Array.from({ length: 16 }, (_, i) => Math.floor((n * i) / 16));
  const records = sample.format.id === 'level2' ? splitArchiveIIRecords(sample.plain).offsets : [];
  return [...new Set([...spread, ...records, 1, 7, 23, 24, 25, n - 1])].filter((o) => o > 0 && o < n).sort((a, b) => a - b);
}

describe('format conformance', () => {
  it('every registered format has a sample (the orbit and gnssrefl formats only with the real samples)', () => {
    const covered = new Set(all.map((s) => s.format.id));
    const needed = fileFormats().filter((f) => realPresent || !REAL_ONLY.includes(f.id));
    expect(needed.map((f) => f.id).filter((id) => !covered.has(id))).toEqual([]);
  });

  describe.each(all.map((s) => [s.name, s] as const))('%s', (_name, sample) => {
    it(`is recognised as ${sample.format.id} and plans, or fails typed`, () => {
      expect(sample.format.test(sample.plain)).toBe(true);
      expect(outcome(() => planRadomeFile(sample.plain, object(sample.name), options))).not.toMatch(/^untyped/);
    });

    it('bad bytes behind its magic get a typed error', () => {
      // The fewest first bytes that still pass the format's test (so its own decoder meets the
      // rest), then noise: a deterministic byte pattern.
      const noisy = (keep: number) => {
        const b = new Uint8Array(Math.min(sample.plain.length, 4096));
        b.set(sample.plain.subarray(0, keep));
        for (let i = keep; i < b.length; i++) b[i] = (i * 131 + 7) & 0xff;
        return b;
      };
      const keep = [8, 20, 24, 30, 82, 164, 246].find((k) => sniffFormat(noisy(k))?.id === sample.format.id);
      expect(keep, 'some prefix of the file is enough to recognise it').toBeDefined();
      const bad = noisy(keep!);
      expect(outcome(() => sample.format.decode(bad))).not.toMatch(/^(ok|untyped)/);
      expect(outcome(() => planRadomeFile(bad, object(sample.name), options))).not.toMatch(/^(ok|untyped)/);
    });

    it('cut anywhere: decodes a shorter file or fails typed, never untyped', { timeout: 60_000 }, () => {
      const untyped: string[] = [];
      for (const at of cutOffsets(sample)) {
        const cut = sample.plain.slice(0, at);
        for (const [what, run] of [
          ['decode', () => sample.format.decode(cut)],
          ['plan', () => planRadomeFile(cut, object(sample.name), options)],
        ] as const) {
          const o = outcome(run);
          if (o.startsWith('untyped')) untyped.push(`${what} cut at ${at}: ${o}`);
        }
      }
      expect(untyped).toEqual([]);
    });
  });
});
