import { describe, expect, it } from "vitest";
import { asksForStatusReport, asksWhatChanged } from "./assistant-report";

describe("asksForStatusReport", () => {
  it.each([
    ["Write this week's status", true],
    ["write this week’s status please", true],
    ["Status report", true],
    ["Can you draft the weekly status report?", true],
    ["weekly report for the steering group", true],
    ["Write up the status", true],
    ["Give me a weekly status summary", false],
    ["What is due this week?", false],
    ["What is the status of #4?", false],
    ["What is the budget status?", false],
  ])("%s → %s", (q, want) => expect(asksForStatusReport(q)).toBe(want));
});

describe("asksWhatChanged", () => {
  const today = "2026-12-02"; // a Wednesday
  it.each([
    ["What changed since Monday?", "2026-11-30"],
    ["what has changed since last wednesday", "2026-11-25"],
    ["What changed since Thursday?", "2026-11-26"],
    ["What changed this week?", "2026-11-30"],
    ["What changed this month?", "2026-12-01"],
    ["what changed since 2026-11-15", "2026-11-15"],
    ["What happened yesterday?", "2026-12-01"],
    ["what changed in the last 3 days", "2026-11-29"],
    ["Recent changes please", "2026-11-25"],
    ["What changed?", "2026-11-25"],
  ])("%s → since %s", (q, since) => expect(asksWhatChanged(q, today)).toEqual({ since }));

  it.each(["What is overdue?", "Write this week's status", "Show the budget"])(
    "%s → not about changes",
    (q) => expect(asksWhatChanged(q, today)).toBeNull(),
  );
  it("a date in the future falls back to the last 7 days", () =>
    expect(asksWhatChanged("what changed since 2027-01-01", today)).toEqual({ since: "2026-11-25" }));
});
