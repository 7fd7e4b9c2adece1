/**
 * Rate limits and quotas that hold under concurrency and across app
 * instances. Each check-and-record runs in one transaction that first takes a
 * transaction-scoped PostgreSQL advisory lock on the limited key (an e-mail,
 * an IP address, a user), then counts and records: two requests for the same
 * key cannot both see "one slot left". (A single INSERT … SELECT … WHERE
 * count < cap is not enough under READ COMMITTED: concurrent statements do
 * not see each other's uncommitted rows.) Locks are released at commit, and
 * always taken in the order below, so they cannot deadlock.
 *
 * The records live in existing tables: sign-up and org-creation attempts are
 * central audit rows, sign-in attempts are `login_attempts` rows, e-mailed
 * links are `auth_tokens` rows.
 */
import type { CentralDb, CentralPrisma } from "@/server/db/central";
import type { AuditActor } from "@/server/context-types";
import { DomainError } from "@/domain/errors";
import { throttleDecision, throttleLookbackMs, type ThrottleDecision } from "@/domain/throttle";
import { hashToken, newToken } from "@/server/crypto";
import { env } from "@/env";
import { writeCentralAudit } from "./audit";

type Tx = CentralPrisma.TransactionClient;

/** Advisory lock classes (first key of pg_advisory_xact_lock(int, int)); the order is the lock order. */
const LOCK = {
  loginEmail: 71_001,
  loginIp: 71_002,
  registrationIp: 71_003,
  orgCreate: 71_004,
  authToken: 71_005,
} as const;

async function lock(tx: Tx, cls: number, key: string): Promise<void> {
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(${cls}::int, hashtext(${key}))`;
}

/* ------------------------------------------------------------ sign-in attempts */

/** The throttle state for an account (e-mail as typed) and an IP address. */
export async function loginThrottle(db: CentralDb | Tx, email: string, ip: string | null, now: Date) {
  const since = new Date(now.getTime() - throttleLookbackMs());
  const [account, byIp] = await Promise.all([
    db.loginAttempt.findMany({
      where: { email, createdAt: { gte: since } },
      select: { success: true, createdAt: true },
      orderBy: { createdAt: "desc" },
      take: 200,
    }),
    ip
      ? db.loginAttempt.findMany({
          where: { ip, success: false, createdAt: { gte: since } },
          select: { createdAt: true },
          orderBy: { createdAt: "desc" },
          take: 200,
        })
      : Promise.resolve([]),
  ]);
  return throttleDecision(
    {
      account: account.map((a) => ({ at: a.createdAt, success: a.success })),
      ipFailures: byIp.map((r) => r.createdAt),
    },
    now,
  );
}

export type LoginSlot =
  | { locked: true; decision: Extract<ThrottleDecision, { locked: true }> }
  | { locked: false; attemptId: bigint };

/**
 * Checks the sign-in throttle and, when not locked, records this attempt as a
 * failure before the password is even checked, so attempts in flight count:
 * of any number of simultaneous guesses, at most the throttle's allowance get
 * a password check. `settleLoginAttempt` turns it into a success (or removes
 * it when the attempt should not count).
 */
export async function reserveLoginAttempt(
  central: CentralDb,
  email: string,
  ip: string | null,
  now: Date,
): Promise<LoginSlot> {
  return central.$transaction(async (tx) => {
    await lock(tx, LOCK.loginEmail, email);
    if (ip) await lock(tx, LOCK.loginIp, ip);
    const decision = await loginThrottle(tx, email, ip, now);
    if (decision.locked) return { locked: true as const, decision };
    const row = await tx.loginAttempt.create({
      data: { email, ip, success: false, createdAt: now },
      select: { id: true },
    });
    return { locked: false as const, attemptId: row.id };
  });
}

/** success: the attempt clears the account's failures; null: it does not count at all; false: it stays a failure. */
export async function settleLoginAttempt(
  db: CentralDb | Tx,
  attemptId: bigint,
  success: boolean | null,
): Promise<void> {
  if (success === true) await db.loginAttempt.update({ where: { id: attemptId }, data: { success: true } });
  else if (success === null) await db.loginAttempt.deleteMany({ where: { id: attemptId } });
}

/* ------------------------------------------------------------ registrations */

/** At most this many registrations per IP address and hour. */
export const REGISTRATIONS_PER_IP_PER_HOUR = 10;
/** Audit rows recording each registration attempt (counted by the cap). */
export const REGISTRATION_ATTEMPT = "registration_attempt";

/**
 * Takes one of the IP address's sign-up slots for the hour (an audit row), or
 * refuses with TOO_MANY_REQUESTS. Attempts count whether or not the account
 * is then created. No IP (server-side callers): no cap.
 */
export async function takeRegistrationSlot(
  central: CentralDb,
  meta: { ip: string | null; correlationId: string },
  email: string,
  now: Date,
): Promise<void> {
  const ip = meta.ip;
  if (!ip) return;
  await central.$transaction(async (tx) => {
    await lock(tx, LOCK.registrationIp, ip);
    const recent = await tx.centralAuditLog.count({
      where: {
        action: "CREATE",
        entityType: REGISTRATION_ATTEMPT,
        ip,
        createdAt: { gte: new Date(now.getTime() - 3600_000) },
      },
    });
    if (recent >= REGISTRATIONS_PER_IP_PER_HOUR) {
      throw new DomainError(
        "TOO_MANY_REQUESTS",
        "Too many new accounts from your network. Try again in an hour.",
      );
    }
    await writeCentralAudit(
      tx,
      { userId: null, name: null, correlationId: meta.correlationId },
      { action: "CREATE", entityType: REGISTRATION_ATTEMPT, entityId: null, after: { email }, ip },
    );
  });
}

/* ------------------------------------------------------------ e-mailed links */

/**
 * Issues a single-use token unless `max` were issued for this user and
 * purpose in the last hour (then null). The token is stored only as a hash.
 */
export async function issueTokenWithinLimit(
  central: CentralDb,
  input: {
    userId: string;
    purpose: "password_reset" | "email_verify";
    ttlMs: number;
    maxPerHour: number;
    now: Date;
  },
): Promise<string | null> {
  return central.$transaction(async (tx) => {
    await lock(tx, LOCK.authToken, `${input.purpose}:${input.userId}`);
    const recent = await tx.authToken.count({
      where: {
        userId: input.userId,
        purpose: input.purpose,
        createdAt: { gte: new Date(input.now.getTime() - 3600_000) },
      },
    });
    if (recent >= input.maxPerHour) return null;
    const token = newToken();
    await tx.authToken.create({
      data: {
        userId: input.userId,
        purpose: input.purpose,
        tokenHash: hashToken(token),
        expiresAt: new Date(input.now.getTime() + input.ttlMs),
      },
    });
    return token;
  });
}

/* ------------------------------------------------------------ organizations */

export type OrgQuota = { perDay: number; max: number };

export function orgQuotaFromEnv(): OrgQuota {
  const e = env();
  return { perDay: e.ORGS_PER_USER_PER_DAY, max: e.ORGS_PER_USER_MAX };
}

/** Audit rows recording each org a user asked to create (counted by the daily quota). */
export const ORG_REQUEST = "organization_request";

/**
 * Inside the transaction that inserts a user's new organization: refuses when
 * the user has not confirmed their e-mail and already owns an org, created
 * `perDay` orgs in the last 24 hours, or owns `max` (orgs still being
 * provisioned count), then records the request. Each org is a database, so
 * this bounds what one account can make the server create.
 */
export async function checkAndRecordOrgRequest<Org extends { id: string; slug: string }>(
  tx: Tx,
  actor: AuditActor & { userId: string },
  quota: OrgQuota,
  now: Date,
  insert: () => Promise<Org>,
): Promise<Org> {
  await lock(tx, LOCK.orgCreate, actor.userId);
  const user = await tx.user.findUnique({ where: { id: actor.userId }, select: { emailVerified: true } });
  const ownedRows = await tx.$queryRaw<{ owned: number }[]>`
    SELECT count(*)::int AS owned FROM organizations o
    WHERE o.deleted_at IS NULL AND (
      EXISTS (SELECT 1 FROM org_memberships m
              WHERE m.org_id = o.id AND m.user_id = ${actor.userId}::uuid AND m.role = 'owner' AND m.deactivated_at IS NULL)
      OR (o.status = 'provisioning' AND EXISTS (
              SELECT 1 FROM audit_log a
              WHERE a.entity_type = ${ORG_REQUEST} AND a.entity_id = o.id::text AND a.actor_id = ${actor.userId}::uuid)))`;
  const owned = ownedRows[0]?.owned ?? 0;
  const today = await tx.centralAuditLog.count({
    where: {
      entityType: ORG_REQUEST,
      actorId: actor.userId,
      createdAt: { gte: new Date(now.getTime() - 24 * 3600_000) },
    },
  });
  if (owned >= 1 && !user?.emailVerified) {
    throw new DomainError(
      "FORBIDDEN",
      "Confirm your e-mail address (see your profile) before creating another organization.",
    );
  }
  if (owned >= quota.max) {
    throw new DomainError(
      "FORBIDDEN",
      `You own ${owned} organizations, the most one account may have (${quota.max}).`,
      {
        details: { owned, max: quota.max },
      },
    );
  }
  if (today >= quota.perDay) {
    throw new DomainError(
      "TOO_MANY_REQUESTS",
      `You can create at most ${quota.perDay} organizations a day. Try again tomorrow.`,
      {
        details: { perDay: quota.perDay },
      },
    );
  }
  const org = await insert();
  await writeCentralAudit(tx, actor, {
    action: "CREATE",
    entityType: ORG_REQUEST,
    entityId: org.id,
    orgId: org.id,
    after: { slug: org.slug },
  });
  return org;
}
