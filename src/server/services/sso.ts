/**
 * Per-org OIDC single sign-on: configuration (client secret encrypted at rest),
 * a connection test against the issuer's discovery document, and sign-in
 * through Google, Microsoft or an org's IdP with just-in-time provisioning.
 */
import { z } from "zod";
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { env } from "@/env";
import { DomainError } from "@/domain/errors";
import {
  checkDiscoveryDocument,
  discoveryUrl,
  emailDomainAllowed,
  publicSsoConfig,
  readSsoConfig,
  ssoProviderId,
  withSsoConfig,
  type StoredSso,
  type TSsoOutput,
} from "@/domain/sso";
import { decryptSecret, encryptSecret } from "@/server/crypto";
import { logger } from "@/server/logger";
import {
  BlockedAddressError,
  getText,
  InsecureUrlError,
  PublicOnlyHttpsAgent,
  ResponseTooLargeError,
  type OutboundResponse,
} from "@/server/net/outbound";
import { ssoDomainPowers } from "@/domain/identity";
import { writeCentralAudit } from "./audit";
import { createOrg, freeSlug, slugify } from "./orgs";
import { personalOrgName } from "./registration";
import { ssoOnlyOrgsOf } from "./sign-in";
import { domainVerificationFor } from "./domains";
import { endAllSessionRows } from "./sessions";

const secretContext = (orgId: string) => `org:${orgId}:sso.clientSecret`;

type OrgRef = { id: string; slug: string; name: string; settings: unknown };

/* ----------------------------------------------------------- configuration */

export function getSsoConfig(org: OrgRef) {
  const sso = readSsoConfig(org.settings);
  return sso ? publicSsoConfig(sso) : null;
}

/** Saves the org's SSO settings. An empty client secret keeps the stored one. */
export async function updateSsoConfig(
  central: CentralDb,
  actor: AuditActor,
  org: { id: string },
  input: TSsoOutput,
) {
  return central.$transaction(async (tx) => {
    const row = await tx.organization.findUniqueOrThrow({
      where: { id: org.id },
      select: { settings: true },
    });
    const before = readSsoConfig(row.settings);
    const newSecret = input.clientSecret?.trim();
    const clientSecretEncrypted = newSecret
      ? encryptSecret(newSecret, secretContext(org.id))
      : (before?.clientSecretEncrypted ?? null);
    if (input.enabled && !clientSecretEncrypted) {
      throw new DomainError("INVALID", "Enter the client secret", {
        fieldErrors: { clientSecret: ["Enter the client secret"] },
      });
    }
    const sso: StoredSso = {
      enabled: input.enabled,
      issuer: input.issuer,
      clientId: input.clientId,
      clientSecretEncrypted,
      ssoOnly: input.ssoOnly,
      jitRole: input.jitRole,
      allowedDomains: [...new Set(input.allowedDomains)],
      updatedAt: new Date().toISOString(),
    };
    await tx.organization.update({
      where: { id: org.id },
      data: { settings: withSsoConfig(row.settings, sso) as object },
    });
    const after = publicSsoConfig(sso);
    await writeCentralAudit(tx, actor, {
      action: "UPDATE",
      entityType: "organization_sso",
      entityId: org.id,
      orgId: org.id,
      before: before ? publicSsoConfig(before) : null,
      after: { ...after, clientSecretChanged: !!newSecret },
    });
    return after;
  });
}

/* --------------------------------------------------------- connection test */

export type SsoTestResult = {
  ok: boolean;
  url: string;
  status: number | null;
  message: string;
  issuer: string | null;
  issuerMatches: boolean;
  authorizationEndpoint: string | null;
  tokenEndpoint: string | null;
  userinfoEndpoint: string | null;
  jwksUri: string | null;
  scopesSupported: string[];
  missing: string[];
  ms: number;
};

const MAX_DISCOVERY_BYTES = 512 * 1024;

/**
 * Fetches `<issuer>/.well-known/openid-configuration` and reports what it
 * found. Admin only. In production the issuer must use https.
 */
export async function testSsoConnection(
  input: { issuer: string },
  opts: { timeoutMs?: number } = {},
): Promise<SsoTestResult> {
  const url = discoveryUrl(input.issuer);
  const started = performance.now();
  const empty = {
    issuer: null,
    issuerMatches: false,
    authorizationEndpoint: null,
    tokenEndpoint: null,
    userinfoEndpoint: null,
    jwksUri: null,
    scopesSupported: [],
    missing: [],
  };
  const done = (r: Omit<SsoTestResult, "ms" | "url">): SsoTestResult => ({
    ...r,
    url,
    ms: Math.round(performance.now() - started),
  });
  if (env().NODE_ENV === "production" && !url.startsWith("https://")) {
    return done({ ...empty, ok: false, status: null, message: "The issuer must use https://" });
  }
  const e = env();
  const allowPrivate = ssoAllowsPrivateTargets();
  let res: OutboundResponse;
  try {
    res = await getText(url, {
      timeoutMs: opts.timeoutMs ?? 8000,
      maxBytes: MAX_DISCOVERY_BYTES,
      allowPrivate,
      httpsOnly: e.NODE_ENV === "production",
      accept: "application/json",
    });
  } catch (err) {
    const name = (err as { name?: string }).name;
    const message =
      err instanceof BlockedAddressError
        ? "The issuer is not on the public internet (private, loopback and link-local addresses are refused)"
        : err instanceof InsecureUrlError
          ? "The issuer redirected to an address without https://"
          : err instanceof ResponseTooLargeError
            ? "The discovery document is too large"
            : name === "TimeoutError" || name === "AbortError"
              ? "The issuer did not answer in time"
              : "Could not connect to the issuer";
    return done({ ...empty, ok: false, status: null, message });
  }
  if (res.status < 200 || res.status >= 300) {
    return done({
      ...empty,
      ok: false,
      status: res.status,
      message: `The issuer answered HTTP ${res.status}`,
    });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(res.text);
  } catch {
    return done({
      ...empty,
      ok: false,
      status: res.status,
      message: "The discovery document is not valid JSON",
    });
  }
  const report = checkDiscoveryDocument(doc, input.issuer);
  const ok = report.missing.length === 0 && report.issuerMatches;
  const message = report.missing.length
    ? `The discovery document lacks: ${report.missing.join(", ")}`
    : !report.issuerMatches
      ? `The document names a different issuer (${report.issuer})`
      : "Connection works: the issuer's OpenID configuration is valid";
  return done({ ...report, ok, status: res.status, message });
}

/* ------------------------------------------------------ provider settings */

export type SsoProviderSettings = {
  org: { id: string; slug: string; name: string };
  issuer: string;
  clientId: string;
  clientSecret: string;
};

/**
 * What next-auth needs to offer an org's SSO sign-in; null when the org has none enabled. Looked up
 * by the org's id (the provider id and callback URL carry it) or, for the sign-in form, its slug.
 */
export async function loadSsoProviderSettings(
  central: CentralDb,
  ref: { orgId: string } | { orgSlug: string },
): Promise<SsoProviderSettings | null> {
  const org = await central.organization.findFirst({
    where: {
      ...("orgId" in ref ? { id: ref.orgId } : { slug: ref.orgSlug }),
      deletedAt: null,
      status: "active",
    },
    select: { id: true, slug: true, name: true, settings: true },
  });
  const sso = org ? readSsoConfig(org.settings) : null;
  if (!org || !sso?.enabled || !sso.clientSecretEncrypted) return null;
  try {
    return {
      org: { id: org.id, slug: org.slug, name: org.name },
      issuer: sso.issuer,
      clientId: sso.clientId,
      clientSecret: decryptSecret(sso.clientSecretEncrypted, secretContext(org.id)),
    };
  } catch (err) {
    logger.error({ err, org: org.slug }, "the org's SSO client secret could not be decrypted");
    return null;
  }
}

/* ------------------------------------------------- "Link my <org> SSO" */

export const SSO_LINK_TTL_MS = 10 * 60 * 1000;

/**
 * Starts linking the signed-in member's account to the org's SSO: the next callback of that org's
 * provider in a request carrying this user's live session links the identity it returns (once,
 * within 10 minutes). The OAuth state / PKCE cookies tie that callback to this browser.
 */
export async function startSsoLink(
  central: CentralDb,
  actor: AuditActor & { userId: string },
  org: OrgRef,
): Promise<{ providerId: string; orgName: string }> {
  const cfg = readSsoConfig(org.settings);
  if (!cfg?.enabled)
    throw new DomainError("INVALID", "Single sign-on is not turned on for this organization");
  const now = new Date();
  await central.$transaction(async (tx) => {
    // One pending link per user and org.
    await tx.ssoLinkIntent.updateMany({
      where: { userId: actor.userId, orgId: org.id, usedAt: null },
      data: { usedAt: now },
    });
    await tx.ssoLinkIntent.create({
      data: { userId: actor.userId, orgId: org.id, expiresAt: new Date(now.getTime() + SSO_LINK_TTL_MS) },
    });
  });
  return { providerId: ssoProviderId(org.id), orgName: org.name };
}

/** Whether the signed-in user's account is linked to the org's SSO (and whether it has SSO at all). */
export async function ssoLinkStatus(central: CentralDb, userId: string, org: OrgRef) {
  const cfg = readSsoConfig(org.settings);
  const linked = await central.account.findFirst({
    where: { userId, provider: ssoProviderId(org.id) },
    select: { createdAt: true },
  });
  return {
    enabled: !!cfg?.enabled,
    ssoOnly: !!cfg?.enabled && !!cfg.ssoOnly,
    linked: !!linked,
    linkedAt: linked?.createdAt ?? null,
  };
}

/* --------------------------------------------- OAuth / OIDC sign-in, JIT */

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

/**
 * Whether SSO requests may reach private, loopback and link-local addresses: SSO_ALLOW_PRIVATE_ISSUERS,
 * by default yes outside production (a local IdP in development) and no in production.
 */
export function ssoAllowsPrivateTargets(): boolean {
  const e = env();
  return e.SSO_ALLOW_PRIVATE_ISSUERS ?? e.NODE_ENV !== "production";
}

let publicOnlyAgent: PublicOnlyHttpsAgent | undefined;

/**
 * HTTP options for the OIDC client that signs users in through an org's IdP. It fetches the discovery
 * document, the signing keys and the token endpoint the IdP names, so unless private targets are
 * allowed it goes through the same public-address guard as the connection test.
 */
export function ssoHttpOptions(): { timeout: number; agent?: PublicOnlyHttpsAgent } {
  if (ssoAllowsPrivateTargets()) return { timeout: 10_000 };
  publicOnlyAgent ??= new PublicOnlyHttpsAgent({ keepAlive: true });
  return { timeout: 10_000, agent: publicOnlyAgent };
}
