// Follows the catalog_events table and fans events out to subscribers. The server may run apart
// from the ingest daemon (they share only the SQLite file), so it polls: one indexed
// `seq > cursor` read per tick while anyone listens, however many subscribers there are.
import type { CatalogEventRow, CatalogReader } from '../../store/catalog/index.js';

/** Events read per statement; a backlog takes several reads in one tick. */
const BATCH = 500;
/** A subscriber this far behind is dropped instead of buffering without end. */
const MAX_BUFFERED = 10_000;

type EventSource = Pick<CatalogReader, 'events'>;

/** What one subscriber receives: `select` turns each event into zero or more values, at poll time. */
class Subscription<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    readonly select: (event: CatalogEventRow) => T[],
    private readonly detach: (s: Subscription<T>) => void,
  ) {}

  deliver(event: CatalogEventRow): void {
    if (this.done) return;
    for (const value of this.select(event)) {
      if (this.waiting) {
        const resolve = this.waiting;
        this.waiting = null;
        resolve({ value, done: false });
      } else if (this.buffer.push(value) > MAX_BUFFERED) {
        this.failure = new Error(`subscriber fell more than ${MAX_BUFFERED} events behind and was dropped; subscribe again`);
        this.buffer.length = 0;
        this.finish();
      }
    }
  }

  next(): Promise<IteratorResult<T>> {
    if (this.buffer.length > 0) return Promise.resolve({ value: this.buffer.shift()!, done: false });
    if (this.failure) {
      const failure = this.failure;
      this.failure = null;
      return Promise.reject(failure);
    }
    if (this.done) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => (this.waiting = resolve));
  }

  return(): Promise<IteratorResult<T>> {
    this.buffer.length = 0;
    this.finish();
    return Promise.resolve({ value: undefined, done: true });
  }

  finish(): void {
    if (this.done) return;
    this.done = true;
    this.detach(this);
    if (this.waiting) {
      const resolve = this.waiting;
      this.waiting = null;
      resolve({ value: undefined, done: true });
    }
  }

  [Symbol.asyncIterator](): this {
    return this;
  }
}

export class CatalogEventFeed {
  private readonly subscribers = new Set<Subscription<unknown>>();
  private cursor = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly source: EventSource,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Events committed from now on, each turned into values by `select` (which may read the catalog). */
  subscribe<T>(select: (event: CatalogEventRow) => T[]): AsyncIterableIterator<T> {
    if (this.subscribers.size === 0) this.start();
    const subscription = new Subscription<T>(select, (s) => this.detach(s as Subscription<unknown>));
    this.subscribers.add(subscription as Subscription<unknown>);
    return subscription;
  }

  /** Reads what was committed since the last poll and delivers it; runs on the timer, callable directly. */
  poll(): void {
    for (;;) {
      const events = this.source.events.after(this.cursor, BATCH);
      for (const event of events) {
        this.cursor = event.seq;
        for (const s of [...this.subscribers]) {
          try {
            s.deliver(event);
          } catch (error) {
            this.onError(error);
          }
        }
      }
      if (events.length < BATCH) return;
    }
  }

  close(): void {
    for (const s of [...this.subscribers]) s.finish();
    this.stop();
  }

  private start(): void {
    // New subscribers see what is committed after they subscribe, not the history.
    this.cursor = this.source.events.latest()?.seq ?? 0;
    this.timer = setInterval(() => {
      try {
        this.poll();
      } catch (error) {
        this.onError(error);
      }
    }, this.pollMs);
    this.timer.unref();
  }

  private detach(s: Subscription<unknown>): void {
    this.subscribers.delete(s);
    if (this.subscribers.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }
}
