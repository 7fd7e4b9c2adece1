/** The project dashboard in one round trip: counts, lists and budget status. */
import type { TenantDb } from "@/server/db/tenant";
import { addDays } from "@/domain/dates";
import { isOpen, severityOf, severityRank } from "@/domain/indicators";
import { SEVERITIES, type IsoDate, type Severity } from "@/domain/types";
import { loadProjectRecords } from "./records";
import { budgetMetrics, hasBudget } from "./budget";

export async function projectDashboard(db: TenantDb, projectId: string, today: IsoDate) {
  const { meta, items } = await loadProjectRecords(db, projectId, { withNotes: false });
  const visible = items.filter((i) => !i.draft);
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  let none = 0;
  for (const i of visible) {
    const s = severityOf(i.indicator);
    if (s) counts[s]++;
    else none++;
  }
  const open = visible.filter((i) => isOpen(i.indicator));
  const due = (i: (typeof items)[number]) => i.deadline ?? i.finish;
  const weekEnd = addDays(today, 7);
  const brief = (i: (typeof items)[number]) => ({
    itemNum: i.itemNum,
    type: i.type,
    title: i.title,
    assignedTo: i.assignedTo,
    workstream: i.workstream,
    indicator: i.indicator,
    severity: severityOf(i.indicator),
    due: due(i),
    percentComplete: i.percentComplete,
  });
  const byDue = (a: ReturnType<typeof brief>, b: ReturnType<typeof brief>) =>
    (a.due ?? "9999").localeCompare(b.due ?? "9999") || severityRank(a.indicator) - severityRank(b.indicator) || a.itemNum - b.itemNum;
  const overdue = open.filter((i) => severityOf(i.indicator) === "critical").map(brief).sort(byDue);
  const dueThisWeek = open
    .filter((i) => {
      const d = due(i);
      return d !== null && d >= today && d <= weekEnd;
    })
    .map(brief)
    .sort(byDue);
  const budget = (await hasBudget(db, projectId)) ? await budgetMetrics(db, projectId) : null;
  return {
    project: { name: meta.name, clientName: meta.clientName, projectStart: meta.projectStart, projectEnd: meta.projectEnd },
    today,
    counts: { ...counts, none, total: visible.length, open: open.length, drafts: items.length - visible.length },
    overdue,
    dueThisWeek,
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
