import { describe, expect, it } from "vitest";
import { criticalPath } from "./critical-path";
import { addDays } from "./dates";
import type { ForecastItemInput, ForecastOptions } from "./forecast";
import { businessDayEnd, forecastFinish, mulberry32, observedSlip } from "./forecast";

const item = (
  itemNum: number,
  start: string | null,
  finish: string | null,
  percentComplete = 0,
  over: Partial<ForecastItemInput> = {},
): ForecastItemInput => ({ itemNum, start, finish, percentComplete, draft: false, dependsOn: [], ...over });
const plan = (itemNum: number, start: string, finish: string) => ({ itemNum, start, finish });

describe("mulberry32", () => {
  it("is deterministic per seed, differs between seeds, stays in [0, 1)", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const c = mulberry32(43);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
    expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it("is roughly uniform", () => {
    const r = mulberry32(7);
    const buckets = new Array(10).fill(0);
    for (let k = 0; k < 100_000; k++) buckets[Math.floor(r() * 10)] += 1;
    for (const b of buckets) expect(Math.abs(b - 10_000)).toBeLessThan(500);
  });
});

describe("businessDayEnd", () => {
  // 2025-03-03 is a Monday.
  const cases: [string, number, string][] = [
    ["2025-03-03", 1, "2025-03-03"], // Mon, 1 day → Mon
    ["2025-03-03", 5, "2025-03-07"], // Mon, 5 → Fri
    ["2025-03-03", 6, "2025-03-10"], // Mon, 6 → next Mon
    ["2025-03-07", 2, "2025-03-10"], // Fri, 2 → Mon
    ["2025-03-08", 1, "2025-03-10"], // Sat, 1 → Mon
    ["2025-03-09", 5, "2025-03-14"], // Sun, 5 → Fri
    ["2025-03-05", 10, "2025-03-18"], // Wed, 10 → Tue two weeks on
    ["2025-03-03", 11, "2025-03-17"], // Mon, 11 → Mon two weeks on
  ];
  it.each(cases)("%s + %i business days ends %s", (start, n, want) =>
    expect(businessDayEnd(start, n)).toBe(want),
  );
  it("refuses less than one day", () => expect(() => businessDayEnd("2025-03-03", 0)).toThrow(RangeError));
});

describe("observedSlip", () => {
  const cases: {
    name: string;
    items: ForecastItemInput[];
    baseline?: ForecastOptions["baseline"];
    want: { itemNum: number; ratio: number; source: string }[];
  }[] = [
    {
      // planned 03-01…03-10 (10 days); finished 03-15: 15 / 10
      name: "against the baseline",
      items: [item(1, "2025-03-01", "2025-03-15", 100)],
      baseline: [plan(1, "2025-03-01", "2025-03-10")],
      want: [{ itemNum: 1, ratio: 1.5, source: "baseline" }],
    },
    {
      // started two days late (03-03) and finished on 03-08: 8 days from the planned start / 10
      name: "a late start that still finished early counts from the planned start",
      items: [item(1, "2025-03-03", "2025-03-08", 100)],
      baseline: [plan(1, "2025-03-01", "2025-03-10")],
      want: [{ itemNum: 1, ratio: 0.8, source: "baseline" }],
    },
    {
      // Mon 03-03 + 5 business days → Fri 03-07 (5 calendar days); finished Sun 03-09: 7 / 5
      name: "against its duration in business days",
      items: [item(1, "2025-03-03", "2025-03-09", 100, { duration: 5 })],
      want: [{ itemNum: 1, ratio: 1.4, source: "duration" }],
    },
    {
      name: "baseline without dates for the item falls back to duration",
      items: [item(1, "2025-03-03", "2025-03-07", 100, { duration: 5 })],
      baseline: [{ itemNum: 1, start: null, finish: null }],
      want: [{ itemNum: 1, ratio: 1, source: "duration" }],
    },
    {
      name: "clamped to 10 and 0.1",
      items: [item(1, "2025-03-01", "2026-03-01", 100), item(2, "2025-03-01", "2025-03-01", 100)],
      baseline: [plan(1, "2025-03-01", "2025-03-10"), plan(2, "2025-03-01", "2025-12-31")],
      want: [
        { itemNum: 1, ratio: 10, source: "baseline" },
        { itemNum: 2, ratio: 0.1, source: "baseline" },
      ],
    },
    {
      name: "only finished, non-draft, dated items with a plan",
      items: [
        item(1, "2025-03-01", "2025-03-15", 99, { duration: 5 }),
        item(2, "2025-03-01", "2025-03-15", 100, { draft: true, duration: 5 }),
        item(3, "2025-03-01", "2025-03-15", 100, { deleted: true, duration: 5 }),
        item(4, null, "2025-03-15", 100, { duration: 5 }),
        item(5, "2025-03-01", "2025-03-15", 100),
      ],
      want: [],
    },
  ];
  it.each(cases)("$name", ({ items, baseline, want }) =>
    expect(
      observedSlip(items, baseline).map(({ itemNum, ratio, source }) => ({ itemNum, ratio, source })),
    ).toEqual(want),
  );
});

describe("forecastFinish: hand-worked cases", () => {
  it("nothing scheduled", () => {
    const r = forecastFinish([item(1, null, null), item(2, "2025-01-01", "2025-01-02", 0, { draft: true })]);
    expect(r).toMatchObject({ p50: null, p80: null, planFinish: null, openItems: 0 });
    expect(r.explanation).toMatch(/Nothing to forecast/);
  });

  it("no open items: both are the last finish (actual dates, not CPM-pushed ones)", () => {
    // 2 depends on 1 but actually ran alongside it. CPM would push 2 to 03-06…03-15;
    // what happened is that the last item finished on 03-12.
    const items = [
      item(1, "2025-03-01", "2025-03-05", 100),
      item(2, "2025-03-03", "2025-03-12", 100, { dependsOn: [1] }),
    ];
    const r = forecastFinish(items, { today: "2025-04-01" });
    expect(r).toMatchObject({
      p50: "2025-03-12",
      p80: "2025-03-12",
      planFinish: "2025-03-15",
      openItems: 0,
      finishedItems: 2,
    });
    expect(r.explanation).toBe("All 2 scheduled items are finished; the last finished on 2025-03-12.");
  });

  it("one observation of 1.5: every remaining day takes 1.5 days", () => {
    // A planned 03-01…03-10, finished 03-15 → ratio 15/10 = 1.5.
    // B (03-16…03-25, 10 days, after A) starts 03-16 and takes 15 days → ends 03-30.
    const items = [
      item(1, "2025-03-01", "2025-03-15", 100),
      item(2, "2025-03-16", "2025-03-25", 0, { dependsOn: [1] }),
    ];
    const r = forecastFinish(items, { baseline: [plan(1, "2025-03-01", "2025-03-10")], seed: 9 });
    expect(r).toMatchObject({
      p50: "2025-03-30",
      p80: "2025-03-30",
      planFinish: "2025-03-25",
      runs: 2000,
      seed: 9,
      openItems: 1,
    });
    expect(r.observed).toEqual({ items: 1, meanSlipPct: 50 });
    expect(r.explanation).toBe(
      "Based on 1 finished item that finished 50 % later than planned on average: 2,000 simulated runs over the 1 open item give finishing by 2025-03-30 (P50 and P80). The plan finishes on 2025-03-25.",
    );
  });

  it("observed from durations, pushed through a dependency", () => {
    // A: Mon 03-03, 5 business days → planned Fri 03-07, finished Sun 03-09 → 7/5 = 1.4.
    // B (03-10…03-19, 10 days) after A: 14 days from 03-10 → 03-23.
    const items = [
      item(1, "2025-03-03", "2025-03-09", 100, { duration: 5 }),
      item(2, "2025-03-10", "2025-03-19", 0, { dependsOn: [1] }),
    ];
    expect(forecastFinish(items)).toMatchObject({
      p50: "2025-03-23",
      p80: "2025-03-23",
      planFinish: "2025-03-19",
    });
  });

  it("an item behind schedule resumes today", () => {
    // 03-01…03-10 (10 days), 50 % done: 5 days left. Without today it ends as planned on
    // 03-10; as of 03-10 the 5 days left run 03-10…03-14.
    const items = [item(1, "2025-03-01", "2025-03-10", 50)];
    expect(forecastFinish(items)).toMatchObject({ p50: "2025-03-10", p80: "2025-03-10" });
    const r = forecastFinish(items, { today: "2025-03-10" });
    expect(r).toMatchObject({ p50: "2025-03-14", p80: "2025-03-14", planFinish: "2025-03-10" });
    expect(r.explanation).toMatch(/^No finished item has a plan to compare with yet/);
  });

  it("ratios 1, 1 and 3: P50 as planned, P80 three times as long", () => {
    // One open 10-day item 04-01…04-10: a third of the runs take 30 days (→ 04-30).
    // The median run takes 10 days (→ 04-10); the 80th percentile falls among the 30-day runs.
    const items = [
      item(1, "2025-03-01", "2025-03-10", 100),
      item(2, "2025-03-01", "2025-03-10", 100),
      item(3, "2025-03-01", "2025-03-30", 100),
      item(4, "2025-04-01", "2025-04-10", 0),
    ];
    const baseline = [1, 2, 3].map((n) => plan(n, "2025-03-01", "2025-03-10"));
    for (const seed of [1, 2, 3, 123456789]) {
      const r = forecastFinish(items, { baseline, seed });
      expect(r).toMatchObject({ p50: "2025-04-10", p80: "2025-04-30", planFinish: "2025-04-10" });
      expect(r.observed).toEqual({ items: 3, meanSlipPct: 67 });
      expect(r.explanation).toBe(
        "Based on 3 finished items that finished 67 % later than planned on average: 2,000 simulated runs over the 1 open item give a 50 % chance of finishing by 2025-04-10 (P50) and an 80 % chance by 2025-04-30 (P80). The plan finishes on 2025-04-10.",
      );
    }
  });

  it("finished early on average is said so", () => {
    const items = [item(1, "2025-03-01", "2025-03-08", 100), item(2, "2025-04-01", "2025-04-10")];
    const r = forecastFinish(items, { baseline: [plan(1, "2025-03-01", "2025-03-10")] });
    expect(r.explanation).toMatch(
      /^Based on 1 finished item that finished 20 % sooner than planned on average/,
    );
    // 10 days × 0.8 = 8 days → 04-08
    expect(r.p50).toBe("2025-04-08");
  });

  it("validates runs", () => {
    expect(() => forecastFinish([], { runs: 0 })).toThrow(RangeError);
    expect(() => forecastFinish([], { runs: 1.5 })).toThrow(RangeError);
    expect(forecastFinish([item(1, "2025-01-01", "2025-01-01")], { runs: 1 }).runs).toBe(1);
  });
});

/** Seeded random projects: dependencies point to lower numbers; a third of the items finished. */
function randomProject(
  seed: number,
  n: number,
): { items: ForecastItemInput[]; baseline: ReturnType<typeof plan>[] } {
  const r = mulberry32(seed);
  const k = (m: number) => Math.floor(r() * m);
  const items: ForecastItemInput[] = [];
  const baseline: ReturnType<typeof plan>[] = [];
  for (let i = 1; i <= n; i++) {
    const start = addDays("2025-01-01", k(90));
    const finish = addDays(start, k(20));
    const pct = k(3) === 0 ? 100 : k(4) === 0 ? 0 : k(100);
    items.push(
      item(i, start, finish, pct, {
        dependsOn: i > 1 ? Array.from({ length: k(3) }, () => 1 + k(i - 1)) : [],
        duration: k(2) ? 1 + k(15) : null,
      }),
    );
    if (k(2)) baseline.push(plan(i, start, addDays(start, k(20))));
  }
  return { items, baseline };
}

describe("forecastFinish properties (seeded random projects)", () => {
  it("P50 ≤ P80; the same seed gives the same result", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { items, baseline } = randomProject(seed, 5 + (seed % 30));
      const opts = { baseline, seed, runs: 300, today: "2025-02-15" };
      const a = forecastFinish(items, opts);
      expect(forecastFinish(items, opts)).toEqual(a);
      expect(a.p50! <= a.p80!).toBe(true);
    }
  });

  it("with no observed slip and no today, every run is the CPM plan", () => {
    for (let seed = 1; seed <= 40; seed++) {
      const { items } = randomProject(seed, 5 + (seed % 30));
      const open = items.map((i) => ({ ...i, percentComplete: Math.min(i.percentComplete, 99) }));
      const r = forecastFinish(open, { seed });
      expect(r.observed.items).toBe(0);
      expect(r.p50).toBe(criticalPath(open).finish);
      expect(r.p80).toBe(r.p50);
    }
  });

  it("with every ratio ≥ 1 and nothing finished, the forecast is never before the plan", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const { items } = randomProject(seed, 20);
      const open = items.map((i) => ({ ...i, percentComplete: 0, duration: null }));
      // Two finished, unlinked observers: ratios 1.0 and 2.0.
      const observers = [
        item(1001, "2024-01-01", "2024-01-10", 100),
        item(1002, "2024-01-01", "2024-01-20", 100),
      ];
      const baseline = [plan(1001, "2024-01-01", "2024-01-10"), plan(1002, "2024-01-01", "2024-01-10")];
      const r = forecastFinish([...open, ...observers], { baseline, seed, runs: 200 });
      expect(r.observed.meanSlipPct).toBe(50);
      expect(r.p50! >= r.planFinish!).toBe(true);
      expect(r.p80! >= r.p50!).toBe(true);
    }
  });
});
