import { RadomeError } from '../../../core/errors.js';
import { DecompressionBudget } from '../containers/decompression-budget.js';
import type { ArchiveIIHeader } from './archive-records.js';
import type { GridPool } from './grid-pool.js';
import { readMessages } from './messages.js';
import type { SweepBuilder } from './sweep-builder.js';
import type { Level2Sweep, Level2Volume, RadarLocation } from './types.js';
import { VolumeState } from './volume-state.js';

/** How far a volume has come, for real-time ingest. */
export interface AssemblyProgress {
  /** Elevation numbers whose end-of-elevation (or end-of-volume) radial has arrived. */
  completeCuts: number[];
  /** Elevation numbers with radials so far. */
  cuts: number[];
  /** Cuts planned by the VCP message (message 5), null before it arrives. */
  plannedCuts: number | null;
  /** The end-of-volume radial has arrived. */
  volumeComplete: boolean;
}

/**
 * Builds a volume from decompressed record payloads fed in order: the records of a whole file,
 * or the records of real-time chunks as they arrive. Each payload is read at once (it may be a
 * view the caller reuses), so memory holds the typed grids only, not the records.
 */
export class Level2Assembler {
  private readonly state: VolumeState;
  private records = 0;
  private toRelease: SweepBuilder[] = [];
  /** Record bytes read so far: a volume of small bzip2 bombs is bounded as one container is. */
  private readonly payloadBudget = new DecompressionBudget();

  /** `grids`: where moment grids get their memory (see GridPool); fresh arrays by default. */
  constructor(
    readonly header: ArchiveIIHeader,
    grids: GridPool | null = null,
  ) {
    this.state = new VolumeState(grids);
  }

  /** Reads one decompressed record. `where` names it in errors (default "record N"). */
  push(payload: Uint8Array, where = `record ${this.records}`): void {
    this.payloadBudget.spend(payload.length, `the volume's records up to ${where}`);
    readMessages(this.state, payload, where);
    this.records++;
  }

  /**
   * Takes the cuts whose end radial has come out of the volume, as sweeps: volume() and finish()
   * leave them out from now on. Their grids stay valid until releaseTakenCuts(). A whole file can
   * so be rendered cut by cut while it is read, and a thread holds a cut's grids, not a volume's.
   * Should a taken cut get radials later (see revisitedTakenCut), the taken sweeps are incomplete.
   */
  takeEndedCuts(): Level2Sweep[] {
    const taken: Level2Sweep[] = [];
    for (const [n, cut] of this.state.sweeps) {
      if (!cut.ended) continue;
      taken.push(cut.sweep());
      this.state.sweeps.delete(n);
      this.state.taken.add(n);
      this.toRelease.push(cut);
    }
    return taken.sort(byElevationNumber);
  }

  /** Gives the grids of the cuts taken so far back to the pool: their sweeps' grids are not used after it. */
  releaseTakenCuts(): void {
    for (const cut of this.toRelease) cut.release();
    this.toRelease = [];
  }

  /** A cut taken by takeEndedCuts got more radials afterwards (they were not kept). */
  get revisitedTakenCut(): boolean {
    return this.state.revisitedTakenCut;
  }

  /** The radar's location once a radial has stated it (message 31 volume block), else null. */
  get location(): RadarLocation | null {
    return this.state.location;
  }

  /** Cuts not taken (see takeEndedCuts). */
  progress(): AssemblyProgress {
    const numbers = [...this.state.sweeps.keys()].sort((a, b) => a - b);
    return {
      completeCuts: numbers.filter((n) => this.state.sweeps.get(n)!.ended),
      cuts: numbers,
      plannedCuts: this.state.plannedCuts?.length ?? null,
      volumeComplete: this.state.endOfVolume,
    };
  }

  /**
   * The volume as assembled so far (a snapshot: feeding more records later does not change it).
   * `onlyCompleteCuts` leaves out cuts whose last radial has not arrived yet.
   */
  volume({ onlyCompleteCuts = false } = {}): Level2Volume {
    const state = this.state;
    const sweeps = [...state.sweeps.values()]
      .filter((cut) => cut.ended || !onlyCompleteCuts)
      .map((cut) => cut.sweep())
      .sort(byElevationNumber);
    const warnings = state.warnings();
    if (state.sweeps.size === 0 && state.taken.size === 0) warnings.push('the volume holds no radials');
    else if (!state.endOfVolume && !onlyCompleteCuts) warnings.push('the volume ends before its end-of-volume radial: the last cut may be partial');
    return {
      site: this.header.site || state.radialSite,
      volumeStart: this.header.volumeStart,
      vcp: state.vcpFromMessage5 ?? state.vcpFromRadials,
      location: state.location,
      version: this.header.version,
      sweeps,
      warnings,
    };
  }

  /**
   * The volume of a whole file once all its records are in (less any taken cuts); TRUNCATED if
   * not one radial came.
   */
  finish(): Level2Volume {
    const volume = this.volume();
    if (volume.sweeps.length === 0 && this.state.taken.size === 0) {
      throw new RadomeError('TRUNCATED', `the volume ends after ${this.records} record(s) without a single radial`);
    }
    return volume;
  }
}

function byElevationNumber(a: Level2Sweep, b: Level2Sweep): number {
  return a.elevationNumber - b.elevationNumber;
}
