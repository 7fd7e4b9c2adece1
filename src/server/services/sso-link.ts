/** "Link my <org> SSO": a signed-in member starts linking their account to the org's SSO, and its status. */
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { readSsoConfig, ssoProviderId } from "@/domain/sso";
import type { OrgRef } from "./sso-settings";

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
