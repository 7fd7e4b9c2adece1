import { describe, expect, it } from "vitest";
import { compareBaseline, snapshotItems } from "../baseline";
import type { SnapshotSource } from "../baseline";
import type { ChangesReportInput, IndicatorChange } from "./md-changes";
import { changesMarkdown, netIndicatorChanges, sinceLabel } from "./md-changes";

const src = (itemNum: number, title: string, finish: string): SnapshotSource => ({
  itemNum,
  title,
  start: "2025-03-01",
  finish,
  deadline: null,
  percentComplete: 0,
  indicator: "Not Started",
  draft: false,
});

describe("sinceLabel", () => {
  it.each([
    [{ kind: "baseline", name: "Q2 plan", takenOn: "2025-03-01" }, "baseline “Q2 plan” (2025-03-01)"],
    [{ kind: "date", date: "2025-03-07" }, "2025-03-07"],
  ] as const)("%o → %s", (since, want) => expect(sinceLabel(since)).toBe(want));
});

describe("netIndicatorChanges", () => {
  const c = (
    itemNum: number,
    from: IndicatorChange["from"],
    to: IndicatorChange["to"],
    date: string,
  ): IndicatorChange => ({
    itemNum,
    title: `Item ${itemNum}`,
    from,
    to,
    date,
  });
  const cases: {
    name: string;
    changes: IndicatorChange[];
    want: [number, string | null, string | null, string][];
  }[] = [
    { name: "none", changes: [], want: [] },
    {
      name: "several changes of one item collapse to first from → last to (given out of order)",
      changes: [
        c(1, "Starting Soon!", "Late Start!!", "2025-03-05"),
        c(1, "Not Started", "Starting Soon!", "2025-03-02"),
      ],
      want: [[1, "Not Started", "Late Start!!", "2025-03-05"]],
    },
    {
      name: "back where it began: left out",
      changes: [
        c(2, "In Progress", "Trending Late!", "2025-03-02"),
        c(2, "Trending Late!", "In Progress", "2025-03-04"),
      ],
      want: [],
    },
    {
      name: "most severe current indicator first, then number",
      changes: [
        c(5, "Not Started", "In Progress", "2025-03-02"),
        c(4, "In Progress", "Completed", "2025-03-02"),
        c(3, "In Progress", "Late Finish!!", "2025-03-03"),
        c(1, "Finishing Soon!", "Beyond Deadline!!!", "2025-03-03"),
        c(2, "Not Started", null, "2025-03-03"),
      ],
      want: [
        [1, "Finishing Soon!", "Beyond Deadline!!!", "2025-03-03"],
        [3, "In Progress", "Late Finish!!", "2025-03-03"],
        [5, "Not Started", "In Progress", "2025-03-02"],
        [4, "In Progress", "Completed", "2025-03-02"],
        [2, "Not Started", null, "2025-03-03"],
      ],
    },
  ];
  it.each(cases)("$name", ({ changes, want }) =>
    expect(netIndicatorChanges(changes).map((x) => [x.itemNum, x.from, x.to, x.date])).toEqual(want),
  );
});

describe("changesMarkdown", () => {
  const baseline = snapshotItems([
    src(1, "Design", "2025-03-10"),
    src(2, "Build | phase 1", "2025-03-20"),
    src(3, "Docs", "2025-03-20"),
    src(4, "Old task", "2025-03-12"),
  ]);
  const current = snapshotItems([
    src(1, "Design", "2025-03-14"),
    src(2, "Build | phase 1", "2025-03-18"),
    src(3, "Docs", "2025-03-20"),
    src(5, "New *vendor* risk", "2025-04-01"),
  ]);
  const input: ChangesReportInput = {
    project: { name: "Harbor Bridge", clientName: "Port Authority" },
    since: { kind: "baseline", name: "Kick-off", takenOn: "2025-03-01" },
    generatedOn: "2025-03-15",
    comparison: compareBaseline(current, baseline),
    titles: { 4: "Old task", 5: "New *vendor* risk" },
    created: [
      { itemNum: 6, title: "Second", type: "Action Item", date: "2025-03-09", by: "Bo Chen" },
      { itemNum: 5, title: "New *vendor* risk", type: "Risk", date: "2025-03-03", by: "Ana Ruiz" },
    ],
    closed: [{ itemNum: 3, title: "Docs", date: "2025-03-12", by: null }],
    indicatorChanges: [
      { itemNum: 1, title: "Design", from: "In Progress", to: "Late Finish!!", date: "2025-03-11" },
    ],
  };

  it("writes the whole report for a baseline", () => {
    expect(changesMarkdown(input)).toBe(
      [
        "# What changed since baseline “Kick-off” (2025-03-01) — Harbor Bridge (Port Authority)",
        "",
        "Generated 2025-03-15",
        "",
        "1 slipped · 1 pulled in · 1 added · 1 removed · 2 created · 1 closed · 1 indicator change",
        "",
        "## Slipped (1)",
        "",
        "| # | Title | Baseline finish | Current finish | Days late |",
        "| --- | --- | --- | --- | ---: |",
        "| 1 | Design | 2025-03-10 | 2025-03-14 | 4 |",
        "",
        "## Pulled in (1)",
        "",
        "| # | Title | Baseline finish | Current finish | Days earlier |",
        "| --- | --- | --- | --- | ---: |",
        "| 2 | Build \\| phase 1 | 2025-03-20 | 2025-03-18 | 2 |",
        "",
        "## Added (1)",
        "",
        "| # | Title |",
        "| --- | --- |",
        "| 5 | New \\*vendor\\* risk |",
        "",
        "## Removed (1)",
        "",
        "| # | Title |",
        "| --- | --- |",
        "| 4 | Old task |",
        "",
        "## Created (2)",
        "",
        "| # | Type | Title | Created | By |",
        "| --- | --- | --- | --- | --- |",
        "| 5 | Risk | New \\*vendor\\* risk | 2025-03-03 | Ana Ruiz |",
        "| 6 | Action Item | Second | 2025-03-09 | Bo Chen |",
        "",
        "## Closed (1)",
        "",
        "| # | Title | Closed | By |",
        "| --- | --- | --- | --- |",
        "| 3 | Docs | 2025-03-12 |  |",
        "",
        "## Indicator changes (1)",
        "",
        "| # | Title | Was | Now | Changed |",
        "| --- | --- | --- | --- | --- |",
        "| 1 | Design | In Progress | Late Finish!! | 2025-03-11 |",
        "",
      ].join("\n"),
    );
  });

  it("since a date: no baseline sections, empty ones say None", () => {
    const md = changesMarkdown({
      ...input,
      since: { kind: "date", date: "2025-03-08" },
      project: { name: "Harbor Bridge", clientName: null },
      comparison: null,
      created: [],
      indicatorChanges: [],
    });
    expect(md.split("\n").slice(0, 5)).toEqual([
      "# What changed since 2025-03-08 — Harbor Bridge",
      "",
      "Generated 2025-03-15",
      "",
      "0 created · 1 closed · 0 indicator changes",
    ]);
    expect(md.match(/^## .*$/gm)).toEqual(["## Created (0)", "## Closed (1)", "## Indicator changes (0)"]);
    expect(md).toContain("## Created (0)\n\n_None._\n");
  });
});
