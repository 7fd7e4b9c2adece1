import { describe, expect, it } from "vitest";
import { forEachOrg, mapSettled, type ActiveOrg } from "./active-orgs";

const org = (slug: string): ActiveOrg => ({
  id: slug,
  slug,
  databaseName: `db_${slug}`,
  clusterKey: "default",
});
const tick = () => new Promise((r) => setTimeout(r, 1));

describe("mapSettled", () => {
  it("keeps at most `limit` calls running, keeps order, and never throws", async () => {
    let running = 0;
    let peak = 0;
    const results = await mapSettled([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      peak = Math.max(peak, running);
      await tick();
      running--;
      if (n === 4) throw new Error("four");
      return n * 10;
    });
    expect(peak).toBe(3);
    expect(results.map((r) => (r.status === "fulfilled" ? r.value : (r.reason as Error).message))).toEqual([
      10,
      20,
      30,
      "four",
      50,
      60,
      70,
    ]);
  });

  it("handles nothing to do", async () => {
    expect(await mapSettled([], 4, async () => 1)).toEqual([]);
  });
});

describe("forEachOrg", () => {
  it("runs orgs one at a time and carries on past a failure", async () => {
    const order: string[] = [];
    let running = 0;
    const seen: string[] = [];
    const r = await forEachOrg(
      [org("a"), org("b"), org("c")],
      async (o) => {
        running++;
        expect(running).toBe(1);
        await tick();
        order.push(o.slug);
        running--;
        if (o.slug === "b") throw new Error("down");
        return o.slug.toUpperCase();
      },
      (o) => seen.push(o.slug),
    );
    expect(order).toEqual(["a", "b", "c"]);
    expect(r.done).toEqual([
      { slug: "a", result: "A" },
      { slug: "c", result: "C" },
    ]);
    expect(r.failed).toEqual([{ slug: "b", error: "down" }]);
    expect(seen).toEqual(["b"]);
  });
});
