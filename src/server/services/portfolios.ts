/**
 * Portfolios group projects (many-to-many; deleting a portfolio never touches
 * its projects). The portfolio dashboard aggregates severity counts and budget
 * totals over the member projects THE CALLER can see, with a line per project
 * for drill-down.
 */
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { severityOf, isIndicator } from "@/domain/indicators";
import { SEVERITIES, type Severity } from "@/domain/types";
import { writeAudit } from "./audit";
import { rollUpProjectsBudget } from "./budget-rollup";

const PORTFOLIO_SELECT = {
  id: true,
  name: true,
  description: true,
  createdAt: true,
  updatedAt: true,
  projects: { select: { projectId: true }, where: { project: { deletedAt: null } } },
} as const;

type Row = {
  id: string;
  name: string;
  description: string | null;
  createdAt: Date;
  updatedAt: Date;
  projects: { projectId: string }[];
};

/** Only the member projects the caller may see are shown. */
const toDto = (p: Row, visible: Set<string> | null) => ({
  id: p.id,
  name: p.name,
  description: p.description,
  createdAt: p.createdAt,
  updatedAt: p.updatedAt,
  projectIds: p.projects.map((x) => x.projectId).filter((id) => !visible || visible.has(id)),
});

async function findPortfolio(db: Pick<TenantDb, "portfolio">, id: string) {
  const p = await db.portfolio.findFirst({ where: { id, deletedAt: null }, select: PORTFOLIO_SELECT });
  if (!p) throw new DomainError("NOT_FOUND", "Portfolio not found");
  return p;
}

export async function listPortfolios(db: TenantDb, visible: Set<string> | null) {
  const rows = await db.portfolio.findMany({
    where: { deletedAt: null },
    select: PORTFOLIO_SELECT,
    orderBy: { name: "asc" },
  });
  return rows.map((r) => toDto(r, visible));
}

export async function getPortfolio(db: TenantDb, id: string, visible: Set<string> | null) {
  return toDto(await findPortfolio(db, id), visible);
}

async function checkProjects(db: Pick<TenantDb, "project">, ids: string[]) {
  const found = await db.project.findMany({
    where: { id: { in: ids }, deletedAt: null },
    select: { id: true },
  });
  const missing = ids.filter((id) => !found.some((f) => f.id === id));
  if (missing.length)
    throw new DomainError("INVALID", "Some projects do not exist", {
      fieldErrors: { projectIds: [`Unknown project: ${missing.join(", ")}`] },
    });
}

export async function createPortfolio(
  db: TenantDb,
  actor: AuditActor,
  input: { name: string; description?: string | null; projectIds?: string[] },
) {
  const ids = [...new Set(input.projectIds ?? [])];
  return db.$transaction(async (tx) => {
    await checkProjects(tx, ids);
    const p = await tx.portfolio.create({
      data: {
        name: input.name,
        description: input.description ?? null,
        projects: { create: ids.map((projectId) => ({ projectId })) },
      },
      select: PORTFOLIO_SELECT,
    });
    const dto = toDto(p, null);
    await writeAudit(tx, actor, { action: "CREATE", entityType: "portfolio", entityId: p.id, after: dto });
    return dto;
  });
}

export async function updatePortfolio(
  db: TenantDb,
  actor: AuditActor,
  input: { portfolioId: string; name?: string; description?: string | null; projectIds?: string[] },
) {
  return db.$transaction(async (tx) => {
    const before = toDto(await findPortfolio(tx, input.portfolioId), null);
    if (input.projectIds) {
      const ids = [...new Set(input.projectIds)];
      await checkProjects(tx, ids);
      await tx.portfolioProject.deleteMany({ where: { portfolioId: input.portfolioId } });
      await tx.portfolioProject.createMany({
        data: ids.map((projectId) => ({ portfolioId: input.portfolioId, projectId })),
      });
    }
    const after = toDto(
      await tx.portfolio.update({
        where: { id: input.portfolioId },
        data: { name: input.name, description: input.description },
        select: PORTFOLIO_SELECT,
      }),
      null,
    );
    await writeAudit(tx, actor, {
      action: "UPDATE",
      entityType: "portfolio",
      entityId: input.portfolioId,
      before,
      after,
    });
    return after;
  });
}

export async function deletePortfolio(db: TenantDb, actor: AuditActor, portfolioId: string) {
  return db.$transaction(async (tx) => {
    const before = toDto(await findPortfolio(tx, portfolioId), null);
    await tx.portfolio.update({ where: { id: portfolioId }, data: { deletedAt: new Date() } });
    await writeAudit(tx, actor, { action: "DELETE", entityType: "portfolio", entityId: portfolioId, before });
    return { deleted: true as const };
  });
}

/** Counts by severity and budget totals over the visible member projects, with per-project lines. */
export async function portfolioDashboard(db: TenantDb, portfolioId: string, visible: Set<string> | null) {
  const portfolio = toDto(await findPortfolio(db, portfolioId), visible);
  const ids = portfolio.projectIds;
  const [projects, grouped, budget] = await Promise.all([
    db.project.findMany({
      where: { id: { in: ids }, deletedAt: null },
      select: { id: true, name: true, clientName: true },
      orderBy: { name: "asc" },
    }),
    db.item.groupBy({
      by: ["projectId", "indicator"],
      where: { projectId: { in: ids }, deletedAt: null, draft: false },
      _count: { _all: true },
    }),
    rollUpProjectsBudget(db, ids),
  ]);
  const empty = () => ({
    ...(Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>),
    none: 0,
    total: 0,
  });
  const totals = empty();
  const perProject = new Map(projects.map((p) => [p.id, empty()]));
  for (const g of grouped) {
    const s = severityOf(isIndicator(g.indicator) ? g.indicator : null) ?? "none";
    for (const c of [totals, perProject.get(g.projectId)!]) {
      c[s] += g._count._all;
      c.total += g._count._all;
    }
  }
  return {
    portfolio,
    counts: totals,
    budget: {
      budgetTotal: budget.budgetTotal,
      burnToDate: budget.burnToDate,
      estTotalBurn: budget.estTotalBurn,
      budgetRemaining: budget.budgetRemaining,
      budgetStatus: budget.budgetStatus,
      burnPct: budget.burnPct,
    },
    projects: projects.map((p) => ({
      ...p,
      counts: perProject.get(p.id)!,
      budget: budget.projects.find((b) => b.projectId === p.id) ?? null,
    })),
  };
}
