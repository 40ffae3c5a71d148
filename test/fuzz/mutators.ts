// Seeded mutations of seed files: byte-level damage (bit flips, truncations, duplicated and
// deleted chunks, huge length fields), text-level damage for RINEX (numbers, lines), and
// structure-aware damage that keeps the outer layers valid so the inner decoder sees it: a
// container's content or one Archive II record mutated and recompressed, a chunk of a real-time
// volume damaged, dropped, repeated or reordered.
import { Bunzip2 } from '../../ingest/decode/containers/bunzip2.js';
import { splitArchiveIIRecords } from '../../ingest/decode/level2/index.js';
import { bzip2, CONTAINERS, unwrapOne, wrap } from './codecs.js';
import type { Prng } from './prng.js';
import type { FuzzInput, Seed } from './seeds.js';

export interface Mutated {
  input: FuzzInput;
  /** What was done, in order, e.g. ['recompress gzip', 'bit flips ×3']. */
  steps: string[];
}

const INTERESTING_8 = [0x00, 0x01, 0x7f, 0x80, 0xfe, 0xff];
const INTERESTING_16 = [0x0000, 0x0001, 0x7fff, 0x8000, 0xfffe, 0xffff, 1840, 1841, 720, 801];
const INTERESTING_32 = [0x00000000, 0x7fffffff, 0x80000000, 0xffffffff, 0x40000000, 0x01000000];
const HUGE_NUMBERS = ['999999', '1e9999', '99999999999', '-1', '0', 'NaN', '  -0.5', '4294967296', '9'.repeat(30), '1e308'];

type ByteMutation = (b: Uint8Array, r: Prng, steps: string[]) => Uint8Array;

function bitFlips(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (b.length === 0) return b;
  const out = b.slice();
  const n = 1 + r.below(r.chance(0.2) ? 64 : 8);
  for (let i = 0; i < n; i++) out[r.below(out.length)]! ^= 1 << r.below(8);
  steps.push(`bit flips ×${n}`);
  return out;
}

function interestingBytes(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (b.length === 0) return b;
  const out = b.slice();
  const n = 1 + r.below(8);
  for (let i = 0; i < n; i++) out[r.below(out.length)] = r.pick(INTERESTING_8);
  steps.push(`interesting bytes ×${n}`);
  return out;
}

function truncate(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  // Mostly near the end (a cut download), sometimes anywhere.
  const at = r.chance(0.5) ? Math.max(0, b.length - 1 - r.below(Math.min(b.length, 4096))) : r.below(b.length + 1);
  steps.push(`truncate at ${at}`);
  return b.subarray(0, at);
}

function duplicateChunk(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (b.length === 0) return b;
  const from = r.below(b.length);
  const len = 1 + r.below(Math.min(b.length - from, r.chance(0.3) ? 65_536 : 512));
  const at = r.below(b.length + 1);
  const out = new Uint8Array(b.length + len);
  out.set(b.subarray(0, at));
  out.set(b.subarray(from, from + len), at);
  out.set(b.subarray(at), at + len);
  steps.push(`duplicate ${len} bytes from ${from} at ${at}`);
  return out;
}

function deleteChunk(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (b.length === 0) return b;
  const from = r.below(b.length);
  const len = 1 + r.below(Math.min(b.length - from, 4096));
  const out = new Uint8Array(b.length - len);
  out.set(b.subarray(0, from));
  out.set(b.subarray(from + len), from);
  steps.push(`delete ${len} bytes at ${from}`);
  return out;
}

/** A 16- or 32-bit field, big- or little-endian, set to an extreme: length, count and size fields. */
function hugeLength(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (b.length < 4) return b;
  const out = b.slice();
  const dv = new DataView(out.buffer);
  const little = r.chance(0.3);
  // Aligned offsets hit real fields more often.
  const at = r.below(out.length - 3) & ~1;
  if (r.chance(0.5)) {
    const v = r.pick(INTERESTING_16);
    dv.setUint16(at, v, little);
    steps.push(`u16 ${v} at ${at}${little ? ' LE' : ''}`);
  } else {
    const v = r.pick(INTERESTING_32);
    dv.setUint32(at, v, little);
    steps.push(`u32 ${v} at ${at}${little ? ' LE' : ''}`);
  }
  return out;
}

const BYTE_MUTATIONS: ByteMutation[] = [bitFlips, bitFlips, interestingBytes, truncate, duplicateChunk, deleteChunk, hugeLength, hugeLength];

const latin1 = (b: Uint8Array) => new TextDecoder('latin1').decode(b);
const fromLatin1 = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0) & 0xff);

/** RINEX damage: a number made huge, odd or empty; lines repeated, dropped, swapped or made long. */
function textMutation(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  const lines = latin1(b).split('\n');
  if (lines.length < 2) return bitFlips(b, r, steps);
  const i = r.below(lines.length);
  switch (r.below(7)) {
    case 6: {
      // Satellite ids (G05, R24, E11…) made impossible: PRN 00, unknown systems, blanks.
      const all = [...lines.entries()].filter(([, l]) => /[GRECJSI]\d\d/.test(l));
      if (all.length === 0) break;
      const [k, line] = r.pick(all);
      const ids = [...line.matchAll(/[GRECJSI]\d\d/g)];
      const m = r.pick(ids);
      const v = r.pick(['G00', 'R00', 'X01', 'G  ', ' 00', 'E99', 'G-1']);
      lines[k] = line.slice(0, m.index) + v + line.slice(m.index! + 3);
      steps.push(`line ${k}: satellite ${m[0]} → ${v}`);
      break;
    }
    case 0:
    case 1: {
      const line = lines[i]!;
      const numbers = [...line.matchAll(/-?\d+(\.\d+)?/g)];
      if (numbers.length === 0) break;
      const m = r.pick(numbers);
      const v = r.pick(HUGE_NUMBERS);
      lines[i] = line.slice(0, m.index) + v + line.slice(m.index! + m[0].length);
      steps.push(`line ${i}: ${m[0]} → ${v}`);
      break;
    }
    case 2: {
      const n = 1 + r.below(r.chance(0.1) ? 2000 : 5);
      lines.splice(i, 0, ...new Array<string>(n).fill(lines[i]!));
      steps.push(`line ${i} repeated ×${n}`);
      break;
    }
    case 3: {
      const n = 1 + r.below(5);
      lines.splice(i, n);
      steps.push(`lines ${i}+${n} deleted`);
      break;
    }
    case 4: {
      const j = r.below(lines.length);
      [lines[i], lines[j]] = [lines[j]!, lines[i]!];
      steps.push(`lines ${i} and ${j} swapped`);
      break;
    }
    case 5: {
      const n = 80 + r.below(20_000);
      lines[i] = lines[i]!.padEnd(n, r.pick([' ', '9', 'G', '&']));
      steps.push(`line ${i} padded to ${n}`);
      break;
    }
  }
  return fromLatin1(lines.join('\n'));
}

function isText(b: Uint8Array): boolean {
  const head = latin1(b.subarray(0, 80));
  return head.includes('RINEX');
}

/** One byte-level or (for RINEX text) text-level mutation. */
function mutatePlain(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (isText(b) && r.chance(0.5)) return textMutation(b, r, steps);
  return r.pick(BYTE_MUTATIONS)(b, r, steps);
}

/** An Archive II file with one LDM record decompressed, mutated and compressed again (valid bzip2 around bad messages). */
function mutateRecord(b: Uint8Array, r: Prng, steps: string[]): Uint8Array | null {
  let split;
  try {
    split = splitArchiveIIRecords(b);
  } catch {
    return null;
  }
  if (!split.compressed || split.records.length === 0) return null;
  const k = r.below(split.records.length);
  const record = split.records[k]!;
  let plain: Uint8Array;
  try {
    plain = new Bunzip2().decompress(record, 'seed record', 16 << 20);
  } catch {
    return null;
  }
  steps.push(`record ${k} recompressed after:`);
  const z = bzip2(mutatePlain(plain, r, steps), 1 + r.below(9));
  const at = split.offsets[k]!;
  const end = at + 4 + record.length;
  const out = new Uint8Array(b.length - record.length + z.length);
  out.set(b.subarray(0, at));
  new DataView(out.buffer).setInt32(at, new DataView(b.buffer, b.byteOffset).getInt32(at) < 0 ? -z.length : z.length);
  out.set(z, at + 4);
  out.set(b.subarray(end), at + 4 + z.length);
  return out;
}

/** One mutation of a whole file, chosen by what the file is. */
export function mutateFile(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  const roll = r.below(10);
  if (roll < 3) {
    const layer = unwrapOne(b);
    if (layer) {
      steps.push(`inside ${layer.kind}:`);
      return wrap(layer.kind, mutateFile(layer.inner, r, steps), layer.member);
    }
    const viaRecord = mutateRecord(b, r, steps);
    if (viaRecord) return viaRecord;
  }
  if (roll === 3 && b.length < 4 << 20) {
    const kind = r.pick(CONTAINERS);
    steps.push(`wrapped in ${kind}`);
    return wrap(kind, b, r.chance(0.5) ? 'site0010.10o' : 'x.bin');
  }
  return mutatePlain(b, r, steps);
}

/** A real-time volume's chunks, one damaged, dropped, repeated or moved. */
function mutateChunks(chunks: Uint8Array[], r: Prng, steps: string[]): Uint8Array[] {
  const out = chunks.slice();
  const i = r.below(out.length);
  switch (r.below(8)) {
    case 0:
      out.splice(i, 1);
      steps.push(`chunk ${i + 1} dropped`);
      break;
    case 1:
      out.splice(i, 0, out[i]!);
      steps.push(`chunk ${i + 1} repeated`);
      break;
    case 2: {
      const j = r.below(out.length);
      [out[i], out[j]] = [out[j]!, out[i]!];
      steps.push(`chunks ${i + 1} and ${j + 1} swapped`);
      break;
    }
    default: {
      steps.push(`chunk ${i + 1}:`);
      out[i] = i === 0 ? mutateFile(out[i]!, r, steps) : mutateLdm(out[i]!, r, steps);
    }
  }
  return out;
}

/** An intermediate chunk (LDM records, no volume header): a record recompressed after damage, or byte damage. */
function mutateLdm(b: Uint8Array, r: Prng, steps: string[]): Uint8Array {
  if (r.chance(0.5)) {
    // Give it a dummy volume header so mutateRecord can split it, then take the header off again.
    const withHeader = new Uint8Array(24 + b.length);
    withHeader.set(fromLatin1('AR2V0006.001'));
    new DataView(withHeader.buffer).setUint32(12, 19_000);
    withHeader.set(b, 24);
    const mutated = mutateRecord(withHeader, r, steps);
    if (mutated) return mutated.subarray(24);
  }
  return mutatePlain(b, r, steps);
}

/** Case `r` of a seed: 1-3 stacked mutations, sometimes spliced with another seed. */
export function mutate(seed: Seed, others: readonly Seed[], r: Prng): Mutated {
  const steps: string[] = [];
  const rounds = 1 + r.below(3);
  const input = seed.input;
  if (input.kind === 'chunks') {
    let chunks = input.chunks;
    for (let k = 0; k < rounds; k++) chunks = mutateChunks(chunks, r, steps);
    return { input: { kind: 'chunks', name: input.name, chunks }, steps };
  }
  let bytes = input.bytes;
  if (r.chance(0.05)) {
    const other = r.pick(others);
    if (other.input.kind === 'file') {
      const cut = r.below(bytes.length + 1);
      const tail = other.input.bytes.subarray(r.below(other.input.bytes.length + 1));
      const spliced = new Uint8Array(cut + tail.length);
      spliced.set(bytes.subarray(0, cut));
      spliced.set(tail, cut);
      bytes = spliced;
      steps.push(`spliced with ${other.name} at ${cut}`);
    }
  }
  for (let k = 0; k < rounds; k++) bytes = mutateFile(bytes, r, steps);
  return { input: { kind: 'file', name: input.name, bytes }, steps };
}
