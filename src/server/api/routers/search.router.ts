import { z } from "zod";
import { createTRPCRouter, orgProcedure } from "@/server/api/trpc";
import { searchItems } from "@/server/services/search";

export const searchRouter = createTRPCRouter({
  /** Items, notes and attachment names across every project the caller can see. */
  query: orgProcedure
    .input(
      z.object({ q: z.string().trim().min(1).max(200), limit: z.number().int().min(1).max(200).default(50) }),
    )
    .query(async ({ ctx, input }) => {
      let visible: string[] | null = null;
      if (ctx.actor.kind === "user" && ctx.orgRole === "member") {
        visible = (
          await ctx.db.projectRole.findMany({
            where: { userId: ctx.actor.userId },
            select: { projectId: true },
          })
        ).map((r) => r.projectId);
      }
      return searchItems(ctx.db, input.q, visible, input.limit);
    }),
});
