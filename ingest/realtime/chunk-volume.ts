import { decompressRecord, Level2Assembler, splitArchiveIIRecords, splitLdmRecords } from '../decode/level2/index.js';
import type { Level2Sweep, RadarLocation } from '../decode/level2/types.js';
import { byElevationNumber, locationOf, planRenderedCuts, renderCut, withSite, type Level2Plan, type RenderedCut } from '../level2/plan.js';
import { SweepRenderer } from '../render/index.js';
import type { PlannedObject, PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import { RadomeError } from '../../core/errors.js';
import type { ListedChunk } from '../sources/level2-chunks.js';
import { sameObjectBytes } from '../../store/objects/object-body.js';
import type { ObjectBody } from '../../store/types.js';

/**
 * One real-time volume being assembled from its chunks, in sequence order. Holds the decoded
 * grids (not the chunk bytes) and which cuts are already committed, so each new complete cut is
 * rendered once. A process that restarts simply starts a volume over from its first chunk.
 */
export class ChunkVolume {
  private assembler: Level2Assembler | null = null;
  private nextSeq = 1;
  private bytes = 0;
  /** Cuts rendered for commits so far, by elevation number. */
  private rendered = new Map<number, RenderedCut>();
  /** The objects committed so far, by key. */
  private written = new Map<string, ObjectBody>();
  sawEnd = false;

  constructor(
    /** `SITE/N/YYYYMMDD-HHMMSS`: the volume's key in the catalog's source-file records. */
    readonly key: string,
    readonly time: number,
  ) {}

  /** Chunks not read yet that follow on from the last one read (a gap waits for the missing chunk). */
  pending(chunks: readonly ListedChunk[]): ListedChunk[] {
    const out: ListedChunk[] = [];
    let seq = this.nextSeq;
    for (const c of chunks) {
      if (c.seq < seq) continue;
      if (c.seq !== seq) break;
      out.push(c);
      seq++;
    }
    return out;
  }

  /** Reads one chunk (the next in sequence). Throws RadomeError on bad bytes. */
  push(chunk: ListedChunk, bytes: Uint8Array): void {
    if (chunk.seq !== this.nextSeq) throw new RadomeError('BAD_INPUT', `chunk ${chunk.key} is out of sequence (expected ${this.nextSeq})`);
    if (chunk.seq === 1) {
      const { header, records } = splitArchiveIIRecords(bytes);
      this.assembler = new Level2Assembler(header);
      records.forEach((r, i) => this.assembler!.push(decompressRecord(r, `${chunk.key} record ${i}`), `${chunk.key} record ${i}`));
    } else {
      if (!this.assembler) throw new RadomeError('BAD_INPUT', `chunk ${chunk.key} came before the start chunk`);
      const { records } = splitLdmRecords(bytes);
      records.forEach((r, i) => this.assembler!.push(decompressRecord(r, `${chunk.key} record ${i}`), `${chunk.key} record ${i}`));
    }
    this.bytes += bytes.length;
    this.nextSeq++;
    if (chunk.type === 'E') this.sawEnd = true;
  }

  get complete(): boolean {
    return this.sawEnd || (this.assembler?.progress().volumeComplete ?? false);
  }

  /** Cuts complete but not yet committed. */
  newCuts(): number[] {
    return this.assembler?.progress().completeCuts.filter((n) => !this.rendered.has(n)) ?? [];
  }

  sourceObject(source: string, fingerprint: 'open' | 'closed'): SourceObject {
    return { source, key: this.key, size: this.bytes, fingerprint, time: this.time };
  }

  /**
   * The plan of every complete cut so far (the whole volume once closed), as the archived file of
   * the same chunks is planned, to the byte. Only cuts not rendered at an earlier commit are
   * rendered (by `renderCuts`: the daemon's plan pool, off the thread that answers queries), and
   * only objects an earlier commit did not write as they are now need writing. A cut that got
   * radials after it was rendered (a revisited cut) is rendered again.
   */
  async plan(file: SourceObject, options: PlanOptions, renderCuts: RenderCuts = renderCutsHere): Promise<ChunkPlan> {
    if (!this.assembler) throw new RadomeError('BAD_INPUT', `volume ${this.key} has no start chunk yet`);
    const volume = withSite(this.assembler.volume({ onlyCompleteCuts: !this.complete }), file);
    const location = locationOf(volume);
    if (volume.sweeps.length === 0) throw new RadomeError('CORRUPT', 'the volume has no radials');
    const kept: RenderedCut[] = [];
    const fresh: Level2Sweep[] = [];
    for (const sweep of volume.sweeps) {
      const done = this.rendered.get(sweep.elevationNumber);
      if (done && sameCut(done.cut, sweep)) kept.push(done);
      else fresh.push(sweep);
    }
    const cuts = [...kept, ...(fresh.length ? await renderCuts(location, fresh, options.renderSize) : [])].sort(byElevationNumber);
    const plan = planRenderedCuts(volume, location, cuts, file, options);
    const keys = new Set(plan.objects.map((o) => o.key));
    const mayLeaveStale = this.written.size === 0 || [...this.written.keys()].some((k) => !keys.has(k));
    return {
      plan,
      cuts,
      changed: plan.objects.filter((o) => {
        const written = this.written.get(o.key);
        return written === undefined || !sameObjectBytes(written, o.body);
      }),
      mayLeaveStale,
    };
  }

  /** Call once a plan is committed: its cuts are not rendered, nor its unchanged objects written, again. */
  committed({ plan, cuts }: ChunkPlan): void {
    this.rendered = new Map(cuts.map((c) => [c.cut.elevationNumber, c]));
    this.written = new Map(plan.objects.map((o) => [o.key, o.body]));
  }
}

/**
 * A chunk volume's plan (its objects: every object the volume has so far, as the stale-object
 * check needs them), with its rendered cuts, and the objects the last commit did not write as they are now.
 */
export interface ChunkPlan {
  plan: Level2Plan;
  cuts: RenderedCut[];
  changed: PlannedObject[];
  /**
   * An object written before may not be in the plan: this process has not committed the volume
   * yet (an earlier one may have, with other objects), or the plan dropped one.
   */
  mayLeaveStale: boolean;
}

/** Renders and stores cuts of a volume (in any order): here, or on worker threads (PlanPool.renderCuts). */
export type RenderCuts = (location: RadarLocation, sweeps: Level2Sweep[], renderSize: number) => Promise<RenderedCut[]>;

/** RenderCuts on this thread. */
export const renderCutsHere: RenderCuts = async (location, sweeps, renderSize) => {
  const renderer = new SweepRenderer(renderSize);
  return sweeps.map((sweep) => renderCut(location, sweep, renderer));
};

/** The cut rendered earlier is this one as it stands (no radial came after). */
function sameCut(a: RenderedCut['cut'], b: Level2Sweep): boolean {
  return a.radialCount === b.radialCount && a.startTime === b.startTime && a.endTime === b.endTime;
}
