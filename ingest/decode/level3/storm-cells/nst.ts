import type { Level3Packet, Level3Product } from '../types.js';
import { cellAt, graphicRows, symbologyPackets, tableRows } from './cell.js';
import { kftToKm, positionAtAzRanNm, positionOnScreen, type RadarPoint } from './position.js';
import type { StormCellForecast, StormCellPast, StormCellRecord } from './types.js';

const FORECAST_MINUTES = [15, 30, 45, 60];
/** A table row: two spaces, the storm id, then its columns. */
const ROW = /^ {2}([A-Z][0-9]) {3,}(.*)$/;
/** Columns of a row: AZRAN, MOVEMENT (or NEW), four forecasts (or NO DATA), error FCST/MEAN. */
const COLUMN = /NO DATA|NEW|\d+\.\d+\/\s*\d+\.\d+|\d{1,3}\/\s*\d{1,3}/g;

function pair(token: string): [number, number] | null {
  const m = /^(\d{1,3})\/\s*(\d{1,3})$/.exec(token);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

/**
 * NST table rows (the "STORM POSITION/FORECAST" pages): position, movement, forecast positions.
 * Azimuths are degrees, ranges nautical miles, speeds knots, as the table states them.
 */
function tableCells(product: Level3Product, radar: RadarPoint): StormCellRecord[] {
  const cells: StormCellRecord[] = [];
  for (const row of tableRows(product, ROW)) {
    const columns = row[2]!.match(COLUMN) ?? [];
    const current = pair(columns[0] ?? '');
    if (!current || columns.length < 6) continue;
    const cell = cellAt(row[1]!, positionAtAzRanNm(radar, current[0], current[1]));
    const movement = pair(columns[1]!);
    cell.movement = movement && { fromDeg: movement[0], speedKt: movement[1] };
    FORECAST_MINUTES.forEach((minutes, k) => {
      const at = pair(columns[2 + k] ?? '');
      if (at) cell.forecast.push({ minutes, ...positionAtAzRanNm(radar, at[0], at[1]) } satisfies StormCellForecast);
    });
    cells.push(cell);
  }
  return cells;
}

/**
 * Past positions from the symbology: each storm id (packet 15) is followed by its SCIT past
 * packet (23), whose special symbols (packet 2) mark the earlier centroids, most recent first.
 */
function pastPositions(product: Level3Product, radar: RadarPoint): Map<string, StormCellPast[]> {
  const out = new Map<string, StormCellPast[]>();
  let current: string | null = null;
  for (const p of symbologyPackets(product)) {
    if (p.kind === 'storm-ids') current = p.points[0]?.id ?? null;
    else if (p.kind === 'scit' && !p.forecast && current && !out.has(current)) {
      const points = p.packets.filter((x): x is Extract<Level3Packet, { kind: 'text' }> => x.kind === 'text');
      out.set(
        current,
        points.map((x, k) => {
          const at = positionOnScreen(radar, x.i, x.j, 4);
          return { volumesAgo: k + 1, lon: at.lon, lat: at.lat };
        }),
      );
    }
  }
  return out;
}

/** The graphic block's "DBZM HGT" row: max reflectivity (dBZ) and its height (kft) per storm id. */
function maxReflectivities(product: Level3Product): Map<string, [number, number]> {
  const out = new Map<string, [number, number]>();
  const ids = graphicRows(product, 'STORM ID');
  const values = graphicRows(product, 'DBZM HGT');
  ids.forEach((idRow, page) => {
    const names = idRow.trim().split(/\s+/);
    const numbers = (values[page] ?? '').trim().split(/\s+/).map(Number);
    names.forEach((id, k) => {
      const [dbz, kft] = [numbers[2 * k], numbers[2 * k + 1]];
      if (Number.isFinite(dbz) && Number.isFinite(kft)) out.set(id, [dbz!, kft!]);
    });
  });
  return out;
}

/** NST (58): storm positions, movement, forecasts, past track and max reflectivity. */
export function nstCells(product: Level3Product, radar: RadarPoint): StormCellRecord[] {
  const past = pastPositions(product, radar);
  const dbzm = maxReflectivities(product);
  const cells = tableCells(product, radar);
  for (const cell of cells) {
    cell.past = past.get(cell.cellId) ?? [];
    const m = dbzm.get(cell.cellId);
    if (m) [cell.maxReflectivityDbz, cell.maxReflectivityHeightKm] = [m[0], kftToKm(m[1])];
  }
  return cells;
}
