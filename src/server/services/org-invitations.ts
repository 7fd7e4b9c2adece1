/**
 * The org's side of invitations (see invitation-records.ts): inviting someone by e-mail, the list of
 * open invitations, and withdrawing one.
 */
import type { CentralDb } from "@/server/db/central";
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import type { OrgRole } from "@/domain/permissions";
import { hashToken, newToken } from "@/server/crypto";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { invitationMail } from "@/server/mail-templates";
import { writeCentralAudit } from "./audit";
import type { INVITE_ROLES } from "@/contracts/account";
import {
  grantsOf,
  INVITE_TTL_MS,
  statusOf,
  type InviteStatus,
  type ProjectGrant,
} from "./invitation-records";

export async function createInvitation(
  central: CentralDb,
  db: TenantDb | null,
  actor: AuditActor & { orgRole: OrgRole },
  org: { id: string; name: string },
  input: { email: string; role: (typeof INVITE_ROLES)[number] | "owner"; projectRoles: ProjectGrant[] },
) {
  if (input.role === "owner" && actor.orgRole !== "owner") {
    throw new DomainError("FORBIDDEN", "Only an owner can make someone an owner");
  }
  const now = new Date();
  const email = input.email.trim().toLowerCase();
  const member = await central.orgMembership.findFirst({
    where: { orgId: org.id, deactivatedAt: null, user: { email, deletedAt: null } },
    select: { id: true },
  });
  if (member) {
    throw new DomainError("CONFLICT", "That person is already a member", {
      fieldErrors: { email: ["Already a member of this organization"] },
    });
  }
  if (input.projectRoles.length && db) {
    const ids = input.projectRoles.map((g) => g.projectId);
    const found = await db.project.findMany({
      where: { id: { in: ids }, deletedAt: null },
      select: { id: true },
    });
    if (found.length !== ids.length) {
      throw new DomainError("NOT_FOUND", "One of the projects does not exist", {
        fieldErrors: { projectRoles: ["One of the projects does not exist"] },
      });
    }
  }
  const token = newToken();
  const inv = await central.$transaction(async (tx) => {
    // A new invitation replaces any pending (or declined) one to the same address.
    await tx.invitation.updateMany({
      where: { orgId: org.id, email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    const created = await tx.invitation.create({
      data: {
        orgId: org.id,
        email,
        orgRole: input.role,
        projectRoles: input.projectRoles,
        tokenHash: hashToken(token),
        invitedById: actor.userId,
        expiresAt: new Date(now.getTime() + INVITE_TTL_MS),
      },
      select: { id: true, email: true, orgRole: true, projectRoles: true, expiresAt: true, createdAt: true },
    });
    await writeCentralAudit(tx, actor, {
      action: "PERMISSION_CHANGE",
      entityType: "invitation",
      entityId: created.id,
      orgId: org.id,
      after: { email, role: input.role, projectRoles: input.projectRoles, expiresAt: created.expiresAt },
    });
    return created;
  });
  sendMailInBackground(
    invitationMail(email, {
      orgName: org.name,
      inviterName: actor.name,
      role: input.role,
      link: appUrl(`/accept-invite?token=${token}`),
    }),
  );
  return {
    ...inv,
    role: inv.orgRole,
    projectRoles: grantsOf(inv.projectRoles),
    status: "pending" as InviteStatus,
  };
}

/* ------------------------------------------------------------ list, revoke */

export async function listInvitations(central: CentralDb, orgId: string) {
  const now = new Date();
  const rows = await central.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null },
    select: {
      id: true,
      email: true,
      orgRole: true,
      projectRoles: true,
      expiresAt: true,
      createdAt: true,
      invitedById: true,
      declinedAt: true,
    },
    orderBy: { createdAt: "desc" },
    take: 500,
  });
  const inviterIds = [...new Set(rows.map((r) => r.invitedById).filter((x): x is string => !!x))];
  const inviters = inviterIds.length
    ? await central.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, name: true } })
    : [];
  return rows.map((r) => ({
    id: r.id,
    email: r.email,
    role: r.orgRole,
    projectRoles: grantsOf(r.projectRoles),
    expiresAt: r.expiresAt,
    createdAt: r.createdAt,
    invitedBy: inviters.find((u) => u.id === r.invitedById)?.name ?? null,
    declinedAt: r.declinedAt,
    status: statusOf(
      { acceptedAt: null, revokedAt: null, declinedAt: r.declinedAt, expiresAt: r.expiresAt },
      now,
    ),
  }));
}

export async function revokeInvitation(
  central: CentralDb,
  actor: AuditActor,
  orgId: string,
  invitationId: string,
) {
  return central.$transaction(async (tx) => {
    const inv = await tx.invitation.findFirst({
      where: { id: invitationId, orgId },
      select: { id: true, email: true, orgRole: true, acceptedAt: true, revokedAt: true },
    });
    if (!inv) throw new DomainError("NOT_FOUND", "Invitation not found");
    if (inv.acceptedAt) throw new DomainError("INVALID", "That invitation was already accepted");
    if (!inv.revokedAt) {
      await tx.invitation.update({ where: { id: inv.id }, data: { revokedAt: new Date() } });
      await writeCentralAudit(tx, actor, {
        action: "PERMISSION_CHANGE",
        entityType: "invitation",
        entityId: inv.id,
        orgId,
        before: { email: inv.email, role: inv.orgRole },
        after: { revoked: true },
      });
    }
    return { revoked: true as const };
  });
}
