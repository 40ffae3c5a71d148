import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { unwrapContainers } from '../containers/unwrap-containers.js';
import { decodeHatanaka, HatanakaDecoder, isCompactRinex } from './hatanaka.js';
import { parseRinexObs } from './obs-parser.js';
import { readRinex } from './read-rinex.js';
import { encodeHatanaka } from '../../../test/fixtures/hatanaka-encoder.js';
import { headerLine, writeRinexObs } from '../../../test/fixtures/rinex-writer.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';
import { rng, syntheticObsSpec } from '../../../test/rinex/synthetic-obs.js';
import { outcomeCode } from '../../../test/support/radome-failure.js';

const YORK_CRX = 'gnss/rinex/york0440.15d';
const YORK_ZIP = 'gnss/rinex/york0440.zip';
const P433 = 'gnss/rinex/P43300USA_R_20190012056_17M_15S_MO.crx';
const P433_BZ2 = 'gnss/rinex/P43300USA_R_20190012056_17M_15S_MO.crx.bz2';

const text = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
/** Lines without CR and trailing blanks (CRX2RNX trims them; the original may not). */
const lines = (s: string): string[] => s.split('\n').map((l) => l.replace(/\r$/, '').trimEnd());

/** The header of a hand-written CRINEX 1 file of RINEX 2.11 with the given TYPES OF OBSERV text. */
function crinex1Header(types: string): string[] {
  return [
    '1.0                 COMPACT RINEX FORMAT                    CRINEX VERS   / TYPE',
    'RNX2CRX ver.4.0.7                       01-Jan-24 00:00     CRINEX PROG / DATE',
    headerLine('     2.11           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'),
    headerLine(types, '# / TYPES OF OBSERV'),
    headerLine('', 'END OF HEADER'),
  ];
}

function decodeInChunks(crx: Uint8Array, sizes: () => number): Uint8Array {
  const parts: Uint8Array[] = [];
  const decoder = new HatanakaDecoder((chunk) => parts.push(chunk.slice()), 4096);
  for (let p = 0; p < crx.length; ) {
    const n = Math.max(1, sizes());
    decoder.push(crx.subarray(p, p + n));
    p += n;
  }
  decoder.finish();
  return Buffer.concat(parts);
}

describe('Hatanaka decoding of real files', () => {
  const yorkCrx = sampleFile(YORK_CRX);
  const yorkZip = sampleFile(YORK_ZIP);
  const p433 = sampleFile(P433);
  const p433bz2 = sampleFile(P433_BZ2);
  for (const [f, rel] of [
    [yorkCrx, YORK_CRX],
    [yorkZip, YORK_ZIP],
    [p433, P433],
    [p433bz2, P433_BZ2],
  ] as const) {
    if (!f) console.warn(skipReason(rel));
  }

  it.skipIf(!yorkCrx || !yorkZip)('york0440.15d (CRINEX 1) decodes to york0440.15o line for line', () => {
    const crx = readFileSync(yorkCrx!);
    expect(isCompactRinex(crx)).toBe(true);
    const decoded = lines(text(decodeHatanaka(crx)));
    const original = lines(text(unwrapContainers(readFileSync(yorkZip!)).bytes));
    expect(decoded.length).toBe(original.length);
    const firstDifference = decoded.findIndex((l, i) => l !== original[i]);
    expect(firstDifference).toBe(-1);
    expect(decoded.length).toBeGreaterThan(80_000);
  });

  it.skipIf(!p433)('P433 (CRINEX 3) decodes to RINEX 3 that the parser reads, with the values the CRX encodes', () => {
    const rnx = decodeHatanaka(readFileSync(p433!));
    const out = lines(text(rnx));
    expect(out[0]).toMatch(/^ {5}3\.03 {11}OBSERVATION DATA {4}M/);
    // First epoch: "3&39967809791 3&208122873819 3&38000 ..." and flags "&606&&&606&&&606&&".
    const e0 = out.indexOf('> 2019 01 01 20 56 45.0000000  0 27');
    expect(e0).toBeGreaterThan(0);
    expect(out[e0 + 1]).toBe('C08  39967809.791 6 208122873.81906        38.000    39967805.053 6 160933788.95106        39.500    39967806.909 6 169116871.07806        40.000');
    expect(out[e0 + 2]).toBe('C19  22031284.521 8 114722679.81308        53.250');
    // Second epoch, first-order differences "-32432559  250 -32432792  500 -32432841  -250"
    // (39967809.791 - 32432.559 = 39935377.232; the blank phases keep their LLI/SSI columns).
    const e1 = out.indexOf('> 2019 01 01 20 57  0.0000000  0 33');
    expect(e1).toBeGreaterThan(e0);
    expect(out[e1 + 1]).toBe('C08  39935377.232 6                        38.250    39935372.261 6                        40.000    39935374.068 6                        39.750');

    const r = parseRinexObs(rnx);
    expect(r.epochs.count).toBe(70);
    expect(r.warnings).toEqual([]);
    const satellites = new Set<string>();
    for (let i = 0; i < r.snr.count; i++) satellites.add(String.fromCharCode(r.snr.satSystem[i]!) + r.snr.satPrn[i]);
    expect(satellites.size).toBeGreaterThan(25);
    expect(r.snr.count).toBeGreaterThan(5000);
    const at = (t: number, sat: string, code: string): number[] => {
      const out: number[] = [];
      for (let i = 0; i < r.snr.count; i++) {
        if (r.snr.times[i] === t && String.fromCharCode(r.snr.satSystem[i]!) + String(r.snr.satPrn[i]).padStart(2, '0') === sat && r.snr.codes[r.snr.codeIndex[i]!] === code)
          out.push(r.snr.values[i]!);
      }
      return out;
    };
    const t0 = Date.UTC(2019, 0, 1, 20, 56, 45);
    expect(at(t0, 'C08', 'S2I')).toEqual([38]);
    expect(at(t0, 'C08', 'S6I')).toEqual([40]);
    expect(at(t0, 'E02', 'S1C')).toEqual([45.5]);
    expect(at(t0, 'E02', 'S8Q')).toEqual([50.25]);
    expect(at(t0 + 15_000, 'C08', 'S2I')).toEqual([38.25]);
    expect(at(t0 + 15_000, 'C08', 'S7I')).toEqual([40]);
  });

  it.skipIf(!p433 || !p433bz2)('the .crx.bz2 gives the same RINEX as the .crx, and chunked decoding equals whole', () => {
    const whole = decodeHatanaka(readFileSync(p433!));
    const viaBz2 = decodeHatanaka(unwrapContainers(readFileSync(p433bz2!)).bytes);
    expect(Buffer.from(viaBz2).equals(Buffer.from(whole))).toBe(true);
    const r = rng(5);
    const chunked = decodeInChunks(readFileSync(p433!), () => Math.floor(r() * 300));
    expect(Buffer.from(chunked).equals(Buffer.from(whole))).toBe(true);
  });
});

describe('Hatanaka round trips through the project encoder', () => {
  for (const version of [2, 3] as const) {
    for (const order of [1, 3, 5, 9]) {
      it(`RINEX ${version}, difference order ${order}: decode(encode(x)) === x`, () => {
        const rnx = writeRinexObs(syntheticObsSpec({ version, seed: order, events: true, cycleSlips: version === 3 }));
        const crx = encodeHatanaka(rnx, { order, resetEvery: order === 3 ? 10 : 0 });
        expect(crx.length).toBeLessThan(rnx.length);
        expect(text(decodeHatanaka(crx))).toBe(text(rnx));
      });
    }
    it(`RINEX ${version}: chunked decoding equals whole decoding`, () => {
      const crx = encodeHatanaka(writeRinexObs(syntheticObsSpec({ version, events: true })));
      const r = rng(9);
      expect(text(decodeInChunks(crx, () => 1 + Math.floor(r() * 40)))).toBe(text(decodeHatanaka(crx)));
    });
  }

  it('RINEX 4 inside CRINEX 3.0 round-trips', () => {
    const rnx = bytes(text(writeRinexObs(syntheticObsSpec({ version: 3, epochs: 12, events: true }))).replace('     3.04', '     4.01'));
    const crx = encodeHatanaka(rnx);
    expect(text(crx).startsWith('3.0 ')).toBe(true);
    expect(text(decodeHatanaka(crx))).toBe(text(rnx));
  });

  it('skips CRINEX 3 escape lines and stops at a DOS end-of-file mark', () => {
    const rnx = writeRinexObs(syntheticObsSpec({ version: 3, epochs: 6 }));
    const crxLines = text(encodeHatanaka(rnx)).split('\n');
    const firstEpoch = crxLines.findIndex((l) => l.startsWith('>'));
    crxLines.splice(firstEpoch, 0, '&this is an escape line of CRINEX 3');
    const decoded = text(decodeHatanaka(bytes(crxLines.join('\n'))));
    expect(decoded).toBe(text(rnx));
    expect(text(decodeHatanaka(bytes(crxLines.join('\n') + '\x1a garbage after the end\n')))).toBe(text(rnx));
  });
});

describe('Hatanaka decoding of bad input', () => {
  const v2 = crinex1Header('     2    C1    S1');
  const epoch1 = ['&24  1  1  0  0  0.0000000  0  2G01G02', '', '3&20000000000 3&45000', '3&21000000000 3&44000'];
  const second = ' '.repeat(16) + '15';
  const good = [...v2, ...epoch1, second, '', '1000 250', '2000 -250'];

  it('a small hand-written CRINEX 1 file decodes as expected', () => {
    expect(lines(text(decodeHatanaka(bytes(good.join('\n') + '\n'))))).toEqual([
      ...v2.slice(2),
      ' 24  1  1  0  0  0.0000000  0  2G01G02',
      '  20000000.000          45.000',
      '  21000000.000          44.000',
      ' 24  1  1  0  0 15.0000000  0  2G01G02',
      '  20000001.000          45.250',
      '  21000002.000          43.750',
      '',
    ]);
  });

  const cases: [string, string[], string][] = [
    ['empty input', [], 'TRUNCATED'],
    ['plain RINEX', v2.slice(2), 'UNRECOGNIZED'],
    ['CRINEX version 2.0', ['2.0' + v2[0]!.slice(3), ...v2.slice(1)], 'UNSUPPORTED'],
    ['RINEX 5 inside', [...v2.slice(0, 2), headerLine('     5.00           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'), ...v2.slice(3)], 'UNSUPPORTED'],
    ['header without END OF HEADER', v2.slice(0, 4), 'TRUNCATED'],
    ['no observable types', [...v2.slice(0, 3), v2[4]!], 'CORRUPT'],
    ['first epoch not initialised', [...v2, ' 24  1  1  0  0  0.0000000  0  1G01', '', '3&1 3&2'], 'CORRUPT'],
    ['new satellite without initialisation', [...v2, ...epoch1, second + ' '.repeat(13) + '3' + ' '.repeat(6) + 'G03', '', '1000 250', '2000 -250', '5 5'], 'CORRUPT'],
    ['field blank before, not initialised now', [...v2, ...epoch1.slice(0, 3), '3&21000000000', second, '', '1000 250', '2000 -250'], 'CORRUPT'],
    ['letters in a difference', [...v2, ...epoch1, second, '', '10a0 250', '2000 -250'], 'CORRUPT'],
    ['bad order digit', [...v2, '&24  1  1  0  0  0.0000000  0  1G01', '', 'x&2000 3&45000'], 'CORRUPT'],
    ['value too large for F14.3', [...v2, '&24  1  1  0  0  0.0000000  0  1G01', '', '3&99999999999999 3&45000'], 'CORRUPT'],
    ['epoch difference that breaks the epoch line', [...v2, ...epoch1, ' '.repeat(26) + 'x', '', '1000 250', '2000 -250'], 'CORRUPT'],
    ['fewer satellites listed than announced', [...v2, '&24  1  1  0  0  0.0000000  0  3G01', '', '3&1 3&2'], 'CORRUPT'],
    ['ends inside an epoch', [...v2, ...epoch1.slice(0, 3)], 'TRUNCATED'],
    ['event not followed by an initialised epoch', [...v2, ...epoch1, '&                           4  1', headerLine('x', 'COMMENT'), ' 24  1  1  0  0 30.0000000  0  1G01'], 'CORRUPT'],
  ];
  for (const [name, input, code] of cases) {
    it(`${name} → ${code}`, () => {
      expect(outcomeCode(() => decodeHatanaka(bytes(input.length ? input.join('\n') + '\n' : '')))).toBe(code);
    });
  }

  it('a CRINEX 3 satellite of a system missing from the header → CORRUPT', () => {
    const rnx = writeRinexObs(syntheticObsSpec({ version: 3, epochs: 3 }));
    const crx = text(encodeHatanaka(rnx)).replace(/(^> .*?)E05/m, '$1J05');
    expect(outcomeCode(() => decodeHatanaka(bytes(crx)))).toBe('CORRUPT');
  });

  it('truncation at any offset gives RINEX or a typed error', () => {
    const crx = encodeHatanaka(writeRinexObs(syntheticObsSpec({ version: 2, epochs: 12, events: true })));
    const seen = new Set<string>();
    for (let cut = 0; cut < crx.length; cut += 37) seen.add(outcomeCode(() => decodeHatanaka(crx.subarray(0, cut))));
    expect([...seen].every((c) => ['ok', 'TRUNCATED', 'CORRUPT', 'UNRECOGNIZED'].includes(c))).toBe(true);
    expect(seen.has('TRUNCATED')).toBe(true);
  });

  it('random corruption of differences gives RINEX or a typed error, never a crash or hang', () => {
    const crx = encodeHatanaka(writeRinexObs(syntheticObsSpec({ version: 3, epochs: 15 })));
    const r = rng(42);
    const start = text(crx).indexOf('END OF HEADER');
    const alphabet = bytes('0123456789-& >x\n');
    for (let trial = 0; trial < 300; trial++) {
      const damaged = Uint8Array.from(crx);
      for (let k = 0; k < 3; k++) damaged[start + Math.floor(r() * (crx.length - start))] = alphabet[Math.floor(r() * alphabet.length)]!;
      expect(['ok', 'TRUNCATED', 'CORRUPT']).toContain(outcomeCode(() => decodeHatanaka(damaged)));
    }
  });

  it('random bytes are not compact RINEX', () => {
    const r = rng(3);
    const junk = Uint8Array.from({ length: 5000 }, () => Math.floor(r() * 256));
    expect(isCompactRinex(junk)).toBe(false);
    expect(outcomeCode(() => decodeHatanaka(junk))).toBe('UNRECOGNIZED');
  });
});

describe('the fused path (records as numbers into the parser) equals decoding to text and parsing it', () => {
  /** readRinex takes the fused path for compact RINEX; its result must match the text path's exactly. */
  function expectFusedEqualsText(crx: Uint8Array): void {
    const { layers, ...fused } = readRinex(crx);
    expect(layers).toEqual(['hatanaka']);
    const decoded = decodeHatanaka(crx);
    expect(fused).toEqual(parseRinexObs(decoded));
    expect(fused.snr.count).toBeGreaterThan(0);
  }

  for (const rel of [YORK_CRX, P433]) {
    const file = sampleFile(rel);
    if (!file) console.warn(skipReason(rel));
    it.skipIf(!file)(`${rel}: same SNR columns, epochs, header, warnings and RINEX byte count`, () => {
      expectFusedEqualsText(readFileSync(file!));
    });
  }

  for (const version of [2, 3] as const) {
    for (const order of [1, 3, 5]) {
      it(`synthetic RINEX ${version} (events, blank fields; cycle slips in RINEX 3), difference order ${order}`, () => {
        const rnx = writeRinexObs(syntheticObsSpec({ version, seed: 20 + order, events: true, cycleSlips: version === 3 }));
        expectFusedEqualsText(encodeHatanaka(rnx, { order, resetEvery: order === 3 ? 7 : 0 }));
      });
    }
  }

  it('synthetic RINEX 4 inside CRINEX 3.0', () => {
    const rnx = bytes(text(writeRinexObs(syntheticObsSpec({ version: 3, epochs: 12, events: true }))).replace('     3.04', '     4.01'));
    expectFusedEqualsText(encodeHatanaka(rnx));
  });

  it('integrates only the SNR fields: the others are stepped over unread', () => {
    const crx = [
      ...crinex1Header('     3    C1    S1    L1'),
      '&24  1  1  0  0  0.0000000  0  1G01',
      '',
      '3&20000000000 3&45000 3&100000000000',
      ' '.repeat(16) + '15',
      '',
      // The range and phase differences are not numbers: only text decoding looks at them.
      'x1000 250 y',
    ];
    const input = bytes(crx.join('\n') + '\n');
    expect(outcomeCode(() => decodeHatanaka(input))).toBe('CORRUPT');
    const fused = readRinex(input);
    expect(Array.from(fused.snr.values)).toEqual([45, 45.25]);
    expect(fused.snr.codes).toEqual(['S1']);
  });

  it('a "-0" difference reads as +0, as its text ".000" does', () => {
    const crx = [...crinex1Header('     2    C1    S1'), '&24  1  1  0  0  0.0000000  0  1G01', '', '3&20000000000 3&-0'];
    const fused = readRinex(bytes(crx.join('\n') + '\n'));
    expect(Object.is(fused.snr.values[0], 0)).toBe(true);
    expectFusedEqualsText(bytes(crx.join('\n') + '\n'));
  });
});
