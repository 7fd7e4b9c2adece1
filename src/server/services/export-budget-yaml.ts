/**
 * The project's budget as a v1 Budget YAML file (metadata, rate card, budget
 * ledger, timesheet data): the shape budget.importYaml and
 * `import-yaml --budget` read back, so export → import keeps the budget
 * metrics. The rate card holds the entries that price this project (its own
 * and the org-wide ones), as the budget metrics read them.
 */
import type { TenantDb } from "@/server/db/tenant";
import { DomainError } from "@/domain/errors";
import type { IsoDate } from "@/domain/types";
import { serializeBudgetYaml, type BudgetFile } from "@/domain/yaml-v1-budget";
import { iso, money } from "./budget-common";

export async function budgetFileOf(db: TenantDb, projectId: string, today: IsoDate): Promise<BudgetFile> {
  const project = await db.project.findFirst({
    where: { id: projectId, deletedAt: null },
    select: { name: true, clientName: true },
  });
  if (!project) throw new DomainError("NOT_FOUND", "Project not found");
  const [rateCard, allocations, timesheets] = await Promise.all([
    db.rateCard.findMany({
      where: { deletedAt: null, OR: [{ projectId }, { projectId: null }] },
      orderBy: [{ resourceName: "asc" }, { effectiveFrom: "asc" }, { id: "asc" }],
    }),
    db.budgetAllocation.findMany({
      where: { projectId, deletedAt: null },
      include: { workstream: { select: { name: true } } },
      orderBy: [{ allocationDate: "asc" }, { createdAt: "asc" }, { id: "asc" }],
    }),
    db.timesheetEntry.findMany({
      where: { projectId, deletedAt: null },
      orderBy: [{ weekEnding: "asc" }, { resource: "asc" }, { id: "asc" }],
    }),
  ]);
  return {
    metadata: {
      projectName: project.name,
      clientName: project.clientName,
      associatedRaidLog: null,
      created: null,
      lastUpdated: today,
      dataSource: "braidMgr export",
    },
    rateCard: rateCard.map((r) => ({
      resourceName: r.resourceName,
      role: r.role,
      geography: r.geography,
      rate: money(r.hourlyRate),
      rollOffDate: iso(r.rollOffDate),
      effectiveFrom: iso(r.effectiveFrom),
      effectiveTo: iso(r.effectiveTo),
    })),
    allocations: allocations.map((a) => ({
      amount: money(a.amount),
      date: iso(a.allocationDate),
      note: a.note,
      workstream: a.workstream?.name ?? null,
    })),
    timesheets: timesheets.map((t) => ({
      weekEnding: iso(t.weekEnding)!,
      resource: t.resource,
      hours: money(t.hours),
      rate: money(t.rate),
      cost: money(t.cost),
      completeWeek: t.completeWeek,
    })),
  };
}

export async function budgetYaml(db: TenantDb, projectId: string, today: IsoDate) {
  const file = await budgetFileOf(db, projectId, today);
  const records = file.rateCard.length + file.allocations.length + file.timesheets.length;
  return { projectName: file.metadata.projectName ?? "project", content: serializeBudgetYaml(file), records };
}
