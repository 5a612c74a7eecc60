/**
 * The little kept in process memory (DM channel ids, threads the bot talks in): conveniences, never state
 * another process needs (that is in the session store: live.ts, records.ts). Bounded in size and age, so a
 * busy bot cannot grow without limit; after a restart it is simply empty.
 */
export class Recent<K, V> {
  readonly #entries = new Map<K, { value: V; expires: number }>();

  constructor(
    readonly max: number,
    readonly ttlMs: number,
    readonly now: () => number = Date.now,
  ) {}

  get(key: K): V | undefined {
    const entry = this.#entries.get(key);
    if (!entry) return undefined;
    if (entry.expires <= this.now()) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: K, value: V): void {
    this.#entries.delete(key);
    this.#entries.set(key, { value, expires: this.now() + this.ttlMs });
    // Insertion order is age order: the oldest go first.
    while (this.#entries.size > this.max) {
      const oldest = this.#entries.keys().next();
      if (oldest.done) break;
      this.#entries.delete(oldest.value);
    }
  }

  delete(key: K): void {
    this.#entries.delete(key);
  }

  values(): V[] {
    return [...this.#entries.values()].map((e) => e.value);
  }

  clear(): void {
    this.#entries.clear();
  }
}
