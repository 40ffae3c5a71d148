import { describe, expect, it } from 'vitest';
import { compositeLonLatFrame, lonLatFrame, lonLatWindow, type MosaicMember } from './render-mosaic.js';
import { LocalPlaneSampler } from './local-plane-sampler.js';
import { PolarTileSource } from './render-tile.js';
import type { CodedPolarGrid } from './types.js';
import type { LonLatFrame } from './web-mercator.js';
import { random } from '../../test/level2/synthetic-volumes.js';

// The composite offers a block of pixels only to the members that may take one of them (see
// compositeRows). Here it must give exactly what offering every pixel to every member gives, over
// radars whose coverage overlaps, one with a sector of missing radials and one whose gates start
// far out (a hole around it), where a nearer radar does not cover and a farther one must.

function member(latitude: number, longitude: number, seed: number, options: { gapFrom?: number; firstGateKm?: number; gates?: number } = {}): MosaicMember {
  const next = random(seed);
  const azimuths = Array.from({ length: 720 }, (_, r) => r * 0.5 + 0.25).filter((az) => options.gapFrom === undefined || az < options.gapFrom || az > options.gapFrom + 40);
  const gateCount = options.gates ?? 600;
  const grid: CodedPolarGrid = {
    latitude,
    longitude,
    heightM: 200,
    elevationAngle: 0.5,
    radialCount: azimuths.length,
    gateCount,
    azimuths: Float32Array.from(azimuths),
    azimuthWidth: 0.5,
    firstGateKm: options.firstGateKm ?? 2.125,
    gateSpacingKm: 0.25,
    codes: Uint8Array.from({ length: azimuths.length * gateCount }, () => Math.floor(next() * 256)),
    codeColors: Uint32Array.from({ length: 256 }, (_, c) => (c < 2 ? 0 : (0xff000000 | (seed << 16) | c) >>> 0)),
  };
  return { source: new PolarTileSource(grid), codeColors: grid.codeColors };
}

/**
 * Every pixel offered to every member, in member order: the composite's definition. Each member
 * places pixels through its own window of the frame (lonLatWindow), as the composite does,
 * since positions are interpolated from nodes of that window.
 */
function bruteForce(members: MosaicMember[], frame: LonLatFrame): Uint32Array {
  const out = new Uint32Array(frame.width * frame.height);
  const best = new Float64Array(frame.width * frame.height).fill(Infinity);
  for (const m of members) {
    const at = lonLatWindow(m.source.bbox, frame)!;
    const plane = new LocalPlaneSampler(at.window, m.source.sampler.grid.latitude, m.source.sampler.grid.longitude);
    for (let row = 0; row < at.window.height; row++) m.source.sampler.offerRow(plane, row, best, out, (at.row0 + row) * frame.width + at.col0, m.codeColors, 0, at.window.width);
  }
  return out;
}

describe('mosaic composite', () => {
  it('equals offering every pixel to every member, with gaps, holes and overlaps', () => {
    const members = [member(41.6, -88.08, 1), member(41.61, -90.58, 2, { gapFrom: 60 }), member(40.15, -89.34, 3, { firstGateKm: 40, gates: 500 }), member(42.97, -88.55, 4, { gates: 300 })];
    const frame = lonLatFrame([-92.2, 39.1, -86.4, 44.2], 0.01);
    const rows: Uint32Array[] = [];
    compositeLonLatFrame(members, frame, (row) => rows.push(row.slice()));
    const expected = bruteForce(members, frame);
    let differing = 0;
    let coloured = 0;
    rows.forEach((row, r) => {
      for (let c = 0; c < frame.width; c++) {
        if (row[c] !== expected[r * frame.width + c]) differing++;
        if (row[c] !== 0) coloured++;
      }
    });
    expect(rows.length).toBe(frame.height);
    expect(coloured).toBeGreaterThan(frame.width * frame.height * 0.5);
    expect(differing).toBe(0);
  });

  it('gives each member a window holding every pixel it covers (the brute force above trusts it)', () => {
    const members = [member(41.6, -88.08, 1), member(41.61, -90.58, 2, { gapFrom: 60 }), member(40.15, -89.34, 3, { firstGateKm: 40, gates: 500 }), member(43.9, -86.9, 4, { gates: 300 })];
    const frame = lonLatFrame([-92.2, 39.1, -86.4, 44.2], 0.01);
    for (const m of members) {
      // Every pixel of the whole frame offered to the member alone, placed without any window.
      const out = new Uint32Array(frame.width * frame.height);
      const best = new Float64Array(frame.width * frame.height).fill(Infinity);
      const plane = new LocalPlaneSampler(frame, m.source.sampler.grid.latitude, m.source.sampler.grid.longitude);
      for (let row = 0; row < frame.height; row++) m.source.sampler.offerRow(plane, row, best, out, row * frame.width, m.codeColors, 0, frame.width);
      const at = lonLatWindow(m.source.bbox, frame)!;
      expect(at.window.west).toBeCloseTo(frame.west + at.col0 * frame.stepDeg, 9);
      expect(at.window.north).toBeCloseTo(frame.north - at.row0 * frame.stepDeg, 9);
      let covered = 0;
      let outside = 0;
      out.forEach((colour, i) => {
        if (colour === 0) return;
        covered++;
        const col = i % frame.width;
        const row = (i - col) / frame.width;
        if (col < at.col0 || col >= at.col0 + at.window.width || row < at.row0 || row >= at.row0 + at.window.height) outside++;
      });
      expect(covered).toBeGreaterThan(1000);
      expect(outside).toBe(0);
    }
  });
});
