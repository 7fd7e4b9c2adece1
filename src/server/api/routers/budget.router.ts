import { createTRPCRouter, projectAction } from "@/server/api/trpc";
import { budgetMetrics } from "@/server/services/budget";

export const budgetRouter = createTRPCRouter({
  metrics: projectAction("project.view").query(({ ctx }) => budgetMetrics(ctx.db, ctx.project.id)),
});
