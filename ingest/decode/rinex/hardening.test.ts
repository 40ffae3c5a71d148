// Issue 18: RINEX inputs that crashed, exhausted memory or hung radome, each answered now by a
// skipped record with a counted warning or by a typed error, quickly and in little memory.
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { MAX_LINE_BYTES } from './line-consumer.js';
import { parseRinexObs } from './obs-parser.js';
import { readRinex } from './read-rinex.js';
import { encodeHatanaka } from '../../../test/fixtures/hatanaka-encoder.js';
import { headerLine, writeRinexObs, type ObsFileSpec } from '../../../test/fixtures/rinex-writer.js';
import { failure } from '../../../test/support/radome-failure.js';

const T0 = Date.UTC(2024, 0, 1);
const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** Two epochs of G00 (no satellite), G05 and a RINEX 2 blank-letter " 00". */
function withPrnZero(version: 2 | 3): ObsFileSpec {
  const types = ['C1', 'S1'];
  const sats = (v: number) => [{ id: 'G00', values: [20_000_000.123, 40 + v] }, { id: 'G05', values: [21_000_000.456, 45 + v] }, ...(version === 2 ? [{ id: ' 00', values: [22_000_000, 30] }] : [])];
  return {
    version,
    satSystem: 'G',
    obsTypes: version === 2 ? types : { G: ['C1C', 'S1C'] },
    body: [0, 1].map((k) => ({ kind: 'epoch' as const, time: T0 + k * 30_000, satellites: sats(k) })),
  };
}

/** A RINEX 2 header whose "# / TYPES OF OBSERV" count field holds `count`. */
function rinex2WithTypeCount(count: string): Uint8Array {
  return bytes(
    [headerLine('     2.11           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'), headerLine(`${count.padStart(6)}    S1    S2`, '# / TYPES OF OBSERV'), headerLine('', 'END OF HEADER'), ''].join(
      '\n',
    ),
  );
}

describe('satellite ids (issue 18, item 1)', () => {
  for (const version of [2, 3] as const) {
    for (const hatanaka of [false, true]) {
      it(`RINEX ${version}${hatanaka ? ' (Hatanaka)' : ''}: PRN 00 records are skipped with a counted BAD_SATELLITE_ID, the rest read`, () => {
        const plain = writeRinexObs(withPrnZero(version));
        const r = readRinex(hatanaka ? encodeHatanaka(plain) : plain);
        expect(r.layers).toEqual(hatanaka ? ['hatanaka'] : []);
        expect([...r.snr.satPrn]).toEqual([5, 5]);
        expect([...r.snr.values]).toEqual([45, 46]);
        const bad = r.warnings.find((w) => w.code === 'BAD_SATELLITE_ID');
        // Each epoch: G00, and in RINEX 2 also " 00" (a blank letter is GPS).
        expect(bad?.count).toBe(version === 2 ? 4 : 2);
      });
    }
  }
});

describe('line length (issue 18, item 2)', () => {
  it('a gzip of a RINEX header with a 128 MiB line is a CORRUPT error, quickly and without holding the line as text', () => {
    const head = bytes(`${headerLine('     2.11           OBSERVATION DATA    G', 'RINEX VERSION / TYPE')}\n`);
    const plain = new Uint8Array(head.length + (128 << 20) + 1).fill(0x41);
    plain.set(head);
    plain[plain.length - 1] = 10;
    const gz = gzipSync(plain, { level: 1 });
    expect(gz.length).toBeLessThan(1 << 20);
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    const e = failure(() => readRinex(gz));
    expect(e.code).toBe('CORRUPT');
    expect(e.message).toMatch(/line 2 is longer than 32768 bytes/);
    // The old reader built the line as a string a character at a time, until V8 ran out of memory.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(512 << 20);
  });

  it('a line over the cap is CORRUPT whether it comes whole or across pushed chunks', () => {
    const header = writeRinexObs({ version: 3, satSystem: 'G', obsTypes: { G: ['S1C'] }, body: [] });
    const long = new Uint8Array(header.length + MAX_LINE_BYTES + 2).fill(0x20);
    long.set(header);
    long[long.length - 1] = 10;
    expect(failure(() => parseRinexObs(long)).code).toBe('CORRUPT');
    expect(failure(() => parseRinexObs(long.subarray(0, long.length - 1))).code).toBe('CORRUPT');
  });

  it('a header line over 1024 bytes is CORRUPT naming the line', () => {
    const text = [headerLine('     3.04           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'), `${'x'.repeat(2000)}COMMENT`, ''].join('\n');
    expect(failure(() => parseRinexObs(bytes(text))).message).toMatch(/header line 2 is 2007 bytes long/);
  });

  it('the longest record the format allows (999 observables, 15,987 characters) still reads', () => {
    const types = ['S1C', ...Array.from({ length: 998 }, (_, i) => `L${i.toString(36).padStart(2, '0')}`)];
    const values = types.map((_, j) => (j === 0 ? 42.25 : 1_000_000 + j));
    const r = readRinex(writeRinexObs({ version: 3, satSystem: 'G', obsTypes: { G: types }, body: [{ kind: 'epoch', time: T0, satellites: [{ id: 'G07', values }] }] }));
    expect(r.warnings).toEqual([]);
    expect([...r.snr.values]).toEqual([42.25]);
  });
});

describe('observable counts (issue 18, item 3)', () => {
  it.each(['999999', '100'])('a RINEX 2 header declaring %s observable types is CORRUPT at once', (count) => {
    const e = failure(() => parseRinexObs(rinex2WithTypeCount(count)));
    expect(e.code).toBe('CORRUPT');
    expect(e.message).toMatch(new RegExp(`declares ${count} observable types; the format allows at most 99`));
  });

  it('"1e9999" is no count: the listed codes are read, with warnings', () => {
    const r = parseRinexObs(rinex2WithTypeCount('1e9999'));
    expect(r.header.obsTypesRinex2).toEqual(['S1', 'S2']);
    expect(r.warnings.map((w) => w.code).sort()).toEqual(['BAD_HEADER_FIELD', 'OBS_TYPE_COUNT_MISMATCH']);
  });

  it('a list longer than its format allows is CORRUPT, however many continuation lines carry it', () => {
    const lines = [headerLine('     2.11           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'), headerLine('    12    S1', '# / TYPES OF OBSERV')];
    for (let i = 0; i < 20; i++) lines.push(headerLine(`      ${'    L1'.repeat(9)}`, '# / TYPES OF OBSERV'));
    expect(failure(() => parseRinexObs(bytes([...lines, headerLine('', 'END OF HEADER'), ''].join('\n')))).message).toMatch(/more than 99 types/);
  });

  it('the most a RINEX 3 count can declare (999) with one code listed is padded to 999', () => {
    const text = [headerLine('     3.04           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'), headerLine('G  999 S1C', 'SYS / # / OBS TYPES'), headerLine('', 'END OF HEADER'), ''].join('\n');
    const r = parseRinexObs(bytes(text));
    expect(r.header.obsTypes.G).toHaveLength(999);
    expect(r.header.obsTypes.G![0]).toBe('S1C');
  });
});

describe('Hatanaka state (issue 18, item 10)', () => {
  const crinex = (typesLine: string) =>
    bytes(
      [
        '1.0                 COMPACT RINEX FORMAT                    CRINEX VERS   / TYPE',
        'RNX2CRX ver.4.0.7                       01-Jan-24 00:00     CRINEX PROG / DATE',
        headerLine('     2.11           OBSERVATION DATA    G', 'RINEX VERSION / TYPE'),
        headerLine(typesLine, '# / TYPES OF OBSERV'),
        headerLine('', 'END OF HEADER'),
        '&24  1  1  0  0  0.0000000  0  1G05',
        '',
        '3&45000',
        '',
      ].join('\n'),
    );

  it('an observable count the format does not allow is CORRUPT naming it, not "Invalid typed array length"', () => {
    for (const count of ['999999', '   100']) {
      const e = failure(() => readRinex(crinex(`${count}    S1`)));
      expect(e.code).toBe('CORRUPT');
      expect(e.message).toMatch(/declares \d+ observable types; RINEX 2 allows at most 99/);
    }
  });

  it('the same file with a count of 1 reads', () => {
    expect([...readRinex(crinex('     1    S1')).snr.values]).toEqual([45]);
  });
});
