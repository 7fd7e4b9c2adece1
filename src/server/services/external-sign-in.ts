/**
 * Sign-in through Google, Microsoft or an org's IdP (OAuth / OIDC): mapping the external identity to
 * a user, linking it, and just-in-time provisioning, under the rules of src/domain/identity.ts.
 */
import { z } from "zod";
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { emailDomainAllowed, readSsoConfig, ssoProviderId } from "@/domain/sso";
import { logger } from "@/server/logger";
import { ssoDomainPowers } from "@/domain/identity";
import { writeCentralAudit } from "./audit";
import { createOrg, freeSlug, slugify } from "./orgs";
import { personalOrgName } from "./registration";
import { ssoOnlyOrgsOf } from "./sign-in";
import { domainVerificationFor } from "./domains";
import { endAllSessionRows } from "./sessions";

/** A refusal shown on the sign-in page as `?error=<code>`. */
export class SignInRefusal extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = "SignInRefusal";
  }
}

export type ExternalIdentity = {
  /** next-auth provider id: google, azure-ad, sso-<org id> */
  provider: string;
  providerAccountId: string;
  email: string | null;
  /**
   * The provider's `email_verified` claim. Only used to let Google (the mail provider of its own
   * addresses) link an existing account; it never marks our copy of the address verified.
   */
  emailVerified: boolean;
  name: string | null;
  image: string | null;
  /** For an org's SSO connection: the org's id. */
  ssoOrgId: string | null;
};

export type SignInMeta = {
  ip: string | null;
  correlationId: string;
  /** The user whose live session made this request (a "Link my SSO" callback), if any. */
  signedInUserId?: string | null;
};

const ZIdpEmail = z.email().max(320);

/** The address an identity provider gave, lower-cased; null when missing or not a plain address. */
export function normalizeIdpEmail(email: string | null | undefined): string | null {
  const e = email?.trim().toLowerCase();
  if (!e) return null;
  return ZIdpEmail.safeParse(e).success ? e : null;
}

type Tx = CentralPrisma.TransactionClient;

/**
 * Links an identity to an existing account. When the account's address was never confirmed, its
 * password and other identities may be a squatter's (someone registered the address first): they
 * are dropped and its sessions end — the party linking now proved the address (DNS-verified domain,
 * or Google for its own addresses), the squatter never did.
 */
async function linkIdentity(
  tx: Tx,
  user: { id: string; emailVerified: Date | null },
  id: ExternalIdentity,
  actor: AuditActor,
  orgId: string | null,
  via: "domain" | "google_verified_email" | "signed_in_session",
) {
  let cleared = false;
  if (!user.emailVerified && via !== "signed_in_session") {
    const dropped = await tx.account.deleteMany({ where: { userId: user.id } });
    await tx.user.update({
      where: { id: user.id },
      data: { passwordHash: null, sessionVersion: { increment: 1 } },
    });
    await endAllSessionRows(tx, user.id, "unproven_credentials_cleared");
    cleared = true;
    if (dropped.count)
      logger.info(
        { userId: user.id, dropped: dropped.count },
        "unproven identities dropped at a proven link",
      );
  }
  await tx.account.create({
    data: { userId: user.id, provider: id.provider, providerAccountId: id.providerAccountId },
  });
  await writeCentralAudit(tx, actor, {
    action: "LINK",
    entityType: "user_identity",
    entityId: user.id,
    orgId,
    after: { provider: id.provider, via, unprovenCredentialsCleared: cleared },
  });
}

/**
 * Maps an external identity to a user, creating what is missing, under the rules of
 * src/domain/identity.ts:
 * - a linked identity signs in as its user (an org's SSO: only while they are a member, or — on a
 *   DNS-verified domain — joining with the JIT role);
 * - "Link my <org> SSO": a request from the user's own live session, with a link they started in
 *   the last minutes, links the identity to them;
 * - org SSO and an existing account with that address: linked by e-mail only when the org verified
 *   the domain by DNS; otherwise refused (the person links from their signed-in session);
 * - org SSO and a new address: created just in time only on the org's verified domains;
 * - Google links an existing account when Google vouches for the address; Microsoft (multi-tenant,
 *   unverified e-mail claims) never links by e-mail; new Google / Microsoft users get their own
 *   organization, like registration;
 * - an identity provider never marks our address verified;
 * - SSO-only (of an org that binds this user) refuses every other way in, Google and Microsoft too.
 */
export async function resolveExternalSignIn(
  central: CentralDb,
  id: ExternalIdentity,
  meta: SignInMeta,
): Promise<{ userId: string; created: boolean; linked?: boolean }> {
  const email = normalizeIdpEmail(id.email);
  const sso = id.ssoOrgId
    ? await central.organization.findFirst({
        where: { id: id.ssoOrgId, deletedAt: null, status: "active" },
        select: { id: true, slug: true, name: true, settings: true },
      })
    : null;
  const ssoCfg = sso ? readSsoConfig(sso.settings) : null;
  if (id.ssoOrgId && (!sso || !ssoCfg?.enabled)) throw new SignInRefusal("SsoNotConfigured");
  if (ssoCfg && email && !emailDomainAllowed(email, ssoCfg.allowedDomains))
    throw new SignInRefusal("SsoDomainNotAllowed");

  const system = (name: string): AuditActor => ({ userId: null, name, correlationId: meta.correlationId });
  const audit = async (userId: string, created: boolean) =>
    writeCentralAudit(
      central,
      { userId, name: null, correlationId: meta.correlationId },
      {
        action: "LOGIN",
        entityType: "user",
        entityId: userId,
        orgId: sso?.id ?? null,
        after: { provider: id.provider, email, created },
        ip: meta.ip,
      },
    );
  const finish = async (userId: string, created: boolean, linked = false) => {
    await refuseUnlessSsoSatisfied(central, userId, id.provider);
    await audit(userId, created);
    return { userId, created, ...(linked ? { linked } : {}) };
  };

  /** Active membership of the SSO org; joins with the JIT role when `mayJoin`; refuses when removed. */
  const ensureSsoMembership = async (tx: Tx | CentralDb, userId: string, mayJoin: boolean) => {
    if (!sso || !ssoCfg) return;
    const m = await tx.orgMembership.findUnique({
      where: { userId_orgId: { userId, orgId: sso.id } },
      select: { deactivatedAt: true },
    });
    if (m && !m.deactivatedAt) return;
    if (m?.deactivatedAt) throw new SignInRefusal("SsoAccessRemoved");
    if (!mayJoin) throw new SignInRefusal("SsoNotAMember");
    const created = await tx.orgMembership.create({ data: { userId, orgId: sso.id, role: ssoCfg.jitRole } });
    await writeCentralAudit(tx as Tx, system("sso"), {
      action: "PERMISSION_CHANGE",
      entityType: "org_membership",
      entityId: created.id,
      orgId: sso.id,
      before: null,
      after: { userId, role: ssoCfg.jitRole, via: "sso_jit" },
    });
  };

  const linked = await central.account.findUnique({
    where: { provider_providerAccountId: { provider: id.provider, providerAccountId: id.providerAccountId } },
    select: { user: { select: { id: true, email: true, deletedAt: true, deactivatedAt: true } } },
  });

  // "Link my <org> SSO" from the user's own session.
  if (sso && meta.signedInUserId) {
    const now = new Date();
    const intent = await central.ssoLinkIntent.findFirst({
      where: { userId: meta.signedInUserId, orgId: sso.id, usedAt: null, expiresAt: { gt: now } },
      select: { id: true },
      orderBy: { createdAt: "desc" },
    });
    if (intent) {
      if (linked && linked.user.id !== meta.signedInUserId) throw new SignInRefusal("SsoIdentityInUse");
      const me = await central.user.findFirst({
        where: { id: meta.signedInUserId, deletedAt: null, deactivatedAt: null },
        select: { id: true, emailVerified: true },
      });
      if (!me) throw new SignInRefusal("AccountDisabled");
      await central.$transaction(async (tx) => {
        const claimed = await tx.ssoLinkIntent.updateMany({
          where: { id: intent.id, usedAt: null },
          data: { usedAt: now },
        });
        if (claimed.count !== 1) throw new SignInRefusal("SsoLinkExpired");
        const member = await tx.orgMembership.findUnique({
          where: { userId_orgId: { userId: me.id, orgId: sso.id } },
          select: { deactivatedAt: true },
        });
        if (!member || member.deactivatedAt) throw new SignInRefusal("SsoNotAMember");
        if (!linked) {
          await linkIdentity(
            tx,
            me,
            id,
            { userId: me.id, name: null, correlationId: meta.correlationId },
            sso.id,
            "signed_in_session",
          );
        }
      });
      return finish(me.id, false, true);
    }
  }

  if (linked) {
    if (linked.user.deletedAt || linked.user.deactivatedAt) throw new SignInRefusal("AccountDisabled");
    if (sso) {
      const verification = await domainVerificationFor(central, sso.id, linked.user.email);
      await central.$transaction((tx) =>
        ensureSsoMembership(tx, linked.user.id, ssoDomainPowers(verification).linkExisting),
      );
    }
    return finish(linked.user.id, false);
  }

  if (!email) throw new SignInRefusal("EmailRequired");
  const existing = await central.user.findUnique({
    where: { email },
    select: { id: true, deletedAt: true, deactivatedAt: true, emailVerified: true },
  });
  if (existing) {
    if (existing.deletedAt || existing.deactivatedAt) throw new SignInRefusal("AccountDisabled");
    if (sso) {
      // An org's IdP speaks for an existing account only on a domain the org proved it controls.
      const verification = await domainVerificationFor(central, sso.id, email);
      if (!ssoDomainPowers(verification).linkExisting) throw new SignInRefusal("OAuthAccountNotLinked");
      await central.$transaction(async (tx) => {
        await ensureSsoMembership(tx, existing.id, true);
        await linkIdentity(tx, existing, id, system(id.provider), sso.id, "domain");
      });
    } else if (id.provider === "google" && id.emailVerified) {
      await central.$transaction((tx) =>
        linkIdentity(tx, existing, id, system("google"), null, "google_verified_email"),
      );
    } else {
      throw new SignInRefusal("OAuthAccountNotLinked");
    }
    return finish(existing.id, false);
  }

  // Just-in-time creation of a new account: for an org's SSO only on its verified domains.
  if (sso && !ssoDomainPowers(await domainVerificationFor(central, sso.id, email)).createAccount) {
    throw new SignInRefusal("SsoDomainNotVerified");
  }
  const name = (id.name?.trim() || email.split("@")[0] || "New user").slice(0, 200);
  const user = await central.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: {
        email,
        name,
        passwordHash: null,
        avatarUrl: id.image?.startsWith("https://") ? id.image.slice(0, 2000) : null,
        // Never from the provider's claim: our own link (or a password reset) confirms the address.
        emailVerified: null,
        accounts: { create: { provider: id.provider, providerAccountId: id.providerAccountId } },
      },
      select: { id: true, email: true, name: true },
    });
    await writeCentralAudit(tx, system(id.provider), {
      action: "CREATE",
      entityType: "user",
      entityId: u.id,
      after: { ...u, provider: id.provider },
    });
    await ensureSsoMembership(tx, u.id, true);
    return u;
  });
  if (!sso) {
    try {
      await createOrg(
        central,
        { userId: user.id, name: user.name, correlationId: meta.correlationId },
        {
          name: personalOrgName(user.name),
          slug: await freeSlug(central, slugify(user.name)),
          ownerUserId: user.id,
        },
      );
    } catch (err) {
      logger.error({ err, userId: user.id }, "personal organization could not be created at first sign-in");
    }
  }
  return finish(user.id, true);
}

/** SSO-only: a user bound by orgs that require SSO signs in only through one of those orgs' SSO. */
async function refuseUnlessSsoSatisfied(central: CentralDb, userId: string, provider: string) {
  const required = await ssoOnlyOrgsOf(central, userId);
  if (required.length && !required.some((o) => ssoProviderId(o.id) === provider))
    throw new SignInRefusal("SsoRequired");
}
