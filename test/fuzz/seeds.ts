// The fuzzer's seed corpus: the real samples when ../shared/data is there, and always the
// project's own synthetic files (what CI, without the samples, fuzzes), for every format radome
// recognises (Archive II, Level 2 real-time chunks, Level 3, RINEX 2/3/4, Hatanaka 1/3) and every
// container (gzip, bzip2, Unix compress, zip).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { splitArchiveIIRecords } from '../../ingest/decode/level2/index.js';
import { encodeArchiveII, encodeRecords, ldmRecord, volumeHeader } from '../fixtures/archive2-encoder.js';
import { encodeHatanaka } from '../fixtures/hatanaka-encoder.js';
import { writeRinexObs } from '../fixtures/rinex-writer.js';
import { volume1, volume31, wideningVolume31 } from '../level2/synthetic-volumes.js';
import { accumulationProduct, graphicProduct, hydrometeorProduct, nullAccumulationProduct, rasterProduct, velocityProduct } from '../level3-ingest/synthetic-products.js';
import { syntheticObsSpec } from '../rinex/synthetic-obs.js';
import { sampleDataDir } from '../sample-data.js';
import { unwrapOne, wrap } from './codecs.js';

/** A whole file, or a Level 2 real-time volume as its chunks in sequence order (the last is its end chunk). */
export type FuzzInput = { kind: 'file'; name: string; bytes: Uint8Array } | { kind: 'chunks'; name: string; chunks: Uint8Array[] };

export interface Seed {
  /** e.g. 'real:nexrad/level3/LOT_N0H_…' or 'synthetic:rinex3.gz'. */
  name: string;
  /** What it holds, for counts: archive2, level2-chunks, level3, rinex2, rinex3, rinex4, hatanaka, + container. */
  format: string;
  input: FuzzInput;
  /** Relative chance of being picked (large real files are slow to decode, so picked less). */
  weight: number;
}

const text = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
const bytesOf = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** RINEX text cut after its header and `epochLines` more lines: real structure, small enough to fuzz quickly. */
function headAndLines(rinex: Uint8Array, epochLines: number): Uint8Array {
  const lines = text(rinex).split('\n');
  const end = lines.findIndex((l) => l.includes('END OF HEADER'));
  return bytesOf(lines.slice(0, end + 1 + epochLines).join('\n') + '\n');
}

/** A RINEX 3 file's version line made 4.00 (RINEX 4 observation files are laid out as RINEX 3). */
function asRinex4(rinex3: Uint8Array): Uint8Array {
  const s = text(rinex3);
  return bytesOf(s.replace(/^ {5}3\.0\d/, '     4.00'));
}

/** A real Archive II volume cut after `records` LDM records. */
function firstRecords(volume: Uint8Array, records: number): Uint8Array {
  const { offsets } = splitArchiveIIRecords(volume);
  return volume.subarray(0, offsets[Math.min(records, offsets.length - 1)]);
}

function syntheticChunks(): Uint8Array[] {
  const options = volume31({ radialsPerRecord: 20 });
  const records = encodeRecords(options);
  const ldm = records.map((r, i) => ldmRecord(r, i === records.length - 1));
  const start = new Uint8Array(24 + ldm[0]!.length);
  start.set(volumeHeader(options));
  start.set(ldm[0]!, 24);
  return [start, ...ldm.slice(1)];
}

function syntheticSeeds(): Seed[] {
  const seeds: Seed[] = [];
  const add = (name: string, format: string, bytes: Uint8Array, weight = 1) => seeds.push({ name: `synthetic:${name}`, format, input: { kind: 'file', name, bytes }, weight });
  add('archive2-msg31.bz2-records', 'archive2', encodeArchiveII(volume31()));
  add('archive2-widening', 'archive2', encodeArchiveII(wideningVolume31()));
  add('archive2-uncompressed', 'archive2', encodeArchiveII(volume31({ compression: 'none' })));
  add('archive2-msg1-legacy', 'archive2', encodeArchiveII(volume1()));
  add('archive2.gz', 'archive2+gzip', encodeArchiveII(volume31({ gzip: true })));
  seeds.push({ name: 'synthetic:level2-chunks', format: 'level2-chunks', input: { kind: 'chunks', name: 'level2-chunks', chunks: syntheticChunks() }, weight: 2 });
  add('level3-hydrometeor', 'level3', hydrometeorProduct());
  add('level3-accumulation', 'level3', accumulationProduct());
  add('level3-velocity', 'level3', velocityProduct());
  add('level3-raster', 'level3', rasterProduct());
  add('level3-graphic', 'level3', graphicProduct());
  add('level3-null', 'level3', nullAccumulationProduct());
  const rinex2 = writeRinexObs(syntheticObsSpec({ version: 2, epochs: 12, events: true, cycleSlips: true }));
  const rinex3 = writeRinexObs(syntheticObsSpec({ version: 3, epochs: 12, events: true, cycleSlips: true, seed: 2 }));
  // The Hatanaka fixture encoder takes events but not cycle-slip records.
  const crx1 = encodeHatanaka(writeRinexObs(syntheticObsSpec({ version: 2, epochs: 12, events: true })));
  const crx3 = encodeHatanaka(writeRinexObs(syntheticObsSpec({ version: 3, epochs: 12, events: true, seed: 2 })));
  add('rinex2.10o', 'rinex2', rinex2, 2);
  add('rinex3.rnx', 'rinex3', rinex3, 2);
  add('rinex4.rnx', 'rinex4', asRinex4(rinex3));
  add('hatanaka1.10d', 'hatanaka', crx1, 2);
  add('hatanaka3.crx', 'hatanaka', crx3, 2);
  add('rinex3.rnx.gz', 'rinex3+gzip', wrap('gzip', rinex3));
  add('hatanaka1.10d.bz2', 'hatanaka+bzip2', wrap('bzip2', crx1));
  add('rinex2.10o.Z', 'rinex2+compress', wrap('compress', rinex2));
  add('hatanaka3.crx.Z', 'hatanaka+compress', wrap('compress', crx3));
  add('rinex2.zip', 'rinex2+zip', wrap('zip', rinex2, 'test0010.10o'));
  add('level3.gz', 'level3+gzip', wrap('gzip', hydrometeorProduct()));
  add('archive2-uncompressed.bz2', 'archive2+bzip2', wrap('bzip2', encodeArchiveII(volume1())));
  add('rinex3.rnx.gz.zip', 'rinex3+gzip+zip', wrap('zip', wrap('gzip', rinex3), 'test0010.rnx.gz'));
  const snr = syntheticSnrFile();
  add('test0100.25.snr66', 'gnssrefl-snr', snr, 2);
  add('test0100.25.snr66.gz', 'gnssrefl-snr+gzip', wrap('gzip', snr));
  return seeds;
}

/**
 * A gnssrefl SNR file as gnssrefl writes it (`%3d%10.4f%10.4f%10.1f%10.6f` then six `%7.2f` SNR
 * columns S6 S1 S2 S5 S7 S8): a rising GPS arc and a setting Galileo arc, every 15 s for 10 minutes.
 */
function syntheticSnrFile(): Uint8Array {
  const lines: string[] = [];
  const f = (v: number, w: number, d: number) => v.toFixed(d).padStart(w, ' ');
  for (let k = 0; k < 40; k++) {
    const t = 3600 + 15 * k;
    for (const [sat, e0, de, az] of [
      [7, 5, 0.2, 120],
      [211, 25, -0.15, 300],
    ] as const) {
      const e = e0 + de * k;
      const snr = [0, 40 + 5 * Math.sin(k / 3), 35 + e / 5, 42, 0, 0];
      lines.push(`${f(sat, 3, 0)}${f(e, 10, 4)}${f(az + k * 0.1, 10, 4)}${f(t, 10, 1)}${f(de / 15, 10, 6)}${snr.map((v) => f(v, 7, 2)).join('')}`);
    }
  }
  return new TextEncoder().encode(`${lines.join('\n')}\n`);
}

function realSeeds(dir: string): Seed[] {
  const seeds: Seed[] = [];
  const files = (rel: string) => {
    const d = join(dir, rel);
    return existsSync(d)
      ? readdirSync(d)
          .sort()
          .map((f) => ({ rel: `${rel}/${f}`, path: join(d, f) }))
          .filter((f) => statSync(f.path).isFile())
      : [];
  };
  const add = (name: string, format: string, input: FuzzInput, weight: number) => seeds.push({ name: `real:${name}`, format, input, weight });
  for (const f of files('nexrad/level2')) {
    const whole = new Uint8Array(readFileSync(f.path));
    add(f.rel, 'archive2', { kind: 'file', name: f.rel, bytes: whole }, 0.3);
    add(`${f.rel} (first 4 records)`, 'archive2', { kind: 'file', name: f.rel, bytes: firstRecords(whole, 4) }, 3);
  }
  const chunkDir = join(dir, 'nexrad/level2-chunks');
  if (existsSync(chunkDir)) {
    for (const volume of readdirSync(chunkDir).sort()) {
      const chunks = readdirSync(join(chunkDir, volume))
        .sort()
        .map((c) => new Uint8Array(readFileSync(join(chunkDir, volume, c))));
      add(`nexrad/level2-chunks/${volume}`, 'level2-chunks', { kind: 'chunks', name: volume, chunks }, 0.5);
      add(`nexrad/level2-chunks/${volume} (first 5 chunks)`, 'level2-chunks', { kind: 'chunks', name: volume, chunks: chunks.slice(0, 5) }, 3);
    }
  }
  for (const f of files('nexrad/level3')) add(f.rel, 'level3', { kind: 'file', name: f.rel, bytes: new Uint8Array(readFileSync(f.path)) }, 1);
  for (const f of [...files('gnss/rinex'), ...files('gnss/edge-cases'), ...files('gnss/orbits').filter((o) => /o$/.test(o.rel))]) {
    const bytes = new Uint8Array(readFileSync(f.path));
    const format = realRinexFormat(bytes);
    add(f.rel, format, { kind: 'file', name: f.rel, bytes }, bytes.length > 200_000 ? 0.3 : 1);
    // A short version of big files (header and a few hundred lines, in the same containers) to fuzz quickly.
    if (bytes.length > 200_000) {
      const short = shortened(bytes);
      if (short) add(`${f.rel} (head)`, format, { kind: 'file', name: f.rel, bytes: short }, 2);
    }
  }
  // gnssrefl files (SNR files, station json, refraction inputs) and orbit files (navigation, SP3),
  // the big ones also as their first 400 lines.
  for (const f of [...files('gnss/gnssrefl').filter((g) => !g.rel.endsWith('results.txt')), ...files('gnss/orbits').filter((o) => !/o$/.test(o.rel))]) {
    const bytes = new Uint8Array(readFileSync(f.path));
    const format = /\.snr\d\d/.test(f.rel) ? 'gnssrefl-snr' : /\.json$|refr/.test(f.rel) ? 'gnssrefl-settings' : /sp3/i.test(f.rel) ? 'sp3' : 'rinex-nav';
    add(f.rel, format, { kind: 'file', name: f.rel, bytes }, bytes.length > 200_000 ? 0.3 : 1);
    if (bytes.length > 200_000) {
      const head = firstLines(bytes, 400);
      if (head) add(`${f.rel} (head)`, format, { kind: 'file', name: f.rel, bytes: head }, 2);
    }
  }
  return seeds;
}

/** The first `count` lines of a text file's plain content, in the same containers. */
function firstLines(bytes: Uint8Array, count: number): Uint8Array | null {
  const layer = unwrapOne(bytes);
  if (layer) {
    const inner = firstLines(layer.inner, count);
    return inner && wrap(layer.kind, inner, layer.member);
  }
  return new TextEncoder().encode(`${text(bytes).split('\n').slice(0, count).join('\n')}\n`);
}

/** The same file with its plain content cut to the header and 400 lines, in the same containers. */
function shortened(bytes: Uint8Array): Uint8Array | null {
  const layer = unwrapOne(bytes);
  if (layer) {
    const inner = shortened(layer.inner);
    return inner && wrap(layer.kind, inner, layer.member);
  }
  return text(bytes.subarray(0, 400)).includes('RINEX') ? headAndLines(bytes, 400) : null;
}

function realRinexFormat(bytes: Uint8Array): string {
  const layers: string[] = [];
  let plain = bytes;
  for (let layer = unwrapOne(plain); layer; layer = unwrapOne(plain)) {
    layers.push(layer.kind);
    plain = layer.inner;
  }
  const first = text(plain.subarray(0, 80));
  const format = first.includes('CRINEX') ? 'hatanaka' : /^\s*2\./.test(first) ? 'rinex2' : /^\s*4\./.test(first) ? 'rinex4' : 'rinex3';
  return [format, ...layers.reverse()].join('+');
}

/** Every seed: real samples (when RADOME_SAMPLE_DATA or ../shared/data exists and `real`) and synthetic files. */
export function loadSeeds({ real = true }: { real?: boolean } = {}): Seed[] {
  const seeds = syntheticSeeds();
  if (real && existsSync(sampleDataDir)) seeds.push(...realSeeds(sampleDataDir));
  return seeds;
}
