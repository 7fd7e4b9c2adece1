import { describe, expect, it } from "vitest";
import { addDays, isoWeekday } from "./dates";
import { computeIndicator } from "./indicators";
import { shiftBudget, shiftProject, weeksShift } from "./shift";
import { loadBudget, loadRaid } from "./testing/fixtures";

describe("shifting a project in time", () => {
  it.each([
    ["2025-03-14", "2026-11-25", 623],
    ["2025-03-14", "2025-03-14", 0],
    ["2025-03-14", "2025-03-17", 0],
    ["2025-03-14", "2025-03-18", 7],
    ["2025-03-14", "2025-03-01", -14],
  ])("%s → %s moves %i days", (from, to, days) => {
    expect(weeksShift(from, to)).toBe(days);
  });

  it("keeps every indicator when 'today' moves with the data", () => {
    const { project, items } = loadRaid("RAID-Log-Harbor-Bridge-Upgrade.yaml");
    const moved = shiftProject(project, items, 623);
    expect(moved.items.map((i) => computeIndicator(i, addDays("2025-03-14", 623)))).toEqual(
      items.map((i) => computeIndicator(i, "2025-03-14")),
    );
    expect(moved.project.projectStart).toBe(addDays(project.projectStart!, 623));
    expect(moved.items[0]!.notes[0]!.date).toBe(addDays(items[0]!.notes[0]!.date, 623));
  });

  it("keeps timesheet week endings on the same weekday", () => {
    const { budget } = loadBudget("Budget-Harbor-Bridge-Upgrade.yaml");
    const moved = shiftBudget(budget, 623); // 89 weeks
    expect(moved.timesheets.map((t) => isoWeekday(t.weekEnding))).toEqual(
      budget.timesheets.map((t) => isoWeekday(t.weekEnding)),
    );
    expect(moved.rateCard[0]!.rollOffDate).toBe(addDays(budget.rateCard[0]!.rollOffDate!, 623));
  });
});
