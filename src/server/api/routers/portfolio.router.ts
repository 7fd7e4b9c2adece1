import { createTRPCRouter, orgAction, orgProcedure } from "@/server/api/trpc";
import type { OrgRole } from "@/domain/permissions";
import type { TenantDb } from "@/server/db/tenant";
import type { Actor } from "@/server/context-types";
import {
  createPortfolio,
  deletePortfolio,
  getPortfolio,
  listPortfolios,
  portfolioDashboard,
  updatePortfolio,
} from "@/server/services/portfolios";
import { ZPortfolioFields, ZPortfolioId } from "@/contracts/portfolio";

/** Projects this caller may see; null = all (org owners/admins and the system). */
async function visibleProjects(ctx: {
  db: TenantDb;
  orgRole: OrgRole;
  actor: Actor;
}): Promise<Set<string> | null> {
  if (ctx.actor.kind === "system" || ctx.orgRole !== "member") return null;
  const roles = await ctx.db.projectRole.findMany({
    where: { userId: ctx.actor.userId },
    select: { projectId: true },
  });
  return new Set(roles.map((r) => r.projectId));
}

export const portfolioRouter = createTRPCRouter({
  list: orgProcedure.query(async ({ ctx }) => listPortfolios(ctx.db, await visibleProjects(ctx))),
  get: orgProcedure
    .input(ZPortfolioId)
    .query(async ({ ctx, input }) => getPortfolio(ctx.db, input.portfolioId, await visibleProjects(ctx))),
  dashboard: orgProcedure
    .input(ZPortfolioId)
    .query(async ({ ctx, input }) =>
      portfolioDashboard(ctx.db, input.portfolioId, await visibleProjects(ctx)),
    ),
  create: orgAction("org.manageSettings")
    .input(ZPortfolioFields)
    .mutation(({ ctx, input }) => createPortfolio(ctx.db, ctx.audit, input)),
  update: orgAction("org.manageSettings")
    .input(ZPortfolioId.extend(ZPortfolioFields.partial().shape))
    .mutation(({ ctx, input }) => updatePortfolio(ctx.db, ctx.audit, input)),
  delete: orgAction("org.manageSettings")
    .input(ZPortfolioId)
    .mutation(({ ctx, input }) => deletePortfolio(ctx.db, ctx.audit, input.portfolioId)),
});
