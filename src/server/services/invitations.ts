/**
 * E-mail invitations to an organization, with an org role and optional
 * project roles. A link is valid for 7 days and works once. Accepting creates
 * the account (name + password) or, for a signed-in user with the invited
 * address, adds their account. An invitation is not a membership: until the
 * invitee accepts, the org does not know them and they do not see the org.
 * `org.addMember` of anyone not yet a member also ends here.
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
import type { INVITE_ROLES } from "@/contracts/account";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

export const ZProjectGrant = z.object({
  projectId: z.uuid({ error: "Not a project id" }),
  role: z.enum(PROJECT_ROLES),
});
export const ZProjectGrants = z
  .array(ZProjectGrant)
  .max(200)
  .refine((g) => new Set(g.map((x) => x.projectId)).size === g.length, {
    error: "Each project can be listed once",
  });
export type ProjectGrant = z.infer<typeof ZProjectGrant>;

function grantsOf(json: unknown): ProjectGrant[] {
  const parsed = ZProjectGrants.safeParse(json);
  return parsed.success ? parsed.data : [];
}

type InviteStatus = "pending" | "accepted" | "revoked" | "declined" | "expired";

function statusOf(
  inv: { acceptedAt: Date | null; revokedAt: Date | null; declinedAt?: Date | null; expiresAt: Date },
  now: Date,
): InviteStatus {
  if (inv.acceptedAt) return "accepted";
  if (inv.revokedAt) return "revoked";
  if (inv.declinedAt) return "declined";
  if (inv.expiresAt <= now) return "expired";
  return "pending";
}

/** Where a still-usable invitation stands in a WHERE clause. */
const OPEN = { acceptedAt: null, revokedAt: null, declinedAt: null } as const;

/* ----------------------------------------------------------------- create */

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

/* ---------------------------------------------------------- preview, accept */

const INVITATION_SELECT = {
  id: true,
  email: true,
  orgRole: true,
  projectRoles: true,
  expiresAt: true,
  acceptedAt: true,
  revokedAt: true,
  declinedAt: true,
  invitedById: true,
  createdAt: true,
  org: {
    select: {
      id: true,
      name: true,
      slug: true,
      databaseName: true,
      clusterKey: true,
      deletedAt: true,
      status: true,
    },
  },
} as const;

/** An invitation named by its e-mailed token, or (for its signed-in invitee) by id. */
export type InvitationRef = { token: string } | { invitationId: string };

async function loadInvitation(central: CentralDb, ref: InvitationRef) {
  if ("token" in ref) {
    if (!ref.token || ref.token.length > 200) return null;
    return central.invitation.findUnique({
      where: { tokenHash: hashToken(ref.token) },
      select: INVITATION_SELECT,
    });
  }
  return central.invitation.findUnique({ where: { id: ref.invitationId }, select: INVITATION_SELECT });
}

const UNUSABLE: Record<Exclude<InviteStatus, "pending">, string> = {
  accepted: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  declined: "This invitation was declined. Ask for a new one if you changed your mind.",
  expired: "This invitation has expired. Ask for a new one.",
};

/** What the accept page shows. Invalid tokens are NOT_FOUND. */
export async function previewInvitation(central: CentralDb, token: string) {
  const inv = await loadInvitation(central, { token });
  if (!inv || inv.org.deletedAt || inv.org.status !== "active")
    throw new DomainError("NOT_FOUND", "Invitation not found");
  const status = statusOf(inv, new Date());
  const [inviter, account] = await Promise.all([
    inv.invitedById
      ? central.user.findUnique({ where: { id: inv.invitedById }, select: { name: true } })
      : null,
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
    // Only the mailbox's owner holds the token, so they may learn this.
    accountExists: !!account,
  };
}

/* ------------------------------------------------------- the invitee's view */

/** The signed-in user, who may act on invitations to their own CONFIRMED address without the link. */
async function verifiedInvitee(central: CentralDb, userId: string) {
  const u = await central.user.findFirst({
    where: { id: userId, deletedAt: null, deactivatedAt: null },
    select: { id: true, email: true, name: true, emailVerified: true },
  });
  if (!u) throw new DomainError("UNAUTHORIZED", "Please sign in again");
  return u;
}

/**
 * Pending invitations to the signed-in user's address. Shown only once the address is confirmed:
 * anyone can register an address they do not own, and must not see (or take) what was meant for
 * the real owner — who can always use the e-mailed link.
 */
export async function listMyInvitations(central: CentralDb, userId: string) {
  const me = await verifiedInvitee(central, userId);
  if (!me.emailVerified) return { emailVerified: false as const, invitations: [] };
  const now = new Date();
  const rows = await central.invitation.findMany({
    where: { email: me.email, ...OPEN, expiresAt: { gt: now }, org: { deletedAt: null, status: "active" } },
    select: INVITATION_SELECT,
    orderBy: { createdAt: "desc" },
    take: 100,
  });
  const memberOf = new Set(
    (
      await central.orgMembership.findMany({
        where: { userId, deactivatedAt: null, orgId: { in: rows.map((r) => r.org.id) } },
        select: { orgId: true },
      })
    ).map((m) => m.orgId),
  );
  const inviterIds = [...new Set(rows.map((r) => r.invitedById).filter((x): x is string => !!x))];
  const inviters = inviterIds.length
    ? await central.user.findMany({ where: { id: { in: inviterIds } }, select: { id: true, name: true } })
    : [];
  return {
    emailVerified: true as const,
    invitations: rows
      .filter((r) => !memberOf.has(r.org.id))
      .map((r) => ({
        id: r.id,
        orgName: r.org.name,
        orgSlug: r.org.slug,
        role: r.orgRole,
        projectCount: grantsOf(r.projectRoles).length,
        invitedBy: inviters.find((u) => u.id === r.invitedById)?.name ?? null,
        createdAt: r.createdAt,
        expiresAt: r.expiresAt,
      })),
  };
}

/**
 * Declines an invitation: with the e-mailed link (anyone holding it — the mailbox's owner), or
 * signed in with the invited, confirmed address. The org's admins see it as declined.
 */
export async function declineInvitation(
  central: CentralDb,
  input: { token: string } | { invitationId: string; signedInUserId: string },
  meta: { correlationId: string; ip: string | null },
) {
  const now = new Date();
  const inv = await loadInvitation(central, input);
  let actorId: string | null = null;
  if ("signedInUserId" in input) {
    const me = await verifiedInvitee(central, input.signedInUserId);
    // Someone else's invitation is "not found", never "forbidden": its existence is not theirs to learn.
    if (!inv || inv.email !== me.email || !me.emailVerified)
      throw new DomainError("NOT_FOUND", "Invitation not found");
    actorId = me.id;
  }
  if (!inv || inv.org.deletedAt || inv.org.status !== "active")
    throw new DomainError("NOT_FOUND", "Invitation not found");
  const status = statusOf(inv, now);
  if (status !== "pending") throw new DomainError("INVALID", UNUSABLE[status]);
  await central.$transaction(async (tx) => {
    const done = await tx.invitation.updateMany({
      where: { id: inv.id, ...OPEN },
      data: { declinedAt: now },
    });
    if (done.count !== 1) throw new DomainError("INVALID", UNUSABLE.accepted);
    await writeCentralAudit(
      tx,
      { userId: actorId, name: null, correlationId: meta.correlationId },
      {
        action: "PERMISSION_CHANGE",
        entityType: "invitation",
        entityId: inv.id,
        orgId: inv.org.id,
        before: { email: inv.email, role: inv.orgRole },
        after: { declined: true },
        ip: meta.ip,
      },
    );
  });
  return { declined: true as const, orgName: inv.org.name };
}

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
      await writeCentralAudit(
        tx,
        { userId: null, name: null, correlationId: meta.correlationId },
        {
          action: "CREATE",
          entityType: "user",
          entityId: user.id,
          after: { ...user, via: "invitation" },
          ip: meta.ip,
        },
      );
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
