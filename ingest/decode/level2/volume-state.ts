import type { RadarSiteId } from '../../../core/vocabulary/index.js';
import type { GridPool } from './grid-pool.js';
import { GridBudget } from './limits.js';
import { SweepBuilder } from './sweep-builder.js';
import type { RadarLocation } from './types.js';

/** What the message readers learn about a volume, filled in as records arrive. */
export class VolumeState {
  /** Cuts by elevation number. */
  readonly sweeps = new Map<number, SweepBuilder>();
  /** Elevation numbers of cuts taken out of `sweeps` once they ended (Level2Assembler.takeEndedCuts). */
  readonly taken = new Set<number>();
  /** A taken cut got more radials after it was taken. */
  revisitedTakenCut = false;
  location: RadarLocation | null = null;
  /** VCP number from message 5, from the message 31 volume block, from message 1. */
  vcpFromMessage5: number | null = null;
  vcpFromRadials: number | null = null;
  /** Elevation angles of the cuts message 5 plans, degrees. */
  plannedCuts: Float32Array | null = null;
  /** ICAO of the first message 31 radial (used when the volume header has none). */
  radialSite: RadarSiteId | '' = '';
  endOfVolume = false;
  /** Grid bytes held by the volume's cuts, bounded (limits.ts). */
  readonly gridBudget = new GridBudget();
  /** Warnings by text with their count, so a problem on every radial is one line. */
  private readonly warningCounts = new Map<string, number>();

  /** `grids`: where moment grids get their memory (fresh arrays when null). */
  constructor(private readonly grids: GridPool | null = null) {}

  sweep(elevationNumber: number, azimuthSpacing: number): SweepBuilder {
    let s = this.sweeps.get(elevationNumber);
    if (!s && this.taken.has(elevationNumber)) {
      // Its grids may be lent on already: these radials go to memory of their own, unused, and
      // the caller that took the cut learns it is incomplete.
      this.revisitedTakenCut = true;
      return new SweepBuilder(elevationNumber, azimuthSpacing, null, this.gridBudget);
    }
    if (!s) {
      s = new SweepBuilder(elevationNumber, azimuthSpacing, this.grids, this.gridBudget);
      this.sweeps.set(elevationNumber, s);
    }
    return s;
  }

  warn(text: string): void {
    this.warningCounts.set(text, (this.warningCounts.get(text) ?? 0) + 1);
  }

  warnings(): string[] {
    return [...this.warningCounts].map(([text, n]) => (n > 1 ? `${text} (${n} times)` : text));
  }
}
