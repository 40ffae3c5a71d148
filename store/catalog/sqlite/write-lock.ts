/**
 * Serialises the write transactions of one connection. better-sqlite3 is synchronous but a
 * transaction's body awaits (objects, other catalog calls), and every write on the connection
 * between its BEGIN and COMMIT would land in it: so transactions queue here, first come first
 * served, and writes outside any transaction wait until none is open.
 */
export class WriteLock {
  private queueEnd: Promise<void> = Promise.resolve();
  private holding = false;

  /** True while a transaction holds the lock. */
  get held(): boolean {
    return this.holding;
  }

  /** Waits for the transactions queued before, then holds the lock until the returned function is called. */
  async acquire(): Promise<() => void> {
    const before = this.queueEnd;
    let release!: () => void;
    this.queueEnd = new Promise<void>((resolve) => {
      release = resolve;
    });
    await before;
    this.holding = true;
    return () => {
      this.holding = false;
      release();
    };
  }

  /**
   * Resolves once the transactions queued so far have ended. One may take the lock again before
   * the caller resumes: check `held` again, and write in the same synchronous step as that check.
   */
  async ended(): Promise<void> {
    await this.queueEnd;
  }
}
