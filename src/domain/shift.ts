/**
 * Moving a v1 project in time (demo data): every calendar date is shifted by
 * the same number of days. Shifting by whole weeks keeps weekly timesheet
 * endings on the same weekday.
 */
import { addDays, daysBetween } from "./dates";
import type { IsoDate, ItemRecord, ProjectMeta } from "./types";
import type { BudgetFile } from "./yaml-v1";

const shift = (d: IsoDate | null, days: number) => (d ? addDays(d, days) : null);

/** Whole weeks from `from` to `to`, rounded to the nearest week. */
export function weeksShift(from: IsoDate, to: IsoDate): number {
  return Math.round(daysBetween(from, to) / 7) * 7;
}

export function shiftProject(project: ProjectMeta, items: readonly ItemRecord[], days: number) {
  return {
    project: {
      ...project,
      projectStart: shift(project.projectStart, days),
      projectEnd: shift(project.projectEnd, days),
    },
    items: items.map((i) => ({
      ...i,
      start: shift(i.start, days),
      finish: shift(i.finish, days),
      deadline: shift(i.deadline, days),
      notes: i.notes.map((n) => ({ ...n, date: addDays(n.date, days) })),
    })),
  };
}

export function shiftBudget(budget: BudgetFile, days: number): BudgetFile {
  return {
    metadata: {
      ...budget.metadata,
      created: shift(budget.metadata.created, days),
      lastUpdated: shift(budget.metadata.lastUpdated, days),
    },
    rateCard: budget.rateCard.map((r) => ({
      ...r,
      rollOffDate: shift(r.rollOffDate, days),
      effectiveFrom: shift(r.effectiveFrom, days),
      effectiveTo: shift(r.effectiveTo, days),
    })),
    allocations: budget.allocations.map((a) => ({ ...a, date: shift(a.date, days) })),
    timesheets: budget.timesheets.map((t) => ({ ...t, weekEnding: addDays(t.weekEnding, days) })),
  };
}
