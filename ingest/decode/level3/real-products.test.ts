import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { decodeLevel3, decodeLevels, HYDROMETEOR_CLASSES, type Level3Packet, type Level3Product } from './index.js';
import { sampleFile, skipReason } from '../../../test/sample-data.js';

const REL = 'nexrad/level3';
const dir = sampleFile(REL);
if (!dir) console.warn(skipReason(REL));

/** The reference decoder (CommonJS, untyped); it logs its own failures, which are silenced here. */
const reference = createRequire(import.meta.url)('nexrad-level-3-data') as (data: Buffer) => RefResult;
interface RefRadial {
  startAngle: number;
  angleDelta: number;
  bins: number[];
}
interface RefResult {
  textHeader: { id: string; id3: string; type: string };
  messageHeader: { code: number };
  productDescription: { volumeScanDate: number; volumeScanTime: number; elevationNumber: number; elevationAngle?: number };
  radialPackets?: Array<{ numberBins?: number; radials?: RefRadial[]; radialsRaw?: RefRadial[] }>;
  tabular?: { pages: string[][] };
}

function runReference(bytes: Buffer): RefResult | Error {
  const quiet = [vi.spyOn(console, 'error').mockImplementation(() => {}), vi.spyOn(console, 'log').mockImplementation(() => {})];
  try {
    return reference(bytes);
  } catch (e) {
    return e as Error;
  } finally {
    quiet.forEach((s) => s.mockRestore());
  }
}

const read = (name: string): Buffer => readFileSync(join(dir!, name));
const decode = (name: string): Level3Product => decodeLevel3(read(name));

/** All packets, SCIT contents included. */
function flatten(packets: Level3Packet[]): Level3Packet[] {
  return packets.flatMap((p) => (p.kind === 'scit' ? [p, ...flatten(p.packets)] : [p]));
}

describe.skipIf(!dir)('Level 3 real products', () => {
  const files = dir ? readdirSync(dir).sort() : [];

  it('decodes every shared file without error', () => {
    expect(files.length).toBeGreaterThanOrEqual(20);
    for (const f of files) {
      const p = decode(f);
      expect(p.description.productCode, f).toBe(p.message.code);
      expect(p.info, f).not.toBeNull();
      expect(p.siteIcao, f).toMatch(/^K[A-Z]{3}$/);
    }
  });

  describe('against nexrad-level-3-data where it decodes the file', () => {
    for (const f of dir ? readdirSync(dir).sort() : []) {
      it(f, () => {
        const ref = runReference(read(f));
        const p = decode(f);
        if (ref instanceof Error) {
          // Products the reference rejects; radome's own assertions on them are below.
          expect(['N0Q', 'NMD', 'NTV']).toContain(p.wmo?.mnemonic);
          return;
        }
        expect(p.message.code).toBe(ref.messageHeader.code);
        expect(p.wmo?.office).toBe(ref.textHeader.id);
        expect(p.wmo?.radarId).toBe(ref.textHeader.id3);
        expect(p.wmo?.mnemonic).toBe(ref.textHeader.type);
        const d = ref.productDescription;
        expect(p.description.volumeScanTime).toBe((d.volumeScanDate - 1) * 86_400_000 + d.volumeScanTime * 1000);
        expect(p.description.elevationNumber).toBe(d.elevationNumber);
        if (d.elevationAngle !== undefined) expect(p.description.elevationAngle).toBeCloseTo(d.elevationAngle, 5);
        const refRadial = ref.radialPackets?.[0];
        const radials = refRadial?.radialsRaw ?? refRadial?.radials;
        if (!radials) {
          expect(p.radial).toBeNull();
          return;
        }
        const r = p.radial!;
        expect(r.radialCount).toBe(radials.length);
        expect(r.binCount).toBe(refRadial!.numberBins);
        for (let k = 0; k < r.radialCount; k++) {
          const ours = Array.from(r.levels.subarray(k * r.binCount, (k + 1) * r.binCount));
          expect(ours).toEqual(radials[k]!.bins.slice(0, r.binCount));
          // Reference keeps start angles; radome gives centres.
          const start = r.azimuths[k]! - r.azimuthWidths[k]! / 2;
          expect(Math.abs(((start - radials[k]!.startAngle + 540) % 360) - 180)).toBeLessThan(1e-3);
        }
        if (ref.tabular && p.tabular) {
          // The reference splits lines at 80 characters, which all these products use; radome shows
          // the NUL bytes some lines contain as spaces.
          expect(p.tabular.pages).toEqual(ref.tabular.pages.map((page) => page.map((l) => l.replaceAll('\0', ' '))));
        }
      });
    }
  });

  it('N0Q with a WMO heading (SDUS53_KLOT_150709, which the reference rejects): 256-level reflectivity', () => {
    const p = decode('SDUS53_KLOT_150709');
    expect(p.wmo).toMatchObject({ wmoId: 'SDUS53', office: 'KLOT', issued: '150709', awipsId: 'N0QLOT' });
    expect(p.siteIcao).toBe('KLOT');
    expect(p.info!.code).toBe(94);
    expect(p.compressed).toBe(true);
    expect(new Date(p.description.volumeScanTime).toISOString()).toBe('2021-08-15T07:09:05.000Z');
    expect(p.description.elevationAngle).toBe(0.5);
    expect([p.radial!.radialCount, p.radial!.binCount, p.radial!.binSizeKm]).toEqual([360, 460, 1]);
    const dbz = decodeLevels(p);
    let max = -Infinity;
    for (const v of dbz) if (v > max) max = v;
    // The product's own maximum (halfword 47) is the maximum of its decoded bins.
    expect(max).toBe(p.description.params.maxReflectivityDbz);
    expect(max).toBe(58);
  });

  it('DAA null product of 222 bytes: valid, one text packet saying why, no image', () => {
    const p = decode('LOT_DAA_2021_05_08_03_40_29');
    expect(p.info!.mnemonics[0]).toBe('DAA');
    expect(p.description.params.nullProductFlag).toBe(5);
    expect(p.compressed).toBe(false);
    expect(p.radial).toBeNull();
    const layers = p.symbology!.layers;
    expect(layers).toHaveLength(1);
    expect(layers[0]).toHaveLength(1);
    const text = layers[0]![0]!;
    expect(text.kind === 'text' && text.text).toMatch(/^No precipitation detected/);
    expect(() => decodeLevels(p)).toThrow(expect.objectContaining({ code: 'NOT_FOUND' }));
  });

  it('hydrometeor classes of N0H and HHC are class codes; DAA/DTA accumulations match their stated maxima', () => {
    const codes = new Set<number>(HYDROMETEOR_CLASSES.map((c) => c.code));
    for (const f of ['LOT_N0H_2021_01_31_11_06_30', 'LOT_HHC_2021_01_31_11_06_30']) {
      const values = decodeLevels(decode(f));
      const seen = new Set<number>();
      for (const v of values) if (!Number.isNaN(v)) seen.add(v);
      expect(
        [...seen].every((v) => codes.has(v)),
        f,
      ).toBe(true);
      expect(seen.has(40), `${f} has dry snow (a snow event)`).toBe(true);
    }
    for (const f of ['LOT_DAA_2021_02_28_12_14_47', 'LOT_DTA_2021_02_28_15_05_33']) {
      const p = decode(f);
      let max = 0;
      for (const v of decodeLevels(p)) if (v > max) max = v;
      // Halfword 47 states the maximum in tenths of an inch.
      expect(Math.abs(max - p.description.params.maxAccumulationIn!)).toBeLessThan(0.05);
    }
  });

  it('TBW_NHI: all 31 packets of the hail layer (the reference keeps 1)', () => {
    const layer = decode('TBW_NHI_2021_04_19_19_02').symbology!.layers[0]!;
    expect(layer).toHaveLength(31);
    const hail = layer.flatMap((p) => (p.kind === 'hail' ? p.points : []));
    const ids = layer.flatMap((p) => (p.kind === 'storm-ids' ? p.points : []));
    expect(hail).toHaveLength(24); // NUMBER OF STORM CELLS 24 in its tabular block
    const u3 = ids.find((s) => s.id === 'U3')!;
    // The tabular block says U3: POSH 0 %, POH 50 %.
    expect(hail.find((h) => h.i === u3.i && h.j === u3.j)).toMatchObject({ probabilityOfHail: 50, probabilityOfSevereHail: 0 });
  });

  it('KDGX_NST: the layer with nested STI circle packets (0x0019) is kept', () => {
    const p = decode('KDGX_NST_2022_01_16_09_31');
    const packets = flatten(p.symbology!.layers[0]!);
    const circles = packets.filter((x) => x.kind === 'symbols' && x.code === 25);
    expect(circles.length).toBeGreaterThan(0);
    const ids = packets.flatMap((x) => (x.kind === 'storm-ids' ? x.points.map((s) => s.id) : []));
    expect(ids).toEqual(expect.arrayContaining(['B4', 'M9', 'F9', 'E7', 'T9', 'G0', 'G9', 'P9']));
    // Storm B4 is at 53°/75 nm in the tabular block: I is east, J north, in 1/4 km.
    const b4 = packets.flatMap((x) => (x.kind === 'storm-ids' ? x.points : [])).find((s) => s.id === 'B4')!;
    const azimuth = (Math.atan2(b4.i, b4.j) * 180) / Math.PI;
    const rangeNm = Math.hypot(b4.i, b4.j) / 4 / 1.852;
    expect(azimuth).toBeCloseTo(53, 0);
    expect(rangeNm).toBeCloseTo(75, 0);
    expect(p.graphic!.pages[0]!.lines[0]).toMatch(/STORM ID\s+B4\s+M9/);
    expect(p.description.params.stormCellCount).toBe(8);
  });

  it('NSS: the whole text whatever the page count, and the cell trends after it', () => {
    for (const [f, pages] of [
      ['KBYX_NSS_2022_01_16_09_31', 4],
      ['KCAE_NSS_2022_01_16_09_31', 5],
      ['KFFC_NSS_2022_01_16_09_31', 7],
      ['KLOT_NSS_2022_01_16_09_31', 3],
      ['TBW_NSS_2021_04_19_19_02', 6],
    ] as const) {
      const p = decode(f);
      expect(p.tabular!.pages, f).toHaveLength(pages);
      expect(
        p.tabular!.pages.flat().every((l) => l.length === 80),
        f,
      ).toBe(true);
      expect(p.tabular!.pages.at(-1)!.join('\n'), f).toMatch(/STORM CELL TRACKING\/FORECAST ADAPTATION DATA/);
    }
    const kbyx = decode('KBYX_NSS_2022_01_16_09_31');
    expect(kbyx.tabular!.pages[0]!.join('\n')).toMatch(/STORM STRUCTURE/);
    const [times, ...cells] = kbyx.standaloneGraphic!;
    expect(times).toMatchObject({ kind: 'trend-times', code: 22 });
    expect(times!.kind === 'trend-times' && times.minutes).toHaveLength(10);
    expect(cells.map((c) => c.kind === 'cell-trend' && c.cellId)).toEqual(['I0', 'O0']);
    const i0 = cells[0]!;
    expect(i0.kind === 'cell-trend' && i0.trends.map((t) => t.code)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    // KLOT had no storm cells: its graphic offset points past the message, which is a warning.
    const klot = decode('KLOT_NSS_2022_01_16_09_31');
    expect(klot.standaloneGraphic).toBeNull();
    expect(klot.warnings.join()).toMatch(/graphic offset 2076 halfwords/);
  });

  it('NMD (code 141, rejected by the reference): mesocyclone point features and tables', () => {
    const p = decode('LOT_NMD_2021_06_21_04_22_17');
    expect(p.info!.code).toBe(141);
    expect(p.description.params.minStrengthRank).toBe(5);
    const packets = flatten(p.symbology!.layers[0]!);
    const features = packets.flatMap((x) => (x.kind === 'point-features' ? x.points : []));
    expect(features.length).toBeGreaterThan(0);
    expect(features.every((f) => f.featureType >= 1 && f.featureType <= 11)).toBe(true);
    expect(p.graphic!.pages).toHaveLength(5);
    expect(p.tabular!.pages.flat().join('\n')).toMatch(/MESOCYCLONE/);
  });

  it('NTV (sn.0011, code 61, rejected by the reference): one TVS symbol with its storm id', () => {
    const p = decode('sn.0011');
    expect(p.wmo).toMatchObject({ office: 'KILX', awipsId: 'NTVILX' });
    expect(p.siteIcao).toBe('KILX');
    expect(p.description.params).toMatchObject({ tvsCount: 1, etvsCount: 0 });
    const [tvs, id] = p.symbology!.layers[0]!;
    expect(tvs).toMatchObject({ kind: 'symbols', code: 12, symbol: 'TVS' });
    expect(id).toMatchObject({ kind: 'storm-ids', code: 15 });
    expect(p.tabular!.pages.flat().join('\n')).toMatch(/TVS/);
  });

  it('legacy precipitation N1P/NTP: 16-level inches from the threshold table', () => {
    const p = decode('LOT_N1P_2021_01_31_11_06_30');
    expect([p.radial!.radialCount, p.radial!.binCount, p.radial!.binSizeKm]).toEqual([360, 115, 2]);
    // Threshold table of the file: ND, >0.00, 0.05, 0.10 … 6.00 in.
    const table = [NaN, 0, 0.05, 0.1, 0.15, 0.2, 0.25, 0.5, 0.75, 1, 1.5, 2, 3, 4, 5, 6];
    const values = decodeLevels(p);
    const levels = p.radial!.levels;
    expect(new Set(levels).size).toBeGreaterThan(3);
    levels.forEach((level, k) => (level === 0 ? expect(values[k]).toBeNaN() : expect(values[k]).toBeCloseTo(table[level]!, 6)));
    expect(p.description.params.maxRainfallIn).toBeCloseTo(0.4, 6);
    expect(new Date(p.description.params.endTime!).toISOString()).toBe('2021-01-31T11:08:00.000Z');
  });
});
