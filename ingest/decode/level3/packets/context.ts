import type { Level3ProductInfo } from '../products.js';
import type { Level3Packet } from '../types.js';

/** What packet readers need besides the bytes: the product (for bin sizes) and a warning sink. */
export interface PacketContext {
  info: Level3ProductInfo | null;
  warnings: string[];
  /** Nesting depth of SCIT packets (23/24), bounded so crafted input cannot exhaust the stack. */
  depth: number;
}

export interface PacketRead {
  packet: Level3Packet;
  /** Offset just past the packet. */
  next: number;
}

/** Upper bounds that real products stay far below; beyond them a header is taken as corrupt. */
export const LIMITS = {
  radials: 2000,
  bins: 4000,
  rasterRows: 4000,
  rasterCols: 4000,
  nesting: 8,
} as const;

/** Degrees in [0, 360). */
export function normalizeAzimuth(deg: number): number {
  const a = deg % 360;
  return a < 0 ? a + 360 : a;
}
