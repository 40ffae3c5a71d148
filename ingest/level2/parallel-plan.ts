import { setImmediate as nextTurn } from 'node:timers/promises';
import { RadomeError, type RadomeErrorCode } from '../../core/errors.js';
import { decodeArchiveII, Level2Assembler, readArchiveRecords, splitArchiveIIRecords } from '../decode/level2/index.js';
import type { Level2Sweep, RadarLocation } from '../decode/level2/types.js';
import { SweepRenderer } from '../render/index.js';
import type { PlanOptions } from '../plan-types.js';
import type { SourceObject } from '../sources/types.js';
import type { Level2Pool } from './level2-pool.js';
import { readRecordsShared } from './parallel-decode.js';
import { byElevationNumber, locationOf, planLevel2Volume, planRenderedCuts, renderCutByMoment, withSite, type Level2Plan, type RenderedCut, type SitedVolume } from './plan.js';

/**
 * Cuts handed to each of several pool threads at once (a single pool thread is handed every cut:
 * see planArchiveIIParallel): one rendering and one waiting, so a thread that
 * finishes a cut starts the next without waiting for this thread, which notices finished cuts only
 * between records or moments of its own. Once every record is read, a thread's second cut is
 * handed only while this thread keeps another to render itself: at the very end this thread would
 * otherwise wait for a whole cut more (the KLOT sample: ~10 % of the run at load 18).
 */
const CUTS_PER_THREAD = 2;

/** Thrown inside planning when a cut got radials after its end radial: the file is planned again whole. */
class RevisitedCut extends Error {}

type Outcome = { cut: RenderedCut } | { error: unknown };

/**
 * The cuts of one volume rendered and stored as they end, by this thread and `pool`'s threads
 * together: a cut goes to a thread with room, else is rendered here. Outcomes are kept in the
 * order the cuts ended, so the first failure is the one a single thread would have met first.
 */
class CutRendering {
  private readonly waiting: { location: RadarLocation; sweep: Level2Sweep }[] = [];
  private readonly outcomes: Promise<Outcome>[] = [];
  private onThreads = 0;
  private readonly renderer: SweepRenderer;

  constructor(
    private readonly pool: Level2Pool,
    private readonly renderSize: number,
    /** Every cut goes to the pool, however many wait (see planArchiveIIParallel). */
    private readonly poolRendersAll: boolean,
  ) {
    this.renderer = new SweepRenderer(renderSize);
  }

  add(location: RadarLocation, sweeps: Level2Sweep[]): void {
    for (const sweep of sweeps) this.waiting.push({ location, sweep });
  }

  /** Whether a pool thread has room for another cut (see CUTS_PER_THREAD). */
  private room(reading: boolean): boolean {
    return this.poolRendersAll || this.onThreads < this.pool.threads || (this.onThreads < CUTS_PER_THREAD * this.pool.threads && (reading || this.waiting.length > 1));
  }

  private handOne(): void {
    const { location, sweep } = this.waiting.shift()!;
    this.onThreads++;
    const outcome = this.pool.renderCut({ sweep, location, renderSize: this.renderSize }).then(
      (r): Outcome => (r.cut ? { cut: r.cut } : { error: new RadomeError(r.failure.code as RadomeErrorCode, r.failure.message) }),
      (error: unknown): Outcome => ({ error }),
    );
    this.outcomes.push(outcome);
    void outcome.then(() => this.onThreads--);
  }

  /**
   * While the pool's decompressed records are read: hands waiting cuts to the pool while it has
   * room, and otherwise leaves them waiting (with a turn of the event loop, to learn of finished
   * ones). Reading is this thread's alone and every later cut waits on it, so it goes first;
   * rendering here then left the pool's threads idle (the KLOT sample: ~30 % of the run). Not
   * while the pool still decompresses (this thread's own share): a cut would run ahead of runs
   * that the reading waits for. A pool of one thread decompresses nothing, so there it is called
   * after every record.
   */
  async handOff(): Promise<void> {
    while (this.waiting.length > 0 && this.room(true)) this.handOne();
    if (this.waiting.length > 0) await nextTurn();
  }

  /**
   * Once every record is read: hands waiting cuts to the pool while it has room and renders the
   * others here, with a turn of the event loop after each moment to learn of cuts the pool has
   * finished and hand it the next: after whole cuts (a large one ~150 ms), the pool thread idled
   * while this one rendered.
   */
  async work(): Promise<void> {
    while (this.waiting.length > 0) {
      if (this.room(false)) {
        this.handOne();
        continue;
      }
      const { location, sweep } = this.waiting.shift()!;
      const here = this.renderHere(location, sweep);
      this.outcomes.push(
        here.then(
          (cut): Outcome => ({ cut }),
          (error: unknown): Outcome => ({ error }),
        ),
      );
      await here;
    }
  }

  private async renderHere(location: RadarLocation, sweep: Level2Sweep): Promise<RenderedCut> {
    const steps = renderCutByMoment(location, sweep, this.renderer);
    for (;;) {
      const step = steps.next();
      if (step.done) return step.value;
      await nextTurn();
      while (this.waiting.length > 0 && this.room(false)) this.handOne();
    }
  }

  /** Every cut rendered, once all have finished; else the first failure in the order the cuts ended. */
  async settle(): Promise<RenderedCut[]> {
    const cuts: RenderedCut[] = [];
    for (const outcome of await Promise.all(this.outcomes)) {
      if ('error' in outcome) throw outcome.error;
      cuts.push(outcome.cut);
    }
    return cuts;
  }
}

/**
 * planArchiveII on this thread and `pool`'s threads together: the same plan, to the byte, and the
 * same RadomeErrors. This thread reads every record into one assembler, and each cut, once its end
 * radial is read, is rendered and stored (overlays and sweep group) by a pool thread with room or
 * else by this one: its grids are moved to the thread, never copied, and only its PNGs and
 * compressed arrays come back. Should a cut get radials after its end radial, the file is decoded
 * whole and planned again.
 *
 * With several pool threads the bzip2 work is shared as decodeArchiveIIParallel shares it. With one
 * (two cores) the work is split by kind instead: this thread decompresses every record and the pool
 * thread renders every cut. Each isolate then optimises only its own hot code; sharing both kinds,
 * both isolates compiled the bzip2 decoder and the renderers with TurboFan (on V8's background
 * threads, the other core's time), and the KLOT sample took 2.26 s of CPU in all instead of 1.77
 * (median of 5 alternating runs at load 10; V8's background threads 700 → 410 ms). Cuts waiting
 * for the pool thread then hold their grids meanwhile: at most a volume's (~50 MB), for one file.
 */
export async function planArchiveIIParallel(bytes: Uint8Array, file: SourceObject, options: PlanOptions, pool: Level2Pool): Promise<Level2Plan> {
  const split = splitArchiveIIRecords(bytes);
  const assembler = new Level2Assembler(split.header);
  // One pool thread: this thread decompresses every record and the pool renders every cut.
  const alone = pool.threads === 1;
  const cuts = new CutRendering(pool, options.renderSize, alone);
  const taken = () => {
    if (assembler.revisitedTakenCut) throw new RevisitedCut();
    if (assembler.location) cuts.add(assembler.location, assembler.takeEndedCuts());
  };
  let rest: SitedVolume;
  let location: RadarLocation;
  const readOwn = async (from: number, to: number) => {
    for (let i = from; i < to; i++) {
      readArchiveRecords(split, assembler, i, i + 1);
      taken();
      if (alone) await cuts.handOff();
      // A turn of the event loop after each record: ended bzip2 runs and cuts are noticed and the next handed out.
      if (i + 1 < to) await nextTurn();
    }
  };
  try {
    if (alone) await readOwn(0, split.records.length);
    else
      await readRecordsShared(split, pool, readOwn, async (payload, where) => {
        assembler.push(payload, where);
        taken();
        await cuts.handOff();
      });
    rest = withSite(assembler.finish(), file);
    location = locationOf(rest);
    cuts.add(location, rest.sweeps);
    await cuts.work();
  } catch (e) {
    // A cut that ended before this failure, and failed itself, is what a single thread meets first.
    await cuts.settle();
    if (e instanceof RevisitedCut) return planLevel2Volume(decodeArchiveII(bytes), file, options);
    throw e;
  }
  return planRenderedCuts(rest, location, (await cuts.settle()).sort(byElevationNumber), file, options);
}
