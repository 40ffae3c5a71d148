import type { Level3Product } from '../types.js';
import { azRanPairs, cellAt, graphicRows, stormIdPositions, tableRows } from './cell.js';
import { positionAtAzRanNm, positionOnScreen, type RadarPoint } from './position.js';
import type { StormCellPosition, StormCellRecord } from './types.js';

/** A hail table row: id, POSH (%), POH (%), max expected size (in, "<0.50" as an upper bound); UNKNOWN beyond HDA's range. */
const ROW = /^\s+([A-Z]\d)\s+(\d+|UNKNOWN)\s+(\d+|UNKNOWN)\s+(<?)(\d+\.\d+|UNKNOWN)\s*$/;

const percent = (s: string): number | null => (s === 'UNKNOWN' ? null : Number(s));

/** Storm id → azimuth/range from the graphic block's "STORM ID" and "AZ/RAN" rows. */
function graphicPositions(product: Level3Product): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const ids = graphicRows(product, 'STORM ID');
  const azran = graphicRows(product, 'AZ/RAN');
  ids.forEach((row, page) => {
    const pairs = azRanPairs(azran[page] ?? '');
    row
      .trim()
      .split(/\s+/)
      .forEach((id, k) => pairs[k] && out.set(id, pairs[k]!));
  });
  return out;
}

/**
 * NHI (59): POH, POSH and the maximum expected hail size from the table; the position from the
 * storm id packet (1/4 km) when the symbology has one, else the graphic block's AZ/RAN.
 */
export function nhiCells(product: Level3Product, radar: RadarPoint): StormCellRecord[] {
  const screen = stormIdPositions(product);
  const azran = graphicPositions(product);
  const cells: StormCellRecord[] = [];
  for (const row of tableRows(product, ROW)) {
    const id = row[1]!;
    const s = screen.get(id);
    const a = azran.get(id);
    const position: StormCellPosition | null = s ? positionOnScreen(radar, s.i, s.j, 4) : a ? positionAtAzRanNm(radar, a[0], a[1]) : null;
    if (!position) continue;
    const cell = cellAt(id, position);
    cell.posh = percent(row[2]!);
    cell.poh = percent(row[3]!);
    cell.maxHailSizeIn = row[5] === 'UNKNOWN' ? null : Number(row[5]);
    cell.maxHailSizeBelow = cell.maxHailSizeIn === null ? null : row[4] === '<';
    cells.push(cell);
  }
  return cells;
}
