import { describe, expect, it } from 'vitest';
import { ecefToGeodetic } from './geodetic.js';
import { createRinexObsParser, parseRinexObs } from './obs-parser.js';
import type { RinexObsResult } from './types.js';
import { headerLine, writeRinexObs, type ObsFileSpec } from '../../../test/fixtures/rinex-writer.js';
import { rng, syntheticObsSpec } from '../../../test/rinex/synthetic-obs.js';
import { outcomeCode } from '../../../test/support/radome-failure.js';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

type Row = [time: number, sat: string, code: string, value: number];

function rows(r: RinexObsResult): Row[] {
  const out: Row[] = [];
  const s = r.snr;
  for (let i = 0; i < s.count; i++) {
    out.push([s.times[i]!, String.fromCharCode(s.satSystem[i]!) + String(s.satPrn[i]).padStart(2, '0'), s.codes[s.codeIndex[i]!]!, s.values[i]!]);
  }
  return out;
}

/** The SNR rows a spec contains, worked out from the spec itself (not from the text). */
function expectedRows(spec: ObsFileSpec, scale: Record<string, number> = {}): Row[] {
  let types = spec.obsTypes;
  const out: Row[] = [];
  for (const r of spec.body) {
    if (r.kind === 'event') {
      const listed = r.records.filter((l) => /TYPES OF OBSERV|OBS TYPES/.test(l.slice(60)));
      if (listed.length === 0) continue;
      if (spec.version === 2) types = listed.flatMap((l) => l.slice(6, 60).trim().split(/\s+/));
      else {
        const next: Record<string, string[]> = { ...(types as Record<string, string[]>) };
        for (const l of listed) next[l[0]!] = l.slice(7, 60).trim().split(/\s+/);
        types = next;
      }
      continue;
    }
    if (r.kind !== 'epoch' || r.flag === 6) continue;
    for (const sat of r.satellites) {
      const list = Array.isArray(types) ? types : types[sat.id[0]!]!;
      const id = (sat.id[0] === ' ' ? 'G' : sat.id[0]) + sat.id.slice(1).replace(' ', '0');
      list.forEach((code, j) => {
        const v = sat.values[j];
        if (code.startsWith('S') && v != null) out.push([r.time, id, code, Math.fround(v / (scale[`${id[0]}${code}`] ?? 1))]);
      });
    }
  }
  return out;
}

describe('parseRinexObs on synthetic files from the project writer', () => {
  for (const version of [2, 3] as const) {
    it(`RINEX ${version}: every SNR value, with events changing the observables and cycle slips skipped`, () => {
      const spec = syntheticObsSpec({ version, events: true, cycleSlips: true, epochs: 60 });
      const r = parseRinexObs(writeRinexObs(spec));
      expect(r.warnings).toEqual([]);
      expect(rows(r)).toEqual(expectedRows(spec));
      expect(r.snr.codes).toEqual(version === 2 ? ['S1', 'S2', 'S5'] : ['S1C', 'S2W', 'S5Q', 'S2L', 'S2P', 'S7Q', 'S8Q', 'S2C']);
      const epochs = spec.body.filter((b) => b.kind === 'epoch' && b.flag !== 6);
      expect(r.epochs.count).toBe(epochs.length);
      expect([...r.epochs.times]).toEqual(epochs.map((e) => (e as { time: number }).time));
      expect(r.epochs.flags[7]).toBe(1);
      expect(r.eventFlagCounts).toEqual([epochs.length - 1, 1, 1, 1, 2, 1, 1]);
      expect(Math.max(...r.epochs.satelliteCounts)).toBeGreaterThan(12);
      // The flag-3 event names a new site; the header keeps the file header's marker.
      expect(r.header.markerName).toBe('SYNT');
      expect(r.header.timeOfFirstObs).toBe(r.epochs.times[0]);
    });

    it(`RINEX ${version}: chunked parsing (CRLF lines) equals whole parsing`, () => {
      const text = writeRinexObs({ ...syntheticObsSpec({ version, events: true }), lineEnding: '\r\n' });
      const whole = parseRinexObs(text);
      expect(whole.snr.count).toBeGreaterThan(500);
      const r = rng(version);
      for (const size of [1, 13, () => 1 + Math.floor(r() * 3000)]) {
        const parser = createRinexObsParser();
        for (let p = 0; p < text.length; ) {
          const n = typeof size === 'number' ? size : size();
          parser.push(text.subarray(p, p + n));
          p += n;
        }
        expect(parser.finish()).toEqual(whole);
      }
    });
  }

  it('reads RINEX 4 observation files like RINEX 3', () => {
    const spec = syntheticObsSpec({ version: 3, epochs: 10, events: true });
    const text = new TextDecoder().decode(writeRinexObs(spec)).replace('     3.04', '     4.01');
    const r = parseRinexObs(bytes(text));
    expect(r.header.version).toBe(4.01);
    expect(r.warnings).toEqual([]);
    expect(rows(r)).toEqual(expectedRows(spec));
  });

  it('applies RINEX 3 SYS / SCALE FACTOR to SNR values', () => {
    const spec = syntheticObsSpec({ version: 3, epochs: 5 });
    spec.extraHeader = [headerLine('G   10  2 S1C S2W', 'SYS / SCALE FACTOR')];
    const r = parseRinexObs(writeRinexObs(spec));
    expect(rows(r)).toEqual(expectedRows(spec, { GS1C: 10, GS2W: 10 }));
  });

  it('maps RINEX 2 S1 to S1C for GPS, GLONASS, SBAS only', () => {
    const r = parseRinexObs(writeRinexObs(syntheticObsSpec({ version: 2, epochs: 3 })));
    // The file has Galileo satellites too: their S1 is not mapped.
    expect(new Set(rows(r).map((row) => row[1][0]))).toEqual(new Set(['G', 'R', 'E']));
    expect(r.codeAliases).toEqual([
      { system: 'G', code: 'S1', rinex3: 'S1C' },
      { system: 'R', code: 'S1', rinex3: 'S1C' },
    ]);
  });
});

describe('robustness', () => {
  const base = (version: 2 | 3) => syntheticObsSpec({ version, epochs: 8, seed: 4 });

  it('junk between epochs is skipped with BAD_EPOCH_LINE and reading resumes', () => {
    for (const version of [2, 3] as const) {
      const spec = base(version);
      spec.body.splice(3, 0, { kind: 'raw', text: 'this is not an epoch line at all' }, { kind: 'raw', text: '  12345.678  more junk' });
      const r = parseRinexObs(writeRinexObs(spec));
      expect(r.warnings.map((w) => [w.code, w.count])).toEqual([['BAD_EPOCH_LINE', 1]]);
      expect(rows(r)).toEqual(expectedRows(spec));
    }
  });

  it('an epoch with fewer records than announced: SHORT_EPOCH, next epoch read', () => {
    for (const version of [2, 3] as const) {
      const text = new TextDecoder().decode(writeRinexObs(base(version)));
      const lines = text.split('\n');
      const epochLines = lines.map((l, i) => ((version === 3 ? l.startsWith('>') : /^ \d\d [ \d]\d [ \d]\d [ \d]\d [ \d]\d [ \d]\d\.\d{7}  \d/.test(l)) ? i : -1)).filter((i) => i >= 0);
      // Drop the last record line of the third epoch.
      lines.splice(epochLines[3]! - 1, 1);
      const r = parseRinexObs(bytes(lines.join('\n')));
      expect(r.warnings.find((w) => w.code === 'SHORT_EPOCH')?.count).toBe(1);
      expect(r.epochs.count).toBe(8);
    }
  });

  it('bad epoch times skip the epoch (BAD_EPOCH_TIME), bad values and ids are counted', () => {
    const spec = base(3);
    const text = new TextDecoder().decode(writeRinexObs(spec));
    const damaged = text
      .replace(/^> 2024 02 29 23 58 15\.0000000/m, '> 2024 02 30 23 58 15.0000000')
      .replace(/^(G\d\d.{35})(.{14})/m, (_, head: string) => `${head}    4x.250    `)
      .replace(/^E05/m, 'J05')
      .replace(/^R14/m, 'R?4');
    const r = parseRinexObs(bytes(damaged));
    const codes = Object.fromEntries(r.warnings.map((w) => [w.code, w.count]));
    expect(codes).toEqual({ BAD_EPOCH_TIME: 1, BAD_OBS_VALUE: 1, UNKNOWN_SYSTEM: 1, BAD_SATELLITE_ID: 1 });
    expect(r.epochs.count).toBe(7);
  });

  it('a file cut at any offset gives a result or TRUNCATED, never anything else', () => {
    for (const version of [2, 3] as const) {
      const text = writeRinexObs(base(version));
      const full = parseRinexObs(text);
      for (let cut = 0; cut <= text.length; cut += 53) {
        let r: RinexObsResult | null = null;
        const code = outcomeCode(() => (r = parseRinexObs(text.subarray(0, cut))));
        // A cut inside the first line leaves nothing recognisable.
        expect(cut < 80 ? ['TRUNCATED', 'UNRECOGNIZED'] : ['ok', 'TRUNCATED']).toContain(code);
        if (r) expect((r as RinexObsResult).snr.count).toBeLessThanOrEqual(full.snr.count);
      }
    }
  });

  it('random bytes and other formats are typed errors', () => {
    const r = rng(8);
    expect(outcomeCode(() => parseRinexObs(Uint8Array.from({ length: 4000 }, () => Math.floor(r() * 256))))).toBe('UNRECOGNIZED');
    expect(outcomeCode(() => parseRinexObs(new Uint8Array(0)))).toBe('TRUNCATED');
    expect(outcomeCode(() => parseRinexObs(bytes('\n  \n\n')))).toBe('TRUNCATED');
    expect(outcomeCode(() => parseRinexObs(bytes(headerLine('     2.11           NAVIGATION DATA', 'RINEX VERSION / TYPE') + '\n')))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => parseRinexObs(bytes(headerLine('     1.00           OBSERVATION DATA', 'RINEX VERSION / TYPE') + '\n')))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => parseRinexObs(bytes(headerLine('3.0                 COMPACT RINEX FORMAT', 'CRINEX VERS   / TYPE') + '\n')))).toBe('UNSUPPORTED');
    const noTypes = [headerLine('     3.04           OBSERVATION DATA    M', 'RINEX VERSION / TYPE'), headerLine('', 'END OF HEADER')];
    expect(outcomeCode(() => parseRinexObs(bytes(noTypes.join('\n'))))).toBe('CORRUPT');
  });

  it('random line-level damage never crashes', () => {
    const text = new TextDecoder().decode(writeRinexObs(syntheticObsSpec({ version: 2, epochs: 20, events: true })));
    const r = rng(77);
    const header = text.indexOf('END OF HEADER');
    for (let trial = 0; trial < 200; trial++) {
      const chars = [...text];
      for (let k = 0; k < 5; k++) chars[header + 14 + Math.floor(r() * (chars.length - header - 14))] = ' 9.-x>\n&'[Math.floor(r() * 8)]!;
      expect(outcomeCode(() => parseRinexObs(bytes(chars.join(''))))).toBe('ok');
    }
  });
});

describe('ecefToGeodetic', () => {
  const a = 6378137;
  const b = 6356752.314245;
  const toEcef = (latDeg: number, lonDeg: number, h: number): [number, number, number] => {
    const e2 = 1 - (b * b) / (a * a);
    const lat = (latDeg * Math.PI) / 180;
    const lon = (lonDeg * Math.PI) / 180;
    const n = a / Math.sqrt(1 - e2 * Math.sin(lat) ** 2);
    return [(n + h) * Math.cos(lat) * Math.cos(lon), (n + h) * Math.cos(lat) * Math.sin(lon), (n * (1 - e2) + h) * Math.sin(lat)];
  };

  it('gets the equator, the poles and random points right', () => {
    expect(ecefToGeodetic(a, 0, 0)).toEqual({ latitude: 0, longitude: 0, heightM: 0 });
    const pole = ecefToGeodetic(0, 0, b + 10);
    expect(pole.latitude).toBeCloseTo(90, 12);
    expect(pole.heightM).toBeCloseTo(10, 6);
    const r = rng(11);
    for (let i = 0; i < 200; i++) {
      const lat = (r() - 0.5) * 180;
      const lon = (r() - 0.5) * 360;
      const h = (r() - 0.2) * 9000;
      const g = ecefToGeodetic(...toEcef(lat, lon, h));
      expect(g.latitude).toBeCloseTo(lat, 9);
      expect(g.longitude).toBeCloseTo(lon, 9);
      expect(g.heightM).toBeCloseTo(h, 4);
    }
  });
});
