/**
 * E-mail invitations to an organization, with an org role and optional
 * project roles. A link is valid for 7 days and works once. Accepting creates
 * the account (name + password) or, for a signed-in user with the invited
 * address, adds their account. An invitation is not a membership: until the
 * invitee accepts, the org does not know them and they do not see the org.
 * `org.addMember` of anyone not yet a member also ends here.
 *
 * This module: what the other invitation modules share — project grants, an invitation's status,
 * loading one by token or id, and the signed-in invitee.
 */
import { z } from "zod";
import type { CentralDb } from "@/server/db/central";
import { DomainError } from "@/domain/errors";
import { PROJECT_ROLES } from "@/domain/permissions";
import { hashToken } from "@/server/crypto";
import { ORG_SELECT } from "./access";

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

export function grantsOf(json: unknown): ProjectGrant[] {
  const parsed = ZProjectGrants.safeParse(json);
  return parsed.success ? parsed.data : [];
}

export type InviteStatus = "pending" | "accepted" | "revoked" | "declined" | "expired";

export function statusOf(
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
export const OPEN = { acceptedAt: null, revokedAt: null, declinedAt: null } as const;

export const INVITATION_SELECT = {
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
      ...ORG_SELECT,
      deletedAt: true,
      status: true,
    },
  },
} as const;

/** An invitation named by its e-mailed token, or (for its signed-in invitee) by id. */
export type InvitationRef = { token: string } | { invitationId: string };

export async function loadInvitation(central: CentralDb, ref: InvitationRef) {
  if ("token" in ref) {
    if (!ref.token || ref.token.length > 200) return null;
    return central.invitation.findUnique({
      where: { tokenHash: hashToken(ref.token) },
      select: INVITATION_SELECT,
    });
  }
  return central.invitation.findUnique({ where: { id: ref.invitationId }, select: INVITATION_SELECT });
}

export const UNUSABLE: Record<Exclude<InviteStatus, "pending">, string> = {
  accepted: "This invitation was already used.",
  revoked: "This invitation was withdrawn. Ask for a new one.",
  declined: "This invitation was declined. Ask for a new one if you changed your mind.",
  expired: "This invitation has expired. Ask for a new one.",
};

/** The signed-in user, who may act on invitations to their own CONFIRMED address without the link. */
export async function verifiedInvitee(central: CentralDb, userId: string) {
  const u = await central.user.findFirst({
    where: { id: userId, deletedAt: null, deactivatedAt: null },
    select: { id: true, email: true, name: true, emailVerified: true },
  });
  if (!u) throw new DomainError("UNAUTHORIZED", "Please sign in again");
  return u;
}
