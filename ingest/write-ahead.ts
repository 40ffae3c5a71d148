import type { CatalogReader } from '../store/catalog/index.js';
import type { ObjectStore } from '../store/types.js';
import type { VolumeId } from '../core/vocabulary/index.js';
import type { PlannedObject } from './plan-types.js';

/**
 * A new volume's objects written while the rest of it is still planned (`radome ingest files`,
 * see cut-parallel-planner.ts): each cut's as soon as it is rendered, so the store's writes (some
 * 520 files for a real volume, ~20 % of the command's wall time when left to the end) overlap the
 * other cuts' rendering instead of following it while the pool's threads idle.
 *
 * One putMany at a time, each taking every object handed over meanwhile. Only for a volume the
 * catalog does not hold yet: a volume catalogued already keeps its objects as they are until its
 * new plan is complete, as without writing ahead. The catalog's rows still come last, after every
 * object of the plan is written (IngestPlan.writtenAhead); a file that fails after some were
 * written has them deleted again (no row ever named them).
 */
export class WriteAhead {
  private queue: PlannedObject[] = [];
  private readonly written = new Map<string, Uint8Array>();
  private flushing: Promise<void> | null = null;
  /** The batch being put. */
  private inFlight: readonly PlannedObject[] = [];
  private newVolume: Promise<boolean> | null = null;
  private stopped = false;

  constructor(
    private readonly objects: ObjectStore,
    private readonly catalog: CatalogReader,
  ) {}

  /** Objects of volume `volumeId` to write now, if it is new to the catalog. */
  add(volumeId: VolumeId, objects: PlannedObject[]): void {
    if (this.stopped) return;
    this.newVolume ??= this.catalog.radar.volumesByIds([volumeId]).then(
      ([row]) => row === null,
      () => false,
    );
    this.queue.push(...objects);
    this.flushing ??= this.flush();
  }

  private async flush(): Promise<void> {
    try {
      if (!(await this.newVolume)) this.stopped = true;
      while (!this.stopped && this.queue.length > 0) {
        const batch = this.queue;
        this.queue = [];
        this.inFlight = batch;
        await this.objects.putMany(batch);
        this.record(batch);
      }
    } catch {
      // Those of the batch not known to be written are written with the plan's other objects.
      this.stopped = true;
    } finally {
      this.inFlight = [];
      this.flushing = null;
    }
  }

  private record(batch: readonly PlannedObject[]): void {
    for (const o of batch) this.written.set(o.key, o.body);
  }

  /**
   * Once the file is planned: writes the plan's objects that are not in the store as the plan has
   * them yet (beside the batch still being written, whose flushes to disk take a while), and
   * deletes objects written ahead that the plan does not have (a sweep group numbered otherwise
   * than guessed). Returns the plan's objects now in the store as the plan has them; should a put
   * fail here, the others are left to the plan's own put (which retries).
   */
  async finish(planned: readonly PlannedObject[]): Promise<Set<PlannedObject>> {
    this.stopped = true;
    const flying = new Map(this.inFlight.map((o) => [o.key, o.body]));
    // What is in flight lands after what was written.
    const missing = planned.filter((o) => !sameBytes(flying.get(o.key) ?? this.written.get(o.key), o.body));
    if (this.written.size > 0 || flying.size > 0) {
      // A key being written with other bytes is written again only once that put is done.
      const now = missing.filter((o) => !flying.has(o.key));
      const after = missing.filter((o) => flying.has(o.key));
      const put = async (objects: PlannedObject[]) => {
        if (objects.length === 0) return;
        await this.objects.putMany(objects);
        this.record(objects);
      };
      await Promise.allSettled([this.flushing, put(now)]);
      await put(after).catch(() => undefined);
    } else {
      await this.flushing;
    }
    const same = new Set<PlannedObject>();
    const keys = new Set<string>();
    for (const o of planned) {
      keys.add(o.key);
      if (sameBytes(this.written.get(o.key), o.body)) same.add(o);
    }
    await this.deleteWritten((key) => !keys.has(key));
    return same;
  }

  /** The file failed: deletes what was written of it (best effort: no row names those objects). */
  async discard(): Promise<void> {
    await this.stop();
    await this.deleteWritten(() => true);
  }

  private async stop(): Promise<void> {
    this.stopped = true;
    await this.flushing;
  }

  private async deleteWritten(which: (key: string) => boolean): Promise<void> {
    const keys = [...this.written.keys()].filter(which);
    if (keys.length > 0) await this.objects.delete(keys).catch(() => undefined);
  }
}

function sameBytes(a: Uint8Array | undefined, b: Uint8Array): boolean {
  return a !== undefined && (a === b || Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(b));
}
