/** Runs `fn` over `items` with at most `limit` calls in flight; rejects on the first failure. */
export async function forEachConcurrent<T>(items: readonly T[], limit: number, fn: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i]!, i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/**
 * Mutual exclusion by name within one process: holders of a name run one after the other, in
 * the order they asked. Several names are taken in sorted order, so two holders asking for the
 * same names in different orders cannot deadlock.
 */
export class NamedLocks {
  private readonly tails = new Map<string, Promise<void>>();

  /** Waits until every name is free and takes them all; call the result to give them back. */
  async acquire(names: readonly string[]): Promise<() => void> {
    const releases: (() => void)[] = [];
    for (const name of [...new Set(names)].sort()) releases.push(await this.take(name));
    return () => releases.reverse().forEach((release) => release());
  }

  private async take(name: string): Promise<() => void> {
    const before = this.tails.get(name);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = (before ?? Promise.resolve()).then(() => held);
    this.tails.set(name, tail);
    await before;
    return () => {
      release();
      if (this.tails.get(name) === tail) this.tails.delete(name);
    };
  }
}
