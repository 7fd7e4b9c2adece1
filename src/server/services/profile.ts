/** The signed-in user's profile (name, e-mail, avatar) and password changes. */
import type { CentralDb } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { writeCentralAudit } from "./audit";
import { hashPassword, verifyPassword } from "./users";
import { reserveLoginAttempt, settleLoginAttempt } from "./limits";
import { endAllSessionRows } from "./sessions";
import { normalizeEmail, recordAttempt, type RequestMeta } from "./sign-in";
import { sendVerificationEmail } from "./email-verification";

const PROFILE = {
  id: true,
  email: true,
  name: true,
  avatarUrl: true,
  emailVerified: true,
  createdAt: true,
} as const;

export async function getProfile(central: CentralDb, userId: string) {
  const u = await central.user.findFirst({
    where: { id: userId, deletedAt: null },
    select: { ...PROFILE, passwordHash: true, accounts: { select: { provider: true } } },
  });
  if (!u) throw new DomainError("NOT_FOUND", "User not found");
  const { passwordHash, accounts, ...rest } = u;
  return { ...rest, hasPassword: !!passwordHash, providers: [...new Set(accounts.map((a) => a.provider))] };
}

async function checkCurrentPassword(
  central: CentralDb,
  user: { email: string; passwordHash: string | null },
  currentPassword: string | undefined,
  meta: RequestMeta & { now: Date; userId: string },
) {
  if (!user.passwordHash) return; // no password yet (accounts from Google, Microsoft or SSO)
  const slot = await reserveLoginAttempt(central, user.email, meta.ip, meta.now);
  if (slot.locked) {
    throw new DomainError("TOO_MANY_REQUESTS", "Too many wrong passwords. Wait 15 minutes and try again.", {
      details: { retryAt: slot.decision.retryAt.toISOString() },
    });
  }
  const ok = currentPassword ? await verifyPassword(user.passwordHash, currentPassword) : false;
  // A right current password is not a sign-in: it neither counts nor clears failures.
  if (ok) await settleLoginAttempt(central, slot.attemptId, null);
  if (!ok) {
    await recordAttempt(central, meta, {
      email: user.email,
      success: false,
      userId: meta.userId,
      reason: "wrong_current_password",
      attemptId: slot.attemptId,
    });
    const message = currentPassword ? "The current password is not correct" : "Enter your current password";
    throw new DomainError("INVALID", message, { fieldErrors: { currentPassword: [message] } });
  }
}

/**
 * Name, e-mail and avatar. Changing the e-mail needs the current password (when
 * the account has one), marks the address unverified and sends a new link.
 */
export async function updateProfile(
  central: CentralDb,
  actor: AuditActor & { userId: string },
  input: { name?: string; email?: string; avatarUrl?: string | null; currentPassword?: string },
  meta: RequestMeta,
) {
  const now = meta.now ?? new Date();
  const before = await central.user.findFirst({
    where: { id: actor.userId, deletedAt: null },
    select: { ...PROFILE, passwordHash: true },
  });
  if (!before) throw new DomainError("NOT_FOUND", "User not found");
  const email = input.email !== undefined ? normalizeEmail(input.email) : before.email;
  const emailChanged = email !== before.email;
  if (emailChanged) {
    const taken = await central.user.findUnique({ where: { email }, select: { id: true } });
    if (taken) {
      throw new DomainError("CONFLICT", "Another account uses that e-mail address", {
        fieldErrors: { email: ["Another account uses that e-mail address"] },
      });
    }
    await checkCurrentPassword(central, before, input.currentPassword, {
      ...meta,
      now,
      userId: actor.userId,
    });
  }
  const after = await central.$transaction(async (tx) => {
    const u = await tx.user.update({
      where: { id: actor.userId },
      data: {
        name: input.name,
        avatarUrl: input.avatarUrl,
        ...(emailChanged ? { email, emailVerified: null } : {}),
      },
      select: PROFILE,
    });
    if (emailChanged) {
      // Links sent to the old address must not confirm the new one.
      await tx.authToken.updateMany({
        where: { userId: actor.userId, purpose: "email_verify", usedAt: null },
        data: { usedAt: now },
      });
    }
    const { passwordHash: _omit, ...beforeView } = before;
    void _omit;
    await writeCentralAudit(tx, actor, {
      action: "UPDATE",
      entityType: "user",
      entityId: actor.userId,
      before: beforeView,
      after: u,
      ip: meta.ip,
    });
    return u;
  });
  if (emailChanged) await sendVerificationEmail(central, actor.userId, { ...meta, now });
  return after;
}

/** Changes the password (the current one is required) and ends every existing session. */
export async function changePassword(
  central: CentralDb,
  actor: AuditActor & { userId: string },
  input: { currentPassword?: string; newPassword: string },
  meta: RequestMeta,
) {
  const now = meta.now ?? new Date();
  const user = await central.user.findFirst({
    where: { id: actor.userId, deletedAt: null },
    select: { email: true, passwordHash: true },
  });
  if (!user) throw new DomainError("NOT_FOUND", "User not found");
  await checkCurrentPassword(central, user, input.currentPassword, { ...meta, now, userId: actor.userId });
  if (input.currentPassword && input.currentPassword === input.newPassword) {
    throw new DomainError("INVALID", "Choose a password different from the current one", {
      fieldErrors: { newPassword: ["Choose a password different from the current one"] },
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await central.$transaction(async (tx) => {
    const u = await tx.user.update({
      where: { id: actor.userId },
      data: { passwordHash, sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await endAllSessionRows(tx, actor.userId, "password_change");
    await writeCentralAudit(tx, actor, {
      action: "UPDATE",
      entityType: "user",
      entityId: actor.userId,
      after: { password: "changed", sessionVersion: u.sessionVersion },
      ip: meta.ip,
    });
  });
  return { ok: true as const, sessionsEnded: true as const };
}
