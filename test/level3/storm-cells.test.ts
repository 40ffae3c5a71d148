// Storm cells of the real NST, NHI, NSS, NMD and NTV samples, against nexrad-level-3-data where it
// decodes the same product, and against the ICD where it does not (or is wrong).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeLevel3, stormCellsOf, type Level3Packet, type StormCellProduct } from '../../ingest/decode/level3/index.js';
import { KM_PER_KFT, KM_PER_NM } from '../../ingest/decode/level3/storm-cells/index.js';
import { sampleFile, skipReason } from '../sample-data.js';
import { ntvProduct } from './storm-products.js';

const REL = 'nexrad/level3';
const dir = sampleFile(REL);
if (!dir) console.warn(skipReason(REL));

interface RefPosition {
  deg: number;
  nm: number;
}
interface RefTrend {
  type: string;
  data: number[];
}
interface RefResult {
  formatted?: {
    storms?: Record<string, { current: RefPosition; movement: { deg: number; kts: number } | 'new' | null; forecast: Array<RefPosition | null> }>;
    hail?: Record<string, { probSevere: number; probHail: number; maxSize: number }>;
  };
  graphic?: { cells?: Record<string, { nm: number; deg: number; trends: Array<RefTrend | null> }> };
}
const reference = createRequire(import.meta.url)('nexrad-level-3-data') as (data: Buffer) => RefResult;

function runReference(bytes: Buffer): RefResult {
  const quiet = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'log').mockImplementation(() => {})];
  try {
    return reference(bytes);
  } finally {
    quiet.forEach((s) => s.mockRestore());
  }
}

const read = (name: string): Buffer => readFileSync(join(dir!, name));
const cellsOf = (name: string): StormCellProduct => stormCellsOf(decodeLevel3(read(name)))!;
/** "NUMBER OF STORM CELLS  24" in the table header. */
const statedCount = (name: string): number | null => {
  const m = /NUMBER OF STORM CELLS\s+(\d+)/.exec(decodeLevel3(read(name)).tabular!.pages.flat().join('\n'));
  return m ? Number(m[1]) : null;
};

const NST = ['JAX_NST_2021_04_11_19_37_00', 'KDGX_NST_2022_01_16_09_31', 'SRX_NST_2021_03_25_02_54_45'];
const NSS = ['KBYX_NSS_2022_01_16_09_31', 'KCAE_NSS_2022_01_16_09_31', 'KFFC_NSS_2022_01_16_09_31', 'KLOT_NSS_2022_01_16_09_31', 'TBW_NSS_2021_04_19_19_02'];

describe.skipIf(!dir)('storm cells of the real storm products', () => {
  it('every NST, NHI and NSS sample decodes to as many cells as its table says it has', () => {
    for (const f of [...NST, 'TBW_NHI_2021_04_19_19_02', ...NSS]) {
      const c = cellsOf(f);
      // KLOT's NSS had no cells: only its adaptation data page, no count.
      expect(c.cells.length, f).toBe(statedCount(f) ?? (f === 'KLOT_NSS_2022_01_16_09_31' ? 0 : NaN));
      expect(new Set(c.cells.map((x) => x.cellId)).size, f).toBe(c.cells.length);
    }
    expect(cellsOf('TBW_NSS_2021_04_19_19_02').cells.length).toBe(24);
  });

  it('NST: positions, movement and forecasts equal the reference; past positions come from the SCIT past packets', () => {
    for (const f of NST) {
      const ref = runReference(read(f)).formatted!.storms!;
      const c = cellsOf(f);
      expect(c.cells.map((x) => x.cellId).sort(), f).toEqual(Object.keys(ref).sort());
      for (const cell of c.cells) {
        const r = ref[cell.cellId]!;
        expect(cell.position.azimuthDeg).toBe(r.current.deg);
        expect(cell.position.rangeKm).toBeCloseTo(r.current.nm * KM_PER_NM, 6);
        if (r.movement === 'new' || r.movement === null) expect(cell.movement).toBeNull();
        else expect(cell.movement).toEqual({ fromDeg: r.movement.deg, speedKt: r.movement.kts });
        const expected = r.forecast.flatMap((p, k) => (p ? [{ minutes: 15 * (k + 1), deg: p.deg, km: p.nm * KM_PER_NM }] : []));
        expect(
          cell.forecast.map((p) => ({ minutes: p.minutes, deg: p.azimuthDeg, km: p.rangeKm })),
          `${f} ${cell.cellId}`,
        ).toEqual(expected.map((e) => ({ ...e, km: expect.closeTo(e.km, 6) })));
      }
    }
    // KDGX B4: 9 past centroids; the most recent (I=414, J=328 quarter-km) is west-south-west of the current one.
    const b4 = cellsOf('KDGX_NST_2022_01_16_09_31').cells.find((x) => x.cellId === 'B4')!;
    expect(b4.past).toHaveLength(9);
    expect(b4.past[0]!.volumesAgo).toBe(1);
    expect(b4.past[0]!.lon).toBeLessThan(b4.position.lon);
    // The graphic block's DBZM HGT row (the reference does not read it): B4 42 dBZ at 6.6 kft.
    expect(b4.maxReflectivityDbz).toBe(42);
    expect(b4.maxReflectivityHeightKm).toBeCloseTo(6.6 * KM_PER_KFT, 6);
  });

  it('NST forecast positions agree with the SCIT forecast packets of the symbology (ICD packet 24) within the table rounding', () => {
    const p = decodeLevel3(read('SRX_NST_2021_03_25_02_54_45'));
    const c = stormCellsOf(p)!;
    let current: string | null = null;
    let checked = 0;
    for (const x of p.symbology!.layers.flat()) {
      if (x.kind === 'storm-ids') current = x.points[0]!.id;
      if (x.kind !== 'scit' || !x.forecast || !current) continue;
      const points = x.packets.filter((q): q is Extract<Level3Packet, { kind: 'text' }> => q.kind === 'text');
      const cell = c.cells.find((y) => y.cellId === current)!;
      points.forEach((q, k) => {
        const f = cell.forecast[k]!;
        // Integer degrees and nautical miles in the table: up to ~0.5 nm + 0.5° off the 1/4 km symbology.
        const km = Math.hypot(q.i, q.j) / 4;
        expect(Math.abs(km - f.rangeKm)).toBeLessThan(1.2);
        checked++;
      });
    }
    expect(checked).toBeGreaterThan(20);
  });

  it('NHI: POSH, POH and max hail size equal the reference; "<0.50" is kept as an upper bound and UNKNOWN as null (ICD), which the reference drops', () => {
    const f = 'TBW_NHI_2021_04_19_19_02';
    const ref = runReference(read(f)).formatted!.hail!;
    const c = cellsOf(f);
    for (const cell of c.cells) {
      const r = ref[cell.cellId];
      if (!r) {
        expect([cell.poh, cell.posh, cell.maxHailSizeIn], cell.cellId).toEqual([null, null, null]);
        continue;
      }
      expect([cell.posh, cell.poh, cell.maxHailSizeIn], cell.cellId).toEqual([r.probSevere, r.probHail, r.maxSize]);
    }
    expect(Object.keys(ref)).toHaveLength(20);
    expect(c.cells.filter((x) => x.poh === null).map((x) => x.cellId)).toEqual(['G2', 'H8', 'K8', 'T6']);
    const u3 = c.cells.find((x) => x.cellId === 'U3')!;
    expect([u3.maxHailSizeIn, u3.maxHailSizeBelow]).toEqual([0.5, true]);
    expect(c.cells.find((x) => x.cellId === 'P2')!.maxHailSizeBelow).toBe(false);
    // U3 has a storm id packet: its 1/4 km position, which rounds to the graphic block's 78/100.
    expect(Math.round(u3.position.azimuthDeg)).toBe(78);
    expect(Math.round(u3.position.rangeKm / KM_PER_NM)).toBe(100);
  });

  it('NSS: top, VIL, max reflectivity and its height equal the newest values of the reference trends; positions follow the ICD (1/8 km I/J), where the reference gives azimuth 0', () => {
    for (const f of NSS) {
      const ref = runReference(read(f)).graphic?.cells ?? {};
      const c = cellsOf(f);
      expect(Object.keys(ref).sort(), f).toEqual(c.cells.map((x) => x.cellId).sort());
      const newest = (cell: string, type: string): number => ref[cell]!.trends.find((t) => t?.type.startsWith(type))!.data[0]!;
      for (const cell of c.cells) {
        const id = cell.cellId;
        expect(cell.topKm! / KM_PER_KFT).toBeCloseTo(newest(id, 'Cell top') / 1000, 6);
        expect(cell.vil).toBe(newest(id, 'Cell based VIL'));
        expect(cell.maxReflectivityDbz).toBe(newest(id, 'Max ref,'));
        expect(cell.maxReflectivityHeightKm! / KM_PER_KFT).toBeCloseTo(newest(id, 'Max ref height') / 1000, 6);
        // The reference converts with a slightly different nautical mile: equal to 1e-4 nm.
        expect(cell.position.rangeKm / KM_PER_NM).toBeCloseTo(ref[id]!.nm, 3);
      }
    }
    const d6 = cellsOf('TBW_NSS_2021_04_19_19_02').cells.find((x) => x.cellId === 'D6')!;
    // Table: D6 120/ 63; the reference says deg 0 for every cell.
    expect(Math.round(d6.position.azimuthDeg)).toBe(120);
    expect(runReference(read('TBW_NSS_2021_04_19_19_02')).graphic!.cells!.D6!.deg).toBe(0);
    expect([d6.baseKm! / KM_PER_KFT, d6.baseBelowLowestElevation]).toEqual([expect.closeTo(6.5, 6), true]);
    // Cell trend times (packet 22): ten volumes, the last the volume scan's minute.
    const times = cellsOf('TBW_NSS_2021_04_19_19_02').volumeTimes!;
    expect(times.map((t) => new Date(t).toISOString().slice(11, 16))).toEqual(['18:06', '18:13', '18:20', '18:26', '18:32', '18:38', '18:44', '18:50', '18:56', '19:02']);
  });

  it('NMD (the reference rejects it): the strongest circulation per storm cell, from the MDA table', () => {
    const c = cellsOf('LOT_NMD_2021_06_21_04_22_17');
    expect(c.cells.map((x) => x.cellId).sort()).toEqual(['C2', 'C9', 'D3', 'D4', 'I5', 'O3', 'Q0', 'S4', 'V2', 'W4']);
    const i5 = c.cells.find((x) => x.cellId === 'I5')!;
    // 359 044/ 81 SR 9, I5, LLRV 57 — the first and strongest of I5's six circulations.
    expect(i5.mesocyclone).toMatchObject({ circulationId: '359', strengthRank: 9, lowLevelRotationalVelocityKt: 57 });
    expect(i5.position.azimuthDeg).toBe(44);
    expect(i5.position.rangeKm).toBeCloseTo(81 * KM_PER_NM, 6);
    expect(c.cells.find((x) => x.cellId === 'V2')!.mesocyclone!.strengthRank).toBe(5);
  });

  it('NTV (the reference rejects it): sn.0011 has one TVS, storm F0 at 74°/50 nm', () => {
    const c = cellsOf('sn.0011');
    expect(c.cells).toHaveLength(1);
    expect(c.cells[0]).toMatchObject({ cellId: 'F0', tvs: 'TVS', position: { azimuthDeg: 74, rangeKm: expect.closeTo(50 * KM_PER_NM, 6) } });
  });
});

describe('storm cells of a synthetic NTV (project encoder)', () => {
  it('TVS and ETVS per storm cell, TVS outranking ETVS in the same cell', () => {
    const c = stormCellsOf(decodeLevel3(ntvProduct()))!;
    expect(c.productCode).toBe(61);
    expect(c.cells.map((x) => [x.cellId, x.tvs, x.position.azimuthDeg, Math.round(x.position.rangeKm / KM_PER_NM)])).toEqual([
      ['A1', 'TVS', 120, 30],
      ['B2', 'ETVS', 200, 45],
    ]);
    // 30 nm due ESE of the encoder's radar (41.604 N, 88.085 W): south-east of it.
    const a1 = c.cells[0]!;
    expect(a1.position.lat).toBeLessThan(41.604);
    expect(a1.position.lon).toBeGreaterThan(-88.085);
  });
});
