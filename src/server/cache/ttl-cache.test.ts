import { describe, expect, it } from "vitest";
import { CacheGroup, cacheKey, TtlCache } from "./ttl-cache";

function clock(start = 1_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function deferred<T>() {
  let resolve!: (v: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

describe("TtlCache", () => {
  it("serves a stored value until its time is up, then loads again", async () => {
    const c = clock();
    const cache = new TtlCache<string>("t", { ttlMs: 5_000, now: c.now });
    let loads = 0;
    const load = async () => `v${++loads}`;
    expect(await cache.get("k", load)).toBe("v1");
    c.advance(4_999);
    expect(await cache.get("k", load)).toBe("v1");
    c.advance(1);
    expect(await cache.get("k", load)).toBe("v2");
    expect({ hits: cache.hits, misses: cache.misses }).toEqual({ hits: 1, misses: 2 });
  });

  it("never stores null (not found, no access)", async () => {
    const cache = new TtlCache<string>("t", { ttlMs: 5_000 });
    let loads = 0;
    const load = async () => (++loads, null);
    await cache.get("k", load);
    await cache.get("k", load);
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("shares one load between concurrent misses of a key", async () => {
    const cache = new TtlCache<string>("t", { ttlMs: 5_000 });
    const d = deferred<string>();
    let loads = 0;
    const load = () => (++loads, d.promise);
    const a = cache.get("k", load);
    const b = cache.get("k", load);
    d.resolve("v");
    expect(await Promise.all([a, b])).toEqual(["v", "v"]);
    expect(loads).toBe(1);
  });

  it("does not store a load that was running when an invalidation came in", async () => {
    const cache = new TtlCache<string>("t", { ttlMs: 5_000 });
    const old = deferred<string>();
    const stale = cache.get("k", () => old.promise);
    cache.invalidatePrefix("k");
    old.resolve("read before the change");
    expect(await stale).toBe("read before the change");
    expect(await cache.get("k", async () => "after the change")).toBe("after the change");
  });

  it("drops entries by key prefix, or all of them", async () => {
    const cache = new TtlCache<string>("t", { ttlMs: 5_000 });
    for (const k of [cacheKey("u1", "a"), cacheKey("u1", "b"), cacheKey("u2", "a")])
      await cache.get(k, async () => k);
    cache.invalidatePrefix(cacheKey("u1", ""));
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
  });

  it("keeps at most `max` entries, dropping the oldest", async () => {
    const cache = new TtlCache<number>("t", { ttlMs: 5_000, max: 2 });
    for (const k of ["a", "b", "c"]) await cache.get(k, async () => 1);
    let reloaded = false;
    await cache.get("a", async () => ((reloaded = true), 1));
    expect(reloaded).toBe(true);
  });

  it("with a TTL of 0 always loads", async () => {
    const cache = new TtlCache<string>("t", { ttlMs: 0 });
    let loads = 0;
    await cache.get("k", async () => `v${++loads}`);
    await cache.get("k", async () => `v${++loads}`);
    expect(loads).toBe(2);
  });
});

describe("CacheGroup", () => {
  it("routes an invalidation to the named cache only", async () => {
    const group = new CacheGroup({ ttlMs: 5_000 });
    await group.cache<string>("user").get("u1", async () => "x");
    await group.cache<string>("orgAccess").get("u1:acme", async () => "y");
    group.invalidate("user", "u1");
    expect(group.cache("user").size).toBe(0);
    expect(group.cache("orgAccess").size).toBe(1);
    group.invalidate("unknown", "");
    group.clearAll();
    expect(group.cache("orgAccess").size).toBe(0);
  });
});

describe("cacheKey", () => {
  it.each([
    [["a", "b"], "a:b"],
    [[null, "acme"], "-:acme"],
    [["org", "p", ""], "org:p:"],
  ] as const)("%j → %s", (parts, key) => {
    expect(cacheKey(...parts)).toBe(key);
  });
});
