// Follows the catalog_events table and fans events out to subscribers. The server may run apart
// from the ingest daemon (they share only the catalog), so it polls: one indexed `seq > cursor`
// read per tick while anyone listens, however many subscribers there are. One poll runs at a time,
// so events reach each subscriber once and in order. On PostgreSQL the catalog also wakes the feed
// (LISTEN/NOTIFY, `listen`): a notification polls at once, so events from other processes and
// machines arrive without waiting for the timer; the table stays what is read, in seq order.
import type { CatalogEventRow, CatalogReader } from '../../store/catalog/index.js';

/** Events read per statement; a backlog takes several reads in one tick. */
const BATCH = 500;
/** A subscriber this far behind is dropped instead of buffering without end. */
const MAX_BUFFERED = 10_000;

type EventSource = Pick<CatalogReader, 'events'>;

/** Calls `onEvent` whenever any process commits a catalog event, until the returned function is called. */
export type CatalogEventListen = (onEvent: () => void) => Promise<() => Promise<void>>;

/** What one subscriber receives: `select` turns each event into zero or more values, at poll time. */
class Subscription<T> implements AsyncIterableIterator<T> {
  private readonly buffer: T[] = [];
  private waiting: ((result: IteratorResult<T>) => void) | null = null;
  private failure: Error | null = null;
  private done = false;

  constructor(
    readonly select: (event: CatalogEventRow) => T[] | Promise<T[]>,
    private readonly detach: (s: Subscription<T>) => void,
  ) {}

  async deliver(event: CatalogEventRow): Promise<void> {
    if (this.done) return;
    const values = await this.select(event);
    if (this.done) return;
    for (const value of values) {
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
  /** Reads the newest event's seq when the first subscriber arrives; polls start after it. */
  private starting: Promise<void> = Promise.resolve();
  private polling: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private unlisten: Promise<(() => Promise<void>) | null> | null = null;

  constructor(
    private readonly source: EventSource,
    private readonly pollMs: number,
    private readonly onError: (error: unknown) => void,
    private readonly listen?: CatalogEventListen,
  ) {}

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Events committed from now on, each turned into values by `select` (which may read the catalog). */
  subscribe<T>(select: (event: CatalogEventRow) => T[] | Promise<T[]>): AsyncIterableIterator<T> {
    if (this.subscribers.size === 0) this.start();
    const subscription = new Subscription<T>(select, (s) => this.detach(s as Subscription<unknown>));
    this.subscribers.add(subscription as Subscription<unknown>);
    return subscription;
  }

  /** Reads what was committed since the last poll and delivers it; runs on the timer, callable directly (joins a poll under way). */
  poll(): Promise<void> {
    this.polling ??= this.readAndDeliver().finally(() => {
      this.polling = null;
    });
    return this.polling;
  }

  private async readAndDeliver(): Promise<void> {
    await this.starting;
    for (;;) {
      const events = await this.source.events.after(this.cursor, BATCH);
      for (const event of events) {
        this.cursor = event.seq;
        // Each subscriber's select reads the catalog for the event; all of them at once, every one in event order.
        await Promise.all([...this.subscribers].map((s) => s.deliver(event).catch((error: unknown) => this.onError(error))));
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
    this.starting = this.source.events.latest().then(
      (newest) => {
        this.cursor = newest?.seq ?? 0;
      },
      (error: unknown) => this.onError(error),
    );
    this.timer = setInterval(() => {
      if (!this.polling) this.poll().catch((error: unknown) => this.onError(error));
    }, this.pollMs);
    this.timer.unref();
    this.unlisten = this.listen
      ? this.listen(() => void this.poll().catch((error: unknown) => this.onError(error))).catch((error: unknown) => {
          this.onError(error);
          return null;
        })
      : null;
  }

  private detach(s: Subscription<unknown>): void {
    this.subscribers.delete(s);
    if (this.subscribers.size === 0) this.stop();
  }

  private stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    const unlisten = this.unlisten;
    this.unlisten = null;
    void unlisten?.then((stop) => stop?.()).catch((error: unknown) => this.onError(error));
  }
}
