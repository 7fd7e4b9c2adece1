import { describe, expect, it } from "vitest";
import { dayNumber } from "@/domain/dates";
import { criticalPath } from "@/domain/critical-path";
import { compareBaseline, snapshotItems, type SnapshotSource } from "@/domain/baseline";
import { rangeOf } from "./scale";
import {
  baselineIdOf,
  cpmIndex,
  criticalLinks,
  finishShift,
  ghostExtent,
  pathSummary,
  shiftTag,
  shiftText,
  slackLabel,
  slackText,
  unscheduledText,
  type CpmInfo,
} from "./schedule";

describe("slackText", () => {
  it.each([
    [0, "Critical — no slack"],
    [1, "Slack: 1 day"],
    [3, "Slack: 3 days"],
    [120, "Slack: 120 days"],
  ])("%i → %s", (slack, text) => {
    expect(slackText(slack)).toBe(text);
  });
});

describe("unscheduledText / slackLabel", () => {
  const dated = { draft: false, start: "2026-03-02", finish: "2026-03-06" };
  it.each([
    ["a draft", { ...dated, draft: true }, "No slack: drafts are not part of the plan"],
    ["no start", { ...dated, start: null }, "No slack: needs both a start and a finish"],
    ["no finish", { ...dated, finish: null }, "No slack: needs both a start and a finish"],
    ["dated but left out", dated, "No slack: left out (finish before start, or a dependency loop)"],
  ] as const)("%s", (_name, item, text) => {
    expect(unscheduledText(item)).toBe(text);
    expect(slackLabel(undefined, item)).toBe(text);
  });
  it("uses the CPM slack when the item is scheduled", () => {
    const info: CpmInfo = {
      itemNum: 1,
      es: "2026-03-02",
      ef: "2026-03-06",
      ls: "2026-03-04",
      lf: "2026-03-08",
      slack: 2,
    };
    expect(slackLabel(info, dated)).toBe("Slack: 2 days");
  });
});

describe("criticalLinks", () => {
  // 1 → 2 → 4 is the long chain; 1 → 3 has slack; 5 → 4 joins the path but 4 waits for 2.
  const plan = [
    { itemNum: 1, start: "2026-03-02", finish: "2026-03-06", draft: false, dependsOn: [] },
    { itemNum: 2, start: "2026-03-07", finish: "2026-03-20", draft: false, dependsOn: [1] },
    { itemNum: 3, start: "2026-03-09", finish: "2026-03-10", draft: false, dependsOn: [1] },
    { itemNum: 4, start: "2026-03-21", finish: "2026-03-27", draft: false, dependsOn: [2, 5] },
    { itemNum: 5, start: "2026-03-02", finish: "2026-03-03", draft: false, dependsOn: [] },
  ];
  const cp = criticalPath(plan);
  const cpm = cpmIndex(cp.items);
  const links = plan.flatMap((i) => i.dependsOn.map((from) => ({ from, to: i.itemNum })));

  it("the CPM agrees with the hand-worked plan", () => {
    expect(cp.path).toEqual([1, 2, 4]);
    expect(cp.finish).toBe("2026-03-27");
    expect(cpm.get(3)?.slack).toBe(17);
    expect(cpm.get(5)?.slack).toBe(17);
  });

  it.each([
    ["1-2", true, "critical prerequisite drives a critical item"],
    ["2-4", true, "the last link of the path"],
    ["1-3", false, "the dependent item has slack"],
    ["5-4", false, "the prerequisite has slack"],
  ])("%s → %s (%s)", (key, expected) => {
    expect(criticalLinks(links, cpm).has(key)).toBe(expected);
  });

  it("leaves out a link between two critical items that does not drive", () => {
    // 8 and 9 run in parallel to the end; 9 depends on 8 but starts long after 8 finishes because of 10.
    const cpm2 = cpmIndex([
      { itemNum: 8, es: "2026-03-02", ef: "2026-03-03", ls: "2026-03-02", lf: "2026-03-03", slack: 0 },
      { itemNum: 9, es: "2026-03-10", ef: "2026-03-12", ls: "2026-03-10", lf: "2026-03-12", slack: 0 },
    ]);
    expect(criticalLinks([{ from: 8, to: 9 }], cpm2).size).toBe(0);
  });

  it("ignores links whose ends are not scheduled", () => {
    expect(criticalLinks([{ from: 1, to: 99 }], cpm).size).toBe(0);
  });
});

describe("ghostExtent", () => {
  const range = rangeOf(["2026-03-02", "2026-03-31"], "2026-03-10");
  const x = (d: string, ppd: number) => (dayNumber(d) - range.startDay) * ppd;
  it.each([
    // [start, finish, ppd, left, width]: whole days, end day included.
    ["2026-03-02", "2026-03-06", 14, x("2026-03-02", 14), 5 * 14],
    ["2026-03-09", "2026-03-09", 32, x("2026-03-09", 32), 32],
    // Reversed dates are swapped, as for the current bars.
    ["2026-03-06", "2026-03-02", 14, x("2026-03-02", 14), 5 * 14],
    // At month zoom a one-day bar keeps a visible minimum width.
    ["2026-03-09", "2026-03-09", 0.5, x("2026-03-09", 0.5), 4],
  ])("%s – %s at %f px/day", (start, finish, ppd, left, width) => {
    expect(ghostExtent({ start, finish }, range, ppd)).toEqual({ left, width });
  });
  it.each([
    [null, "2026-03-06"],
    ["2026-03-02", null],
  ])("no ghost without both dates (%s, %s)", (start, finish) => {
    expect(ghostExtent({ start, finish }, range, 14)).toBeNull();
  });
});

describe("finishShift / shiftText / shiftTag", () => {
  it.each([
    ["2026-03-20", "2026-03-25", 5, "5 days later than the baseline", "+5d"],
    ["2026-03-20", "2026-03-21", 1, "1 day later than the baseline", "+1d"],
    ["2026-03-20", "2026-03-18", -2, "2 days earlier than the baseline", "−2d"],
    ["2026-03-20", "2026-03-20", 0, "as in the baseline", ""],
    // Across a month end and a leap day.
    ["2028-02-27", "2028-03-01", 3, "3 days later than the baseline", "+3d"],
  ])("%s → %s", (base, now, shift, text, tag) => {
    expect(finishShift(base, now)).toBe(shift);
    expect(shiftText(shift)).toBe(text);
    expect(shiftTag(shift)).toBe(tag);
  });
  it("is null when either finish is unset", () => {
    expect(finishShift(null, "2026-03-20")).toBeNull();
    expect(finishShift("2026-03-20", null)).toBeNull();
  });
  it("agrees with the compare rule's days for a slipped item", () => {
    const base: SnapshotSource[] = [
      {
        itemNum: 1,
        title: "A",
        start: "2026-03-02",
        finish: "2026-03-20",
        deadline: null,
        percentComplete: 0,
        indicator: null,
        draft: false,
      },
    ];
    const now = [{ ...base[0]!, finish: "2026-03-27" }];
    const cmp = compareBaseline(snapshotItems(now), snapshotItems(base));
    expect(cmp.slipped[0]?.days).toBe(finishShift("2026-03-20", "2026-03-27"));
  });
});

describe("pathSummary", () => {
  it.each([
    [[], ""],
    [[4], "#4"],
    [[1, 2, 4], "#1 → #2 → #4"],
    [[1, 2, 3, 4, 5, 6, 7, 8], "#1 → #2 → #3 → #4 → #5 → #6 → #7 → #8"],
    [[1, 2, 3, 4, 5, 6, 7, 8, 9], "#1 → #2 → #3 → … → #8 → #9"],
  ])("%j → %s", (path, text) => {
    expect(pathSummary(path)).toBe(text);
  });
});

describe("baselineIdOf", () => {
  it.each([
    ["0b7f3c7e-1f0a-4c55-9a51-2d1b1e0f9a10", "0b7f3c7e-1f0a-4c55-9a51-2d1b1e0f9a10"],
    [null, null],
    ["", null],
    ["latest", null],
    ["0b7f3c7e-1f0a-4c55-9a51-2d1b1e0f9a1", null],
  ])("%s → %s", (raw, id) => {
    expect(baselineIdOf(raw)).toBe(id);
  });
});
