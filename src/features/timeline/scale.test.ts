import { describe, expect, it } from "vitest";
import { dayNumber } from "@/domain/dates";
import { firstViewStartDay, placementOf, pxPerDay, rangeOf, type Placement } from "./scale";

describe("placementOf", () => {
  it.each([
    [
      { start: "2026-11-02", finish: "2026-11-20", deadline: null },
      { kind: "bar", from: "2026-11-02", to: "2026-11-20" },
    ],
    // Reversed dates still make a bar (start and finish swapped in the data).
    [
      { start: "2026-11-20", finish: "2026-11-02", deadline: null },
      { kind: "bar", from: "2026-11-02", to: "2026-11-20" },
    ],
    [
      { start: null, finish: "2026-11-20", deadline: "2026-12-01" },
      { kind: "milestone", at: "2026-11-20", label: "Finish" },
    ],
    [
      { start: "2026-11-02", finish: null, deadline: null },
      { kind: "milestone", at: "2026-11-02", label: "Start" },
    ],
    [
      { start: null, finish: null, deadline: "2026-12-01" },
      { kind: "milestone", at: "2026-12-01", label: "Deadline" },
    ],
    [{ start: null, finish: null, deadline: null }, null],
  ] as const)("%o → %o", (item, expected) => {
    expect(placementOf(item)).toEqual(expected);
  });
});

describe("rangeOf", () => {
  it("runs Monday to Sunday around every date and today, with margins", () => {
    const r = rangeOf(["2026-11-11", "2026-12-24"], "2026-11-26");
    expect(r.startDay).toBe(dayNumber("2026-11-02")); // a week before the 11th, back to Monday
    expect(r.endDay).toBe(dayNumber("2027-01-11")); // two weeks after the 24th, to Sunday 10 Jan, exclusive
    expect(r.days).toBe(r.endDay - r.startDay);
  });
  it("always includes today", () => {
    const r = rangeOf([], "2026-11-26");
    expect(r.startDay).toBeLessThanOrEqual(dayNumber("2026-11-26"));
    expect(r.endDay).toBeGreaterThan(dayNumber("2026-11-26"));
  });
});

describe("firstViewStartDay", () => {
  const today = "2026-11-26";
  const t = dayNumber(today);
  const bar = (from: string, to: string): Placement => ({ kind: "bar", from, to });
  const cases: [
    string,
    { placement: Placement; severity: "critical" | "warning" | "active" | "none" }[],
    number,
  ][] = [
    [
      "nothing late: today a third of the way in",
      [{ placement: bar("2026-11-01", "2026-12-20"), severity: "active" }],
      t - 30,
    ],
    [
      "late work ending inside the usual view changes nothing",
      [{ placement: bar("2026-11-01", "2026-11-10"), severity: "critical" }],
      t - 30,
    ],
    [
      "late work that ended earlier pulls the view left",
      [{ placement: bar("2026-10-01", "2026-10-08"), severity: "critical" }],
      dayNumber("2026-10-06"),
    ],
    [
      "but today stays within 80% of the view",
      [{ placement: bar("2026-06-01", "2026-06-08"), severity: "critical" }],
      t - 72,
    ],
    [
      "only critical items count",
      [{ placement: bar("2026-06-01", "2026-06-08"), severity: "warning" }],
      t - 30,
    ],
    [
      "a late milestone counts by its date",
      [{ placement: { kind: "milestone", at: "2026-10-20", label: "Deadline" }, severity: "critical" }],
      dayNumber("2026-10-18"),
    ],
  ];
  it.each(cases)("%s", (_name, items, expected) => {
    expect(firstViewStartDay(items, today, 90)).toBe(expected);
  });
});

describe("pxPerDay", () => {
  it.each([
    // zoom, timeline width, px per day
    ["week", null, 14], // not measured yet (server render)
    ["week", 900, 14], // desktop: a wide chart keeps full-width days
    ["week", 392, 14], // exactly 28 days at full width
    ["week", 220, 7.5], // phone: about a month instead of two weeks
    ["week", 100, 7], // never below half width
    ["week", 0, 14],
    ["day", 220, 32], // only the week zoom adapts
    ["month", 220, 4],
  ] as const)("%s zoom, %s px wide → %s px a day", (zoom, width, expected) => {
    expect(pxPerDay(zoom, width)).toBe(expected);
  });

  it("shows at least four weeks at week zoom whenever half-width days allow it", () => {
    for (const width of [200, 250, 300, 350, 391]) {
      const ppd = pxPerDay("week", width);
      expect(width / ppd).toBeGreaterThanOrEqual(28);
      expect(width / ppd).toBeLessThan(28 + 2);
    }
  });
});
