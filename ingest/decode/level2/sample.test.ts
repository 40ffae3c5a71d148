import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeArchiveII, momentValues, type Level2Volume, type Moment } from './index.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';

const REL = 'nexrad/level2/KLOT20220317_000842_V06';
const file = sampleFile(REL);
if (!file) console.warn(skipReason(REL));

/** The parts of nexrad-level-2-data's output compared here (see its src/classes/Level2Record-31.js). */
interface PeerMoment {
  gate_count: number;
  first_gate: number;
  gate_size: number;
  /** (code − offset) / scale, null for codes 0 and 1. */
  moment_data: (number | null)[];
}
interface PeerRecord {
  azimuth: number;
  elevation_angle: number;
  elevation_number: number;
  mseconds: number;
  julian_date: number;
  volume?: { latitude: number; longitude: number; elevation: number; feedhorn_height: number };
  reflect?: PeerMoment;
  velocity?: PeerMoment;
  spectrum?: PeerMoment;
  zdr?: PeerMoment;
  phi?: PeerMoment;
  rho?: PeerMoment;
}
interface PeerRadar {
  header: { ICAO: string };
  vcp: { record: { pattern_number: number; num_elevations: number } };
  data: { record: PeerRecord }[][];
  listElevations(): number[];
}
const PEER_MOMENTS: [Moment, keyof PeerRecord][] = [
  ['REF', 'reflect'],
  ['VEL', 'velocity'],
  ['SW', 'spectrum'],
  ['ZDR', 'zdr'],
  ['PHI', 'phi'],
  ['RHO', 'rho'],
];

describe.skipIf(!file)(`real volume ${REL}`, () => {
  let v: Level2Volume;
  let peer: PeerRadar;
  beforeAll(() => {
    const bytes = readFileSync(file!);
    v = decodeArchiveII(bytes);
    const { Level2Radar } = createRequire(import.meta.url)('nexrad-level-2-data') as {
      Level2Radar: new (b: Buffer, o: object) => PeerRadar;
    };
    peer = new Level2Radar(bytes, { logger: false }); // ~5 s: loaded once for the file
  });

  it('is one KLOT volume in VCP 35 with its location', () => {
    expect(v.site).toBe('KLOT');
    expect(v.version).toBe('AR2V0006.');
    expect(v.volumeStart).toBe(Date.UTC(2022, 2, 17, 0, 8, 42, 596));
    expect(v.vcp).toBe(35);
    expect(v.location).toEqual({ latitude: expect.closeTo(41.6044, 4), longitude: expect.closeTo(-88.0844, 4), heightM: 202, feedhornHeightM: 29 });
    expect(v.warnings).toEqual([]);
  });

  it('has the 12 cuts of VCP 35, split cuts numbered apart, one grid per cut and moment', () => {
    expect(v.sweeps.map((s) => s.elevationNumber)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(v.sweeps.map((s) => s.radialCount)).toEqual([720, 720, 720, 720, 720, 720, 360, 360, 360, 360, 360, 360]);
    expect(v.sweeps.map((s) => s.azimuthSpacing)).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, 0.5, 1, 1, 1, 1, 1, 1]);
    expect(v.sweeps.map((s) => Math.round(s.elevationAngle * 100) / 100)).toEqual([0.44, 0.44, 0.88, 0.88, 1.23, 1.28, 1.79, 2.41, 3.07, 3.95, 5.05, 6.46]);
    const surveillance = 'REF,ZDR,PHI,RHO,CFP';
    const doppler = 'REF,VEL,SW';
    const all = 'REF,VEL,SW,ZDR,PHI,RHO,CFP';
    expect(v.sweeps.map((s) => Object.keys(s.moments).join())).toEqual([surveillance, doppler, surveillance, doppler, surveillance, doppler, all, all, all, all, all, all]);
    // CFP (which nexrad-level-2-data drops) is kept: in the surveillance cuts 1, 3, 5 and in cuts 7-12.
    expect(v.sweeps.filter((s) => s.moments.CFP).map((s) => s.elevationNumber)).toEqual([1, 3, 5, 7, 8, 9, 10, 11, 12]);
    let grids = 0;
    for (const s of v.sweeps) {
      expect(s.startTime).toBe(s.times[0]);
      expect(s.endTime).toBeGreaterThan(s.startTime);
      for (const g of Object.values(s.moments)) {
        grids++;
        expect(g.codes.length).toBe(s.radialCount * g.gateCount);
        expect([g.firstGateKm, g.gateSpacingKm]).toEqual([2.125, 0.25]);
      }
    }
    expect(grids).toBe(66);
    expect(v.sweeps[0]!.moments.REF!.gateCount).toBe(1832);
    expect(v.sweeps[0]!.moments.CFP!.units).toBe('dB');
  });

  it('matches nexrad-level-2-data: site, location, VCP, cuts, radials, angles and times', () => {
    expect(peer.header.ICAO).toBe(v.site);
    expect(peer.vcp.record.pattern_number).toBe(v.vcp);
    const vol = peer.data[1]![0]!.record.volume!;
    expect(v.location).toEqual({ latitude: vol.latitude, longitude: vol.longitude, heightM: vol.elevation, feedhornHeightM: vol.feedhorn_height });
    expect(peer.listElevations()).toEqual(v.sweeps.map((s) => s.elevationNumber));
    for (const s of v.sweeps) {
      const radials = peer.data[s.elevationNumber]!.map((r) => r.record);
      expect(radials.length).toBe(s.radialCount);
      expect(Float32Array.from(radials, (r) => r.azimuth)).toEqual(s.azimuths);
      expect(Float32Array.from(radials, (r) => r.elevation_angle)).toEqual(s.elevations);
      expect(Float64Array.from(radials, (r) => (r.julian_date - 1) * 86_400_000 + r.mseconds)).toEqual(s.times);
    }
  });

  it('matches nexrad-level-2-data on every gate of every moment it decodes', () => {
    let compared = 0;
    for (const s of v.sweeps) {
      const radials = peer.data[s.elevationNumber]!.map((r) => r.record);
      for (const [moment, key] of PEER_MOMENTS) {
        const grid = s.moments[moment];
        expect(Boolean(grid), `${moment} in cut ${s.elevationNumber}`).toBe(Boolean(radials[0]![key]));
        if (!grid) continue;
        const n = grid.gateCount;
        const values = momentValues(grid);
        const mismatches: string[] = [];
        radials.forEach((r, row) => {
          const m = r[key] as PeerMoment;
          if (m.first_gate !== grid.firstGateKm || m.gate_size !== grid.gateSpacingKm) mismatches.push(`radial ${row}: gate geometry`);
          for (let g = 0; g < n; g++) {
            const ours = values[row * n + g]!;
            const theirs = g < m.gate_count ? m.moment_data[g] : null;
            // Same double arithmetic on the same float32 scale/offset, then rounded to float32.
            const same = theirs === null || theirs === undefined ? Number.isNaN(ours) : ours === Math.fround(theirs);
            if (!same && mismatches.length < 5) mismatches.push(`radial ${row} gate ${g}: ${ours} vs ${theirs}`);
          }
          compared += m.gate_count;
        });
        expect(mismatches, `${moment} in cut ${s.elevationNumber}`).toEqual([]);
      }
    }
    expect(compared).toBeGreaterThan(30_000_000);
  });
});
