/**
 * Org member management (roles, removal, ownership, invitations) and the
 * org's SSO settings. Spread into the org router so the CONTRACT names stay
 * flat: org.setMemberRole, org.removeMember, org.transferOwnership, org.invite,
 * org.invitations, org.revokeInvitation, and org.sso.{get,update,test}.
 */
import { z } from "zod";
import { createTRPCRouter, orgAction, orgProcedure } from "@/server/api/trpc";
import { readSsoConfig, ZSsoInput } from "@/domain/sso";
import { ZDomainInput } from "@/domain/identity";
import { DomainError } from "@/domain/errors";
import type { OrgRole } from "@/domain/permissions";
import type { Actor, AuditActor } from "@/server/context-types";
import {
  addDomain,
  confirmDomainAsOwner,
  listDomains,
  removeDomain,
  verifyDomainByDns,
} from "@/server/services/domains";
import { removeMember, setMemberRole, transferOwnership } from "@/server/services/members";
import { createInvitation, listInvitations, revokeInvitation } from "@/server/services/org-invitations";
import { getSsoConfig, updateSsoConfig } from "@/server/services/sso-settings";
import { ssoLinkStatus, startSsoLink } from "@/server/services/sso-link";
import { testSsoConnection } from "@/server/services/sso-connection";
import { ZInvite, ZMemberRef, ZSetMemberRole } from "@/contracts/account";

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
    .mutation(({ ctx, input }) =>
      removeMember(ctx.centralDb, ctx.db, { ...ctx.audit, orgRole: ctx.orgRole }, ctx.org, input),
    ),

  /** Owners only: the member becomes owner, the current owner(s) become admins. */
  transferOwnership: orgAction("org.transferOwnership")
    .input(ZMemberRef)
    .mutation(({ ctx, input }) =>
      transferOwnership(ctx.centralDb, { ...ctx.audit, orgRole: ctx.orgRole }, ctx.org, input),
    ),

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
      if (!issuer)
        throw new DomainError("INVALID", "Enter the issuer URL", {
          fieldErrors: { issuer: ["Enter the issuer URL"] },
        });
      return testSsoConnection({ issuer });
    }),

  /** Whether the signed-in member's account is linked to this org's SSO. */
  linkStatus: orgProcedure.query(({ ctx }) => {
    if (ctx.actor.kind !== "user") throw new DomainError("FORBIDDEN", "Only for signed-in users");
    return ssoLinkStatus(ctx.centralDb, ctx.actor.userId, ctx.org);
  }),

  /**
   * "Link my <org> SSO": the member's next sign-in through this org's provider, in this browser and
   * within 10 minutes, links that identity to their account. Returns the provider to start.
   */
  startLink: orgProcedure.mutation(({ ctx }) => {
    if (ctx.actor.kind !== "user") throw new DomainError("FORBIDDEN", "Only for signed-in users");
    return startSsoLink(ctx.centralDb, { ...ctx.audit, userId: ctx.actor.userId }, ctx.org);
  }),
});

const ZDomainRef = z.object({ domainId: z.uuid({ error: "Not a domain id" }) });
const settings = () => orgAction("org.manageSettings");
const domainActor = (ctx: { audit: AuditActor; orgRole: OrgRole; actor: Actor }) => ({
  ...ctx.audit,
  orgRole: ctx.orgRole,
  system: ctx.actor.kind === "system",
});

/**
 * The org's e-mail domains (admins): claim one, publish its TXT record and verify it, or — an owner
 * whose own confirmed address is on it — confirm it without DNS. See src/domain/identity.ts.
 */
export const orgDomainRouter = createTRPCRouter({
  list: settings().query(({ ctx }) => listDomains(ctx.centralDb, domainActor(ctx), ctx.org.id)),
  add: settings()
    .input(ZDomainInput)
    .mutation(({ ctx, input }) => addDomain(ctx.centralDb, domainActor(ctx), ctx.org, input)),
  /** Looks up `braidmgr-verify=<token>` in the domain's TXT records. */
  verifyDns: settings()
    .input(ZDomainRef)
    .mutation(({ ctx, input }) => verifyDomainByDns(ctx.centralDb, domainActor(ctx), ctx.org, input)),
  /** Owners whose own confirmed address is on the domain (not a public mail provider); operators. */
  confirm: settings()
    .input(ZDomainRef)
    .mutation(({ ctx, input }) => confirmDomainAsOwner(ctx.centralDb, domainActor(ctx), ctx.org, input)),
  remove: settings()
    .input(ZDomainRef)
    .mutation(({ ctx, input }) => removeDomain(ctx.centralDb, domainActor(ctx), ctx.org, input)),
});
