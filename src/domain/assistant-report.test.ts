import { describe, expect, it } from "vitest";
import { asksForStatusReport } from "./assistant-report";

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
