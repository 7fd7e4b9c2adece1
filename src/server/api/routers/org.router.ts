import { z } from "zod";
import { TRPCError } from "@trpc/server";
import { createTRPCRouter, orgAction, orgProcedure, protectedProcedure } from "@/server/api/trpc";
import { addMember, createOrg, deleteOrg, listAllOrgs, listOrgsForUser } from "@/server/services/orgs";
import { ZEmail } from "@/contracts/account";
import { ZCreateOrg } from "@/contracts/org";
import { findUserByEmail } from "@/server/services/users";
import { orgQuotaFromEnv, type OrgQuota } from "@/server/services/limits";
import { ORG_ROLES } from "@/domain/permissions";
import { publicOrgSettings } from "@/domain/sso";
import { orgDomainRouter, orgMemberProcedures, orgSsoRouter } from "./org-members.router";
import { orgAiProcedures } from "./org-ai.router";

export const orgRouter = createTRPCRouter({
  /** Creates an org and its database; the caller (or, for operators, `ownerEmail`) becomes owner. */
  create: protectedProcedure.input(ZCreateOrg).mutation(async ({ ctx, input }) => {
    let ownerUserId: string;
    // Operators place an org's database on a cluster; everyone else gets the default placement.
    if (input.clusterKey !== undefined && ctx.actor.kind !== "system")
      throw new TRPCError({ code: "FORBIDDEN", message: "Only operators choose the database cluster" });
    // Users are held to a quota (each org is a database); operators are not.
    let quota: OrgQuota | undefined;
    if (ctx.actor.kind === "user") {
      if (input.ownerEmail && input.ownerEmail !== ctx.actor.email) {
        throw new TRPCError({ code: "FORBIDDEN", message: "You can only create organizations you own" });
      }
      ownerUserId = ctx.actor.userId;
      quota = orgQuotaFromEnv();
    } else {
      if (!input.ownerEmail) throw new TRPCError({ code: "BAD_REQUEST", message: "ownerEmail is required" });
      const owner = await findUserByEmail(ctx.centralDb, input.ownerEmail);
      if (!owner) throw new TRPCError({ code: "NOT_FOUND", message: "No user with that e-mail" });
      ownerUserId = owner.id;
    }
    return createOrg(ctx.centralDb, ctx.audit, {
      name: input.name,
      slug: input.slug,
      ownerUserId,
      quota,
      clusterKey: input.clusterKey,
    });
  }),

  list: protectedProcedure.query(({ ctx }) =>
    ctx.actor.kind === "user" ? listOrgsForUser(ctx.centralDb, ctx.actor.userId) : listAllOrgs(ctx.centralDb),
  ),

  get: orgProcedure.query(({ ctx }) => ({
    id: ctx.org.id,
    name: ctx.org.name,
    slug: ctx.org.slug,
    settings: publicOrgSettings(ctx.org.settings),
    role: ctx.orgRole,
  })),

  members: orgProcedure.query(async ({ ctx }) => {
    const rows = await ctx.centralDb.orgMembership.findMany({
      where: { orgId: ctx.org.id, deactivatedAt: null },
      select: {
        role: true,
        createdAt: true,
        user: { select: { id: true, email: true, name: true, avatarUrl: true } },
      },
      orderBy: { user: { name: "asc" } },
    });
    return rows.map((r) => ({ ...r.user, role: r.role, since: r.createdAt }));
  }),

  /**
   * A current member: changes their role (setMemberRole's rules). Anyone else: an invitation they
   * accept while signed in (status "invited"; the same answer whether or not they have an account).
   * Operators (system actor) add an existing account directly (status "added").
   */
  addMember: orgAction("org.manageMembers")
    .input(z.object({ email: ZEmail, role: z.enum(ORG_ROLES) }))
    .mutation(({ ctx, input }) =>
      addMember(
        ctx.centralDb,
        ctx.db,
        { ...ctx.audit, orgRole: ctx.orgRole, system: ctx.actor.kind === "system" },
        ctx.org,
        input,
      ),
    ),

  ...orgMemberProcedures,
  ...orgAiProcedures,
  sso: orgSsoRouter,
  domain: orgDomainRouter,

  delete: orgAction("org.delete")
    .input(z.object({ confirmSlug: z.string() }))
    .mutation(({ ctx, input }) => {
      if (input.confirmSlug !== ctx.org.slug) {
        throw new TRPCError({ code: "BAD_REQUEST", message: "Type the organization's slug to confirm" });
      }
      return deleteOrg(ctx.centralDb, ctx.audit, ctx.org);
    }),
});
