import { describe, expect, it } from 'vitest';
import { RadomeError } from '../../../core/errors.js';
import { outcomeCode } from '../../../test/support/radome-failure.js';
import { identifyRadomeFile } from '../../formats/registry.js';
import type { OrbitPlan } from '../../gnss/orbit-plan.js';
import { readRinexNav, readSp3 } from './index.js';
import { planRadomeFile } from '../../plan-file.js';
import { broadcastOrbits } from './index.js';
import { satelliteGeometry } from '../../gnss/satellite-geometry.js';

// One GPS record from ELKO00USA_R_20182100000_01D_MN.rnx (RINEX 3.03, public IGS data), 8 lines.
const HEADER3 = [
  '     3.03           N: GNSS NAV DATA    M: MIXED            RINEX VERSION / TYPE',
  '    18                                                      LEAP SECONDS        ',
  '                                                            END OF HEADER       ',
];
const G02 = [
  'G02 2018 07 29 00 00 00 4.444736987352E-05-1.136868377216E-11 0.000000000000E+00',
  '     5.300000000000E+01-9.928125000000E+01 5.059496462622E-09-9.323327965461E-01',
  '    -4.759058356285E-06 1.796138891950E-02 4.099681973457E-06 5.153783548355E+03',
  '     0.000000000000E+00-1.452863216400E-07 2.347277701675E+00 3.799796104431E-07',
  '     9.511577990145E-01 2.990625000000E+02-1.843102142568E+00-8.680718729636E-09',
  '    -1.821504444400E-10 1.000000000000E+00 2.012000000000E+03 0.000000000000E+00',
  '     2.000000000000E+00 0.000000000000E+00-2.048909664154E-08 5.300000000000E+01',
  '    -7.182000000000E+03 4.000000000000E+00',
];
const bytes = (lines: string[]) => new TextEncoder().encode(lines.join('\n') + '\n');

describe('RINEX navigation: bad input', () => {
  it('reads a good record, with toe in GPS ms', () => {
    const nav = readRinexNav(bytes([...HEADER3, ...G02]));
    expect(nav.kepler).toHaveLength(1);
    expect(new Date(nav.kepler[0]!.toeMs).toISOString()).toBe('2018-07-29T00:00:00.000Z');
    expect(nav.warnings).toEqual([]);
  });

  it('counts unknown satellites, bad epochs, bad fields and truncated records, keeping the rest', () => {
    const unknown = ['X02' + G02[0]!.slice(3), ...G02.slice(1)];
    const badEpoch = ['G05 2018 13 29 00 00 00' + G02[0]!.slice(23), ...G02.slice(1)];
    const badField = ['G06' + G02[0]!.slice(3), G02[1]!.replace('5.300000000000E+01', '5.30000000000XE+01'), ...G02.slice(2)];
    const truncated = ['G07' + G02[0]!.slice(3), ...G02.slice(1, 4)];
    const nav = readRinexNav(bytes([...HEADER3, ...unknown, ...G02, ...badEpoch, ...badField, ...truncated]));
    expect(nav.kepler.map((e) => e.prn)).toEqual([2]);
    const at = (lines: string[]) => HEADER3.length + lines.length;
    expect(nav.warnings).toEqual([
      { code: 'UNKNOWN_SATELLITE', count: 1, firstLine: 4 },
      { code: 'BAD_EPOCH', count: 1, firstLine: at([...unknown, ...G02]) + 1 },
      { code: 'BAD_RECORD', count: 1, firstLine: at([...unknown, ...G02, ...badEpoch]) + 1 },
      { code: 'TRUNCATED_RECORD', count: 1, firstLine: at([...unknown, ...G02, ...badEpoch, ...badField]) + 1 },
    ]);
  });

  it('throws typed errors for files it cannot read at all', () => {
    expect(outcomeCode(() => readRinexNav(bytes(HEADER3.slice(0, 2))))).toBe('TRUNCATED');
    expect(outcomeCode(() => readRinexNav(bytes([...HEADER3, ...G02.slice(0, 3)])))).toBe('CORRUPT');
    expect(outcomeCode(() => readRinexNav(bytes(['     3.03           O: OBSERVATION DATA M: MIXED            RINEX VERSION / TYPE', ...HEADER3.slice(1)])))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => readRinexNav(bytes(['     1.00           N: GNSS NAV DATA    M: MIXED            RINEX VERSION / TYPE', ...HEADER3.slice(1)])))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => readRinexNav(bytes(['hello'])))).toBe('UNRECOGNIZED');
  });

  it('skips RINEX 4 messages it does not use, and reads LNAV', () => {
    const header4 = ['     4.01           N: GNSS NAV DATA    M: MIXED            RINEX VERSION / TYPE', ...HEADER3.slice(1)];
    const cnav = ['> EPH G02 CNAV', ...G02, '     0.000000000000E+00'];
    const sto = ['> STO G02 LNAV', 'G02 2018 07 29 00 00 00 GPUT', '     1.0 2.0 3.0'];
    const nav = readRinexNav(bytes([...header4, ...cnav, ...sto, '> EPH G02 LNAV', ...G02]));
    expect(nav.kepler).toHaveLength(1);
    expect(nav.warnings).toEqual([{ code: 'SKIPPED_MESSAGE', count: 2, firstLine: 4 }]);
  });

  it('is recognised by content and planned as broadcast orbits of its day', () => {
    expect(identifyRadomeFile(bytes([...HEADER3, ...G02])).format.id).toBe('rinex-nav');
    const object = { source: 'local', key: '/data/ELKO00USA_R_20182100000_01D_MN.rnx.gz', size: 0, fingerprint: 'x' };
    const planned = planRadomeFile(bytes([...HEADER3, ...G02]), object, { ingestedAt: 1, renderSize: 0 });
    expect(planned.format).toBe('rinex-nav');
    const plan = planned.plan as OrbitPlan;
    expect(plan.object.key).toBe('gnss/orbits/year=2018/doy=210/broadcast/ELKO00USA_R_20182100000_01D_MN.rnx');
    expect(plan.rows.map((r) => [r.day, r.kind, r.satelliteCount])).toEqual([[Date.UTC(2018, 6, 29) / 86400e3, 'broadcast', 1]]);
    expect(plan.summary).toMatch(/1 ephemerides of 1 satellites/);
  });

  it('an ephemeris whose toe is damaged counts for no day and bounds no time; a file of only such is CORRUPT', () => {
    // G03: G02's record with toe 2.88E+44 s (bit flips gave a toe centuries away, beyond the catalog's integer times; fuzz case).
    const farToe = ['G03' + G02[0]!.slice(3), ...G02.slice(1, 3), G02[3]!.replace(' 0.000000000000E+00', ' 2.880000000000E+44'), ...G02.slice(4)];
    const object = { source: 'local', key: 'nav.rnx', size: 0, fingerprint: 'x' };
    expect(readRinexNav(bytes([...HEADER3, ...farToe])).kepler[0]!.toeMs).toBeGreaterThan(1e40);
    const plan = planRadomeFile(bytes([...HEADER3, ...G02, ...farToe, ...G02]), object, { ingestedAt: 1, renderSize: 0 }).plan as OrbitPlan;
    const toe = Date.UTC(2018, 6, 29);
    expect(plan.rows.map((r) => [r.day, r.firstTime, r.lastTime])).toEqual([[toe / 86400e3, toe, toe]]);
    expect(outcomeCode(() => planRadomeFile(bytes([...HEADER3, ...farToe]), object, { ingestedAt: 1, renderSize: 0 }))).toBe('CORRUPT');
  });

  it('a navigation file without any usable ephemeris is CORRUPT at ingest, naming why', () => {
    const object = { source: 'local', key: 'unknown.rnx', size: 0, fingerprint: 'x' };
    let error: unknown;
    try {
      planRadomeFile(bytes([...HEADER3, G02[0]!.replace('G02', 'X02'), ...G02.slice(1)]), object, { ingestedAt: 1, renderSize: 0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(RadomeError);
    expect((error as RadomeError).code).toBe('CORRUPT');
    expect((error as RadomeError).message).toMatch(/no usable ephemeris/);
  });
});

const SP3 = [
  '#dP2021  4 28 18  0  0.00000000       3 ORBIT IGb14 FIT  AIUB',
  '## 2155 324000.00000000   300.00000000 59332 0.7500000000000',
  '+    2   G01G02  0  0  0  0  0  0  0  0  0  0  0  0  0  0  0',
  '%c M  cc GPS ccc cccc cccc cccc cccc ccccc ccccc ccccc ccccc',
  '*  2021  4 28 18  0  0.00000000',
  'PG01  13287.682546 -15491.926575  16545.690647    703.963460',
  'PG02  -1000.000000  26000.000000   2000.000000 999999.999999',
  '*  2021  4 28 18  5  0.00000000',
  'PG01  13287.682546 -15491.926575  16545.690647    703.963460',
  'PG02      0.000000      0.000000      0.000000 999999.999999',
  'PG33  -1000.000000  26000.000000   2000.000000 999999.999999',
  '*  2021  4 28 18  5  0.00000000',
  'PG01  13287.682546 -15491.926575  16545.690647    703.963460',
];

describe('SP3: bad input', () => {
  it('keeps what it can and counts the rest', () => {
    const sp3 = readSp3(bytes(SP3));
    expect(identifyRadomeFile(bytes(SP3)).format.id).toBe('sp3');
    expect(sp3.epochs.length).toBe(2);
    expect(sp3.positions[0]).toBe(13287682.546);
    // G02's second epoch is 0,0,0 (no position), its clocks 999999.999999 (none).
    expect(Number.isNaN(sp3.positions[(1 * 2 + 1) * 3])).toBe(true);
    expect(Number.isNaN(sp3.clocks[2])).toBe(true);
    expect(sp3.warnings).toEqual([
      { code: 'UNLISTED_SATELLITE', count: 1, firstLine: 11 },
      { code: 'BAD_EPOCH', count: 1, firstLine: 12 },
      { code: 'MISSING_EPOCHS', count: 1, firstLine: 14 },
    ]);
  });

  it('throws typed errors for unknown versions, time systems and files without epochs', () => {
    expect(outcomeCode(() => readSp3(bytes(SP3.slice(0, 4))))).toBe('TRUNCATED');
    expect(outcomeCode(() => readSp3(bytes([SP3[0]!.replace('#d', '#a'), ...SP3.slice(1)])))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => readSp3(bytes(['<html>not found</html>'])))).toBe('UNRECOGNIZED');
    expect(outcomeCode(() => readSp3(bytes([...SP3.slice(0, 3), SP3[3]!.replace('GPS', 'XYZ'), ...SP3.slice(4)])))).toBe('UNSUPPORTED');
    expect(outcomeCode(() => readSp3(bytes([SP3[0]!, SP3[1]!, '+    3   G01G02  0', ...SP3.slice(3)])))).toBe('CORRUPT');
  });
});

describe('geometry: observations without orbits or with an unknown time system', () => {
  const nav = readRinexNav(bytes([...HEADER3, ...G02]));
  const rows = { station: [-2703115.9, -4262967.6, 3854301.3] as const, orbits: broadcastOrbits(nav), count: 3 };
  const t = nav.kepler[0]!.toeMs;
  const input = { ...rows, times: Float64Array.of(t, t, t + 5 * 3600e3), satellites: Uint16Array.of(7102, 7103, 7102) }; // G02, G03, G02 (char code × 100 + PRN)

  it('leaves NaN geometry where there is no ephemeris, and counts those rows', () => {
    const g = satelliteGeometry(input);
    expect(Number.isFinite(g.elevation[0]!)).toBe(true);
    expect(g.elevation[1]).toBeNaN(); // G03 has no ephemeris
    expect(g.elevation[2]).toBeNaN(); // 5 h after G02's toe: beyond its fit interval
    expect(g.missing).toBe(2);
  });

  it('refuses an unknown time system with BAD_INPUT', () => {
    expect(outcomeCode(() => satelliteGeometry({ ...input, timeSystem: 'XYZ' }))).toBe('BAD_INPUT');
  });
});
