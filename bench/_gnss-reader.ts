/**
 * GNSS reader throughput, shared by `bench gnss-parse` and `bench gnss`: RINEX parsing (MB/s of
 * RINEX text, MB = 10^6 bytes, median of runs) of CEDA (RINEX 3), york (Hatanaka) and the .Z
 * file, with the steps apart, bzip2 beside libbzip2 in WASM, and the CEDA read beside georinex's
 * time for the same SNR read (measured elsewhere on this machine: ~80 s).
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import Bzip2 from '@foxglove/wasm-bz2';
import { threadBunzip2 } from '../ingest/decode/containers/bunzip2.js';
import { decompressLzw } from '../ingest/decode/containers/lzw.js';
import { decodeHatanaka, parseRinexObs, readRinex } from '../ingest/decode/rinex/index.js';
import { median, timeRuns, type BenchRow } from './harness.js';

const dataDir = process.env.RADOME_SAMPLE_DATA ?? resolve(process.cwd(), '..', 'shared', 'data');
const file = (rel: string): Uint8Array | null => {
  const p = resolve(dataDir, 'gnss', 'rinex', rel);
  if (!existsSync(p)) {
    console.warn(`sample ${p} not found: skipping its rows`);
    return null;
  }
  return readFileSync(p);
};

const RUNS = 9;
const GEORINEX_CEDA_SECONDS = 80;

/**
 * Median ms of one call of `fn` and the MB/s it gives for `bytes` of RINEX. Small inputs are
 * repeated within each timed run (to about 2 MB) so a run is not lost in timer and GC noise.
 */
async function throughput(fn: () => unknown, bytes: number): Promise<{ ms: number; mbps: number }> {
  const repeat = Math.max(1, Math.ceil(2e6 / bytes));
  const ms =
    median(
      await timeRuns(
        () => {
          for (let i = 0; i < repeat; i++) fn();
        },
        RUNS,
        2,
      ),
    ) / repeat;
  return { ms, mbps: bytes / 1e6 / (ms / 1000) };
}

export async function readerThroughput(): Promise<{ rows: BenchRow[]; extra: Record<string, unknown> }> {
  const rows: BenchRow[] = [];
  const extra: Record<string, unknown> = { runs: RUNS, mb: 1e6 };
  const ceda = file('CEDA00USA_R_20182100000_23H_15S_MO.rnx.gz');
  if (ceda) {
    const text = gunzipSync(ceda);
    const parsed = parseRinexObs(text);
    const parse = await throughput(() => parseRinexObs(text), text.length);
    rows.push({ metric: `CEDA RINEX 3 parse (${(text.length / 1e6).toFixed(2)} MB, ${parsed.snr.count} SNR values)`, unit: 'MB/s', radome: parse.mbps, target: '>= 100' });
    const full = await throughput(() => readRinex(ceda), text.length);
    rows.push({ metric: 'CEDA .rnx.gz read (gunzip + parse)', unit: 'MB/s', radome: full.mbps });
    const seconds = full.ms / 1000;
    rows.push({
      metric: 'CEDA SNR read vs georinex (~80 s, measured elsewhere here)',
      unit: 's',
      radome: seconds,
      peer: GEORINEX_CEDA_SECONDS,
      ratio: GEORINEX_CEDA_SECONDS / seconds,
      target: '>= 1000x',
    });
    extra.ceda = { rinexBytes: text.length, epochs: parsed.epochs.count, snrValues: parsed.snr.count, parseMs: parse.ms, readMs: full.ms };
  }

  const york = file('york0440.15d');
  if (york) {
    const rinex = decodeHatanaka(york);
    const read = await throughput(() => readRinex(york), rinex.length);
    rows.push({ metric: `york Hatanaka decode + parse (${(rinex.length / 1e6).toFixed(2)} MB RINEX 2)`, unit: 'MB/s', radome: read.mbps });
    const decode = await throughput(() => decodeHatanaka(york), rinex.length);
    rows.push({ metric: 'york Hatanaka decode only', unit: 'MB/s', radome: decode.mbps });
    const parse = await throughput(() => parseRinexObs(rinex), rinex.length);
    rows.push({ metric: 'york RINEX 2 parse only', unit: 'MB/s', radome: parse.mbps });
    extra.york = { crxBytes: york.length, rinexBytes: rinex.length, readMs: read.ms, decodeMs: decode.ms, parseMs: parse.ms };
  }

  const z = file('ac660270.18o.Z');
  if (z) {
    const rinex = decompressLzw(z);
    const read = await throughput(() => readRinex(z), rinex.length);
    rows.push({ metric: `.Z RINEX 2 read, LZW + parse (${(rinex.length / 1e3).toFixed(0)} kB)`, unit: 'MB/s', radome: read.mbps });
    const lzw = await throughput(() => decompressLzw(z), rinex.length);
    rows.push({ metric: '.Z LZW decompress only', unit: 'MB/s', radome: lzw.mbps });
    extra.compress = { zBytes: z.length, rinexBytes: rinex.length, readMs: read.ms, lzwMs: lzw.ms };
  }

  const bz2 = file('P43300USA_R_20190012056_17M_15S_MO.crx.bz2');
  if (bz2) {
    const bunzip2 = threadBunzip2();
    const out = bunzip2.decompressView(bz2);
    const radome = await throughput(() => bunzip2.decompressView(bz2), out.length);
    const wasm = await Bzip2.init();
    const foxglove = await throughput(() => wasm.decompress(bz2, out.length), out.length);
    rows.push({ metric: 'bzip2 decode, radome vs libbzip2 in WASM (@foxglove/wasm-bz2)', unit: 'MB/s', radome: radome.mbps, peer: foxglove.mbps, ratio: radome.mbps / foxglove.mbps });
    const rinexBytes = decodeHatanaka(out).length;
    const read = await throughput(() => readRinex(bz2), rinexBytes);
    rows.push({ metric: 'P433 .crx.bz2 read (bzip2 + Hatanaka + parse)', unit: 'MB/s', radome: read.mbps });
  }
  return { rows, extra };
}
