/**
 * E-mail invitations to an organization, with an org role and optional
 * project roles. A link is valid for 7 days and works once. Accepting creates
 * the account (name + password) or, for a signed-in user with the invited
 * address, links their account.
 */
import { z } from "zod";
import type { CentralDb } from "@/server/db/central";
import type { TenantDb, TenantOrgRef } from "@/server/db/tenant";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { PROJECT_ROLES, type OrgRole, type ProjectRole } from "@/domain/permissions";
import { hashToken, newToken } from "@/server/crypto";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { invitationMail } from "@/server/mail-templates";
import { writeAudit, writeCentralAudit } from "./audit";
import { hashPassword } from "./users";
import type { INVITE_ROLES } from "@/server/api/routers/account.schema";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const ZProjectGrant = z.object({ projectId: z.uuid({ error: "Not a project id" }), role: z.enum(PROJECT_ROLES) });
export const ZProjectGrants = z
  .array(ZProjectGrant)
  .max(200)
  .refine((g) => new Set(g.map((x) => x.projectId)).size === g.length, { error: "Each project can be listed once" });
export type ProjectGrant = z.infer<typeof ZProjectGrant>;

function grantsOf(json: unknown): ProjectGrant[] {
  const parsed = ZProjectGrants.safeParse(json);
  return parsed.success ? parsed.data : [];
}

type InviteStatus = "pending" | "accepted" | "revoked" | "expired";

function statusOf(inv: { acceptedAt: Date | null; revokedAt: Date | null; expiresAt: Date }, now: Date): InviteStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.expiresAt <= now) return "expired";
  return "pending";
}

/* ----------------------------------------------------------------- create */

export async function createInvitation(
  central: CentralDb,
  db: TenantDb,
  actor: AuditActor & { orgRole: OrgRole },
  org: { id: string; name: string },
  input: { email: string; role: (typeof INVITE_ROLES)[number]; projectRoles: ProjectGrant[] },
) {
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
  if (input.projectRoles.length) {
    const ids = input.projectRoles.map((g) => g.projectId);
    const found = await db.project.findMany({ where: { id: { in: ids }, deletedAt: null }, select: { id: true } });
    if (found.length !== ids.length) {
      throw new DomainError("NOT_FOUND", "One of the projects does not exist", {
        fieldErrors: { projectRoles: ["One of the projects does not exist"] },
      });
    }
  }
  const token = newToken();
  const inv = await central.$transaction(async (tx) => {
    // A new invitation replaces any pending one to the same address.
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
  return { ...inv, role: inv.orgRole, projectRoles: grantsOf(inv.projectRoles), status: "pending" as InviteStatus };
}

/* ------------------------------------------------------------ list, revoke */

export async function listInvitations(central: CentralDb, orgId: string) {
  const now = new Date();
  const rows = await central.invitation.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null },
    select: { id: true, email: true, orgRole: true, projectRoles: true, expiresAt: true, createdAt: true, invitedById: true },
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
    status: statusOf({ acceptedAt: null, revokedAt: null, expiresAt: r.expiresAt }, now),
  }));
}

export async function revokeInvitation(central: CentralDb, actor: AuditActor, orgId: string, invitationId: string) {
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

/* ---------------------------------------------------------- preview, accept */

async function loadByToken(central: CentralDb, token: string) {
  if (!token || token.length > 200) return null;
  return central.invitation.findUnique({
    where: { tokenHash: hashToken(token) },
    select: {
      id: true,
      email: true,
      orgRole: true,
      projectRoles: true,
      expiresAt: true,
      acceptedAt: true,
      revokedAt: true,
      invitedById: true,
      org: { select: { id: true, name: true, slug: true, databaseName: true, clusterKey: true, deletedAt: true, status: true } },
    },
  });
}

const UNUSABLE: Record<Exclude<InviteStatus, "pending">, string> = {
  accepted: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  expired: "This invitation has expired. Ask for a new one.",
};

/** What the accept page shows. Invalid tokens are NOT_FOUND. */
export async function previewInvitation(central: CentralDb, token: string) {
  const inv = await loadByToken(central, token);
  if (!inv || inv.org.deletedAt || inv.org.status !== "active") throw new DomainError("NOT_FOUND", "Invitation not found");
  const status = statusOf(inv, new Date());
  const [inviter, account] = await Promise.all([
    inv.invitedById ? central.user.findUnique({ where: { id: inv.invitedById }, select: { name: true } }) : null,
    central.user.findFirst({ where: { email: inv.email, deletedAt: null }, select: { id: true } }),
  ]);
  return {
    orgName: inv.org.name,
    orgSlug: inv.org.slug,
    email: inv.email,
    role: inv.orgRole,
    projectCount: grantsOf(inv.projectRoles).length,
    invitedBy: inviter?.name ?? null,
    expiresAt: inv.expiresAt,
    status,
    message: status === "pending" ? null : UNUSABLE[status],
    accountExists: !!account,
  };
}

export type AcceptInput =
  | { token: string; signedInUserId: string }
  | { token: string; signedInUserId?: undefined; name: string; password: string };

/**
 * Accepts an invitation. Signed in: the user's address must be the invited one.
 * Not signed in: a new account is created (an existing one must sign in first).
 * The org membership, the project roles (in the org's database) and the
 * single use of the link are written together.
 */
export async function acceptInvitation(
  central: CentralDb,
  tenantFor: (org: TenantOrgRef) => TenantDb,
  input: AcceptInput,
  meta: { correlationId: string; ip: string | null },
) {
  const now = new Date();
  const inv = await loadByToken(central, input.token);
  if (!inv || inv.org.deletedAt || inv.org.status !== "active") throw new DomainError("NOT_FOUND", "Invitation not found");
  const status = statusOf(inv, now);
  if (status !== "pending") throw new DomainError("INVALID", UNUSABLE[status], { fieldErrors: { token: [UNUSABLE[status]] } });

  let existingUser: { id: string; email: string; name: string } | null = null;
  if (input.signedInUserId) {
    existingUser = await central.user.findFirst({
      where: { id: input.signedInUserId, deletedAt: null, deactivatedAt: null },
      select: { id: true, email: true, name: true },
    });
    if (!existingUser) throw new DomainError("UNAUTHORIZED", "Please sign in again");
    if (existingUser.email !== inv.email) {
      throw new DomainError("FORBIDDEN", `This invitation was sent to ${inv.email}. Sign in with that address to accept it.`);
    }
  } else {
    const taken = await central.user.findFirst({ where: { email: inv.email }, select: { id: true } });
    if (taken) {
      throw new DomainError("CONFLICT", `An account for ${inv.email} already exists. Sign in to accept the invitation.`, {
        details: { signInRequired: true },
      });
    }
  }
  const newAccount =
    input.signedInUserId === undefined
      ? { name: input.name.trim(), passwordHash: await hashPassword(input.password) }
      : null;
  const grants = grantsOf(inv.projectRoles);
  const db = tenantFor(inv.org);

  const result = await central.$transaction(async (tx) => {
    // Single use: only one concurrent accept can claim the link.
    const claimed = await tx.invitation.updateMany({
      where: { id: inv.id, acceptedAt: null, revokedAt: null, expiresAt: { gt: now } },
      data: { acceptedAt: now },
    });
    if (claimed.count !== 1) throw new DomainError("INVALID", UNUSABLE.accepted, { fieldErrors: { token: [UNUSABLE.accepted] } });

    let user = existingUser;
    let created = false;
    if (!user && newAccount) {
      user = await tx.user.create({
        data: { email: inv.email, name: newAccount.name, passwordHash: newAccount.passwordHash, emailVerified: now },
        select: { id: true, email: true, name: true },
      });
      created = true;
      await writeCentralAudit(tx, { userId: null, name: null, correlationId: meta.correlationId }, {
        action: "CREATE",
        entityType: "user",
        entityId: user.id,
        after: { ...user, via: "invitation" },
        ip: meta.ip,
      });
    }
    const u = user!;
    const actor: AuditActor = { userId: u.id, name: u.name, correlationId: meta.correlationId };
    const before = await tx.orgMembership.findUnique({
      where: { userId_orgId: { userId: u.id, orgId: inv.org.id } },
      select: { role: true, deactivatedAt: true },
    });
    // An active owner or admin keeps the higher role.
    const keep = before && !before.deactivatedAt && (before.role === "owner" || (before.role === "admin" && inv.orgRole === "member"));
    const role: OrgRole = keep ? before.role : inv.orgRole;
    const m = await tx.orgMembership.upsert({
      where: { userId_orgId: { userId: u.id, orgId: inv.org.id } },
      create: { userId: u.id, orgId: inv.org.id, role },
      update: { role, deactivatedAt: null },
      select: { id: true },
    });
    await writeCentralAudit(tx, actor, {
      action: "PERMISSION_CHANGE",
      entityType: "org_membership",
      entityId: m.id,
      orgId: inv.org.id,
      before: before && !before.deactivatedAt ? { userId: u.id, role: before.role } : null,
      after: { userId: u.id, email: u.email, role, via: "invitation", invitationId: inv.id },
      ip: meta.ip,
    });

    // Project roles in the org's database, inside the central transaction so a
    // failure there leaves the invitation unused.
    await db.$transaction(async (ttx) => {
      const live = await ttx.project.findMany({
        where: { id: { in: grants.map((g) => g.projectId) }, deletedAt: null },
        select: { id: true },
      });
      for (const g of grants.filter((x) => live.some((p) => p.id === x.projectId))) {
        const key = { projectId_userId: { projectId: g.projectId, userId: u.id } };
        const prev = await ttx.projectRole.findUnique({ where: key, select: { role: true } });
        await ttx.projectRole.upsert({
          where: key,
          create: { projectId: g.projectId, userId: u.id, role: g.role as ProjectRole },
          update: { role: g.role as ProjectRole },
        });
        await writeAudit(ttx, actor, {
          action: "PERMISSION_CHANGE",
          entityType: "project_role",
          entityId: u.id,
          projectId: g.projectId,
          before: prev ? { userId: u.id, email: u.email, role: prev.role } : null,
          after: { userId: u.id, email: u.email, role: g.role, via: "invitation" },
        });
      }
    });
    return { userId: u.id, email: u.email, created, orgSlug: inv.org.slug, role };
  });
  return result;
}
