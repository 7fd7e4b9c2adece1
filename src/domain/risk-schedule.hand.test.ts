/**
 * One small project worked by hand from SPEC §13 through every module:
 * risk register (heat maps, exposure), critical path, baseline comparison
 * and forecast. Indicators come from the real indicator rules as of TODAY.
 *
 *  #  type         title             start  finish pct deps  P I rP rI  cost      days  notes
 *  1  Plan Item    Design            04-01  04-04  100  —                                 finished
 *  2  Plan Item    Build             04-07  04-18   30  1
 *  3  Deliverable  Test              04-19  04-23    0  2
 *  4  Action Item  Docs              04-07  04-11    0  1
 *  5  Deliverable  Go-live           04-24  04-24    0  3,4
 *  6  Risk         Supplier late       —    04-30    0       4 4 2 3   40000.00  10    residual set
 *  7  Risk         Key person leaves   —      —      0       3 5 - -   25000.55  15    no residual
 *  8  Risk         Permit refused      —    04-05  100       5 5 - -   99999.00  30    closed
 *  9  Risk         Weather             —      —      0       4 3 - -    5000.00   5    draft
 * 10  Issue        Crane broken        —      —     10       5 4 - -    8000.00   3    issue
 * 11  Plan Item    Phase 2           04-01  05-30    0  5                                 draft
 */
import { describe, expect, it } from "vitest";
import { compareBaseline, snapshotItems } from "./baseline";
import { criticalPath } from "./critical-path";
import { forecastFinish } from "./forecast";
import { withIndicators } from "./indicators";
import { buildRiskRegister } from "./risk";
import type { Indicator, ItemType } from "./types";
import { gridOf } from "./testing/heat-grid";

const TODAY = "2025-04-10";

type Row = {
  itemNum: number;
  type: ItemType;
  title: string;
  start: string | null;
  finish: string | null;
  deadline: string | null;
  duration: number | null;
  percentComplete: number;
  draft: boolean;
  deleted?: boolean;
  dependsOn: number[];
  indicator: Indicator | null;
  probability: number | null;
  impact: number | null;
  residualProbability: number | null;
  residualImpact: number | null;
  costImpact: string | null;
  scheduleImpactDays: number | null;
  riskOwner: string | null;
  mitigation: string | null;
  contingency: string | null;
};

const row = (
  itemNum: number,
  type: ItemType,
  title: string,
  start: string | null,
  finish: string | null,
  percentComplete: number,
  dependsOn: number[],
  risk: Partial<Row> = {},
): Row => ({
  itemNum,
  type,
  title,
  start: start && `2025-${start}`,
  finish: finish && `2025-${finish}`,
  deadline: null,
  duration: null,
  percentComplete,
  draft: false,
  dependsOn,
  indicator: null,
  probability: null,
  impact: null,
  residualProbability: null,
  residualImpact: null,
  costImpact: null,
  scheduleImpactDays: null,
  riskOwner: null,
  mitigation: null,
  contingency: null,
  ...risk,
});

const PROJECT = withIndicators(
  [
    row(1, "Plan Item", "Design", "04-01", "04-04", 100, []),
    row(2, "Plan Item", "Build", "04-07", "04-18", 30, [1]),
    row(3, "Deliverable", "Test", "04-19", "04-23", 0, [2]),
    row(4, "Action Item", "Docs", "04-07", "04-11", 0, [1]),
    row(5, "Deliverable", "Go-live", "04-24", "04-24", 0, [3, 4]),
    row(6, "Risk", "Supplier late", null, "04-30", 0, [], {
      probability: 4,
      impact: 4,
      residualProbability: 2,
      residualImpact: 3,
      costImpact: "40000.00",
      scheduleImpactDays: 10,
      riskOwner: "Ana Ruiz",
      mitigation: "Second supplier on standby",
    }),
    row(7, "Risk", "Key person leaves", null, null, 0, [], {
      probability: 3,
      impact: 5,
      costImpact: "25000.55",
      scheduleImpactDays: 15,
    }),
    row(8, "Risk", "Permit refused", null, "04-05", 100, [], {
      probability: 5,
      impact: 5,
      costImpact: "99999.00",
      scheduleImpactDays: 30,
    }),
    row(9, "Risk", "Weather", null, null, 0, [], {
      draft: true,
      probability: 4,
      impact: 3,
      costImpact: "5000.00",
      scheduleImpactDays: 5,
    }),
    row(10, "Issue", "Crane broken", null, null, 10, [], {
      probability: 5,
      impact: 4,
      costImpact: "8000.00",
      scheduleImpactDays: 3,
    }),
    row(11, "Plan Item", "Phase 2", "04-01", "05-30", 0, [5], { draft: true }),
  ],
  TODAY,
);

describe("hand-worked project: risk register", () => {
  const reg = buildRiskRegister(PROJECT);

  it("indicators as the rules give them", () => {
    // #8 is 100 % done (Completed Recently) → not an open risk; #7 has no dates → no indicator, still open.
    expect(PROJECT.filter((i) => i.type === "Risk").map((i) => [i.itemNum, i.indicator])).toEqual([
      [6, "Not Started"],
      [7, null],
      [8, "Completed Recently"],
      [9, null],
    ]);
  });

  it("register: Risks and Issues with scores and bands", () => {
    expect(
      reg.risks.map((r) => [r.itemNum, r.score, r.band, r.residualScore, r.currentScore, r.open]),
    ).toEqual([
      // by current score: #8 25, #10 20, #7 15, #9 12, #6 6
      [8, 25, "extreme", null, 25, false],
      [10, 20, "extreme", null, 20, false],
      [7, 15, "high", null, 15, true],
      [9, 12, "high", null, 12, false],
      [6, 16, "high", 6, 6, true],
    ]);
  });

  it("heat maps: open risks #6 and #7 only", () => {
    // inherent: #6 at P4/I4, #7 at P3/I5; residual: #6 at P2/I3, #7 falls back to P3/I5.
    expect(reg.heatMap.inherent).toEqual(
      gridOf([
        [4, 4],
        [3, 5],
      ]),
    );
    expect(reg.heatMap.residual).toEqual(
      gridOf([
        [2, 3],
        [3, 5],
      ]),
    );
  });

  it("exposure: money and days by current assessment", () => {
    // #6 residual P2 → 30 %: 0.3 × 40000.00 = 12000.00, 0.3 × 10 = 3.0 days
    // #7 inherent P3 → 50 %: 0.5 × 25000.55 = 12500.275, 0.5 × 15 = 7.5 days
    // cost 24500.275 → 24500.28 (half-up); days 10.5; worst #7 (12500.275 → 12500.28)
    expect(reg.exposure).toEqual({
      cost: "24500.28",
      days: 10.5,
      worst: { itemNum: 7, title: "Key person leaves", cost: "12500.28", days: 7.5, score: 15 },
      risks: 2,
    });
  });
});

describe("hand-worked project: critical path", () => {
  /**
   * Scheduled: 1–5 (risks have no start; 11 is a draft, so 5 → 11 is ignored).
   * Forward:  1 04-01…04-04; 2 max(04-07, 04-05) = 04-07…04-18; 4 04-07…04-11;
   *           3 max(04-19, 04-19) = 04-19…04-23; 5 max(04-24, 04-24, 04-12) = 04-24…04-24.
   *           Project finish 04-24.
   * Backward: 5 LF 04-24 LS 04-24 slack 0; 3 LF 04-23 LS 04-19 slack 0;
   *           4 LF 04-23 LS 04-19 slack 12; 2 LF 04-18 LS 04-07 slack 0;
   *           1 LF min(04-07, 04-19) − 1 = 04-06, LS 04-03, slack 2.
   * Path: 2 → 3 → 5 (1 is not critical: Build cannot start before 04-07 anyway).
   */
  it("ES/EF/LS/LF, slack and the path", () => {
    const r = criticalPath(PROJECT);
    expect(r.path).toEqual([2, 3, 5]);
    expect(r.finish).toBe("2025-04-24");
    expect(r.items.map((i) => [i.itemNum, i.es, i.ef, i.ls, i.lf, i.slack])).toEqual([
      [1, "2025-04-01", "2025-04-04", "2025-04-03", "2025-04-06", 2],
      [2, "2025-04-07", "2025-04-18", "2025-04-07", "2025-04-18", 0],
      [3, "2025-04-19", "2025-04-23", "2025-04-19", "2025-04-23", 0],
      [4, "2025-04-07", "2025-04-11", "2025-04-19", "2025-04-23", 12],
      [5, "2025-04-24", "2025-04-24", "2025-04-24", "2025-04-24", 0],
    ]);
  });
});

describe("hand-worked project: baseline", () => {
  it("slip, pull-in, added and removed after a re-plan", () => {
    const baseline = snapshotItems(PROJECT);
    expect(baseline.map((b) => b.itemNum)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 10]); // drafts 9 and 11 are not in the plan
    const replanned = [
      ...PROJECT.map((i) =>
        i.itemNum === 2
          ? { ...i, finish: "2025-04-22" } // +4 days
          : i.itemNum === 4
            ? { ...i, finish: "2025-04-09" } // 2 days earlier
            : i.itemNum === 8
              ? { ...i, deleted: true }
              : i,
      ),
      row(12, "Risk", "New risk", null, null, 0, []),
    ];
    expect(compareBaseline(snapshotItems(replanned), baseline)).toEqual({
      slipped: [
        { itemNum: 2, title: "Build", baselineFinish: "2025-04-18", currentFinish: "2025-04-22", days: 4 },
      ],
      pulledIn: [
        { itemNum: 4, title: "Docs", baselineFinish: "2025-04-11", currentFinish: "2025-04-09", days: 2 },
      ],
      added: [12],
      removed: [8],
    });
  });
});

describe("hand-worked project: forecast", () => {
  /**
   * Baseline said Design (#1) would run 04-01…04-03 (3 days); it finished 04-04:
   * ratio (04-04 − 04-01 + 1) / 3 = 4/3, the only observation, so every run is the same.
   * Days as offsets into April, ends exclusive; open work resumes no earlier than 04-10:
   *  1 finished: end 5
   *  2 d 12, 30 % → 3.6 done, 8.4 left: resume max(7 + 3.6, 10) = 10.6, end 10.6 + 8.4 × 4/3 = 21.8
   *  4 d 5: resume max(max(7, 5), 10) = 10, end 10 + 5 × 4/3 = 16.67
   *  3 d 5: start max(19, 21.8) = 21.8, end 21.8 + 6.67 = 28.47
   *  5 d 1: start max(24, 28.47, 16.67) = 28.47, end 28.47 + 1.33 = 29.8 → last day 29
   * P50 = P80 = 2025-04-29; plan finish 2025-04-24.
   */
  it("P50/P80 by hand, and the same seed gives the same answer", () => {
    const opts = {
      today: TODAY,
      seed: 42,
      baseline: [{ itemNum: 1, start: "2025-04-01", finish: "2025-04-03" }],
    };
    const r = forecastFinish(PROJECT, opts);
    expect(r).toMatchObject({
      p50: "2025-04-29",
      p80: "2025-04-29",
      planFinish: "2025-04-24",
      openItems: 4,
      finishedItems: 1,
    });
    expect(r.observed).toEqual({ items: 1, meanSlipPct: 33 });
    expect(r.explanation).toContain(
      "Based on 1 finished item that finished 33 % later than planned on average",
    );
    expect(forecastFinish(PROJECT, opts)).toEqual(r);
  });
});
