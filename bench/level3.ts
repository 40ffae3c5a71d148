/**
 * Level 3 decode benchmark: median decode time per product file for radome and for the
 * nexrad-level-3-data reference, over every file in the shared sample folder; per product type
 * and overall. Run from the repository root:
 *   npx tsc -p tsconfig.build.json && node dist/bench/level3.js
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { decodeLevel3, decodeLevels } from '../ingest/decode/level3/index.js';
import { performance } from 'node:perf_hooks';
import { median, peakRssMb, report, type BenchRow } from './harness.js';
import { measureLevel3Ingest } from './_level3-ingest.js';
import { decodeWithReference, referenceDecodes } from './_level3-reference.js';

const RUNS = 21;
const WARMUP = 5;

const dataDir = join(process.env.RADOME_SAMPLE_DATA ?? resolve(process.cwd(), '..', 'shared', 'data'), 'nexrad', 'level3');
interface FileTiming {
  file: string;
  mnemonic: string;
  compressed: boolean;
  radome: number;
  radomeWithValues: number;
  peer: number | null;
}

/**
 * Median ms of each variant on one file. Runs alternate between the variants, so load from other
 * processes on this shared machine falls on all of them alike.
 */
function interleaved(variants: Array<() => unknown>): number[] {
  const times = variants.map(() => [] as number[]);
  for (let run = -WARMUP; run < RUNS; run++) {
    variants.forEach((fn, k) => {
      const t0 = performance.now();
      fn();
      if (run >= 0) times[k]!.push(performance.now() - t0);
    });
  }
  return times.map(median);
}

const files = readdirSync(dataDir).sort();
if (files.length === 0) throw new Error(`no Level 3 samples in ${dataDir}`);
const timings: FileTiming[] = [];
for (const file of files) {
  const bytes = readFileSync(join(dataDir, file));
  const product = decodeLevel3(bytes);
  const hasImage = Boolean(product.radial ?? product.raster);
  const peerOk = referenceDecodes(bytes);
  const variants = [
    () => decodeLevel3(bytes),
    () => {
      const p = decodeLevel3(bytes);
      return hasImage ? decodeLevels(p) : p;
    },
    ...(peerOk ? [() => decodeWithReference(bytes)] : []),
  ];
  const [radome, radomeWithValues, peer] = interleaved(variants);
  timings.push({
    file,
    mnemonic: product.wmo?.mnemonic ?? product.info?.mnemonics[0] ?? String(product.message.code),
    compressed: product.compressed,
    radome: radome!,
    radomeWithValues: radomeWithValues!,
    peer: peer ?? null,
  });
}

const ratio = (peer: number | null, radome: number): number | string => (peer === null ? 'n/a' : peer / radome);
const rows: BenchRow[] = [];
const both = timings.filter((t) => t.peer !== null);
const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
rows.push(
  {
    metric: `median per file (${both.length} files both decode)`,
    unit: 'ms',
    radome: median(both.map((t) => t.radome)),
    peer: median(both.map((t) => t.peer!)),
    ratio: median(both.map((t) => t.peer!)) / median(both.map((t) => t.radome)),
    target: '>= 3x',
  },
  {
    metric: 'all files both decode, one pass',
    unit: 'ms',
    radome: sum(both.map((t) => t.radome)),
    peer: sum(both.map((t) => t.peer!)),
    ratio: sum(both.map((t) => t.peer!)) / sum(both.map((t) => t.radome)),
    target: '>= 3x',
  },
  {
    metric: 'same, radome decode + decodeLevels',
    unit: 'ms',
    radome: sum(both.map((t) => t.radomeWithValues)),
    peer: sum(both.map((t) => t.peer!)),
    ratio: sum(both.map((t) => t.peer!)) / sum(both.map((t) => t.radomeWithValues)),
  },
  {
    metric: `all ${timings.length} files, radome only, one pass`,
    unit: 'ms',
    radome: sum(timings.map((t) => t.radome)),
  },
);
const byType = new Map<string, FileTiming[]>();
for (const t of timings) byType.set(t.mnemonic, [...(byType.get(t.mnemonic) ?? []), t]);
for (const [mnemonic, ts] of [...byType].sort(([a], [b]) => a.localeCompare(b))) {
  const radome = median(ts.map((t) => t.radome));
  const peers = ts.filter((t) => t.peer !== null);
  const peer = peers.length === ts.length ? median(peers.map((t) => t.peer!)) : null;
  rows.push({
    metric: `${mnemonic} (${ts.length} file${ts.length > 1 ? 's' : ''}${ts.some((t) => t.compressed) ? ', bzip2' : ''})`,
    unit: 'ms',
    radome,
    peer: peer ?? 'rejects',
    ratio: ratio(peer, radome),
  });
}
// End to end per product: decode + PNG + JSON + objects + catalog commit (bench/_level3-ingest.ts).
const INGEST_RUNS = 7;
const ingest = await measureLevel3Ingest(dataDir, files, INGEST_RUNS, 2);
const renderedIngest = ingest.timings.filter((t) => t.rendered);
rows.push(
  {
    metric: `end to end per product, median of all ${ingest.timings.length} (${ingest.renderSize} px)`,
    unit: 'ms',
    radome: median(ingest.timings.map((t) => t.ms)),
    target: '<= 20',
  },
  {
    metric: `end to end per rendered product, median of ${renderedIngest.length} (${ingest.renderSize} px)`,
    unit: 'ms',
    radome: median(renderedIngest.map((t) => t.ms)),
    target: '<= 20',
  },
  {
    metric: 'end to end per graphic/tabular/null product, median',
    unit: 'ms',
    radome: median(ingest.timings.filter((t) => !t.rendered).map((t) => t.ms)),
  },
);
rows.push({ metric: 'peak RSS', unit: 'MB', radome: peakRssMb() });
report('level3', rows, { runs: RUNS, warmup: WARMUP, files: timings, ingest: { runs: INGEST_RUNS, ...ingest } });
