import { describe, expect, it } from "vitest";
import type { BaselineItem, SnapshotSource } from "./baseline";
import { baselineBars, compareBaseline, snapshotItems } from "./baseline";

const src = (itemNum: number, finish: string | null, over: Partial<SnapshotSource> = {}): SnapshotSource => ({
  itemNum,
  title: `Item ${itemNum}`,
  start: finish ? "2025-03-01" : null,
  finish,
  deadline: null,
  percentComplete: 0,
  indicator: finish ? "Not Started" : null,
  draft: false,
  ...over,
});

describe("snapshotItems", () => {
  const items = [
    src(3, "2025-03-10", {
      percentComplete: 40,
      indicator: "In Progress",
      deadline: "2025-03-12",
      description: "x",
    } as Partial<SnapshotSource>),
    src(1, "2025-03-05"),
    src(2, "2025-03-06", { draft: true }),
    src(4, "2025-03-07", { deleted: true }),
  ];

  it("keeps exactly the SPEC fields of non-draft, non-deleted items, by number", () => {
    expect(snapshotItems(items)).toEqual([
      {
        itemNum: 1,
        title: "Item 1",
        start: "2025-03-01",
        finish: "2025-03-05",
        deadline: null,
        percentComplete: 0,
        indicator: "Not Started",
      },
      {
        itemNum: 3,
        title: "Item 3",
        start: "2025-03-01",
        finish: "2025-03-10",
        deadline: "2025-03-12",
        percentComplete: 40,
        indicator: "In Progress",
      },
    ]);
  });

  it("can include drafts, never deleted items", () => {
    expect(snapshotItems(items, { includeDrafts: true }).map((i) => i.itemNum)).toEqual([1, 2, 3]);
  });
});

/**
 * Hand-worked comparison. Baseline (taken 2025-03-01) vs today's plan:
 *
 *  #  baseline finish  current finish   →
 *  1  03-10            03-10            unchanged
 *  2  03-10            03-17            slipped 7 days
 *  3  03-20            03-22            slipped 2 days
 *  4  03-20            03-18            pulled in 2 days
 *  5  03-31            03-21            pulled in 10 days
 *  6  03-15            (deleted)        removed
 *  7  03-15            (now a draft)    removed
 *  8  —                03-25            added after the baseline
 *  9  (draft then)     03-12            added (it joined the plan)
 * 10  —                03-28            finish set since: neither slipped nor pulled in
 * 11  03-12            03-19            slipped 7 days (ties with #2: lower number first)
 */
describe("compareBaseline: hand-worked", () => {
  const baseline = snapshotItems([
    src(1, "2025-03-10"),
    src(2, "2025-03-10"),
    src(3, "2025-03-20"),
    src(4, "2025-03-20"),
    src(5, "2025-03-31"),
    src(6, "2025-03-15"),
    src(7, "2025-03-15"),
    src(9, "2025-03-12", { draft: true }),
    src(10, null),
    src(11, "2025-03-12"),
  ]);
  const current = snapshotItems([
    src(1, "2025-03-10"),
    src(2, "2025-03-17"),
    src(3, "2025-03-22"),
    src(4, "2025-03-18"),
    src(5, "2025-03-21"),
    src(6, "2025-03-15", { deleted: true }),
    src(7, "2025-03-15", { draft: true }),
    src(8, "2025-03-25"),
    src(9, "2025-03-12"),
    src(10, "2025-03-28"),
    src(11, "2025-03-19"),
  ]);
  const cmp = compareBaseline(current, baseline);

  it("lists slipped items, largest first, ties by number", () => {
    expect(
      cmp.slipped.map(({ itemNum, baselineFinish, currentFinish, days }) => ({
        itemNum,
        baselineFinish,
        currentFinish,
        days,
      })),
    ).toEqual([
      { itemNum: 2, baselineFinish: "2025-03-10", currentFinish: "2025-03-17", days: 7 },
      { itemNum: 11, baselineFinish: "2025-03-12", currentFinish: "2025-03-19", days: 7 },
      { itemNum: 3, baselineFinish: "2025-03-20", currentFinish: "2025-03-22", days: 2 },
    ]);
  });

  it("lists pulled-in items with positive days earlier", () => {
    expect(cmp.pulledIn.map((p) => [p.itemNum, p.days])).toEqual([
      [5, 10],
      [4, 2],
    ]);
  });

  it("lists added and removed items", () => {
    expect(cmp.added).toEqual([8, 9]);
    expect(cmp.removed).toEqual([6, 7]);
  });

  it("a plan compared with itself has no changes", () => {
    expect(compareBaseline(baseline, baseline)).toEqual({
      slipped: [],
      pulledIn: [],
      added: [],
      removed: [],
    });
  });
});

describe("compareBaseline: edge cases", () => {
  const b = (itemNum: number, finish: string | null): BaselineItem => ({
    itemNum,
    title: `#${itemNum}`,
    start: null,
    finish,
    deadline: null,
    percentComplete: 0,
    indicator: null,
  });
  const cases: {
    name: string;
    current: BaselineItem[];
    baseline: BaselineItem[];
    want: ReturnType<typeof compareBaseline>;
  }[] = [
    {
      name: "both empty",
      current: [],
      baseline: [],
      want: { slipped: [], pulledIn: [], added: [], removed: [] },
    },
    {
      name: "finish cleared",
      current: [b(1, null)],
      baseline: [b(1, "2025-01-01")],
      want: { slipped: [], pulledIn: [], added: [], removed: [] },
    },
    {
      name: "across a year end",
      current: [b(1, "2026-01-02")],
      baseline: [b(1, "2025-12-30")],
      want: {
        slipped: [
          { itemNum: 1, title: "#1", baselineFinish: "2025-12-30", currentFinish: "2026-01-02", days: 3 },
        ],
        pulledIn: [],
        added: [],
        removed: [],
      },
    },
    {
      name: "everything new",
      current: [b(2, null), b(1, null)],
      baseline: [],
      want: { slipped: [], pulledIn: [], added: [1, 2], removed: [] },
    },
    {
      name: "everything gone",
      current: [],
      baseline: [b(2, null), b(1, null)],
      want: { slipped: [], pulledIn: [], added: [], removed: [1, 2] },
    },
  ];
  it.each(cases)("$name", ({ current, baseline, want }) =>
    expect(compareBaseline(current, baseline)).toEqual(want),
  );
});

describe("baselineBars", () => {
  it("gives ghost bars for dated items only", () => {
    const snap = snapshotItems([src(1, "2025-03-10"), src(2, null), src(3, "2025-03-12", { start: null })]);
    expect(baselineBars(snap)).toEqual([{ itemNum: 1, start: "2025-03-01", finish: "2025-03-10" }]);
  });
});
