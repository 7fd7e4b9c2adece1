/**
 * The project dashboard in one round trip: counts by severity, overdue and
 * due-this-week lists, budget status. Counting and selection happen in
 * PostgreSQL (indexed on project, indicator and dates), so it stays fast on
 * large projects.
 */
import type { TenantDb, TenantPrisma } from "@/server/db/tenant";
import { addDays, dateToIso, isoToDate } from "@/domain/dates";
import { indicatorsOfSeverity, isIndicator, severityOf } from "@/domain/indicators";
import { SEVERITIES, type IsoDate, type ItemType, type Severity } from "@/domain/types";
import { budgetMetrics, hasBudget } from "./budget";

const LIST_LIMIT = 50;
const DONE = ["Completed", "Completed Recently"];

const BRIEF = {
  itemNum: true,
  type: true,
  title: true,
  assignedTo: true,
  indicator: true,
  deadline: true,
  finishDate: true,
  percentComplete: true,
  workstream: { select: { name: true } },
} as const satisfies TenantPrisma.ItemSelect;

type BriefRow = TenantPrisma.ItemGetPayload<{ select: typeof BRIEF }>;

function brief(r: BriefRow) {
  const indicator = isIndicator(r.indicator) ? r.indicator : null;
  const due = r.deadline ?? r.finishDate;
  return {
    itemNum: r.itemNum,
    type: r.type as ItemType,
    title: r.title,
    assignedTo: r.assignedTo,
    workstream: r.workstream?.name ?? null,
    indicator,
    severity: severityOf(indicator),
    due: due ? dateToIso(due) : null,
    percentComplete: r.percentComplete,
  };
}

export async function projectDashboard(db: TenantDb, projectId: string, today: IsoDate) {
  const live = { projectId, deletedAt: null } as const;
  const open: TenantPrisma.ItemWhereInput = { OR: [{ indicator: null }, { indicator: { notIn: DONE } }] };
  const from = isoToDate(today);
  const to = isoToDate(addDays(today, 7));
  const [project, grouped, drafts, overdue, overdueCount, dueThisWeek, withBudget] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { name: true, clientName: true, projectStart: true, projectEnd: true, indicatorsUpdated: true } }),
    db.item.groupBy({ by: ["indicator"], where: { ...live, draft: false }, _count: { _all: true } }),
    db.item.count({ where: { ...live, draft: true } }),
    db.item.findMany({
      where: { ...live, draft: false, indicator: { in: indicatorsOfSeverity("critical") } },
      select: BRIEF,
      orderBy: [{ deadline: { sort: "asc", nulls: "last" } }, { finishDate: { sort: "asc", nulls: "last" } }, { itemNum: "asc" }],
      take: LIST_LIMIT,
    }),
    db.item.count({ where: { ...live, draft: false, indicator: { in: indicatorsOfSeverity("critical") } } }),
    db.item.findMany({
      where: {
        ...live,
        draft: false,
        AND: [open, { OR: [{ deadline: { gte: from, lte: to } }, { deadline: null, finishDate: { gte: from, lte: to } }] }],
      },
      select: BRIEF,
      orderBy: [{ deadline: { sort: "asc", nulls: "last" } }, { finishDate: "asc" }, { itemNum: "asc" }],
      take: LIST_LIMIT,
    }),
    hasBudget(db, projectId),
  ]);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let none = 0;
  let total = 0;
  for (const g of grouped) {
    const s = severityOf(isIndicator(g.indicator) ? g.indicator : null);
    if (s) counts[s] += g._count._all;
    else none += g._count._all;
    total += g._count._all;
  }
  const budget = withBudget ? await budgetMetrics(db, projectId) : null;
  const iso = (d: Date | null) => (d ? dateToIso(d) : null);
  return {
    project: { ...project, projectStart: iso(project.projectStart), projectEnd: iso(project.projectEnd) },
    today,
    counts: { ...counts, none, total, open: total - counts.completed - counts.done, drafts },
    overdue: overdue.map(brief).sort((a, b) => (a.due ?? "9999").localeCompare(b.due ?? "9999") || a.itemNum - b.itemNum),
    overdueCount,
    dueThisWeek: dueThisWeek.map(brief),
    budget: budget
      ? {
          status: budget.budgetStatus,
          budgetTotal: budget.budgetTotal,
          burnToDate: budget.burnToDate,
          burnPct: budget.burnPct,
          budgetRemaining: budget.budgetRemaining,
          estTotalBurn: budget.estTotalBurn,
          updatesThru: budget.updatesThru,
        }
      : null,
  };
}
