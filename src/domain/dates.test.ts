import { describe, expect, it } from "vitest";
import { addDays, businessDaysBetween, isoWeekday } from "./dates";

describe("businessDaysBetween", () => {
  it.each([
    ["2026-11-30", "2026-11-30", 1], // a Monday alone
    ["2026-11-30", "2026-12-04", 5], // Monday–Friday
    ["2026-11-30", "2026-12-06", 5], // the weekend adds nothing
    ["2026-12-05", "2026-12-06", 0], // a weekend alone
    ["2026-12-04", "2026-12-07", 2], // Friday → Monday
    ["2026-11-30", "2026-12-11", 10], // two weeks
    ["2026-12-03", "2026-12-01", 0], // finish before start
  ])("%s → %s: %i", (start, finish, n) => expect(businessDaysBetween(start, finish)).toBe(n));

  it("agrees with counting day by day over many spans", () => {
    for (let offset = 0; offset < 7; offset++)
      for (let len = 0; len < 40; len++) {
        const start = addDays("2026-11-30", offset);
        const finish = addDays(start, len);
        let slow = 0;
        for (let d = 0; d <= len; d++) if (isoWeekday(addDays(start, d)) <= 5) slow++;
        expect(businessDaysBetween(start, finish)).toBe(slow);
      }
  });
});
