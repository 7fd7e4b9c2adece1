/**
 * Portfolio roll-up of budgets (SPEC §7 "Portfolio dashboard"): each
 * project's metrics, then their sum through the pure `rollUpBudgets`.
 * The caller decides which projects the user may see; ids that are unknown
 * or deleted are skipped. Projects without any budget data are listed but
 * left out of the sums (their fallback end date would stretch the span).
 */
import type { TenantDb } from "@/server/db/tenant";
import { rollUpBudgets, type BudgetMetrics, type BudgetRollUp } from "@/domain/budget";
import { budgetMetrics } from "./budget";

export type ProjectBudgetLine = {
  projectId: string;
  name: string;
  hasBudget: boolean;
  budgetStatus: BudgetMetrics["budgetStatus"] | null;
  budgetTotal: number;
  burnToDate: number;
  estTotalBurn: number;
  budgetRemaining: number;
  burnPct: number;
  updatesThru: string | null;
};

export type ProjectsBudgetRollUp = BudgetRollUp & { projects: ProjectBudgetLine[] };

export async function rollUpProjectsBudget(
  db: TenantDb,
  projectIds: readonly string[],
): Promise<ProjectsBudgetRollUp> {
  const ids = [...new Set(projectIds)];
  const projects = await db.project.findMany({
    where: { id: { in: ids }, deletedAt: null },
    select: {
      id: true,
      name: true,
      _count: {
        select: {
          allocations: { where: { deletedAt: null } },
          timesheets: { where: { deletedAt: null } },
        },
      },
    },
    orderBy: { name: "asc" },
  });
  const withBudget = projects.filter((p) => p._count.allocations + p._count.timesheets > 0);
  // One project at a time: each metrics call already runs its queries in parallel.
  const metrics = new Map<string, BudgetMetrics>();
  for (const p of withBudget) metrics.set(p.id, await budgetMetrics(db, p.id));

  const rollUp = rollUpBudgets([...metrics.values()]);
  return {
    ...rollUp,
    projects: projects.map((p) => {
      const m = metrics.get(p.id);
      return {
        projectId: p.id,
        name: p.name,
        hasBudget: !!m,
        budgetStatus: m?.budgetStatus ?? null,
        budgetTotal: m?.budgetTotal ?? 0,
        burnToDate: m?.burnToDate ?? 0,
        estTotalBurn: m?.estTotalBurn ?? 0,
        budgetRemaining: m?.budgetRemaining ?? 0,
        burnPct: m?.burnPct ?? 0,
        updatesThru: m?.updatesThru ?? null,
      };
    }),
  };
}
