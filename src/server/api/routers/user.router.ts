import { z } from "zod";
import { createTRPCRouter, protectedProcedure, systemProcedure } from "@/server/api/trpc";
import { createUser, ZEmail, ZPassword, ZPersonName } from "@/server/services/users";

export const userRouter = createTRPCRouter({
  /** Operators create users directly; people sign up through registration. */
  create: systemProcedure
    .input(z.object({ email: ZEmail, name: ZPersonName, password: ZPassword.optional() }))
    .mutation(({ ctx, input }) => createUser(ctx.centralDb, ctx.audit, input)),

  me: protectedProcedure.query(async ({ ctx }) => {
    if (ctx.actor.kind === "system") return { id: null, email: null, name: "system" };
    const u = await ctx.centralDb.user.findUniqueOrThrow({
      where: { id: ctx.actor.userId },
      select: { id: true, email: true, name: true, avatarUrl: true, emailVerified: true, createdAt: true },
    });
    return u;
  }),
});
