import { STORM_CELL_PRODUCT_CODES } from '../decode/level3/index.js';
const stamp = (t: number) => {
  const iso = new Date(t).toISOString(); // 2021-01-31T11:06:30.000Z
  return { y: iso.slice(0, 4), m: iso.slice(5, 7), d: iso.slice(8, 10), hms: iso.slice(11, 19).replaceAll(':', '') };
};

/** `radar/level3/KLOT/N0H/2021/01/31/110630` (add `.png`, `.json`, `.raw`, `.cells.json`). */
export function level3ObjectStem(site: string, mnemonic: string, scanTime: number): string {
  const s = stamp(scanTime);
  return `radar/level3/${site}/${mnemonic}/${s.y}/${s.m}/${s.d}/${s.hms}`;
}

/**
 * Key of the storm cells object (NST, NHI, NTV, NSS, NMD) beside a product whose raw object is
 * `rawKey` (`<stem>.raw` → `<stem>.cells.json`). Retention derives the same key in SQL.
 */
export function level3StormCellsKey(rawKey: string): string {
  return `${rawKey.replace(/\.raw$/, '')}.cells.json`;
}

/** Every object a catalogued product owns: overlay, metadata, raw bytes and, for storm products, its cells. */
export function level3ProductObjectKeys(row: { code: number; imageKey: string | null; metadataKey: string; rawKey: string }): string[] {
  const keys = [row.imageKey, row.metadataKey, row.rawKey].filter((k): k is string => k !== null);
  if (STORM_CELL_PRODUCT_CODES.includes(row.code)) keys.push(level3StormCellsKey(row.rawKey));
  return keys;
}
