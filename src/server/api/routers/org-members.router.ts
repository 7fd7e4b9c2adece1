/**
 * Org member management (roles, removal, ownership, invitations) and the
 * org's SSO settings. Spread into the org router so the CONTRACT names stay
 * flat: org.setMemberRole, org.removeMember, org.transferOwnership, org.invite,
 * org.invitations, org.revokeInvitation, and org.sso.{get,update,test}.
 */
import { z } from "zod";
import { createTRPCRouter, orgAction } from "@/server/api/trpc";
import { readSsoConfig, ZSsoInput } from "@/domain/sso";
import { DomainError } from "@/domain/errors";
import { removeMember, setMemberRole, transferOwnership } from "@/server/services/members";
import { createInvitation, listInvitations, revokeInvitation } from "@/server/services/invitations";
import { getSsoConfig, testSsoConnection, updateSsoConfig } from "@/server/services/sso";
import { ZInvite, ZMemberRef, ZSetMemberRole } from "./account.schema";

const manage = () => orgAction("org.manageMembers");

export const orgMemberProcedures = {
  setMemberRole: manage()
    .input(ZSetMemberRole)
    .mutation(({ ctx, input }) =>
      setMemberRole(ctx.centralDb, { ...ctx.audit, orgRole: ctx.orgRole }, ctx.org, input, input.role),
    ),

  /** The owner cannot be removed; the member's org requests answer NOT_FOUND from then on. */
  removeMember: manage()
    .input(ZMemberRef)
    .mutation(({ ctx, input }) => removeMember(ctx.centralDb, ctx.db, { ...ctx.audit, orgRole: ctx.orgRole }, ctx.org, input)),

  /** Owners only: the member becomes owner, the current owner(s) become admins. */
  transferOwnership: orgAction("org.transferOwnership")
    .input(ZMemberRef)
    .mutation(({ ctx, input }) => transferOwnership(ctx.centralDb, { ...ctx.audit, orgRole: ctx.orgRole }, ctx.org, input)),

  /** E-mails a 7-day single-use invitation with an org role and optional project roles. */
  invite: manage()
    .input(ZInvite)
    .mutation(({ ctx, input }) =>
      createInvitation(ctx.centralDb, ctx.db, { ...ctx.audit, orgRole: ctx.orgRole }, ctx.org, input),
    ),

  /** Pending (and expired, not yet replaced) invitations. */
  invitations: manage().query(({ ctx }) => listInvitations(ctx.centralDb, ctx.org.id)),

  revokeInvitation: manage()
    .input(z.object({ invitationId: z.uuid({ error: "Not an invitation id" }) }))
    .mutation(({ ctx, input }) => revokeInvitation(ctx.centralDb, ctx.audit, ctx.org.id, input.invitationId)),
};

export const orgSsoRouter = createTRPCRouter({
  /** The SSO settings without the client secret (`hasClientSecret` says whether one is stored). */
  get: orgAction("org.manageSettings").query(({ ctx }) => getSsoConfig(ctx.org)),

  /** Saves issuer, client id, client secret (encrypted at rest; empty keeps the stored one), SSO-only switch. */
  update: orgAction("org.manageSettings")
    .input(ZSsoInput)
    .mutation(({ ctx, input }) => updateSsoConfig(ctx.centralDb, ctx.audit, ctx.org, input)),

  /** Fetches the issuer's /.well-known/openid-configuration and reports what it found. */
  test: orgAction("org.manageSettings")
    .input(z.object({ issuer: ZSsoInput.shape.issuer.optional() }))
    .mutation(({ ctx, input }) => {
      const issuer = input.issuer ?? readSsoConfig(ctx.org.settings)?.issuer;
      if (!issuer) throw new DomainError("INVALID", "Enter the issuer URL", { fieldErrors: { issuer: ["Enter the issuer URL"] } });
      return testSsoConnection({ issuer });
    }),
});
