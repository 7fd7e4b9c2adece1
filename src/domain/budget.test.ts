import { describe, expect, it } from "vitest";
import {
  budgetStatusOf,
  budgetStatusSentence,
  centsToDecimal,
  computeBudgetMetrics,
  decimalToCents,
  rollUpBudgets,
} from "./budget";
import type { BudgetInput, BudgetMetrics } from "./budget";
import { expected, loadBudget } from "./testing/fixtures";

const CENT = 0.01;
/** Money compares with a tolerance of one cent (fixtures/README.md). */
const expectMoney = (actual: number, want: number) =>
  expect(Math.abs(actual - want)).toBeLessThanOrEqual(CENT + 1e-9);

const fixture = expected.budget[0]!;
const { budget: file } = loadBudget(fixture.file);
const fixtureInput: BudgetInput = {
  rateCard: file.rateCard,
  allocations: file.allocations,
  timesheets: file.timesheets,
  projectEnd: null,
};

describe("computeBudgetMetrics against the fixture", () => {
  const m = computeBudgetMetrics(fixtureInput);
  const want = fixture.metrics;

  it("matches dates, week counts and status", () => {
    expect(m).toMatchObject({
      projStart: want.proj_start,
      projEnd: want.proj_end,
      updatesThru: want.updates_thru,
      weeksTotal: want.weeks_total,
      weeksCompleted: want.weeks_completed,
      weeksRemaining: want.weeks_remaining,
      budgetStatus: want.budget_status,
      burnPct: want.burn_pct,
      remainingPct: want.remaining_pct,
    });
  });

  it.each([
    ["budgetTotal", "budget_total"],
    ["burnToDate", "burn_to_date"],
    ["wklyAvgBurn", "wkly_avg_burn"],
    ["remainingBurn", "remaining_burn"],
    ["estTotalBurn", "est_total_burn"],
    ["budgetRemaining", "budget_remaining"],
  ] as const)("%s matches %s to the cent", (camel, snake) => {
    expectMoney(m[camel], want[snake]);
  });

  it("gives the weekly burn series of complete weeks, ascending", () => {
    expect(m.weeklyBurn.map((w) => w.weekEnding)).toEqual(fixture.weekly_burn.map((w) => w.week_ending));
    m.weeklyBurn.forEach((w, i) => {
      expectMoney(w.cost, fixture.weekly_burn[i]!.cost);
      expectMoney(w.cumulative, fixture.weekly_burn[i]!.cumulative);
    });
  });

  it("breaks burn down by resource over complete weeks only, by cost descending", () => {
    expect(m.resourceBurn.map((r) => r.resource)).toEqual(fixture.resource_burn.map((r) => r.resource));
    m.resourceBurn.forEach((r, i) => {
      expect(r.hours).toBe(fixture.resource_burn[i]!.hours);
      expectMoney(r.cost, fixture.resource_burn[i]!.cost);
    });
    // The fixture has an incomplete last week; counting it would give other hours.
    const allHours = file.timesheets
      .filter((t) => t.resource === m.resourceBurn[0]!.resource)
      .reduce((s, t) => s + Number(t.hours), 0);
    expect(allHours).not.toBe(fixture.resource_burn[0]!.hours);
  });

  it("gives shares that add up to 100 % (within rounding)", () => {
    const total = m.resourceBurn.reduce((s, r) => s + r.share, 0);
    expect(Math.abs(total - 100)).toBeLessThanOrEqual(0.1 * m.resourceBurn.length);
  });
});

const week = (weekEnding: string, cost: string, resource = "Ana", completeWeek = true) => ({
  resource,
  weekEnding,
  hours: "10.00",
  cost,
  completeWeek,
});
const input = (over: Partial<BudgetInput>): BudgetInput => ({
  rateCard: [],
  allocations: [],
  timesheets: [],
  projectEnd: null,
  ...over,
});

describe("computeBudgetMetrics edge cases", () => {
  it("handles no data at all without dividing by zero", () => {
    expect(computeBudgetMetrics(input({}))).toEqual({
      projStart: null,
      projEnd: null,
      updatesThru: null,
      budgetTotal: 0,
      burnToDate: 0,
      wklyAvgBurn: 0,
      weeksTotal: 0,
      weeksCompleted: 0,
      weeksRemaining: 0,
      remainingBurn: 0,
      estTotalBurn: 0,
      budgetRemaining: 0,
      budgetStatus: "under budget",
      burnPct: 0,
      remainingPct: 100,
      weeklyBurn: [],
      resourceBurn: [],
      budgetItemsTotal: 0,
      workstreamVariance: [],
      leftToSpend: 0,
      incompleteWeeks: [],
    });
  });

  it("ignores incomplete weeks entirely", () => {
    const m = computeBudgetMetrics(
      input({ timesheets: [week("2025-01-03", "100.00"), week("2025-01-10", "900.00", "Ana", false)] }),
    );
    expect(m).toMatchObject({
      projStart: "2025-01-03",
      updatesThru: "2025-01-03",
      burnToDate: 100,
      weeklyBurn: [{ weekEnding: "2025-01-03" }],
    });
  });

  it("with one complete week, weeks completed is 0 and so is the weekly average (SPEC §5 as written)", () => {
    const m = computeBudgetMetrics(
      input({ timesheets: [week("2025-01-03", "500.00")], projectEnd: "2025-03-28" }),
    );
    expect(m).toMatchObject({
      weeksCompleted: 0,
      weeksTotal: 12,
      weeksRemaining: 12,
      wklyAvgBurn: 0,
      remainingBurn: 0,
      estTotalBurn: 500,
    });
  });

  it("sums money exactly (0.10 + 0.20 is 0.30)", () => {
    const m = computeBudgetMetrics(
      input({
        allocations: [{ amount: "0.10" }, { amount: "0.20" }],
        timesheets: [week("2025-01-03", "0.10"), week("2025-01-03", "0.20", "Bo")],
      }),
    );
    expect(m.budgetTotal).toBe(0.3);
    expect(m.burnToDate).toBe(0.3);
    expect(m.weeklyBurn).toEqual([{ weekEnding: "2025-01-03", cost: 0.3, cumulative: 0.3 }]);
  });

  it("rounds the weekly average to the cent, then projects it", () => {
    const timesheets = [
      week("2025-01-03", "50.00"),
      week("2025-01-10", "25.00"),
      week("2025-01-24", "25.00"),
    ];
    const m = computeBudgetMetrics(
      input({ timesheets, projectEnd: "2025-02-28", allocations: [{ amount: "1000" }] }),
    );
    // 100.00 over 3 weeks = 33.333… → 33.33; 5 weeks remain of ceil(56 / 7) = 8.
    expect(m).toMatchObject({
      weeksCompleted: 3,
      wklyAvgBurn: 33.33,
      weeksTotal: 8,
      weeksRemaining: 5,
      remainingBurn: 166.65,
      estTotalBurn: 266.65,
    });
    expect(m.burnPct).toBe(10);
    expect(m.budgetRemaining).toBe(733.35);
  });

  it("rounds burn % to one decimal and remaining % is its complement", () => {
    const m = computeBudgetMetrics(
      input({ allocations: [{ amount: "3" }], timesheets: [week("2025-01-03", "1.00")] }),
    );
    expect([m.burnPct, m.remainingPct]).toEqual([33.3, 66.7]);
  });

  it("takes the project end from the roll-off dates of people on the project only", () => {
    const rateCard = [
      { resourceName: "Ana", rollOffDate: "2025-06-30" },
      { resourceName: "Someone Else", rollOffDate: "2026-12-31" },
    ];
    const m = computeBudgetMetrics(
      input({ rateCard, timesheets: [week("2025-01-03", "1.00")], projectEnd: "2025-03-01" }),
    );
    expect(m.projEnd).toBe("2025-06-30");
  });

  it("falls back to the project end when no roll-off date applies", () => {
    const rateCard = [{ resourceName: "Ana", rollOffDate: null }];
    const m = computeBudgetMetrics(
      input({ rateCard, timesheets: [week("2025-01-03", "1.00")], projectEnd: "2025-03-01" }),
    );
    expect(m.projEnd).toBe("2025-03-01");
  });

  it("clamps weeks when the project ends before the first timesheet", () => {
    const m = computeBudgetMetrics(
      input({
        timesheets: [week("2025-01-03", "1.00"), week("2025-01-17", "1.00")],
        projectEnd: "2024-12-01",
      }),
    );
    expect(m).toMatchObject({ weeksTotal: 0, weeksCompleted: 2, weeksRemaining: 0 });
  });

  it("counts negative allocations in the total", () => {
    expect(
      computeBudgetMetrics(input({ allocations: [{ amount: "1000.00" }, { amount: "-250.50" }] }))
        .budgetTotal,
    ).toBe(749.5);
  });

  it("compares allocations per workstream with the Budget items there", () => {
    const m = computeBudgetMetrics(
      input({
        allocations: [
          { amount: "500.00", workstream: "Build" },
          { amount: "250.00", workstream: "Build" },
          { amount: "100.00", workstream: null },
          { amount: "80.00", workstream: "Test" },
        ],
        budgetItems: [
          { workstream: "Build", budgetAmount: "600.00" },
          { workstream: "Rollout", budgetAmount: "40.00" },
          { workstream: null, budgetAmount: "5.00" },
          { workstream: "Build", budgetAmount: null },
        ],
      }),
    );
    expect(m.budgetItemsTotal).toBe(645);
    expect(m.workstreamVariance).toEqual([
      { workstream: "Build", allocated: 750, itemBudget: 600, variance: 150 },
      { workstream: "Test", allocated: 80, itemBudget: 0, variance: 80 },
    ]);
  });

  it("refuses malformed amounts rather than guessing", () => {
    expect(() => computeBudgetMetrics(input({ allocations: [{ amount: "1e3" }] }))).toThrow(RangeError);
  });
});

describe("budget status", () => {
  it.each([
    { total: 100_000, remaining: -1, want: "over budget" },
    { total: 100_000, remaining: 0, want: "within 15%" },
    { total: 100_000, remaining: 14_999, want: "within 15%" },
    { total: 100_000, remaining: 15_000, want: "under budget" },
    { total: 0, remaining: 0, want: "under budget" },
  ])("total $total, remaining $remaining (cents) → $want", ({ total, remaining, want }) => {
    expect(budgetStatusOf(total, remaining)).toBe(want);
  });
});

describe("decimal money helpers", () => {
  it.each([
    ["185", 18500],
    ["185.0", 18500],
    ["72.5", 7250],
    ["0.05", 5],
    ["-250.50", -25050],
    ["-0", 0],
    ["1.005", null],
    ["1e3", null],
    ["1,000", null],
    ["", null],
  ])("decimalToCents(%j) = %j", (text, want) => {
    expect(decimalToCents(text)).toBe(want);
  });

  it.each([
    [18500, "185.00"],
    [5, "0.05"],
    [-25050, "-250.50"],
    [-5, "-0.05"],
    [0, "0.00"],
  ])("centsToDecimal(%j) = %j", (cents, want) => {
    expect(centsToDecimal(cents)).toBe(want);
  });
});

describe("rollUpBudgets", () => {
  const one = computeBudgetMetrics(fixtureInput);
  const other: BudgetMetrics = computeBudgetMetrics(
    input({
      allocations: [{ amount: "1000.10" }],
      timesheets: [week("2024-12-06", "100.20", "Zoe"), week("2030-01-04", "0.10", "Ana Ruiz")],
      projectEnd: "2031-01-01",
    }),
  );

  it("adds money, spans dates and recomputes status and percentages", () => {
    const r = rollUpBudgets([one, other]);
    expect(r).toMatchObject({
      projectCount: 2,
      projStart: one.projStart,
      projEnd: "2031-01-01",
      updatesThru: "2030-01-04",
    });
    expect(r.budgetTotal).toBeCloseTo(one.budgetTotal + 1000.1, 2);
    expect(r.burnToDate).toBeCloseTo(one.burnToDate + 100.3, 2);
    expect(r.budgetRemaining).toBeCloseTo(one.budgetRemaining + other.budgetRemaining, 2);
    expect(r.burnPct).toBe(29);
    expect(r.budgetStatus).toBe("within 15%");
  });

  it("merges weekly series and resources across projects", () => {
    const r = rollUpBudgets([one, other]);
    expect(r.weeklyBurn[0]).toEqual({
      weekEnding: "2024-12-06",
      cost: one.weeklyBurn[0]!.cost + 100.2,
      cumulative: one.weeklyBurn[0]!.cost + 100.2,
    });
    expect(r.weeklyBurn.at(-1)).toEqual({ weekEnding: "2030-01-04", cost: 0.1, cumulative: r.burnToDate });
    expect(r.resourceBurn.find((x) => x.resource === "Ana Ruiz")?.cost).toBe(
      one.resourceBurn.find((x) => x.resource === "Ana Ruiz")!.cost + 0.1,
    );
  });

  it("rolls up nothing to zeros", () => {
    expect(rollUpBudgets([])).toMatchObject({
      projectCount: 0,
      budgetTotal: 0,
      burnToDate: 0,
      burnPct: 0,
      budgetStatus: "under budget",
      weeklyBurn: [],
    });
  });
});

describe("what the budget figures mean in words", () => {
  it("keeps the money left apart from the forecast headroom, and lists incomplete weeks", () => {
    const m = computeBudgetMetrics(
      input({
        allocations: [{ amount: "1000.00" }],
        timesheets: [
          week("2025-01-03", "100.00"),
          week("2025-01-17", "50.00", "Ana", false),
          week("2025-01-10", "900.00", "Ana", false),
          week("2025-01-10", "10.00", "Bo", false),
        ],
      }),
    );
    expect(m.leftToSpend).toBe(900);
    expect(m.incompleteWeeks).toEqual(["2025-01-10", "2025-01-17"]);
  });

  it.each([
    [
      { budgetTotal: 1000, budgetRemaining: 100, estTotalBurn: 900, budgetStatus: "within 15%" },
      "Forecast 10 % under budget — inside the 15 % margin, so little room is left.",
    ],
    [
      { budgetTotal: 1000, budgetRemaining: 400, estTotalBurn: 600, budgetStatus: "under budget" },
      "Forecast 40 % under budget — more than the 15 % margin to spare.",
    ],
    [
      { budgetTotal: 1000, budgetRemaining: -125, estTotalBurn: 1125, budgetStatus: "over budget" },
      "Forecast 12.5 % over budget.",
    ],
    [
      { budgetTotal: 0, budgetRemaining: -5, estTotalBurn: 5, budgetStatus: "over budget" },
      "No budget recorded yet: every forecast cost is over it.",
    ],
    [
      { budgetTotal: 0, budgetRemaining: 0, estTotalBurn: 0, budgetStatus: "under budget" },
      "No budget recorded yet.",
    ],
  ] as const)("%o → %s", (m, sentence) => {
    expect(budgetStatusSentence(m)).toBe(sentence);
  });
});
