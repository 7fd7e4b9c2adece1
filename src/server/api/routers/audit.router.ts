import { TRPCError } from "@trpc/server";
import { z } from "zod";
import { createTRPCRouter, orgAction, orgProcedure } from "@/server/api/trpc";
import { CENTRAL_AUDIT_KINDS, listCentralAudit } from "@/server/services/central-audit";
import { canOrg, effectiveProjectRole, can } from "@/domain/permissions";
import { listAudit } from "@/server/services/audit-query";
import { loadProjectAccess } from "@/server/services/project-access";
import { ZInstant } from "@/contracts/common";

export const auditRouter = createTRPCRouter({
  /** Org owners/admins see the whole org's trail; a project admin sees their project's. */
  list: orgProcedure
    .input(
      z.object({
        projectId: z.uuid().optional(),
        entityType: z.string().max(40).optional(),
        entityId: z.string().max(64).optional(),
        actorId: z.uuid().optional(),
        action: z.string().max(40).optional(),
        from: ZInstant.optional(),
        to: ZInstant.optional(),
        cursor: z.string().regex(/^\d+$/).optional(),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(async ({ ctx, input }) => {
      if (!canOrg(ctx.orgRole, "org.manageSettings")) {
        const access = input.projectId
          ? await loadProjectAccess(
              ctx.db,
              input.projectId,
              ctx.actor.kind === "user" ? ctx.actor.userId : null,
            )
          : null;
        const role = access ? effectiveProjectRole(ctx.orgRole, access.role) : null;
        if (!access || !role)
          throw new TRPCError({
            code: input.projectId ? "NOT_FOUND" : "FORBIDDEN",
            message: "Only administrators can read the audit log",
          });
        if (!can(role, "project.admin"))
          throw new TRPCError({ code: "FORBIDDEN", message: "Only administrators can read the audit log" });
      }
      return listAudit(ctx.db, input);
    }),

  /**
   * Org owners / admins: the access log — sign-ins (through this org's SSO, and of its members),
   * membership and role changes, invitations, SSO and domain changes, password / token use.
   */
  central: orgAction("org.manageSettings")
    .input(
      z.object({
        cursor: z
          .string()
          .regex(/^\d{1,19}$/, "Not a cursor")
          .optional(),
        kind: z.enum(CENTRAL_AUDIT_KINDS).default("all"),
        limit: z.number().int().min(1).max(200).default(50),
      }),
    )
    .query(({ ctx, input }) => listCentralAudit(ctx.centralDb, ctx.org, input)),
});
