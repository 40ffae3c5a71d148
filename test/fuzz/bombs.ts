// Crafted inputs for every allocation and decompression limit: each is small on disk and would
// take gigabytes, or minutes, without its limit. The fuzz suite runs each in a fuzz process and
// checks its outcome and that the process stayed within its memory budget.
import { deflateRawSync, gzipSync } from 'node:zlib';
import { encodeArchiveII, volumeHeader, type MomentCodes } from '../fixtures/archive2-encoder.js';
import { LOCATION, sweep31, T0 } from '../level2/synthetic-volumes.js';
import { bzip2 } from './codecs.js';
import type { CraftedCase } from './runner.js';

const MiB = 2 ** 20;

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

const file = (name: string, bytes: Uint8Array, expect: string[]): CraftedCase => ({ name, input: { kind: 'file', name, bytes }, expect });
const repeat = (part: Uint8Array, n: number) => concat(new Array<Uint8Array>(n).fill(part));
const ascii = (s: string) => Uint8Array.from(s, (c) => c.charCodeAt(0));

/** gzip members of 64 MiB of `byte` each, concatenated (gzip -d reads them as one stream): `mib` MiB in ~64 kB a member. */
export function gzipBomb(mib: number, byte = 0): Uint8Array {
  return repeat(new Uint8Array(gzipSync(new Uint8Array(64 * MiB).fill(byte), { level: 9 })), Math.ceil(mib / 64));
}

/** Concatenated bzip2 streams of 1 MiB of zeros each (~50 bytes a stream). */
export function bzip2Bomb(mib: number): Uint8Array {
  return repeat(bzip2(new Uint8Array(MiB)), mib);
}

/**
 * A Unix compress (.Z) stream of zeros written code by code: after one literal each code is the
 * next free one (KwKwK), one byte longer than the last, so k codes make k²/2 bytes. The writer
 * follows the decoder's code-width and group-padding rules (ingest/decode/containers/lzw.ts).
 */
export function compressBomb(mib: number): Uint8Array {
  const maxBits = 16;
  const out: number[] = [0x1f, 0x9d, maxBits]; // no block mode: free codes start at 256
  let bitPos = 0;
  let groupStart = 0;
  let nBits = 9;
  let maxCode = 511;
  let free = 256;
  const put = (code: number) => {
    for (let b = 0; b < nBits; b++, bitPos++) {
      const byte = 3 + (bitPos >>> 3);
      while (out.length <= byte) out.push(0);
      if (code & (1 << b)) out[byte]! |= 1 << (bitPos & 7);
    }
  };
  let produced = 0;
  let length = 0;
  for (let first = true; produced < mib * MiB && free < 1 << maxBits; ) {
    if (free > maxCode) {
      const groupBits = nBits * 8;
      bitPos = groupStart + Math.ceil((bitPos - groupStart) / groupBits) * groupBits;
      groupStart = bitPos;
      nBits++;
      maxCode = nBits === maxBits ? 1 << maxBits : (1 << nBits) - 1;
    }
    if (first) {
      put(0);
      length = 1;
      first = false;
    } else {
      put(free);
      length++;
      free++;
    }
    produced += length;
  }
  while (out.length < 3 + Math.ceil(bitPos / 8)) out.push(0);
  return Uint8Array.from(out);
}

/** A zip of one deflated member, its sizes as stated (`declared`), not necessarily as true. */
export function zipOf(name: string, deflated: Uint8Array, declared: number, entries = 1): Uint8Array {
  const nameBytes = ascii(name);
  const local = new Uint8Array(30 + nameBytes.length);
  const ldv = new DataView(local.buffer);
  ldv.setUint32(0, 0x04034b50, true);
  ldv.setUint16(4, 20, true);
  ldv.setUint16(8, 8, true); // deflate
  ldv.setUint32(18, deflated.length, true);
  ldv.setUint32(22, declared, true);
  ldv.setUint16(26, nameBytes.length, true);
  local.set(nameBytes, 30);
  const central = new Uint8Array(46 + nameBytes.length);
  const cdv = new DataView(central.buffer);
  cdv.setUint32(0, 0x02014b50, true);
  cdv.setUint16(4, 20, true);
  cdv.setUint16(6, 20, true);
  cdv.setUint16(10, 8, true);
  cdv.setUint32(20, deflated.length, true);
  cdv.setUint32(24, declared, true);
  cdv.setUint16(28, nameBytes.length, true);
  cdv.setUint32(42, 0, true); // local header offset
  central.set(nameBytes, 46);
  const end = new Uint8Array(22);
  const edv = new DataView(end.buffer);
  edv.setUint32(0, 0x06054b50, true);
  edv.setUint16(8, Math.min(entries, 0xffff), true);
  edv.setUint16(10, Math.min(entries, 0xffff), true);
  edv.setUint32(12, central.length, true);
  edv.setUint32(16, local.length + deflated.length, true);
  return concat([local, deflated, central, end]);
}

/** A zip whose zip64 end record claims 4 billion entries (fflate would walk them all). */
function zip64EntryBomb(): Uint8Array {
  const zip = zipOf('a.10o', deflateRawSync(ascii('x')), 1);
  const endAt = zip.length - 22;
  const zip64End = new Uint8Array(56);
  const z = new DataView(zip64End.buffer);
  z.setUint32(0, 0x06064b50, true);
  z.setUint32(32, 0xffffffff, true); // entries (low word)
  z.setUint32(48, endAt - 46 - 5, true); // central directory offset
  const locator = new Uint8Array(20);
  const l = new DataView(locator.buffer);
  l.setUint32(0, 0x07064b50, true);
  l.setUint32(8, endAt, true); // where the zip64 end record starts
  return concat([zip.subarray(0, endAt), zip64End, locator, zip.subarray(endAt)]);
}

const RINEX_HEADER = [
  '     2.11           OBSERVATION DATA    G (GPS)             RINEX VERSION / TYPE',
  'BOMB                                                        MARKER NAME',
  '     2    S1    S2                                          # / TYPES OF OBSERV',
  '                                                            END OF HEADER',
].join('\n');

/** Moment codes of one radial of `gates` gates, 16-bit (so a grid row costs 2 bytes a gate). */
function wideRadial(gates: number): MomentCodes {
  return { codes: new Uint16Array(gates).fill(2), gates, scale: 2, offset: 66, firstGateM: 2125, gateSpacingM: 250 };
}

/**
 * Archive II volumes that amplify memory: the 20,000 one-gate radials and a 65,000-gate
 * one (2.6 GB of grid before the limits); 70,000 radials in one cut; 255 cuts of one 1,840-gate
 * radial in 7 moments, none ended (each moment's grid is sized for a whole cut: 4.7 GB).
 */
function level2Bombs(): CraftedCase[] {
  const base = { site: 'KLOT', volumeStart: T0, location: LOCATION, compression: 'none' as const, gzip: true };
  const narrow = (radials: number): MomentCodes => ({ codes: new Uint8Array(radials).fill(2), gates: 1, scale: 2, offset: 66, firstGateM: 2125, gateSpacingM: 250 });
  const oneGateThenWide = encodeArchiveII({
    ...base,
    sweeps31: [sweep31(1, 0.5, 0.5, 20_000, T0, { REF: narrow(20_000) }), sweep31(1, 0.5, 0.5, 1, T0 + 60_000, { REF: { ...wideRadial(65_000), codes: new Uint8Array(65_000) } })],
  });
  const manyRadials = encodeArchiveII({ ...base, sweeps31: [sweep31(1, 0.5, 0.5, 70_000, T0, { REF: narrow(70_000) })] });
  const moments = { REF: wideRadial(1840), VEL: wideRadial(1840), SW: wideRadial(1840), ZDR: wideRadial(1840), PHI: wideRadial(1840), RHO: wideRadial(1840), CFP: wideRadial(1840) };
  const manyCuts = encodeArchiveII({ ...base, sweeps31: Array.from({ length: 255 }, (_, i) => sweep31(i + 1, 0.5, 0.5, 1, T0 + i * 1000, moments)) });
  // LDM records that are each 60 bzip2 streams of 1 MiB of zeros: 60 MiB a record, 20 records.
  const zeroRecord = bzip2Bomb(60);
  const control = new Uint8Array(4);
  new DataView(control.buffer).setInt32(0, zeroRecord.length);
  const recordBomb = concat([volumeHeader({ volumeStart: T0, site: 'KLOT' }), ...new Array<Uint8Array>(20).fill(concat([control, zeroRecord]))]);
  return [
    file('level2-one-gate-radials-then-65000-gates', oneGateThenWide, ['CORRUPT']),
    file('level2-70000-radials-in-one-cut', manyRadials, ['CORRUPT']),
    file('level2-255-open-cuts-of-1840-gates', manyCuts, ['TOO_LARGE']),
    file('level2-records-of-bzip2-bombs', recordBomb, ['TOO_LARGE']),
  ];
}

function containerBombs(): CraftedCase[] {
  const oneGiB = deflateRawSync(new Uint8Array(MiB));
  return [
    file('gzip-1GiB', gzipBomb(1024), ['TOO_LARGE']),
    file('gzip-in-gzip-1GiB', new Uint8Array(gzipSync(gzipBomb(1024))), ['TOO_LARGE']),
    file('bzip2-1100MiB', bzip2Bomb(1100), ['TOO_LARGE']),
    file('compress-600MiB', compressBomb(600), ['TOO_LARGE']),
    file('zip-member-declaring-1GiB', zipOf('site0010.10o', oneGiB, 1024 * MiB), ['TOO_LARGE']),
    // fflate inflates into an array of the declared size: 1 MiB of zeros said to be 1 kB gives 1 kB.
    file('zip-member-understating-its-size', zipOf('site0010.10o', oneGiB, 1024), ['CORRUPT', 'TRUNCATED', 'UNRECOGNIZED']),
    file('zip64-claiming-4-billion-entries', zip64EntryBomb(), ['CORRUPT']),
    file('gzip-bomb-behind-a-rinex-header', concat([new Uint8Array(gzipSync(ascii(RINEX_HEADER + '\n'))), gzipBomb(1024, 0x20)]), ['TOO_LARGE']),
  ];
}

/**
 * RINEX inputs that took all memory or all CPU (issue 18, items 2 and 3): a 128 MiB header line
 * in 132 kB of gzip, and headers declaring 1e9999, 999999 and 100,000 observable types (the
 * last one listed in full: 7,700 continuation lines, quadratic to lay out before).
 */
function rinexBombs(): CraftedCase[] {
  const [version, marker] = RINEX_HEADER.split('\n');
  const longLine = concat([new Uint8Array(gzipSync(ascii(`${version}\n`))), gzipBomb(128, 0x41)]);
  const declaring = (count: string) => ascii([version, marker, `${count.padStart(6)}    S1    S2`.padEnd(60) + '# / TYPES OF OBSERV', RINEX_HEADER.split('\n')[3]].join('\n') + '\n');
  const listed = (n: number) => {
    const types = Array.from({ length: n }, (_, i) => `S${(i % 9) + 1}`);
    const lines = [];
    for (let i = 0; i < n; i += 9)
      lines.push(
        (
          (i === 0 ? String(n).padStart(6) : ' '.repeat(6)) +
          types
            .slice(i, i + 9)
            .map((t) => t.padStart(6))
            .join('')
        ).padEnd(60) + '# / TYPES OF OBSERV',
      );
    return ascii([version, marker, ...lines, RINEX_HEADER.split('\n')[3]].join('\n') + '\n');
  };
  return [
    file('rinex-128MiB-header-line-in-gzip', longLine, ['CORRUPT']),
    file('rinex-1e9999-observation-types', declaring('1e9999'), ['CORRUPT', 'UNSUPPORTED']),
    file('rinex-999999-observation-types', declaring('999999'), ['CORRUPT']),
    file('rinex-100000-observation-types-listed', listed(100_000), ['CORRUPT']),
  ];
}

/** Every crafted bomb: Level 2, containers and RINEX. */
export function craftedBombs(): CraftedCase[] {
  return [...level2Bombs(), ...containerBombs(), ...rinexBombs()];
}
