/**
 * Org membership management: roles, removal, ownership transfer. Every change
 * is audited as PERMISSION_CHANGE in the central audit log; project roles a
 * removed member held are deleted from the org's database (audited there).
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { TenantDb } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import type { OrgRole } from "@/domain/permissions";
import { writeAudit, writeCentralAudit } from "./audit";

type Tx = CentralPrisma.TransactionClient;

/** A member named by user id or e-mail. */
export type MemberRef = { userId?: string; email?: string };

export type MemberActor = AuditActor & { orgRole: OrgRole };

async function findMember(tx: Tx | CentralDb, orgId: string, ref: MemberRef) {
  const m = await tx.orgMembership.findFirst({
    where: {
      orgId,
      deactivatedAt: null,
      user: {
        deletedAt: null,
        ...(ref.userId ? { id: ref.userId } : { email: ref.email?.trim().toLowerCase() }),
      },
    },
    select: { id: true, role: true, user: { select: { id: true, email: true, name: true } } },
  });
  if (!m) {
    throw new DomainError("NOT_FOUND", "No member of this organization matches", {
      fieldErrors: ref.userId
        ? { userId: ["Not a member of this organization"] }
        : { email: ["Not a member of this organization"] },
    });
  }
  return m;
}

async function countOwners(tx: Tx, orgId: string) {
  return tx.orgMembership.count({
    where: { orgId, role: "owner", deactivatedAt: null, user: { deletedAt: null } },
  });
}

/** Audits a change of one membership's org role (`to` null: the member was removed). */
function auditRoleChange(
  tx: Tx,
  actor: AuditActor,
  orgId: string,
  m: { id: string; user: { id: string; email: string } },
  from: string,
  to: { role: string; via?: string } | null,
) {
  const who = { userId: m.user.id, email: m.user.email };
  return writeCentralAudit(tx, actor, {
    action: "PERMISSION_CHANGE",
    entityType: "org_membership",
    entityId: m.id,
    orgId,
    before: { ...who, role: from },
    after: to && { ...who, ...to },
  });
}

/** Changes a member's org role. Only owners grant or take away ownership; the last owner stays. */
export async function setMemberRole(
  central: CentralDb,
  actor: MemberActor,
  org: { id: string },
  ref: MemberRef,
  role: OrgRole,
) {
  return central.$transaction(async (tx) => {
    const m = await findMember(tx, org.id, ref);
    if ((role === "owner" || m.role === "owner") && actor.orgRole !== "owner") {
      throw new DomainError("FORBIDDEN", "Only an owner can change who owns this organization");
    }
    if (m.role === "owner" && role !== "owner" && (await countOwners(tx, org.id)) <= 1) {
      throw new DomainError(
        "INVALID",
        "An organization must keep at least one owner. Transfer ownership first.",
        {
          fieldErrors: { role: ["The last owner cannot be demoted"] },
        },
      );
    }
    if (m.role !== role) {
      await tx.orgMembership.update({ where: { id: m.id }, data: { role } });
      await auditRoleChange(tx, actor, org.id, m, m.role, { role });
    }
    return { userId: m.user.id, email: m.user.email, name: m.user.name, role };
  });
}

/**
 * Removes a member: the membership is deactivated (their org requests answer
 * NOT_FOUND from the next request on), their project roles in the org are
 * deleted and pending invitations to their address are revoked. Owners cannot
 * be removed (transfer ownership first).
 */
export async function removeMember(
  central: CentralDb,
  db: TenantDb,
  actor: MemberActor,
  org: { id: string },
  ref: MemberRef,
) {
  const now = new Date();
  return central.$transaction(async (tx) => {
    const m = await findMember(tx, org.id, ref);
    if (m.role === "owner") {
      throw new DomainError(
        "INVALID",
        "The owner cannot be removed. Transfer ownership to someone else first.",
      );
    }
    await tx.orgMembership.update({ where: { id: m.id }, data: { deactivatedAt: now } });
    await tx.invitation.updateMany({
      where: { orgId: org.id, email: m.user.email, acceptedAt: null, revokedAt: null },
      data: { revokedAt: now },
    });
    await auditRoleChange(tx, actor, org.id, m, m.role, null);
    // Inside the central transaction: if the org database fails, the removal rolls back too.
    await db.$transaction(async (ttx) => {
      const roles = await ttx.projectRole.findMany({
        where: { userId: m.user.id },
        select: { id: true, projectId: true, role: true },
      });
      if (!roles.length) return;
      await ttx.projectRole.deleteMany({ where: { userId: m.user.id } });
      for (const r of roles) {
        await writeAudit(ttx, actor, {
          action: "PERMISSION_CHANGE",
          entityType: "project_role",
          entityId: m.user.id,
          projectId: r.projectId,
          before: { userId: m.user.id, email: m.user.email, role: r.role },
          after: null,
        });
      }
    });
    return { removed: true as const, userId: m.user.id, email: m.user.email };
  });
}

/**
 * Makes another member the owner. Every other owner (normally the caller)
 * becomes an admin.
 */
export async function transferOwnership(
  central: CentralDb,
  actor: MemberActor,
  org: { id: string },
  ref: MemberRef,
) {
  return central.$transaction(async (tx) => {
    const target = await findMember(tx, org.id, ref);
    if (actor.userId && target.user.id === actor.userId) {
      throw new DomainError("INVALID", "You already own this organization", {
        fieldErrors: { userId: ["Choose another member"] },
      });
    }
    const owners = await tx.orgMembership.findMany({
      where: { orgId: org.id, role: "owner", deactivatedAt: null, id: { not: target.id } },
      select: { id: true, user: { select: { id: true, email: true } } },
    });
    await tx.orgMembership.update({ where: { id: target.id }, data: { role: "owner" } });
    await auditRoleChange(tx, actor, org.id, target, target.role, {
      role: "owner",
      via: "transfer_ownership",
    });
    for (const o of owners) {
      await tx.orgMembership.update({ where: { id: o.id }, data: { role: "admin" } });
      await auditRoleChange(tx, actor, org.id, o, "owner", { role: "admin", via: "transfer_ownership" });
    }
    return { ownerUserId: target.user.id, email: target.user.email, name: target.user.name };
  });
}
