/** Accepting an invitation (see invitation-records.ts): membership, project roles and single use together. */
import type { CentralDb } from "@/server/db/central";
import type { TenantDb, TenantOrgRef } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import type { OrgRole } from "@/domain/permissions";
import { writeRequestAudit } from "./audit";
import { putProjectRole } from "./projects";
import { hashPassword } from "./users";
import { grantsOf, loadInvitation, OPEN, statusOf, UNUSABLE, verifiedInvitee } from "./invitation-records";

export type AcceptInput =
  | { token: string; signedInUserId: string }
  | { invitationId: string; signedInUserId: string }
  | { token: string; signedInUserId?: undefined; name: string; password: string };

/**
 * Accepts an invitation — the only way an existing account joins an org an admin named it for.
 * - With the e-mailed link, signed in: the user's address must be the invited one.
 * - Without the link (from the invitee's list), signed in: the address must be the invited one AND
 *   confirmed (the link proves the mailbox; without it our confirmation must).
 * - With the link, not signed in: a new account is created (an existing one must sign in first).
 * The org membership, the project roles (in the org's database) and the single use of the
 * invitation are written together.
 */
export async function acceptInvitation(
  central: CentralDb,
  tenantFor: (org: TenantOrgRef) => TenantDb,
  input: AcceptInput,
  meta: { correlationId: string; ip: string | null },
) {
  const now = new Date();
  const byId = "invitationId" in input;
  const inv = await loadInvitation(central, input);

  let existingUser: { id: string; email: string; name: string } | null = null;
  if (input.signedInUserId) {
    const me = await verifiedInvitee(central, input.signedInUserId);
    if (byId && (!inv || inv.email !== me.email || !me.emailVerified)) {
      throw new DomainError("NOT_FOUND", "Invitation not found");
    }
    existingUser = { id: me.id, email: me.email, name: me.name };
  }
  if (!inv || inv.org.deletedAt || inv.org.status !== "active")
    throw new DomainError("NOT_FOUND", "Invitation not found");
  const status = statusOf(inv, now);
  const tokenField = byId ? "invitationId" : "token";
  if (status !== "pending")
    throw new DomainError("INVALID", UNUSABLE[status], { fieldErrors: { [tokenField]: [UNUSABLE[status]] } });

  if (existingUser) {
    if (existingUser.email !== inv.email) {
      throw new DomainError(
        "FORBIDDEN",
        `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`,
      );
    }
  } else {
    const taken = await central.user.findFirst({ where: { email: inv.email }, select: { id: true } });
    if (taken) {
      throw new DomainError(
        "CONFLICT",
        `An account for ${inv.email} already exists. Sign in to accept the invitation.`,
        {
          details: { signInRequired: true },
        },
      );
    }
  }
  const newAccount =
    "name" in input && input.signedInUserId === undefined
      ? { name: input.name.trim(), passwordHash: await hashPassword(input.password) }
      : null;
  const grants = grantsOf(inv.projectRoles);
  const db = tenantFor(inv.org);

  const result = await central.$transaction(async (tx) => {
    // Single use: only one concurrent accept can claim the link.
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, ...OPEN, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) {
      throw new DomainError("INVALID", UNUSABLE.accepted, {
        fieldErrors: { [tokenField]: [UNUSABLE.accepted] },
      });
    }

    let user = existingUser;
    let created = false;
    if (!user && newAccount) {
      user = await tx.user.create({
        data: {
          email: inv.email,
          name: newAccount.name,
          passwordHash: newAccount.passwordHash,
          emailVerified: now,
        },
        select: { id: true, email: true, name: true },
      });
      created = true;
      await writeRequestAudit(tx, { userId: null, name: null }, meta, {
        action: "CREATE",
        entityType: "user",
        entityId: user.id,
        after: { ...user, via: "invitation" },
      });
    }
    const u = user!;
    const actor: AuditActor = { userId: u.id, name: u.name, correlationId: meta.correlationId };
    const before = await tx.orgMembership.findUnique({
      where: { userId_orgId: { userId: u.id, orgId: inv.org.id } },
      select: { role: true, deactivatedAt: true },
    });
    // An active owner or admin keeps the higher role.
    const keep =
      before &&
      !before.deactivatedAt &&
      (before.role === "owner" || (before.role === "admin" && inv.orgRole === "member"));
    const role: OrgRole = keep ? before.role : inv.orgRole;
    const m = await tx.orgMembership.upsert({
      where: { userId_orgId: { userId: u.id, orgId: inv.org.id } },
      create: { userId: u.id, orgId: inv.org.id, role },
      update: { role, deactivatedAt: null },
      select: { id: true },
    });
    await writeRequestAudit(tx, actor, meta, {
      action: "PERMISSION_CHANGE",
      entityType: "org_membership",
      entityId: m.id,
      orgId: inv.org.id,
      before: before && !before.deactivatedAt ? { userId: u.id, role: before.role } : null,
      after: { userId: u.id, email: u.email, role, via: "invitation", invitationId: inv.id },
    });

    // Project roles in the org's database, inside the central transaction so a
    // failure there leaves the invitation unused.
    await db.$transaction(async (ttx) => {
      const live = await ttx.project.findMany({
        where: { id: { in: grants.map((g) => g.projectId) }, deletedAt: null },
        select: { id: true },
      });
      for (const g of grants.filter((x) => live.some((p) => p.id === x.projectId)))
        await putProjectRole(ttx, actor, g.projectId, u, g.role, "invitation");
    });
    return { userId: u.id, email: u.email, created, orgSlug: inv.org.slug, role };
  });
  return result;
}
