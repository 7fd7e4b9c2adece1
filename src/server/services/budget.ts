/** Budget metrics for a project (SPEC §5), from its ledger, rate card and timesheets. */
import type { TenantDb } from "@/server/db/tenant";
import { dateToIso } from "@/domain/dates";
import { computeBudgetMetrics, type BudgetMetrics } from "@/domain/budget";

const iso = (d: Date | null) => (d ? dateToIso(d) : null);

export async function budgetMetrics(db: TenantDb, projectId: string): Promise<BudgetMetrics> {
  const [project, rateCard, allocations, timesheets, budgetItems] = await Promise.all([
    db.project.findUniqueOrThrow({ where: { id: projectId }, select: { projectEnd: true } }),
    db.rateCard.findMany({
      where: { deletedAt: null, OR: [{ projectId }, { projectId: null }] },
      select: { resourceName: true, rollOffDate: true },
    }),
    db.budgetAllocation.findMany({
      where: { projectId, deletedAt: null },
      select: { amount: true, workstream: { select: { name: true } } },
    }),
    db.timesheetEntry.findMany({
      where: { projectId, deletedAt: null },
      select: { resource: true, weekEnding: true, hours: true, cost: true, completeWeek: true },
    }),
    db.item.findMany({
      where: { projectId, deletedAt: null, type: "Budget" },
      select: { budgetAmount: true, workstream: { select: { name: true } } },
    }),
  ]);
  return computeBudgetMetrics({
    projectEnd: iso(project.projectEnd),
    rateCard: rateCard.map((r) => ({ resourceName: r.resourceName, rollOffDate: iso(r.rollOffDate) })),
    allocations: allocations.map((a) => ({ amount: a.amount.toFixed(2), workstream: a.workstream?.name ?? null })),
    timesheets: timesheets.map((t) => ({
      resource: t.resource,
      weekEnding: dateToIso(t.weekEnding),
      hours: t.hours.toFixed(2),
      cost: t.cost.toFixed(2),
      completeWeek: t.completeWeek,
    })),
    budgetItems: budgetItems.map((i) => ({ workstream: i.workstream?.name ?? null, budgetAmount: i.budgetAmount?.toFixed(2) ?? null })),
  });
}

/** Whether the project keeps any budget data at all (ledger or timesheets). */
export async function hasBudget(db: TenantDb, projectId: string): Promise<boolean> {
  const [a, t] = await Promise.all([
    db.budgetAllocation.count({ where: { projectId, deletedAt: null } }),
    db.timesheetEntry.count({ where: { projectId, deletedAt: null } }),
  ]);
  return a + t > 0;
}
