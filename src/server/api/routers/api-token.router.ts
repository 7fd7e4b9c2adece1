import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, orgProcedure } from "@/server/api/trpc";
import { canOrg } from "@/domain/permissions";
import { MAX_EXPIRY_DAYS } from "@/domain/api-tokens";
import { createApiToken, listApiTokens, revokeApiToken } from "@/server/services/api-tokens";

/** Any org member, signed in as a person (the system actor holds no tokens). */
const personInOrg = orgProcedure.use(({ ctx, next }) => {
  if (ctx.actor.kind !== "user")
    throw new TRPCError({ code: "FORBIDDEN", message: "Only for signed-in users" });
  return next({ ctx: { person: { ...ctx.audit, userId: ctx.actor.userId } } });
});

export const apiTokenRouter = createTRPCRouter({
  /** A new token for the caller in this org; the token is in this answer only. Tokens cannot call it. */
  create: personInOrg
    .input(
      z.object({
        name: z.string().trim().min(1, "Give the token a name").max(100, "At most 100 characters"),
        expiresInDays: z
          .number()
          .int("Whole days")
          .min(1, "At least 1 day")
          .max(MAX_EXPIRY_DAYS, `At most ${MAX_EXPIRY_DAYS} days`)
          .optional(),
      }),
    )
    .mutation(({ ctx, input }) => createApiToken(ctx.centralDb, ctx.person, ctx.org, input)),

  /** The caller's own tokens in this org (never their secrets). */
  list: personInOrg.query(({ ctx }) => listApiTokens(ctx.centralDb, ctx.person.userId, ctx.org.id)),

  /** Revokes one of the caller's tokens; org admins may revoke any token of the org. */
  revoke: personInOrg
    .input(z.object({ id: z.uuid({ error: "Not a token id" }) }))
    .mutation(({ ctx, input }) =>
      revokeApiToken(ctx.centralDb, ctx.person, ctx.org, input.id, canOrg(ctx.orgRole, "org.manageMembers")),
    ),
});
