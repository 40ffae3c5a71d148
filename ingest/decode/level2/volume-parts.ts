import type { ArchiveIIHeader } from './archive-records.js';
import { threadBunzip2 } from '../containers/bunzip2.js';
import { readMessages } from './messages.js';
import { MOMENTS, type Level2Sweep, type Level2Volume, type MomentGrid, type RadarLocation } from './types.js';
import type { SweepBuilder } from './sweep-builder.js';
import { VolumeState } from './volume-state.js';

/**
 * A run of consecutive LDM records assembled on its own (e.g. on a worker thread): its cuts and
 * what its messages said about the volume. Parts of one file join into the volume the whole file
 * gives (joinLevel2Parts). Plain data and typed arrays, so it crosses threads.
 */
export interface Level2Part {
  sweeps: Level2Sweep[];
  location: RadarLocation | null;
  vcpFromMessage5: number | null;
  plannedCuts: Float32Array | null;
  vcpFromRadials: number | null;
  radialSite: string;
  endOfVolume: boolean;
  warnings: string[];
}

/**
 * Decompresses and reads `records` (consecutive bzip2 LDM records of one file) into a part.
 * `where(i)` names record i in errors. Throws RadomeError as decodeArchiveII would.
 */
export function assembleLevel2Part(records: readonly Uint8Array[], where: (i: number) => string): Level2Part {
  const state = new VolumeState();
  // The decompressor's output view is read completely before the next record reuses it.
  for (let i = 0; i < records.length; i++) readMessages(state, threadBunzip2().decompressView(records[i]!, where(i)), where(i));
  return level2PartOf(state);
}

/** What `state` holds as a part (a snapshot); `keep` picks the cuts. */
export function level2PartOf(state: VolumeState, keep: (cut: SweepBuilder) => boolean = () => true): Level2Part {
  return {
    sweeps: [...state.sweeps.values()].filter(keep).map((b) => b.sweep()),
    location: state.location,
    vcpFromMessage5: state.vcpFromMessage5,
    plannedCuts: state.plannedCuts,
    vcpFromRadials: state.vcpFromRadials,
    radialSite: state.radialSite,
    endOfVolume: state.endOfVolume,
    warnings: state.warnings(),
  };
}

/**
 * The volume from a file's header and what its messages said, as Level2Assembler gives it.
 * `onlyCompleteCuts`: the part holds the complete cuts only; `hasRadials` then says whether any
 * radial came at all.
 */
export function level2VolumeOf(header: ArchiveIIHeader, part: Level2Part, { onlyCompleteCuts = false, hasRadials = part.sweeps.length > 0 } = {}): Level2Volume {
  const warnings = [...part.warnings];
  const sweeps = [...part.sweeps].sort((a, b) => a.elevationNumber - b.elevationNumber);
  if (!hasRadials) warnings.push('the volume holds no radials');
  else if (!part.endOfVolume && !onlyCompleteCuts) warnings.push('the volume ends before its end-of-volume radial: the last cut may be partial');
  return {
    site: header.site || part.radialSite,
    volumeStart: header.volumeStart,
    vcp: part.vcpFromMessage5 ?? part.vcpFromRadials,
    location: part.location,
    version: header.version,
    sweeps,
    warnings,
  };
}

/**
 * The part that reading `parts` one after the other from one state would have given, or null
 * when that cannot be told from the parts alone: a later part with warnings (they may depend on
 * what came before) or a cut whose moments change coding or gate geometry across parts. Callers
 * then decode the file in one piece.
 */
export function joinLevel2Parts(parts: readonly Level2Part[]): Level2Part | null {
  const [first, ...rest] = parts;
  if (!first) return null;
  if (rest.some((p) => p.warnings.length > 0)) return null;
  const sweeps = new Map(first.sweeps.map((s) => [s.elevationNumber, s]));
  const joined = { ...first };
  for (const part of rest) {
    for (const s of part.sweeps) {
      const before = sweeps.get(s.elevationNumber);
      const both = before ? joinSweeps(before, s) : s;
      if (!both) return null;
      sweeps.set(s.elevationNumber, both);
    }
    // As the message readers do: the first location (and VCP from radials) stays, the last
    // VCP message wins, the first radial names the site.
    joined.location ??= part.location;
    joined.vcpFromRadials ??= part.vcpFromRadials;
    if (part.vcpFromMessage5 !== null) {
      joined.vcpFromMessage5 = part.vcpFromMessage5;
      joined.plannedCuts = part.plannedCuts;
    }
    joined.radialSite ||= part.radialSite;
    joined.endOfVolume ||= part.endOfVolume;
  }
  joined.sweeps = [...sweeps.values()];
  return joined;
}

/** Cut `a` continued by the radials of `b` (same elevation number), or null if they cannot join. */
function joinSweeps(a: Level2Sweep, b: Level2Sweep): Level2Sweep | null {
  const n = a.radialCount + b.radialCount;
  const elevations = concat(a.elevations, b.elevations, new Float32Array(n));
  let sum = 0;
  for (let i = 0; i < n; i++) sum += elevations[i]!;
  const times = concat(a.times, b.times, new Float64Array(n));
  const moments: Level2Sweep['moments'] = {};
  for (const m of MOMENTS) {
    const ga = a.moments[m];
    const gb = b.moments[m];
    if (!ga && !gb) continue;
    if (ga && gb && !sameCoding(ga, gb)) return null;
    moments[m] = joinGrids(ga, a.radialCount, gb, b.radialCount);
  }
  return {
    elevationNumber: a.elevationNumber,
    elevationAngle: n ? sum / n : NaN,
    startTime: n ? times[0]! : NaN,
    endTime: n ? times[n - 1]! : NaN,
    radialCount: n,
    azimuths: concat(a.azimuths, b.azimuths, new Float32Array(n)),
    elevations,
    times,
    azimuthSpacing: a.azimuthSpacing,
    moments,
  };
}

function sameCoding(a: MomentGrid, b: MomentGrid): boolean {
  return (
    a.scale === b.scale &&
    a.offset === b.offset &&
    a.codes.BYTES_PER_ELEMENT === b.codes.BYTES_PER_ELEMENT &&
    a.firstGateKm === b.firstGateKm &&
    a.gateSpacingKm === b.gateSpacingKm
  );
}

/**
 * One moment over the rows of both cuts; a cut without it contributes BELOW_THRESHOLD rows, and
 * the grid is as wide as the widest radial (narrower rows padded), as one builder would make it.
 */
function joinGrids(a: MomentGrid | undefined, rowsA: number, b: MomentGrid | undefined, rowsB: number): MomentGrid {
  const like = (a ?? b)!;
  const gates = Math.max(a?.gateCount ?? 0, b?.gateCount ?? 0);
  const codes = like.codes.BYTES_PER_ELEMENT === 1 ? new Uint8Array((rowsA + rowsB) * gates) : new Uint16Array((rowsA + rowsB) * gates);
  if (a) copyRows(a, rowsA, codes, 0, gates);
  if (b) copyRows(b, rowsB, codes, rowsA, gates);
  return { ...like, gateCount: gates, codes };
}

function copyRows(g: MomentGrid, rows: number, into: Uint8Array | Uint16Array, firstRow: number, gates: number): void {
  if (g.gateCount === gates) return into.set(g.codes, firstRow * gates);
  for (let r = 0; r < rows; r++) into.set(g.codes.subarray(r * g.gateCount, (r + 1) * g.gateCount), (firstRow + r) * gates);
}

function concat<T extends Float32Array | Float64Array>(a: T, b: T, into: T): T {
  into.set(a);
  into.set(b, a.length);
  return into;
}
