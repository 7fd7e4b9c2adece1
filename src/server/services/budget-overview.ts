/** What the budget screens need besides the metrics: counts, workstream and resource names. */
import type { TenantDb } from "@/server/db/tenant";
import { resourceKey } from "@/domain/rate-card";

export async function budgetOverview(db: TenantDb, projectId: string) {
  const live = { deletedAt: null };
  const [allocations, timesheets, projectRateCard, orgRateCard, workstreams, cardNames, sheetNames] =
    await Promise.all([
      db.budgetAllocation.count({ where: { projectId, ...live } }),
      db.timesheetEntry.count({ where: { projectId, ...live } }),
      db.rateCard.count({ where: { projectId, ...live } }),
      db.rateCard.count({ where: { projectId: null, ...live } }),
      db.workstream.findMany({
        where: { projectId },
        select: { name: true },
        orderBy: [{ sortOrder: "asc" }, { name: "asc" }],
      }),
      db.rateCard.findMany({
        where: { OR: [{ projectId }, { projectId: null }], ...live },
        distinct: ["resourceName"],
        select: { resourceName: true },
      }),
      db.timesheetEntry.findMany({
        where: { projectId, ...live },
        distinct: ["resource"],
        select: { resource: true },
      }),
    ]);
  const resources = new Map<string, string>();
  for (const name of [...cardNames.map((r) => r.resourceName), ...sheetNames.map((t) => t.resource)]) {
    if (!resources.has(resourceKey(name))) resources.set(resourceKey(name), name.trim());
  }
  return {
    hasBudget: allocations + timesheets > 0,
    counts: { allocations, timesheets, projectRateCard, orgRateCard },
    workstreams: workstreams.map((w) => w.name),
    resources: [...resources.values()].sort((a, b) => a.localeCompare(b)),
  };
}
