import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../../core/errors.js';
import { decodeHatanaka } from './hatanaka.js';
import { createRinexObsParser, parseRinexObs } from './obs-parser.js';
import { readRinex } from './read-rinex.js';
import type { RinexObsResult } from './types.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';
import { simpleSnrStats, type SnrStat } from '../../../test/rinex/simple-snr-reader.js';
import { addValue } from '../../../test/support/value-stats.js';

const R = 'gnss/rinex';
const CEDA = `${R}/CEDA00USA_R_20182100000_23H_15S_MO.rnx.gz`;
const DEMO2 = `${R}/demo.10o`;
const DEMO3 = `${R}/demo3.10o`;
const Z = `${R}/ac660270.18o.Z`;
const YORK_ZIP = `${R}/york0440.zip`;
const YORK_CRX = `${R}/york0440.15d`;
const P433 = `${R}/P43300USA_R_20190012056_17M_15S_MO.crx`;
const EDGE = 'gnss/edge-cases';

const gzipAvailable = spawnSync('gzip', ['--version']).status === 0;
const latin1 = (b: Uint8Array): string => new TextDecoder('latin1').decode(b);

/** radome's SNR columns summarised the same way as the simple reader's. */
function radomeStats(r: RinexObsResult): Map<string, SnrStat> {
  const stats = new Map<string, SnrStat>();
  const s = r.snr;
  for (let i = 0; i < s.count; i++) {
    const key = `${String.fromCharCode(s.satSystem[i]!)}${String(s.satPrn[i]).padStart(2, '0')}|${s.codes[s.codeIndex[i]!]}`;
    const v = s.values[i]!;
    addValue(stats, key, v);
  }
  return stats;
}

function expectSameStats(ours: Map<string, SnrStat>, oracle: Map<string, SnrStat>): void {
  expect([...ours.keys()].sort()).toEqual([...oracle.keys()].sort());
  for (const [key, o] of oracle) {
    const s = ours.get(key)!;
    expect(s.count, key).toBe(o.count);
    expect(s.min, key).toBe(Math.fround(o.min));
    expect(s.max, key).toBe(Math.fround(o.max));
    expect(s.sum / s.count, key).toBeCloseTo(o.sum / o.count, 4);
  }
}

describe('SNR from real files equals an independent simple reader', () => {
  const cases: [rel: string, plainText: (path: string) => string | null][] = [
    [CEDA, (p) => latin1(gunzipSync(readFileSync(p)))],
    [DEMO2, (p) => latin1(readFileSync(p))],
    [DEMO3, (p) => latin1(readFileSync(p))],
    [Z, (p) => (gzipAvailable ? spawnSync('gzip', ['-dc', p]).stdout.toString('latin1') : null)],
    [YORK_ZIP, (p) => latin1(Object.values(unzipSync(readFileSync(p)))[0]!)],
  ];
  for (const [rel, plainText] of cases) {
    const file = sampleFile(rel);
    if (!file) console.warn(skipReason(rel));
    it.skipIf(!file)(`${rel}: per satellite and code, count / mean / min / max agree`, () => {
      const text = plainText(file!);
      if (text === null) {
        console.warn(`gzip not available: cannot decompress ${rel} independently; skipping`);
        return;
      }
      const r = readRinex(readFileSync(file!));
      const oracle = simpleSnrStats(text);
      expect(oracle.size).toBeGreaterThan(3);
      expectSameStats(radomeStats(r), oracle);
    });
  }
});

describe('readRinex on real files', () => {
  const ceda = sampleFile(CEDA);
  const yorkCrx = sampleFile(YORK_CRX);
  const yorkZip = sampleFile(YORK_ZIP);
  const p433 = sampleFile(P433);
  const z = sampleFile(Z);
  for (const [f, rel] of [
    [ceda, CEDA],
    [yorkCrx, YORK_CRX],
    [yorkZip, YORK_ZIP],
    [p433, P433],
    [z, Z],
  ] as const) {
    if (!f) console.warn(skipReason(rel));
  }

  it.skipIf(!ceda)('CEDA (RINEX 3.03, gzip): header, epochs and SNR codes', () => {
    const r = readRinex(readFileSync(ceda!));
    expect(r.layers).toEqual(['gzip']);
    const h = r.header;
    expect(h.version).toBe(3.03);
    expect(h.markerName).toBe('ceda');
    expect(h.receiver).toEqual({ number: '3012364', type: 'SEPT POLARX5', version: '5.1.0' });
    expect(h.antenna).toEqual({ number: '220062103', type: 'TRM59800.80     SCIS' });
    expect(h.approxPositionXyz).toEqual([-1882182.8402, -4464343.6597, 4136557.104]);
    // Reference values from Bowring's closed form, computed separately.
    expect(h.approxPosition!.latitude).toBeCloseTo(40.6807215326, 9);
    expect(h.approxPosition!.longitude).toBeCloseTo(-112.8604576153, 9);
    expect(h.approxPosition!.heightM).toBeCloseTo(1469.1593, 3);
    expect(h.interval).toBe(15);
    expect(h.timeSystem).toBe('GPS');
    expect(h.timeOfFirstObs).toBe(Date.UTC(2018, 6, 29, 0, 0, 15));
    expect(h.timeOfLastObs).toBe(Date.UTC(2018, 6, 29, 23, 59, 45));
    expect(h.obsTypes.E).toHaveLength(15);
    expect(h.obsTypes.R).toEqual(['C1C', 'L1C', 'S1C', 'C1P', 'L1P', 'S1P', 'C2P', 'L2P', 'S2P', 'C2C', 'L2C', 'S2C']);
    expect(h.signalStrengthUnit).toBe('DBHZ');
    expect(h.glonassSlots).toEqual({ 14: -7, 16: 3, 19: 0, 25: -2 });
    expect(r.warnings).toEqual([]);
    expect(r.epochs.times[0]).toBe(h.timeOfFirstObs);
    expect(r.epochs.times[r.epochs.count - 1]).toBe(h.timeOfLastObs);
    expect([...r.snr.codes].sort()).toEqual(['S1C', 'S1P', 'S2C', 'S2P', 'S5Q', 'S6C', 'S7Q', 'S8Q']);
  });

  it.skipIf(!ceda)('CEDA parsed in chunks equals CEDA parsed whole', () => {
    const text = gunzipSync(readFileSync(ceda!));
    const whole = parseRinexObs(text);
    const parser = createRinexObsParser();
    for (let p = 0, n = 1; p < text.length; p += n, n = (n * 7 + 3) % 65_536) parser.push(text.subarray(p, p + n));
    expect(parser.finish()).toEqual(whole);
  });

  it.skipIf(!yorkCrx || !yorkZip)('york: Hatanaka path (decoded straight into the parser) equals the plain path', () => {
    const viaCrx = readRinex(readFileSync(yorkCrx!));
    const viaZip = readRinex(readFileSync(yorkZip!));
    expect(viaCrx.layers).toEqual(['hatanaka']);
    expect(viaZip.layers).toEqual(['zip:york0440.15o']);
    expect(viaCrx.snr).toEqual(viaZip.snr);
    expect(viaCrx.epochs).toEqual(viaZip.epochs);
    expect(viaCrx.header).toEqual(viaZip.header);
    expect(viaCrx.epochs.count).toBe(2880);
    expect(viaCrx.snr.codes).toEqual(['S1', 'S2', 'S5']);
    expect(viaCrx.codeAliases).toEqual([{ system: 'G', code: 'S1', rinex3: 'S1C' }]);
    // Flag-4 events carry teqc comments.
    expect(viaCrx.eventFlagCounts[4]).toBeGreaterThan(0);
  });

  it.skipIf(!p433)('P433: readRinex of the .crx equals parsing the decoded text', () => {
    const bytes = readFileSync(p433!);
    const r = readRinex(bytes);
    const { layers, ...result } = r;
    expect(layers).toEqual(['hatanaka']);
    const decoded = decodeHatanaka(bytes);
    expect(result).toEqual(parseRinexObs(decoded));
  });

  it.skipIf(!z)('the .Z file: RINEX 2.11, 23 epochs, GPS and GLONASS S1/S2', () => {
    const r = readRinex(readFileSync(z!));
    expect(r.layers).toEqual(['compress']);
    expect(r.header.markerName).toBe('AC66');
    expect(r.header.obsTypesRinex2).toEqual(['L1', 'L2', 'C1', 'P2', 'P1', 'S1', 'S2']);
    expect(r.header.leapSeconds).toBe(18);
    expect(r.epochs.count).toBe(23);
    expect(new Set(r.snr.satSystem)).toEqual(new Set([71, 82]));
  });
});

describe('edge-case files: data or a typed error, as decided per file', () => {
  const dir = sampleFile(EDGE);
  if (!dir) console.warn(skipReason(EDGE));

  // [file, time system, epochs, SNR values, warnings (code: count)]
  const expected: Record<string, [string, number, number, Record<string, number>]> = {
    // TIME OF FIRST OBS and the first epoch have "0 .0000000" seconds; the second epoch has 60 s.
    'badtime.10o': ['GPS', 1, 2, { BAD_HEADER_FIELD: 1, BAD_EPOCH_TIME: 1 }],
    // A header and a blank line: a valid file with no observations.
    'blank.10o': ['GPS', 0, 0, { BLANK_LINE: 1 }],
    'blank1st.10o': ['GPS', 0, 0, { LEADING_BLANK_LINES: 1 }],
    'blank3.10o': ['GPS', 0, 0, { BLANK_LINE: 1 }],
    'blank3_1st.10o': ['GPS', 0, 0, { LEADING_BLANK_LINES: 1 }],
    // No time system given: the default of the file's system (R → GLO, E → GAL).
    'default_time_system2.10o': ['GLO', 1, 13, {}],
    'default_time_system3.10o': ['GAL', 1, 13, {}],
    // "> 23 29" between epochs is junk.
    'junk_time_obs3.10o': ['GPS', 2, 7, { BAD_EPOCH_LINE: 1 }],
    'minimal2.10o': ['GPS', 1, 13, {}],
    'minimal3.10o': ['GPS', 1, 13, {}],
    'rinex2onesat.10o': ['GPS', 2, 4, {}],
    // Declares 6 observables but lists 7: the 7 listed are used.
    'wrong_obs2_count.10o': ['GPS', 1, 13, { OBS_TYPE_COUNT_MISMATCH: 1 }],
  };

  it.skipIf(!dir)('every file is covered by an expectation', () => {
    expect(readdirSync(dir!).sort()).toEqual(Object.keys(expected).sort());
  });

  for (const [name, [timeSystem, epochs, values, warnings]] of Object.entries(expected)) {
    it.skipIf(!dir)(name, () => {
      let r: ReturnType<typeof readRinex> | undefined;
      try {
        r = readRinex(readFileSync(join(dir!, name)));
      } catch (e) {
        expect.fail(`expected data, got ${e instanceof RadomeError ? e.code : 'untyped'} ${String(e)}`);
      }
      expect(r!.header.timeSystem).toBe(timeSystem);
      expect(r!.epochs.count).toBe(epochs);
      expect(r!.snr.count).toBe(values);
      expect(Object.fromEntries(r!.warnings.map((w) => [w.code, w.count]))).toEqual(warnings);
    });
  }

  it.skipIf(!dir)('badtime: the 60-second epoch is read as the next minute', () => {
    const r = readRinex(readFileSync(join(dir!, 'badtime.10o')));
    expect([...r.epochs.times]).toEqual([Date.UTC(2010, 2, 5, 0, 1, 0)]);
    expect([...r.snr.values]).toEqual([62, 80]);
  });

  it.skipIf(!dir)('wrong_obs2_count: S2 is still read from the 7th field', () => {
    const r = readRinex(readFileSync(join(dir!, 'wrong_obs2_count.10o')));
    expect(r.header.obsTypesRinex2).toEqual(['L1', 'L2', 'P1', 'P2', 'C1', 'S1', 'S2']);
    expect(r.snr.codes).toEqual(['S1', 'S2']);
    expect([...r.snr.values.slice(0, 2)]).toEqual([62, 80]);
  });
});
