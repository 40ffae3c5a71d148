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
 * Locks by name within one process: an exclusive holder of a name runs alone, shared holders of
 * a name run together (but never beside an exclusive one); holders are served in the order they
 * asked. Several names are taken in sorted order, so two holders asking for the same names in
 * different orders cannot deadlock.
 */
export class NamedLocks {
  /** Per name, a promise that settles when everything queued on it so far is released. */
  private readonly tails = new Map<string, Promise<void>>();
  /** Per name, the shared holders queued last, which a new shared holder joins. */
  private readonly sharing = new Map<string, { start: Promise<void>; members: Promise<void>[] }>();

  /** Waits until every name is free (the `shared` ones free of exclusive holders) and takes them all; call the result to give them back. */
  async acquire(names: readonly string[], shared: readonly string[] = []): Promise<() => void> {
    const releases: (() => void)[] = [];
    const sharedSet = new Set(shared);
    for (const name of [...new Set([...names, ...shared])].sort()) releases.push(await (sharedSet.has(name) && !names.includes(name) ? this.share(name) : this.take(name)));
    return () => releases.reverse().forEach((release) => release());
  }

  private async take(name: string): Promise<() => void> {
    this.sharing.delete(name);
    const before = this.tails.get(name);
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const tail = (before ?? Promise.resolve()).then(() => held);
    this.queue(name, tail);
    await before;
    return release;
  }

  private async share(name: string): Promise<() => void> {
    let group = this.sharing.get(name);
    if (!group) this.sharing.set(name, (group = { start: this.tails.get(name) ?? Promise.resolve(), members: [] }));
    let release!: () => void;
    group.members.push(new Promise<void>((resolve) => (release = resolve)));
    this.queue(
      name,
      Promise.all([group.start, ...group.members]).then(() => {}),
    );
    await group.start;
    return release;
  }

  /** Makes `tail` the name's last entry, forgotten once it settles with nothing queued after it. */
  private queue(name: string, tail: Promise<void>): void {
    this.tails.set(name, tail);
    void tail.then(() => {
      if (this.tails.get(name) !== tail) return;
      this.tails.delete(name);
      this.sharing.delete(name);
    });
  }
}
