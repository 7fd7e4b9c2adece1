/**
 * Password sign-in with throttling, the SSO-only check, and ending sessions.
 *
 * Sessions are signed tokens carrying the user's session version; bumping
 * `users.session_version` ends every existing session at its next request.
 */
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { ssoProviderId, ssoRequired } from "@/domain/sso";
import { emailDomain, ssoOnlyApplies } from "@/domain/identity";
import { writeCentralAudit } from "./audit";
import { verifyPassword } from "./users";
import { reserveLoginAttempt, settleLoginAttempt } from "./limits";
import { endAllSessionRows } from "./sessions";
import type { Tx } from "./account-tokens";

export type RequestMeta = { ip: string | null; correlationId: string; now?: Date };

export const anonymous = (correlationId: string): AuditActor => ({ userId: null, name: null, correlationId });

export type PasswordSignIn =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date }
  | { ok: false; reason: "sso_required"; orgName: string };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

/**
 * The organizations whose SSO-only setting binds this user (src/domain/identity.ts `ssoOnlyApplies`):
 * accepted memberships whose address is on the org's verified domains, and who can sign in through
 * that org's SSO. Pending invitations are not memberships and never bind anyone.
 */
export async function ssoOnlyOrgsOf(central: CentralDb | Tx, userId: string) {
  const user = await central.user.findUnique({
    where: { id: userId },
    select: {
      email: true,
      memberships: {
        where: { deactivatedAt: null, org: { deletedAt: null, status: "active" } },
        select: { org: { select: { id: true, name: true, slug: true, settings: true } } },
      },
    },
  });
  const candidates = (user?.memberships ?? []).map((m) => m.org).filter((o) => ssoRequired(o.settings));
  if (!user || !candidates.length) return [];
  const ids = candidates.map((o) => o.id);
  const [domains, identities] = await Promise.all([
    central.orgDomain.findMany({
      where: { orgId: { in: ids }, domain: emailDomain(user.email), verifiedAt: { not: null } },
      select: { orgId: true, verifiedBy: true },
    }),
    central.account.findMany({
      where: { userId, provider: { in: ids.map((id) => ssoProviderId(id)) } },
      select: { provider: true },
    }),
  ]);
  return candidates
    .filter((o) =>
      ssoOnlyApplies({
        ssoRequired: true,
        activeMember: true,
        domainVerification: domains.find((d) => d.orgId === o.id)?.verifiedBy ?? null,
        hasLinkedIdentity: identities.some((a) => a.provider === ssoProviderId(o.id)),
      }),
    )
    .map((o) => ({ id: o.id, name: o.name, slug: o.slug }));
}

export async function recordAttempt(
  central: CentralDb,
  meta: RequestMeta & { now: Date },
  e: {
    email: string;
    success: boolean | null;
    userId: string | null;
    reason?: string;
    provider?: string;
    /** The attempt already recorded (as a failure) by reserveLoginAttempt. */
    attemptId?: bigint;
  },
) {
  await central.$transaction(async (tx) => {
    // Refused (throttled) attempts are audited but not counted, so a lock ends on time.
    if (e.attemptId !== undefined) {
      await settleLoginAttempt(tx, e.attemptId, e.success);
    } else if (e.success !== null) {
      await tx.loginAttempt.create({
        data: { email: e.email, ip: meta.ip, success: e.success, createdAt: meta.now },
      });
    }
    await writeCentralAudit(
      tx,
      { ...anonymous(meta.correlationId), userId: e.success ? e.userId : null },
      {
        action: e.success ? "LOGIN" : "LOGIN_FAILED",
        entityType: "user",
        entityId: e.userId,
        after: {
          email: e.email,
          provider: e.provider ?? "credentials",
          ...(e.reason ? { reason: e.reason } : {}),
        },
        ip: meta.ip,
      },
    );
  });
}

/**
 * E-mail and password sign-in. Unknown e-mail and wrong password look the
 * same (same answer, a password hash checked either way); throttling is
 * checked first, so a correct password is refused while locked.
 */
export async function signInWithPassword(
  central: CentralDb,
  input: { email: string; password: string },
  meta: RequestMeta,
): Promise<PasswordSignIn> {
  const now = meta.now ?? new Date();
  const m = { ...meta, now };
  const email = normalizeEmail(input.email);
  // Checks the throttle and counts this attempt (as a failure until proved otherwise) in one step.
  const slot = await reserveLoginAttempt(central, email, meta.ip, now);
  if (slot.locked) {
    const throttle = slot.decision;
    await recordAttempt(central, m, {
      email,
      success: null,
      userId: null,
      reason: `throttled:${throttle.scope}`,
    });
    return { ok: false, reason: "throttled", retryAt: throttle.retryAt };
  }
  const attemptId = slot.attemptId;
  const user = await central.user.findFirst({
    where: { email, deletedAt: null },
    select: { id: true, email: true, name: true, passwordHash: true, deactivatedAt: true },
  });
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, input.password);
  if (!user || !passwordOk || user.deactivatedAt) {
    await recordAttempt(central, m, {
      email,
      success: false,
      userId: user?.id ?? null,
      reason: !user ? "unknown_email" : user.deactivatedAt ? "deactivated" : "wrong_password",
      attemptId,
    });
    return { ok: false, reason: "invalid" };
  }
  const [ssoOrg] = await ssoOnlyOrgsOf(central, user.id);
  if (ssoOrg) {
    await recordAttempt(central, m, {
      email,
      success: null,
      userId: user.id,
      reason: "sso_required",
      attemptId,
    });
    return { ok: false, reason: "sso_required", orgName: ssoOrg.name };
  }
  await recordAttempt(central, m, { email, success: true, userId: user.id, attemptId });
  return { ok: true, user: { id: user.id, email: user.email, name: user.name } };
}

/** Ends every session of the user (logout, password change): their tokens carry an older version. */
export async function endSessions(
  central: CentralDb,
  actor: AuditActor,
  userId: string,
  reason: "logout" | "logout_everywhere" | "password_change" | "password_reset" | "admin",
  ip: string | null = null,
) {
  await central.$transaction(async (tx) => {
    const u = await tx.user.update({
      where: { id: userId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await endAllSessionRows(tx, userId, reason);
    await writeCentralAudit(tx, actor, {
      action: "LOGOUT",
      entityType: "user",
      entityId: userId,
      after: { reason, sessionVersion: u.sessionVersion },
      ip,
    });
  });
}
