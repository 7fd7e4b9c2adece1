/**
 * Accounts: password sign-in with throttling, registration, password reset,
 * e-mail verification, profile and password changes, and ending sessions.
 *
 * Sessions are signed tokens carrying the user's session version; bumping
 * `users.session_version` ends every existing session at its next request.
 * E-mailed tokens are single use and stored only as SHA-256 hashes.
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { ssoRequired } from "@/domain/sso";
import { hashToken, newToken } from "@/server/crypto";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { passwordResetMail, verifyEmailMail } from "@/server/mail-templates";
import { logger } from "@/server/logger";
import { writeCentralAudit } from "./audit";
import { createOrg, freeSlug, slugify } from "./orgs";
import { createUser, hashPassword, verifyPassword } from "./users";
import {
  issueTokenWithinLimit,
  loginThrottle,
  REGISTRATIONS_PER_IP_PER_HOUR,
  reserveLoginAttempt,
  settleLoginAttempt,
  takeRegistrationSlot,
} from "./limits";

export { loginThrottle, REGISTRATIONS_PER_IP_PER_HOUR };

type Tx = CentralPrisma.TransactionClient;
type AuthTokenPurpose = "password_reset" | "email_verify";

export const RESET_TTL_MS = 60 * 60 * 1000;
export const VERIFY_TTL_MS = 24 * 60 * 60 * 1000;
/** At most this many reset / verification mails per account and hour. */
const MAILS_PER_HOUR = 5;

export type RequestMeta = { ip: string | null; correlationId: string; now?: Date };

const anonymous = (correlationId: string): AuditActor => ({ userId: null, name: null, correlationId });

/* ------------------------------------------------------------ sign-in, throttle */

export type PasswordSignIn =
  | { ok: true; user: { id: string; email: string; name: string } }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "throttled"; retryAt: Date }
  | { ok: false; reason: "sso_required"; orgName: string };

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase().slice(0, 320);
}

/** The first SSO-only organization the user belongs to, if any. */
export async function ssoOnlyOrgOf(central: CentralDb | Tx, userId: string) {
  const rows = await central.orgMembership.findMany({
    where: { userId, deactivatedAt: null, org: { deletedAt: null, status: "active" } },
    select: { org: { select: { name: true, slug: true, settings: true } } },
  });
  const hit = rows.find((r) => ssoRequired(r.org.settings));
  return hit ? { name: hit.org.name, slug: hit.org.slug } : null;
}

async function recordAttempt(
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
    await writeCentralAudit(tx, { ...anonymous(meta.correlationId), userId: e.success ? e.userId : null }, {
      action: e.success ? "LOGIN" : "LOGIN_FAILED",
      entityType: "user",
      entityId: e.userId,
      after: { email: e.email, provider: e.provider ?? "credentials", ...(e.reason ? { reason: e.reason } : {}) },
      ip: meta.ip,
    });
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
    await recordAttempt(central, m, { email, success: null, userId: null, reason: `throttled:${throttle.scope}` });
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
  const ssoOrg = await ssoOnlyOrgOf(central, user.id);
  if (ssoOrg) {
    await recordAttempt(central, m, { email, success: null, userId: user.id, reason: "sso_required", attemptId });
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
  reason: "logout" | "password_change" | "password_reset" | "admin",
  ip: string | null = null,
) {
  await central.$transaction(async (tx) => {
    const u = await tx.user.update({
      where: { id: userId },
      data: { sessionVersion: { increment: 1 } },
      select: { sessionVersion: true },
    });
    await writeCentralAudit(tx, actor, {
      action: "LOGOUT",
      entityType: "user",
      entityId: userId,
      after: { reason, sessionVersion: u.sessionVersion },
      ip,
    });
  });
}

/* ----------------------------------------------------------------- tokens */

async function issueToken(tx: Tx, userId: string, purpose: AuthTokenPurpose, ttlMs: number, now: Date) {
  const token = newToken();
  await tx.authToken.create({
    data: { userId, purpose, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + ttlMs) },
  });
  return token;
}

/** Marks a valid token used (once, atomically) and returns its user; null when invalid, used or expired. */
async function claimToken(tx: Tx, token: string, purpose: AuthTokenPurpose, now: Date) {
  if (!token || token.length > 200) return null;
  const row = await tx.authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, purpose: true, expiresAt: true, usedAt: true },
  });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  const claimed = await tx.authToken.updateMany({ where: { id: row.id, usedAt: null }, data: { usedAt: now } });
  return claimed.count === 1 ? row.userId : null;
}

async function recentTokenCount(central: CentralDb | Tx, userId: string, purpose: AuthTokenPurpose, now: Date) {
  return central.authToken.count({
    where: { userId, purpose, createdAt: { gte: new Date(now.getTime() - 60 * 60 * 1000) } },
  });
}

/* ----------------------------------------------------------- registration */

/** "Ada Lovelace" → "Ada's workspace". */
export function personalOrgName(name: string): string {
  const first = name.trim().split(/\s+/)[0] || name.trim();
  return `${first}'s workspace`.slice(0, 200);
}

/**
 * Registration: the user, then their own organization (they own it) so they
 * can start at once, then a verification e-mail.
 */
export async function registerUser(
  central: CentralDb,
  input: { name: string; email: string; password: string },
  meta: RequestMeta,
) {
  const now = meta.now ?? new Date();
  // Each registration provisions a database: cap how many one address can start (atomic: see limits.ts).
  await takeRegistrationSlot(central, meta, normalizeEmail(input.email), now);
  const user = await createUser(central, anonymous(meta.correlationId), input);
  await writeCentralAudit(central, { userId: user.id, name: user.name, correlationId: meta.correlationId }, {
    action: "CREATE",
    entityType: "registration",
    entityId: user.id,
    after: { email: user.email },
    ip: meta.ip,
  });
  const actor: AuditActor = { userId: user.id, name: user.name, correlationId: meta.correlationId };
  let orgSlug: string | null = null;
  try {
    const org = await createOrg(central, actor, {
      name: personalOrgName(user.name),
      slug: await freeSlug(central, slugify(user.name)),
      ownerUserId: user.id,
    });
    orgSlug = org.slug;
  } catch (err) {
    // The account stands; the user can create an organization after signing in.
    logger.error({ err, userId: user.id }, "personal organization could not be created at registration");
  }
  await sendVerificationEmail(central, user.id, meta);
  return { userId: user.id, email: user.email, name: user.name, orgSlug };
}

/* --------------------------------------------------------- e-mail verification */

/** Sends a verification link to the user's current address (rate limited; no-op when verified). */
export async function sendVerificationEmail(central: CentralDb, userId: string, meta: RequestMeta) {
  const now = meta.now ?? new Date();
  const user = await central.user.findFirst({
    where: { id: userId, deletedAt: null, deactivatedAt: null },
    select: { id: true, email: true, name: true, emailVerified: true },
  });
  if (!user) throw new DomainError("NOT_FOUND", "User not found");
  if (user.emailVerified) return { sent: false as const, alreadyVerified: true };
  const token = await issueTokenWithinLimit(central, {
    userId: user.id,
    purpose: "email_verify",
    ttlMs: VERIFY_TTL_MS,
    maxPerHour: MAILS_PER_HOUR,
    now,
  });
  if (!token) {
    throw new DomainError("TOO_MANY_REQUESTS", "We sent several links already. Check your inbox (and spam folder) or try again later.");
  }
  sendMailInBackground(verifyEmailMail(user.email, user.name, appUrl(`/verify-email?token=${token}`)));
  return { sent: true as const, alreadyVerified: false };
}

export async function verifyEmail(central: CentralDb, input: { token: string }, meta: RequestMeta) {
  const now = meta.now ?? new Date();
  return central.$transaction(async (tx) => {
    const userId = await claimToken(tx, input.token, "email_verify", now);
    if (!userId) {
      throw new DomainError("INVALID", "This confirmation link is invalid, used or expired. Ask for a new one from your profile.", {
        fieldErrors: { token: ["This link is invalid, used or expired"] },
      });
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerified: now },
      select: { id: true, email: true, name: true },
    });
    await writeCentralAudit(tx, { userId, name: user.name, correlationId: meta.correlationId }, {
      action: "UPDATE",
      entityType: "user",
      entityId: userId,
      after: { emailVerified: now, email: user.email },
      ip: meta.ip,
    });
    return { verified: true as const, email: user.email };
  });
}

/* ------------------------------------------------------------ password reset */

/**
 * Always answers the same (no account enumeration). When the account exists
 * and is active, a single-use link valid for one hour is e-mailed.
 */
export async function requestPasswordReset(central: CentralDb, input: { email: string }, meta: RequestMeta) {
  const now = meta.now ?? new Date();
  const user = await central.user.findFirst({
    where: { email: normalizeEmail(input.email), deletedAt: null, deactivatedAt: null },
    select: { id: true, email: true, name: true },
  });
  if (user && (await recentTokenCount(central, user.id, "password_reset", now)) < MAILS_PER_HOUR) {
    const token = await central.$transaction((tx) => issueToken(tx, user.id, "password_reset", RESET_TTL_MS, now));
    sendMailInBackground(passwordResetMail(user.email, user.name, appUrl(`/reset-password?token=${token}`)));
  }
  return { ok: true as const };
}

/** Sets a new password from a reset link; every existing session ends. */
export async function resetPassword(
  central: CentralDb,
  input: { token: string; password: string },
  meta: RequestMeta,
) {
  const now = meta.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  const user = await central.$transaction(async (tx) => {
    const userId = await claimToken(tx, input.token, "password_reset", now);
    if (!userId) {
      throw new DomainError("INVALID", "This reset link is invalid, used or expired. Ask for a new one.", {
        fieldErrors: { token: ["This link is invalid, used or expired"] },
      });
    }
    const before = await tx.user.findUniqueOrThrow({ where: { id: userId }, select: { emailVerified: true } });
    const u = await tx.user.update({
      where: { id: userId },
      // The link reached the mailbox, so the address is confirmed too.
      data: { passwordHash, sessionVersion: { increment: 1 }, emailVerified: before.emailVerified ?? now },
      select: { id: true, email: true, name: true, sessionVersion: true },
    });
    // Other outstanding reset links stop working.
    await tx.authToken.updateMany({ where: { userId, purpose: "password_reset", usedAt: null }, data: { usedAt: now } });
    // A completed reset clears the account's failed sign-ins.
    await tx.loginAttempt.create({ data: { email: u.email, ip: null, success: true, createdAt: now } });
    await writeCentralAudit(tx, { userId, name: u.name, correlationId: meta.correlationId }, {
      action: "UPDATE",
      entityType: "user",
      entityId: userId,
      after: { password: "reset", sessionVersion: u.sessionVersion },
      ip: meta.ip,
    });
    return u;
  });
  return { ok: true as const, email: user.email };
}

/* -------------------------------------------------------- profile, password */

const PROFILE = { id: true, email: true, name: true, avatarUrl: true, emailVerified: true, createdAt: true } as const;

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
    await checkCurrentPassword(central, before, input.currentPassword, { ...meta, now, userId: actor.userId });
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
