import type { Level3Packet, Level3Product } from '../types.js';
import { cellAt, tableRows } from './cell.js';
import { kftToKm, positionAtAzRanNm, positionOnScreen, type RadarPoint } from './position.js';
import type { StormCellRecord } from './types.js';

/** A storm structure row: id, AZRAN, base (kft, "<" at the lowest elevation), top (kft), VIL, max dBZ, its height (kft). */
const ROW = /^\s+([A-Z]\d)\s+(\d{1,3})\/\s*(\d{1,3})\s+(<?)\s*(\d+\.\d)\s+>?\s*(\d+\.\d)\s+(\d+)\s+(\d+)\s+(\d+\.\d)\s*$/;

const DAY_MS = 86_400_000;

/**
 * The cell trend volume times (packet 22, minutes after midnight UTC, oldest first) as epoch ms:
 * each on the day of the volume scan, or the day before when later than the scan (past midnight).
 */
function trendTimes(product: Level3Product): number[] | null {
  const packet = (product.standaloneGraphic ?? []).find((p): p is Extract<Level3Packet, { kind: 'trend-times' }> => p.kind === 'trend-times');
  if (!packet) return null;
  const scan = product.description.volumeScanTime;
  const day = Math.floor(scan / DAY_MS) * DAY_MS;
  return packet.minutes.map((m) => {
    const t = day + m * 60_000;
    return t > scan + 60_000 ? t - DAY_MS : t;
  });
}

/**
 * NSS (62): base, top, cell-based VIL, max reflectivity and its height from the table; the
 * position from the cell's trend packet 21 (I/J in 1/8 km) when present, else the table's AZRAN.
 */
export function nssCells(product: Level3Product, radar: RadarPoint): { cells: StormCellRecord[]; volumeTimes: number[] | null } {
  const screen = new Map<string, { i: number; j: number }>();
  for (const p of product.standaloneGraphic ?? []) if (p.kind === 'cell-trend') screen.set(p.cellId, { i: p.i, j: p.j });
  const cells: StormCellRecord[] = [];
  for (const row of tableRows(product, ROW)) {
    const id = row[1]!;
    const s = screen.get(id);
    const cell = cellAt(id, s ? positionOnScreen(radar, s.i, s.j, 8) : positionAtAzRanNm(radar, Number(row[2]), Number(row[3])));
    cell.baseBelowLowestElevation = row[4] === '<';
    cell.baseKm = kftToKm(Number(row[5]));
    cell.topKm = kftToKm(Number(row[6]));
    cell.vil = Number(row[7]);
    cell.maxReflectivityDbz = Number(row[8]);
    cell.maxReflectivityHeightKm = kftToKm(Number(row[9]));
    cells.push(cell);
  }
  return { cells, volumeTimes: trendTimes(product) };
}
