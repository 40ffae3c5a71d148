import type { Level3Product } from '../types.js';
import { cellAt, tableRows } from './cell.js';
import { positionAtAzRanNm, type RadarPoint } from './position.js';
import type { Mesocyclone, StormCellRecord } from './types.js';

/** An MDA table row: circulation id, AZRAN (deg/nm), strength rank, storm id, low-level rotational velocity (kt). */
const ROW = /^\s*(\d{3})\s+(\d{1,3})\/\s*(\d{1,3})\s+(\d{1,2})\s+([A-Z]\d)\s+(\d+)?/;

/**
 * NMD (141): one record per storm cell with circulations, holding the strongest (highest
 * strength rank, the first listed among equals: the table is sorted by rank then MSI). The cell's
 * position is that circulation's: NMD does not state the cell centroid.
 */
export function nmdCells(product: Level3Product, radar: RadarPoint): StormCellRecord[] {
  const byCell = new Map<string, StormCellRecord>();
  for (const row of tableRows(product, ROW)) {
    const mesocyclone: Mesocyclone = {
      circulationId: row[1]!,
      strengthRank: Number(row[4]),
      lowLevelRotationalVelocityKt: row[6] === undefined ? null : Number(row[6]),
      position: positionAtAzRanNm(radar, Number(row[2]), Number(row[3])),
    };
    const id = row[5]!;
    const known = byCell.get(id);
    if (known && known.mesocyclone!.strengthRank >= mesocyclone.strengthRank) continue;
    const cell = cellAt(id, mesocyclone.position);
    cell.mesocyclone = mesocyclone;
    byCell.set(id, cell);
  }
  return [...byCell.values()];
}
