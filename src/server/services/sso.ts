/**
 * Per-org OIDC single sign-on: configuration (client secret encrypted at rest),
 * a connection test against the issuer's discovery document, and sign-in
 * through Google, Microsoft or an org's IdP with just-in-time provisioning.
 */
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { env } from "@/env";
import { DomainError } from "@/domain/errors";
import {
  checkDiscoveryDocument,
  discoveryUrl,
  emailDomainAllowed,
  publicSsoConfig,
  readSsoConfig,
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
import { writeCentralAudit } from "./audit";
import { createOrg, freeSlug, slugify } from "./orgs";
import { personalOrgName } from "./auth";

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
    const row = await tx.organization.findUniqueOrThrow({ where: { id: org.id }, select: { settings: true } });
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
export async function testSsoConnection(input: { issuer: string }, opts: { timeoutMs?: number } = {}): Promise<SsoTestResult> {
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
    return done({ ...empty, ok: false, status: res.status, message: `The issuer answered HTTP ${res.status}` });
  }
  let doc: unknown;
  try {
    doc = JSON.parse(res.text);
  } catch {
    return done({ ...empty, ok: false, status: res.status, message: "The discovery document is not valid JSON" });
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

/** What next-auth needs to offer an org's SSO sign-in; null when the org has none enabled. */
export async function loadSsoProviderSettings(central: CentralDb, orgSlug: string): Promise<SsoProviderSettings | null> {
  const org = await central.organization.findFirst({
    where: { slug: orgSlug, deletedAt: null, status: "active" },
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

/* --------------------------------------------- OAuth / OIDC sign-in, JIT */

/** A refusal shown on the sign-in page as `?error=<code>`. */
export class SignInRefusal extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = "SignInRefusal";
  }
}

export type ExternalIdentity = {
  /** next-auth provider id: google, azure-ad, sso-<slug> */
  provider: string;
  providerAccountId: string;
  email: string | null;
  /** true only when the provider vouches for the address. */
  emailVerified: boolean;
  name: string | null;
  image: string | null;
  /** For an org's SSO connection: the org. */
  ssoOrgSlug: string | null;
};

/**
 * Maps an external identity to a user, creating (just in time) what is missing:
 * - a linked identity signs in as its user;
 * - org SSO: new people are created and join the org with its JIT role;
 *   existing users are linked only when already members of that org (an org's
 *   IdP must not take over accounts it does not manage);
 * - Google: an existing account is linked when Google vouches for the address;
 *   Microsoft (multi-tenant, unverified e-mail claims) never links by e-mail;
 * - new Google / Microsoft users get their own organization, like registration.
 */
export async function resolveExternalSignIn(
  central: CentralDb,
  id: ExternalIdentity,
  meta: { ip: string | null; correlationId: string },
): Promise<{ userId: string; created: boolean }> {
  const email = id.email?.trim().toLowerCase() ?? null;
  const sso = id.ssoOrgSlug
    ? await central.organization.findFirst({
        where: { slug: id.ssoOrgSlug, deletedAt: null, status: "active" },
        select: { id: true, slug: true, name: true, settings: true },
      })
    : null;
  const ssoCfg = sso ? readSsoConfig(sso.settings) : null;
  if (id.ssoOrgSlug && (!sso || !ssoCfg?.enabled)) throw new SignInRefusal("SsoNotConfigured");
  if (ssoCfg && email && !emailDomainAllowed(email, ssoCfg.allowedDomains)) throw new SignInRefusal("SsoDomainNotAllowed");

  const audit = async (userId: string, created: boolean) =>
    writeCentralAudit(central, { userId, name: null, correlationId: meta.correlationId }, {
      action: "LOGIN",
      entityType: "user",
      entityId: userId,
      orgId: sso?.id ?? null,
      after: { provider: id.provider, email, created },
      ip: meta.ip,
    });

  // Joins the SSO org (JIT) unless the person was removed from it.
  const ensureSsoMembership = async (userId: string) => {
    if (!sso || !ssoCfg) return;
    const m = await central.orgMembership.findUnique({
      where: { userId_orgId: { userId, orgId: sso.id } },
      select: { deactivatedAt: true },
    });
    if (m?.deactivatedAt) throw new SignInRefusal("SsoAccessRemoved");
    if (!m) {
      await central.$transaction(async (tx) => {
        const created = await tx.orgMembership.create({ data: { userId, orgId: sso.id, role: ssoCfg.jitRole } });
        await writeCentralAudit(tx, { userId: null, name: "sso", correlationId: meta.correlationId }, {
          action: "PERMISSION_CHANGE",
          entityType: "org_membership",
          entityId: created.id,
          orgId: sso.id,
          before: null,
          after: { userId, role: ssoCfg.jitRole, via: "sso_jit" },
        });
      });
    }
  };

  const linked = await central.account.findUnique({
    where: { provider_providerAccountId: { provider: id.provider, providerAccountId: id.providerAccountId } },
    select: { user: { select: { id: true, deletedAt: true, deactivatedAt: true } } },
  });
  if (linked) {
    if (linked.user.deletedAt || linked.user.deactivatedAt) throw new SignInRefusal("AccountDisabled");
    await ensureSsoMembership(linked.user.id);
    await audit(linked.user.id, false);
    return { userId: linked.user.id, created: false };
  }

  if (!email) throw new SignInRefusal("EmailRequired");
  const existing = await central.user.findUnique({
    where: { email },
    select: { id: true, deletedAt: true, deactivatedAt: true, memberships: sso ? { where: { orgId: sso.id, deactivatedAt: null }, select: { id: true } } : false },
  });
  if (existing) {
    if (existing.deletedAt || existing.deactivatedAt) throw new SignInRefusal("AccountDisabled");
    const mayLink = sso
      ? id.emailVerified !== false && (existing.memberships as { id: string }[]).length > 0
      : id.provider === "google" && id.emailVerified;
    if (!mayLink) throw new SignInRefusal("OAuthAccountNotLinked");
    await central.account.create({
      data: { userId: existing.id, provider: id.provider, providerAccountId: id.providerAccountId },
    });
    await ensureSsoMembership(existing.id);
    await audit(existing.id, false);
    return { userId: existing.id, created: false };
  }

  // Just-in-time provisioning of a new user.
  const name = (id.name?.trim() || email.split("@")[0] || "New user").slice(0, 200);
  const user = await central.$transaction(async (tx) => {
    const u = await tx.user.create({
      data: {
        email,
        name,
        passwordHash: null,
        avatarUrl: id.image?.startsWith("https://") ? id.image.slice(0, 2000) : null,
        emailVerified: id.emailVerified || sso ? new Date() : null,
        accounts: { create: { provider: id.provider, providerAccountId: id.providerAccountId } },
      },
      select: { id: true, email: true, name: true },
    });
    await writeCentralAudit(tx, { userId: null, name: id.provider, correlationId: meta.correlationId }, {
      action: "CREATE",
      entityType: "user",
      entityId: u.id,
      after: { ...u, provider: id.provider },
    });
    return u;
  });
  if (sso) {
    await ensureSsoMembership(user.id);
  } else {
    try {
      await createOrg(central, { userId: user.id, name: user.name, correlationId: meta.correlationId }, {
        name: personalOrgName(user.name),
        slug: await freeSlug(central, slugify(user.name)),
        ownerUserId: user.id,
      });
    } catch (err) {
      logger.error({ err, userId: user.id }, "personal organization could not be created at first sign-in");
    }
  }
  await audit(user.id, true);
  return { userId: user.id, created: true };
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
