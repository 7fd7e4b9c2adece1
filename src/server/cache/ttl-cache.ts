/**
 * A small in-process cache with a short time-to-live, explicit keys and
 * prefix invalidation. Keys are built from parts joined with ":" (see
 * `cacheKey`), so "everything about user U" is the prefix `U:`.
 *
 * Safe under races: concurrent misses on one key share one load, and a load
 * that was running when an invalidation arrived is not stored (it may have
 * read the old row), so an invalidation is never undone by a slow reader.
 * `null` (not found / no access) is never cached.
 */

export type CacheOptions = {
  /** How long an entry may be served without asking the database again. 0 disables the cache. */
  ttlMs: number;
  /** Most entries kept; the oldest go first. */
  max?: number;
  /** Clock (tests). */
  now?: () => number;
};

type Entry<V> = { value: V; expires: number };

/** A cache key from its parts: "a:b:c". */
export const cacheKey = (...parts: (string | number | null)[]): string =>
  parts.map((p) => (p === null ? "-" : String(p))).join(":");

export class TtlCache<V> {
  private readonly entries = new Map<string, Entry<V>>();
  private readonly loading = new Map<string, Promise<V | null>>();
  /** Bumped by every invalidation; a load started under an older generation is not stored. */
  private generation = 0;
  private readonly max: number;
  private readonly now: () => number;
  hits = 0;
  misses = 0;

  constructor(
    readonly name: string,
    private readonly opts: CacheOptions,
  ) {
    this.max = opts.max ?? 10_000;
    this.now = opts.now ?? Date.now;
  }

  get enabled(): boolean {
    return this.opts.ttlMs > 0;
  }

  /** The cached value, or the result of `load` (stored unless it is null or an invalidation came in meanwhile). */
  get(key: string, load: () => Promise<V | null>): Promise<V | null> {
    if (!this.enabled) return load();
    const hit = this.entries.get(key);
    if (hit) {
      if (hit.expires > this.now()) {
        this.hits++;
        return Promise.resolve(hit.value);
      }
      this.entries.delete(key);
    }
    this.misses++;
    const pending = this.loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const p = load().then(
      (value) => {
        if (this.loading.get(key) === p) this.loading.delete(key);
        if (value !== null && generation === this.generation) this.set(key, value);
        return value;
      },
      (err: unknown) => {
        if (this.loading.get(key) === p) this.loading.delete(key);
        throw err;
      },
    );
    this.loading.set(key, p);
    return p;
  }

  private set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, { value, expires: this.now() + this.opts.ttlMs });
    if (this.entries.size > this.max) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
  }

  /** Drops every entry whose key starts with `prefix` ("" drops everything). */
  invalidatePrefix(prefix: string): void {
    this.generation++;
    this.loading.clear();
    if (!prefix) {
      this.entries.clear();
      return;
    }
    for (const key of this.entries.keys()) if (key.startsWith(prefix)) this.entries.delete(key);
  }

  clear(): void {
    this.invalidatePrefix("");
  }

  get size(): number {
    return this.entries.size;
  }
}

/**
 * The caches of one app instance, by name, so an invalidation message
 * ("cache name" + key prefix) can find its cache.
 */
export class CacheGroup {
  private readonly caches = new Map<string, TtlCache<unknown>>();

  constructor(readonly defaults: CacheOptions) {}

  /** The cache called `name`, created on first use. */
  cache<V>(name: string, opts: Partial<CacheOptions> = {}): TtlCache<V> {
    let c = this.caches.get(name);
    if (!c) {
      c = new TtlCache<unknown>(name, { ...this.defaults, ...opts });
      this.caches.set(name, c);
    }
    return c as TtlCache<V>;
  }

  invalidate(name: string, prefix = ""): void {
    this.caches.get(name)?.invalidatePrefix(prefix);
  }

  clearAll(): void {
    for (const c of this.caches.values()) c.clear();
  }
}
