import { decompressRecord, Level2Assembler, splitArchiveIIRecords, splitLdmRecords } from '../decode/level2/index.js';
import { planLevel2Volume, type Level2Plan } from '../level2/plan.js';
import type { PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import type { SweepRow } from '../../store/catalog/index.js';
import { RadomeError } from '../../core/errors.js';
import type { ListedChunk } from '../sources/level2-chunks.js';

/**
 * One real-time volume being assembled from its chunks, in sequence order. Holds the decoded
 * grids (not the chunk bytes) and which cuts are already committed, so each new complete cut is
 * rendered once. A process that restarts simply starts a volume over from its first chunk.
 */
export class ChunkVolume {
  private assembler: Level2Assembler | null = null;
  private nextSeq = 1;
  private bytes = 0;
  private committedCuts = new Set<number>();
  private committedRows: SweepRow[] = [];
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
    return this.assembler?.progress().completeCuts.filter((n) => !this.committedCuts.has(n)) ?? [];
  }

  sourceObject(source: string, fingerprint: 'open' | 'closed'): SourceObject {
    return { source, key: this.key, size: this.bytes, fingerprint, time: this.time };
  }

  /**
   * The closed volume: planned whole, exactly as the archived file of the same chunks is.
   * Partial plans (before the end chunk) render only the newly complete cuts and carry the
   * rows committed before, so each commit holds every complete cut so far.
   */
  plan(file: SourceObject, options: PlanOptions): Level2Plan {
    if (!this.assembler) throw new RadomeError('BAD_INPUT', `volume ${this.key} has no start chunk yet`);
    if (this.complete) return planLevel2Volume(this.assembler.volume(), file, options);
    const snapshot = this.assembler.volume({ onlyCompleteCuts: true });
    const fresh = planLevel2Volume({ ...snapshot, sweeps: snapshot.sweeps.filter((s) => !this.committedCuts.has(s.elevationNumber)) }, file, options);
    const sweeps = [...this.committedRows, ...fresh.sweeps];
    const volume = {
      ...fresh.volume,
      scanStart: Math.min(...sweeps.map((s) => s.startTime)),
      scanEnd: Math.max(...sweeps.map((s) => s.endTime)),
      sweepCount: sweeps.length,
    };
    return { ...fresh, volume, sweeps };
  }

  /** Call once a plan is committed. */
  committed(plan: Level2Plan): void {
    this.committedRows = plan.sweeps;
    this.committedCuts = new Set(plan.sweeps.map((s) => s.elevationNumber));
  }
}
