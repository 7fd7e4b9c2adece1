/**
 * Password reset: requesting a link (same answer and about the same time for unknown addresses)
 * and setting a new password from it, which ends every session.
 */
import type { CentralDb } from "@/server/db/central";
import { DomainError } from "@/domain/errors";
import { linkPredatesProof } from "@/domain/identity";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { passwordResetMail } from "@/server/mail-templates";
import { writeRequestAudit } from "./audit";
import { hashPassword } from "./users";
import { hitRateLimit } from "./rate-limit";
import { endAllSessionRows } from "./sessions";
import { ResponseTimeModel } from "./uniform-timing";
import { claimToken, findUsableToken, issueMailToken } from "./account-tokens";
import { normalizeEmail, type RequestMeta } from "./sign-in";

/** Reset attempts (new password from a link) per client address and quarter hour. */
export const RESET_ATTEMPTS_PER_IP = 10;
/** ... and from clients whose address is unknown, together. */
const RESET_ATTEMPTS_UNKNOWN_IP = 100;
const RESET_WINDOW_MS = 15 * 60 * 1000;

/** How long a real reset request takes, mirrored for unknown addresses. */
const resetRequestTime = new ResponseTimeModel(40);

/**
 * Always answers the same, in about the same time (no account enumeration). When the account
 * exists and is active, a single-use link valid for one hour is e-mailed.
 */
export async function requestPasswordReset(central: CentralDb, input: { email: string }, meta: RequestMeta) {
  const started = performance.now();
  const now = meta.now ?? new Date();
  const user = await central.user.findFirst({
    where: { email: normalizeEmail(input.email), deletedAt: null, deactivatedAt: null },
    select: { id: true, email: true, name: true },
  });
  // At most MAILS_PER_HOUR links an hour, checked and issued in one step (limits.ts).
  const token = user ? await issueMailToken(central, user.id, "password_reset", now) : null;
  if (user && token) {
    sendMailInBackground(passwordResetMail(user.email, user.name, appUrl(`/reset-password?token=${token}`)));
    resetRequestTime.record(performance.now() - started);
  } else {
    await resetRequestTime.padFrom(started);
  }
  return { ok: true as const };
}

const INVALID_RESET = "This reset link is invalid, used or expired. Ask for a new one.";

/**
 * Sets a new password from a reset link; every existing session ends. Attempts are throttled per
 * client address, and the link is checked BEFORE the new password is hashed (a made-up token costs
 * one indexed lookup, not an Argon2 hash). The reset proves the address: external identities linked
 * before it was proved are dropped (see `linkPredatesProof`).
 */
export async function resetPassword(
  central: CentralDb,
  input: { token: string; password: string },
  meta: RequestMeta,
) {
  const now = meta.now ?? new Date();
  const limit = meta.ip
    ? await hitRateLimit(central, `reset-password:ip:${meta.ip}`, RESET_ATTEMPTS_PER_IP, RESET_WINDOW_MS, now)
    : await hitRateLimit(
        central,
        "reset-password:ip:unknown",
        RESET_ATTEMPTS_UNKNOWN_IP,
        RESET_WINDOW_MS,
        now,
      );
  if (!limit.allowed) {
    throw new DomainError("TOO_MANY_REQUESTS", "Too many attempts. Wait 15 minutes and try again.", {
      details: { retryAt: limit.retryAt.toISOString() },
    });
  }
  const invalid = () =>
    new DomainError("INVALID", INVALID_RESET, {
      fieldErrors: { token: ["This link is invalid, used or expired"] },
    });
  if (!(await findUsableToken(central, input.token, "password_reset", now))) throw invalid();
  const passwordHash = await hashPassword(input.password);
  const user = await central.$transaction(async (tx) => {
    const userId = await claimToken(tx, input.token, "password_reset", now);
    if (!userId) throw invalid();
    const before = await tx.user.findUniqueOrThrow({
      where: { id: userId },
      select: { emailVerified: true },
    });
    const u = await tx.user.update({
      where: { id: userId },
      // The link reached the mailbox, so the address is confirmed too.
      data: { passwordHash, sessionVersion: { increment: 1 }, emailVerified: before.emailVerified ?? now },
      select: { id: true, email: true, name: true, sessionVersion: true },
    });
    const self = { userId, name: u.name };
    await endAllSessionRows(tx, userId, "password_reset", now);
    // Account recovery: API tokens minted by whoever held the account stop working too.
    const { count: tokensRevoked } = await tx.apiToken.updateMany({
      where: { userId, revokedAt: null },
      data: { revokedAt: now },
    });
    // Other outstanding reset links stop working.
    await tx.authToken.updateMany({
      where: { userId, purpose: "password_reset", usedAt: null },
      data: { usedAt: now },
    });
    // External sign-ins linked before the address was proved may be someone else's: they go.
    const identities = await tx.account.findMany({
      where: { userId },
      select: { id: true, provider: true, createdAt: true },
    });
    const unproven = identities.filter((a) => linkPredatesProof(a.createdAt, before.emailVerified));
    if (unproven.length) {
      await tx.account.deleteMany({ where: { id: { in: unproven.map((a) => a.id) } } });
      await writeRequestAudit(tx, self, meta, {
        action: "UNLINK",
        entityType: "user_identity",
        entityId: userId,
        before: { providers: unproven.map((a) => a.provider) },
        after: { reason: "password_reset_before_address_proved" },
      });
    }
    // A completed reset clears the account's failed sign-ins.
    await tx.loginAttempt.create({ data: { email: u.email, ip: null, success: true, createdAt: now } });
    await writeRequestAudit(tx, self, meta, {
      action: "UPDATE",
      entityType: "user",
      entityId: userId,
      after: {
        password: "reset",
        sessionVersion: u.sessionVersion,
        identitiesDropped: unproven.length,
        apiTokensRevoked: tokensRevoked,
      },
    });
    return u;
  });
  return { ok: true as const, email: user.email };
}
