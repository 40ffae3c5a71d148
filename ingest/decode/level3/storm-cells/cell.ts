import type { Level3Packet, Level3Product } from '../types.js';
import type { StormCellPosition, StormCellRecord } from './types.js';

/** A record with only an id and a position; each product fills in what it states. */
export function cellAt(cellId: string, position: StormCellPosition): StormCellRecord {
  return {
    cellId,
    position,
    movement: null,
    forecast: [],
    past: [],
    maxReflectivityDbz: null,
    maxReflectivityHeightKm: null,
    topKm: null,
    baseKm: null,
    baseBelowLowestElevation: null,
    vil: null,
    poh: null,
    posh: null,
    maxHailSizeIn: null,
    maxHailSizeBelow: null,
    mesocyclone: null,
    tvs: null,
  };
}

/** The lines of the tabular block (or stand-alone text) that `row` matches, pages in order, as its matches. */
export function tableRows(product: Level3Product, row: RegExp): RegExpExecArray[] {
  const rows: RegExpExecArray[] = [];
  for (const line of product.tabular?.pages.flat() ?? []) {
    const match = row.exec(line);
    if (match) rows.push(match);
  }
  return rows;
}

/** Every packet of the symbology block's layers, in order (SCIT packets not opened). */
export const symbologyPackets = (product: Level3Product): Level3Packet[] => product.symbology?.layers.flat() ?? [];

/** Storm id → its symbology position (packet 15, I/J in 1/4 km), the first one of each id. */
export function stormIdPositions(product: Level3Product): Map<string, { i: number; j: number }> {
  const out = new Map<string, { i: number; j: number }>();
  const visit = (packets: Level3Packet[]): void => {
    for (const p of packets) {
      if (p.kind === 'storm-ids') for (const s of p.points) if (!out.has(s.id)) out.set(s.id, { i: s.i, j: s.j });
      if (p.kind === 'scit') visit(p.packets);
    }
  };
  visit(symbologyPackets(product));
  return out;
}

/** "123/ 45" pairs of numbers in text, in order. */
export function azRanPairs(text: string): Array<[number, number]> {
  return [...text.matchAll(/(\d{1,3})\/\s*(\d{1,3})/g)].map((m) => [Number(m[1]), Number(m[2])]);
}

/** The rest of the first graphic-page line starting with `label` on each page, pages in order. */
export function graphicRows(product: Level3Product, label: string): string[] {
  const out: string[] = [];
  for (const page of product.graphic?.pages ?? []) {
    const line = page.lines.find((l) => l.trimStart().startsWith(label));
    if (line !== undefined) out.push(line.slice(line.indexOf(label) + label.length));
  }
  return out;
}
