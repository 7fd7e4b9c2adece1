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
import { ssoProviderId, ssoRequired } from "@/domain/sso";
import { emailDomain, linkPredatesProof, ssoOnlyApplies } from "@/domain/identity";
import { hashToken } from "@/server/crypto";
import { appUrl, sendMailInBackground } from "@/server/mail";
import { accountExistsMail, passwordResetMail, verifyEmailMail } from "@/server/mail-templates";
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
import { hitRateLimit } from "./rate-limit";
import { endAllSessionRows } from "./sessions";
import { ResponseTimeModel } from "./uniform-timing";

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

/* ----------------------------------------------------------------- tokens */

/** Whether a token is currently usable (read only: nothing is claimed). */
async function findUsableToken(central: CentralDb | Tx, token: string, purpose: AuthTokenPurpose, now: Date) {
  if (!token || token.length > 200) return false;
  const row = await central.authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { purpose: true, expiresAt: true, usedAt: true },
  });
  return !!row && row.purpose === purpose && !row.usedAt && row.expiresAt > now;
}

/** Marks a valid token used (once, atomically) and returns its user; null when invalid, used or expired. */
async function claimToken(tx: Tx, token: string, purpose: AuthTokenPurpose, now: Date) {
  if (!token || token.length > 200) return null;
  const row = await tx.authToken.findUnique({
    where: { tokenHash: hashToken(token) },
    select: { id: true, userId: true, purpose: true, expiresAt: true, usedAt: true },
  });
  if (!row || row.purpose !== purpose || row.usedAt || row.expiresAt <= now) return null;
  const claimed = await tx.authToken.updateMany({
    where: { id: row.id, usedAt: null },
    data: { usedAt: now },
  });
  return claimed.count === 1 ? row.userId : null;
}

/* ----------------------------------------------------------- registration */

/** "Ada Lovelace" → "Ada's workspace". */
export function personalOrgName(name: string): string {
  const first = name.trim().split(/\s+/)[0] || name.trim();
  return `${first}'s workspace`.slice(0, 200);
}

/** How long a real registration takes (hashing, the user, the org's database), mirrored for taken addresses. */
const registrationTime = new ResponseTimeModel(900);
/** How long a real reset request takes, mirrored for unknown addresses. */
const resetRequestTime = new ResponseTimeModel(40);

/**
 * Registration: the user, then their own organization (they own it) so they can start at once,
 * then a verification e-mail.
 *
 * The answer is the same whether or not the address already has an account (`{ ok, email }`, no
 * id): a taken address gets the same password hashing, the same audit entry (so the per-IP cap
 * counts it), a mail to its owner instead of a new account, and about the same response time.
 * The caller then signs in with the password; only the address's owner learns more.
 */
export async function registerUser(
  central: CentralDb,
  input: { name: string; email: string; password: string },
  meta: RequestMeta,
) {
  const started = performance.now();
  const now = meta.now ?? new Date();
  const email = normalizeEmail(input.email);
  // Each registration provisions a database: cap how many one address can start (atomic: see
  // limits.ts). Taken addresses use up a slot too, so the cap says nothing about who has an account.
  await takeRegistrationSlot(central, meta, email, now);
  const answer = { ok: true as const, email };
  const taken = await central.user.findUnique({ where: { email }, select: { id: true } });
  if (taken) {
    await registrationForTakenAddress(central, taken.id, input.password, meta);
    await registrationTime.padFrom(started);
    return answer;
  }
  let user: Awaited<ReturnType<typeof createUser>>;
  try {
    user = await createUser(central, anonymous(meta.correlationId), { ...input, email });
  } catch (err) {
    // Registered a moment ago by a concurrent request: answer as for any taken address.
    const raced = await central.user.findUnique({ where: { email }, select: { id: true } });
    if (!raced) throw err;
    await registrationForTakenAddress(central, raced.id, null, meta);
    await registrationTime.padFrom(started);
    return answer;
  }
  await writeCentralAudit(
    central,
    { userId: user.id, name: user.name, correlationId: meta.correlationId },
    {
      action: "CREATE",
      entityType: "registration",
      entityId: user.id,
      after: { email: user.email },
      ip: meta.ip,
    },
  );
  const actor: AuditActor = { userId: user.id, name: user.name, correlationId: meta.correlationId };
  try {
    await createOrg(central, actor, {
      name: personalOrgName(user.name),
      slug: await freeSlug(central, slugify(user.name)),
      ownerUserId: user.id,
    });
  } catch (err) {
    // The account stands; the user can create an organization after signing in.
    logger.error({ err, userId: user.id }, "personal organization could not be created at registration");
  }
  await sendVerificationEmail(central, user.id, meta).catch((err: unknown) => {
    logger.warn({ err, userId: user.id }, "verification e-mail not sent at registration");
  });
  registrationTime.record(performance.now() - started);
  return answer;
}

/** A registration for an address that has an account: same work, nothing created, its owner told. */
async function registrationForTakenAddress(
  central: CentralDb,
  userId: string,
  password: string | null,
  meta: RequestMeta,
) {
  if (password !== null) await hashPassword(password);
  await writeCentralAudit(central, anonymous(meta.correlationId), {
    action: "CREATE",
    entityType: "registration",
    entityId: null,
    after: { existingUserId: userId, created: false },
    ip: meta.ip,
  });
  const user = await central.user.findFirst({
    where: { id: userId, deletedAt: null, deactivatedAt: null },
    select: { email: true, name: true },
  });
  if (user && (await hitRateLimit(central, `register-taken:${userId}`, MAILS_PER_HOUR, 3600_000)).allowed) {
    sendMailInBackground(
      accountExistsMail(user.email, user.name, {
        signIn: appUrl("/sign-in"),
        reset: appUrl("/forgot-password"),
      }),
    );
  }
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
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      "We sent several links already. Check your inbox (and spam folder) or try again later.",
    );
  }
  sendMailInBackground(verifyEmailMail(user.email, user.name, appUrl(`/verify-email?token=${token}`)));
  return { sent: true as const, alreadyVerified: false };
}

export async function verifyEmail(central: CentralDb, input: { token: string }, meta: RequestMeta) {
  const now = meta.now ?? new Date();
  return central.$transaction(async (tx) => {
    const userId = await claimToken(tx, input.token, "email_verify", now);
    if (!userId) {
      throw new DomainError(
        "INVALID",
        "This confirmation link is invalid, used or expired. Ask for a new one from your profile.",
        {
          fieldErrors: { token: ["This link is invalid, used or expired"] },
        },
      );
    }
    const user = await tx.user.update({
      where: { id: userId },
      data: { emailVerified: now },
      select: { id: true, email: true, name: true },
    });
    await writeCentralAudit(
      tx,
      { userId, name: user.name, correlationId: meta.correlationId },
      {
        action: "UPDATE",
        entityType: "user",
        entityId: userId,
        after: { emailVerified: now, email: user.email },
        ip: meta.ip,
      },
    );
    return { verified: true as const, email: user.email };
  });
}

/* ------------------------------------------------------------ password reset */

/** Reset attempts (new password from a link) per client address and quarter hour. */
export const RESET_ATTEMPTS_PER_IP = 10;
/** ... and from clients whose address is unknown, together. */
const RESET_ATTEMPTS_UNKNOWN_IP = 100;
const RESET_WINDOW_MS = 15 * 60 * 1000;

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
  const token = user
    ? await issueTokenWithinLimit(central, {
        userId: user.id,
        purpose: "password_reset",
        ttlMs: RESET_TTL_MS,
        maxPerHour: MAILS_PER_HOUR,
        now,
      })
    : null;
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
      await writeCentralAudit(
        tx,
        { userId, name: u.name, correlationId: meta.correlationId },
        {
          action: "UNLINK",
          entityType: "user_identity",
          entityId: userId,
          before: { providers: unproven.map((a) => a.provider) },
          after: { reason: "password_reset_before_address_proved" },
          ip: meta.ip,
        },
      );
    }
    // A completed reset clears the account's failed sign-ins.
    await tx.loginAttempt.create({ data: { email: u.email, ip: null, success: true, createdAt: now } });
    await writeCentralAudit(
      tx,
      { userId, name: u.name, correlationId: meta.correlationId },
      {
        action: "UPDATE",
        entityType: "user",
        entityId: userId,
        after: {
          password: "reset",
          sessionVersion: u.sessionVersion,
          identitiesDropped: unproven.length,
          apiTokensRevoked: tokensRevoked,
        },
        ip: meta.ip,
      },
    );
    return u;
  });
  return { ok: true as const, email: user.email };
}

/* -------------------------------------------------------- profile, password */

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
