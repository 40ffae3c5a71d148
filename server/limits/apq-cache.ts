/**
 * The automatic-persisted-query store: query text by SHA-256, at most `maxEntries`, least
 * recently used dropped first (a Map keeps insertion order; a hit re-inserts). Apollo asks it
 * through the KeyValueCache shape (get/set/delete, promises).
 */
export class BoundedQueryCache {
  private readonly entries = new Map<string, string>();

  constructor(private readonly maxEntries: number) {}

  async get(key: string): Promise<string | undefined> {
    const value = this.entries.get(key);
    if (value !== undefined) {
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  async set(key: string, value: string): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, value);
    while (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value!);
  }

  async delete(key: string): Promise<boolean> {
    return this.entries.delete(key);
  }

  get size(): number {
    return this.entries.size;
  }
}
