/**
 * An org's OIDC single sign-on settings (client secret encrypted at rest): reading and saving them,
 * and what next-auth needs to offer the org's SSO sign-in.
 */
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { publicSsoConfig, readSsoConfig, withSsoConfig, type StoredSso, type TSsoOutput } from "@/domain/sso";
import { decryptSecret, encryptSecret } from "@/server/crypto";
import { logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";

const secretContext = (orgId: string) => `org:${orgId}:sso.clientSecret`;

export type OrgRef = { id: string; slug: string; name: string; settings: unknown };

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
