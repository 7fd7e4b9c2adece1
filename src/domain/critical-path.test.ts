import { describe, expect, it } from "vitest";
import type { ScheduleItemInput } from "./critical-path";
import { buildScheduleGraph, computeSchedule, criticalPath } from "./critical-path";
import { addDays, daysBetween } from "./dates";

const it_ = (
  itemNum: number,
  start: string | null,
  finish: string | null,
  dependsOn: number[] = [],
  over: Partial<ScheduleItemInput> = {},
): ScheduleItemInput => ({
  itemNum,
  start,
  finish,
  draft: false,
  dependsOn,
  ...over,
});

/**
 * Hand-worked project (March 2025; d = finish − start + 1).
 *
 *  #  start  finish  d   depends on
 *  1  03-03  03-07   5   —
 *  2  03-10  03-21  12   1
 *  3  03-10  03-12   3   1
 *  4  03-20  03-26   7   2
 *  5  03-27  03-28   2   3, 4
 *  6  03-15  03-18   4   3
 *  7  03-01  03-31  31   1        draft → not scheduled
 *  8  —      03-20       —        no start → not scheduled
 *  9  03-24  03-30   7   7        its only dependency is the draft → ignored
 *
 * Forward pass (ES = max(own start, pred EF + 1), EF = ES + d − 1):
 *  1: ES 03-03                          EF 03-07
 *  2: ES max(03-10, 03-08) = 03-10      EF 03-21
 *  3: ES max(03-10, 03-08) = 03-10      EF 03-12
 *  4: ES max(03-20, 03-22) = 03-22      EF 03-28
 *  5: ES max(03-27, 03-13, 03-29)=03-29 EF 03-30
 *  6: ES max(03-15, 03-13) = 03-15      EF 03-18
 *  9: ES 03-24                          EF 03-30
 *  Project finish = max EF = 03-30.
 * Backward pass (LF = min succ LS − 1, else project finish; LS = LF − d + 1):
 *  5: LF 03-30 LS 03-29 slack 0
 *  9: LF 03-30 LS 03-24 slack 0
 *  6: LF 03-30 LS 03-27 slack 12 (03-27 − 03-15)
 *  4: LF 03-28 (5: 03-29 − 1) LS 03-22 slack 0
 *  3: LF min(03-29, 03-27) − 1 = 03-26, LS 03-24 slack 14
 *  2: LF 03-21 (4: 03-22 − 1) LS 03-10 slack 0
 *  1: LF min(03-10, 03-24) − 1 = 03-09, LS 03-05 slack 2 — item 2's own start
 *     (03-10) leaves two days of room after item 1, so 1 is not critical.
 * Critical: 2, 4, 5, 9. Chains ending at 03-30: [2, 4, 5] (2→4: 03-21 + 1 = 03-22 ✓,
 * 4→5: 03-28 + 1 = 03-29 ✓) and [9]; [2, 4, 5] sorts first.
 */
const HAND: ScheduleItemInput[] = [
  it_(1, "2025-03-03", "2025-03-07"),
  it_(2, "2025-03-10", "2025-03-21", [1]),
  it_(3, "2025-03-10", "2025-03-12", [1]),
  it_(4, "2025-03-20", "2025-03-26", [2]),
  it_(5, "2025-03-27", "2025-03-28", [3, 4]),
  it_(6, "2025-03-15", "2025-03-18", [3]),
  it_(7, "2025-03-01", "2025-03-31", [1], { draft: true }),
  it_(8, null, "2025-03-20"),
  it_(9, "2025-03-24", "2025-03-30", [7]),
];

describe("critical path of the hand-worked project", () => {
  const r = criticalPath(HAND);

  it("finds the project finish and the path", () => {
    expect(r.finish).toBe("2025-03-30");
    expect(r.start).toBe("2025-03-03");
    expect(r.path).toEqual([2, 4, 5]);
  });

  it("gives ES/EF/LS/LF and slack for every scheduled item", () => {
    expect(r.items).toEqual([
      {
        itemNum: 1,
        es: "2025-03-03",
        ef: "2025-03-07",
        ls: "2025-03-05",
        lf: "2025-03-09",
        slack: 2,
        critical: false,
      },
      {
        itemNum: 2,
        es: "2025-03-10",
        ef: "2025-03-21",
        ls: "2025-03-10",
        lf: "2025-03-21",
        slack: 0,
        critical: true,
      },
      {
        itemNum: 3,
        es: "2025-03-10",
        ef: "2025-03-12",
        ls: "2025-03-24",
        lf: "2025-03-26",
        slack: 14,
        critical: false,
      },
      {
        itemNum: 4,
        es: "2025-03-22",
        ef: "2025-03-28",
        ls: "2025-03-22",
        lf: "2025-03-28",
        slack: 0,
        critical: true,
      },
      {
        itemNum: 5,
        es: "2025-03-29",
        ef: "2025-03-30",
        ls: "2025-03-29",
        lf: "2025-03-30",
        slack: 0,
        critical: true,
      },
      {
        itemNum: 6,
        es: "2025-03-15",
        ef: "2025-03-18",
        ls: "2025-03-27",
        lf: "2025-03-30",
        slack: 12,
        critical: false,
      },
      {
        itemNum: 9,
        es: "2025-03-24",
        ef: "2025-03-30",
        ls: "2025-03-24",
        lf: "2025-03-30",
        slack: 0,
        critical: true,
      },
    ]);
    expect(r.excluded).toEqual({ cycle: [], invalidDates: [] });
  });

  it("does not depend on the order items are given in", () => {
    expect(criticalPath([...HAND].reverse())).toEqual(r);
  });
});

describe("critical path rules", () => {
  const cases: {
    name: string;
    items: ScheduleItemInput[];
    path: number[];
    finish: string | null;
    slack?: Record<number, number>;
    excluded?: { cycle: number[]; invalidDates: number[] };
  }[] = [
    {
      name: "nothing scheduled",
      items: [it_(1, null, null), it_(2, "2025-01-01", "2025-01-02", [], { draft: true })],
      path: [],
      finish: null,
    },
    {
      name: "one item",
      items: [it_(4, "2025-01-01", "2025-01-01")],
      path: [4],
      finish: "2025-01-01",
      slack: { 4: 0 },
    },
    {
      // Two identical chains 3→1 and 2→4 (each 2 + 2 days): [2, 4] sorts before [3, 1].
      name: "tie: the chain whose item numbers sort first",
      items: [
        it_(3, "2025-01-01", "2025-01-02"),
        it_(1, "2025-01-03", "2025-01-04", [3]),
        it_(2, "2025-01-01", "2025-01-02"),
        it_(4, "2025-01-03", "2025-01-04", [2]),
      ],
      path: [2, 4],
      finish: "2025-01-04",
      slack: { 1: 0, 2: 0, 3: 0, 4: 0 },
    },
    {
      // 1 → {3, 2} → 4, both branches 3 days: after 1 the lower next item (2) is taken.
      name: "tie inside a chain: lowest next item",
      items: [
        it_(1, "2025-01-01", "2025-01-01"),
        it_(3, "2025-01-02", "2025-01-04", [1]),
        it_(2, "2025-01-02", "2025-01-04", [1]),
        it_(4, "2025-01-05", "2025-01-05", [2, 3]),
      ],
      path: [1, 2, 4],
      finish: "2025-01-05",
    },
    {
      // 1 (Jan 1–10) → 2 (planned Jan 3–4) is pushed to Jan 11–12; 3 is free-standing to Jan 20.
      name: "a dependency pushes a successor; a long free item sets the finish",
      items: [
        it_(1, "2025-01-01", "2025-01-10"),
        it_(2, "2025-01-03", "2025-01-04", [1]),
        it_(3, "2025-01-05", "2025-01-20"),
      ],
      path: [3],
      finish: "2025-01-20",
      slack: { 1: 8, 2: 8, 3: 0 },
    },
    {
      name: "dependencies on unscheduled, unknown and duplicated items",
      items: [
        it_(1, "2025-01-01", "2025-01-05"),
        it_(2, null, "2025-01-09"),
        it_(3, "2025-01-06", "2025-01-06", [1, 1, 2, 99]),
      ],
      path: [1, 3],
      finish: "2025-01-06",
    },
    {
      // 2 ↔ 3 is a cycle: both left out; 4 depends on 3 and keeps its own dates.
      name: "a cycle is reported and left out",
      items: [
        it_(1, "2025-01-01", "2025-01-02"),
        it_(2, "2025-01-03", "2025-01-04", [1, 3]),
        it_(3, "2025-01-05", "2025-01-06", [2]),
        it_(4, "2025-01-07", "2025-01-08", [3]),
        it_(5, "2025-01-01", "2025-01-01", [5]),
      ],
      path: [4],
      finish: "2025-01-08",
      slack: { 1: 6, 4: 0 },
      excluded: { cycle: [2, 3, 5], invalidDates: [] },
    },
    {
      name: "two cycles joined by a path: only the cycle members are left out",
      items: [
        it_(1, "2025-01-01", "2025-01-01", [2]),
        it_(2, "2025-01-01", "2025-01-01", [1]),
        it_(3, "2025-01-02", "2025-01-02", [2]),
        it_(4, "2025-01-03", "2025-01-03", [3, 5]),
        it_(5, "2025-01-03", "2025-01-03", [4]),
      ],
      path: [3],
      finish: "2025-01-02",
      excluded: { cycle: [1, 2, 4, 5], invalidDates: [] },
    },
    {
      name: "finish before start is left out",
      items: [it_(1, "2025-01-05", "2025-01-01"), it_(2, "2025-01-01", "2025-01-03", [1])],
      path: [2],
      finish: "2025-01-03",
      excluded: { cycle: [], invalidDates: [1] },
    },
  ];
  it.each(cases)("$name", ({ items, path, finish, slack, excluded }) => {
    const r = criticalPath(items);
    expect(r.path).toEqual(path);
    expect(r.finish).toBe(finish);
    if (slack) expect(Object.fromEntries(r.items.map((i) => [i.itemNum, i.slack]))).toEqual(slack);
    if (excluded) expect(r.excluded).toEqual(excluded);
  });
});

/** Seeded random DAGs: dependencies only point to lower numbers (plus a few unscheduled items). */
function randomProject(seed: number, n: number): ScheduleItemInput[] {
  let s = seed >>> 0;
  const rnd = (k: number) => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s % k;
  };
  return Array.from({ length: n }, (_, k) => {
    const start = addDays("2025-01-01", rnd(60));
    const deps = k === 0 ? [] : Array.from({ length: rnd(4) }, () => 1 + rnd(k));
    return it_(k + 1, rnd(10) === 0 ? null : start, addDays(start, rnd(15)), deps, { draft: rnd(15) === 0 });
  });
}

describe("critical path properties (seeded random projects)", () => {
  it("slack ≥ 0, critical ⇔ slack 0, finish ≥ every EF, the path is a driving chain of critical items", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const items = randomProject(seed, 1 + (seed % 40));
      const r = criticalPath(items);
      const byNum = new Map(r.items.map((i) => [i.itemNum, i]));
      const src = new Map(items.map((i) => [i.itemNum, i]));
      for (const i of r.items) {
        expect(i.slack).toBeGreaterThanOrEqual(0);
        expect(i.critical).toBe(i.slack === 0);
        expect(r.finish! >= i.ef).toBe(true);
        expect(i.es >= src.get(i.itemNum)!.start!).toBe(true);
        expect(daysBetween(i.es, i.ef)).toBe(
          daysBetween(src.get(i.itemNum)!.start!, src.get(i.itemNum)!.finish!),
        );
        for (const d of src.get(i.itemNum)!.dependsOn) {
          const p = byNum.get(d);
          if (p) expect(p.ef < i.es).toBe(true); // finish-to-start holds
        }
      }
      if (r.items.length === 0) continue;
      expect(r.path.length).toBeGreaterThan(0);
      expect(byNum.get(r.path.at(-1)!)!.ef).toBe(r.finish);
      for (let k = 0; k < r.path.length; k++) {
        const cur = byNum.get(r.path[k]!)!;
        expect(cur.critical).toBe(true);
        if (k > 0) {
          expect(src.get(cur.itemNum)!.dependsOn).toContain(r.path[k - 1]);
          expect(addDays(byNum.get(r.path[k - 1]!)!.ef, 1)).toBe(cur.es);
        }
      }
    }
  });
});

describe("scale", () => {
  it("a 10,000-item chain: no stack overflow, all critical", () => {
    const n = 10_000;
    const items = Array.from({ length: n }, (_, k) => it_(k + 1, "2025-01-01", "2025-01-01", k ? [k] : []));
    const r = criticalPath(items);
    expect(r.path).toHaveLength(n);
    expect(r.finish).toBe(addDays("2025-01-01", n - 1));
    expect(r.items.every((i) => i.slack === 0)).toBe(true);
  });

  it("a 10,000-item cycle is reported, not looped over", () => {
    const n = 10_000;
    const items = Array.from({ length: n }, (_, k) =>
      it_(k + 1, "2025-01-01", "2025-01-02", [k === 0 ? n : k]),
    );
    const g = buildScheduleGraph(items);
    expect(g.excluded.cycle).toHaveLength(n);
    expect(g.order).toHaveLength(0);
    expect(computeSchedule(g).finish).toBeNull();
  });

  it("rejects a duplicated item number", () => {
    expect(() =>
      criticalPath([it_(1, "2025-01-01", "2025-01-01"), it_(1, "2025-01-02", "2025-01-02")]),
    ).toThrow(RangeError);
  });
});
