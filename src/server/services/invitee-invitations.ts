/**
 * The invitee's side of invitations (see invitation-records.ts): the accept page's preview, the
 * signed-in user's pending invitations, and declining one.
 */
import type { CentralDb } from "@/server/db/central";
import { DomainError } from "@/domain/errors";
import { writeRequestAudit } from "./audit";
import {
  grantsOf,
  INVITATION_SELECT,
  loadInvitation,
  OPEN,
  statusOf,
  UNUSABLE,
  verifiedInvitee,
} from "./invitation-records";

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
    await writeRequestAudit(tx, { userId: actorId, name: null }, meta, {
      action: "PERMISSION_CHANGE",
      entityType: "invitation",
      entityId: inv.id,
      orgId: inv.org.id,
      before: { email: inv.email, role: inv.orgRole },
      after: { declined: true },
    });
  });
  return { declined: true as const, orgName: inv.org.name };
}
