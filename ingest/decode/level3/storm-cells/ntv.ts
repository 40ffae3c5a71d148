import type { Level3Product } from '../types.js';
import { cellAt, tableRows } from './cell.js';
import { positionAtAzRanNm, type RadarPoint } from './position.js';
import type { StormCellRecord } from './types.js';

/** A TVS table row: feature type, storm id, AZ/RAN (deg, nm). */
const ROW = /^\s*(TVS|ETVS)\s+([A-Z]\d)\s+(\d{1,3})\/\s*(\d{1,3})/;

/** NTV (61): one record per storm cell with a TVS or ETVS, at the signature's position; TVS outranks ETVS. */
export function ntvCells(product: Level3Product, radar: RadarPoint): StormCellRecord[] {
  const byCell = new Map<string, StormCellRecord>();
  for (const row of tableRows(product, ROW)) {
    const id = row[2]!;
    if (byCell.get(id)?.tvs === 'TVS') continue;
    const cell = cellAt(id, positionAtAzRanNm(radar, Number(row[3]), Number(row[4])));
    cell.tvs = row[1] as 'TVS' | 'ETVS';
    byCell.set(id, cell);
  }
  return [...byCell.values()];
}
