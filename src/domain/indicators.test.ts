import { describe, expect, it } from "vitest";
import { addDays } from "./dates";
import { computeIndicator, countBySeverity, isOpen, severityOf, withIndicators } from "./indicators";
import type { IndicatorInput } from "./indicators";
import { loadRaid, raidCases } from "./testing/fixtures";
import type { Indicator } from "./types";

describe("indicators against the fixtures", () => {
  describe.each(raidCases)("$file as of $asOf", ({ file, asOf, exp }) => {
    const items = withIndicators(loadRaid(file).items, asOf);

    it("gives every item its expected indicator", () => {
      const actual = Object.fromEntries(items.map((i) => [String(i.itemNum), i.indicator]));
      expect(actual).toEqual(exp.indicators);
    });

    it("counts by severity, drafts under none", () => {
      expect(countBySeverity(items.map((i) => i.indicator))).toEqual(exp.severity_counts);
      expect(items).toHaveLength(exp.total_items);
      expect(items.filter((i) => !i.draft)).toHaveLength(exp.non_draft_items);
    });
  });
});

const TODAY = "2025-03-14";
const day = (offset: number) => addDays(TODAY, offset);
const base: IndicatorInput = {
  draft: false,
  percentComplete: 0,
  start: null,
  finish: null,
  deadline: null,
  duration: null,
};

describe("computeIndicator rules and boundaries", () => {
  const cases: { name: string; item: Partial<IndicatorInput>; want: Indicator | null }[] = [
    // 1. drafts
    {
      name: "a draft has none, however late",
      item: { draft: true, deadline: day(-30), finish: day(-30) },
      want: null,
    },
    // 2–3. completion, and the 14-day window
    {
      name: "100 % finished exactly 14 days ago",
      item: { percentComplete: 100, finish: day(-14) },
      want: "Completed Recently",
    },
    {
      name: "100 % finished 15 days ago",
      item: { percentComplete: 100, finish: day(-15) },
      want: "Completed",
    },
    {
      name: "100 % finishing in the future",
      item: { percentComplete: 100, finish: day(30) },
      want: "Completed Recently",
    },
    { name: "100 % with no finish", item: { percentComplete: 100 }, want: "Completed" },
    {
      name: "completion beats a missed deadline",
      item: { percentComplete: 100, deadline: day(-5) },
      want: "Completed",
    },
    // 4. deadline
    {
      name: "deadline yesterday",
      item: { deadline: day(-1), percentComplete: 50 },
      want: "Beyond Deadline!!!",
    },
    {
      name: "deadline today is not missed",
      item: { deadline: TODAY, percentComplete: 50 },
      want: "In Progress",
    },
    {
      name: "deadline beats a late finish",
      item: { deadline: day(-1), finish: day(-2) },
      want: "Beyond Deadline!!!",
    },
    // 5. finish
    { name: "finish yesterday", item: { finish: day(-1), percentComplete: 50 }, want: "Late Finish!!" },
    {
      name: "finish today is finishing soon",
      item: { finish: TODAY, percentComplete: 50 },
      want: "Finishing Soon!",
    },
    // 6. start
    { name: "started yesterday at 0 %", item: { start: day(-1) }, want: "Late Start!!" },
    { name: "started yesterday at 5 %", item: { start: day(-1), percentComplete: 5 }, want: "In Progress" },
    { name: "starting today at 0 %", item: { start: TODAY }, want: "Starting Soon!" },
    // 8. finishing soon window
    {
      name: "finish in exactly 14 days",
      item: { finish: day(14), percentComplete: 10 },
      want: "Finishing Soon!",
    },
    { name: "finish in 15 days", item: { finish: day(15), percentComplete: 10 }, want: "In Progress" },
    // 9. starting soon window
    { name: "start in exactly 14 days", item: { start: day(14) }, want: "Starting Soon!" },
    { name: "start in 15 days", item: { start: day(15) }, want: "Not Started" },
    // 10–12. the rest
    { name: "progress without dates", item: { percentComplete: 45 }, want: "In Progress" },
    { name: "only a finish, far away", item: { finish: day(60) }, want: "Not Started" },
    { name: "nothing set", item: {}, want: null },
    { name: "only a future deadline", item: { deadline: day(60) }, want: null },
  ];

  it.each(cases)("$name → $want", ({ item, want }) => {
    expect(computeIndicator({ ...base, ...item }, TODAY)).toBe(want);
  });
});

describe("trending late: (1 − pct/100) × duration > days to finish", () => {
  const trending = (pct: number, duration: number | null, daysLeft: number, start = day(-10)) =>
    computeIndicator({ ...base, percentComplete: pct, duration, start, finish: day(daysLeft) }, TODAY);

  it.each([
    {
      pct: 70,
      duration: 10,
      daysLeft: 3,
      want: "Finishing Soon!",
      why: "3 days of work, 3 days left: not late (no float drift)",
    },
    { pct: 70, duration: 10, daysLeft: 2, want: "Trending Late!", why: "3 days of work, 2 days left" },
    { pct: 50, duration: 40, daysLeft: 20, want: "In Progress", why: "20 of 40 days left, exactly on time" },
    { pct: 50, duration: 40, daysLeft: 19, want: "Trending Late!", why: "20 days of work, 19 days left" },
    { pct: 10, duration: null, daysLeft: 1, want: "Finishing Soon!", why: "no duration, no trend" },
  ] as const)("$why", ({ pct, duration, daysLeft, want }) => {
    expect(trending(pct, duration, daysLeft)).toBe(want);
  });

  it("applies to items not yet started (start in the future, 0 %)", () => {
    expect(trending(0, 20, 10, day(2))).toBe("Trending Late!");
  });

  it("needs a start date", () => {
    expect(computeIndicator({ ...base, percentComplete: 10, duration: 50, finish: day(20) }, TODAY)).toBe(
      "In Progress",
    );
  });
});

describe("severity helpers", () => {
  it("maps indicators to severities; none → null", () => {
    expect(severityOf("Trending Late!")).toBe("warning");
    expect(severityOf("Completed")).toBe("done");
    expect(severityOf(null)).toBeNull();
  });

  it("counts each severity and items without an indicator", () => {
    expect(countBySeverity(["Late Start!!", "Late Finish!!", "Completed", null])).toEqual({
      critical: 2,
      warning: 0,
      active: 0,
      upcoming: 0,
      completed: 0,
      done: 1,
      none: 1,
    });
  });

  it("treats everything but the two completed indicators as open", () => {
    expect(isOpen("Completed")).toBe(false);
    expect(isOpen("Completed Recently")).toBe(false);
    expect(isOpen("Not Started")).toBe(true);
    expect(isOpen(null)).toBe(true);
  });

  it("withIndicators returns copies and leaves the input alone", () => {
    const items = [{ ...base, start: day(-1), indicator: null }];
    expect(withIndicators(items, TODAY)[0]?.indicator).toBe("Late Start!!");
    expect(items[0]?.indicator).toBeNull();
  });
});
