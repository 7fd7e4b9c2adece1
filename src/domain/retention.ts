/**
 * Retention: how long each kind of housekeeping record is kept before the
 * daily retention job deletes it. Pure rules: every cutoff is computed from
 * an explicit `now`, and a record is deleted exactly when its predicate below
 * says so (the service mirrors these predicates in SQL).
 *
 * | kind                  | kept for                                   | why                                                                 |
 * |-----------------------|--------------------------------------------|---------------------------------------------------------------------|
 * | login attempts        | 90 days after the attempt                  | brute-force / credential-stuffing investigations; the throttle      |
 * |                       | (never less than the throttle's look-back) | itself only reads the last `throttleLookbackMs()` (30 min)          |
 * | auth tokens           | 30 days after they were used or expired    | support ("my link did not work") can still see what happened; the   |
 * | (reset, verification) | (never within the mail rate-limit hour)    | per-hour mail limit counts tokens created in the last hour          |
 * | invitations, not      | 30 days after they expired or were revoked | admins still see (and can resend) expired invitations for a month   |
 * | accepted              |                                            |                                                                     |
 * | invitations, accepted | 90 days after acceptance                   | the membership and the central audit entry are the lasting record;  |
 * |                       |                                            | the row only holds a spent token hash and the granted roles         |
 * | assistant token usage | 400 days (by usage day, UTC)               | over a year of cost history; the usage report reads 30 days and the |
 * | (per org database)    | (never less than 31 days)                  | daily limits read today                                             |
 * | rate-limit counters   | 1 day after their window started           | a counter only matters inside its window (at most                   |
 * |                       | (never less than the longest window)       | MAX_RATE_LIMIT_WINDOW_MS); the row is recreated on the next hit     |
 * | device sessions       | 30 days after they ended (signed out,      | the profile lists only open sessions; a month of ended ones helps   |
 * | (ended)               | revoked, signed out everywhere)            | "was that me?" questions; open sessions are never deleted           |
 * | SSO link intents      | 1 day after they were used or expired      | an intent lives minutes; once used or expired it can do nothing     |
 * | notifications         | 90 days after they were created            | the bell shows the newest 50; older ones, read or not, are stale    |
 * | webhook deliveries    | 30 days after the event                    | a month of delivery log to debug a receiver; retries end within     |
 * | (per org database)    | (never while still being retried)          | hours, so nothing pending is that old                               |
 *
 * Never deleted here: audit logs (append-only by trigger), users, orgs,
 * memberships, OAuth accounts, and org data (items, notes, chat history,
 * soft-deleted rows that can still be restored).
 */
import { throttleLookbackMs } from "./throttle";
import { addDays, dateToIso } from "./dates";
import type { IsoDate } from "./types";

export const DAY_MS = 86_400_000;

export const RETENTION_KINDS = [
  "loginAttempts",
  "authTokens",
  "invitations",
  "acceptedInvitations",
  "tokenUsage",
  "rateLimitCounters",
  "deviceSessions",
  "ssoLinkIntents",
  "notifications",
  "webhookDeliveries",
] as const;
export type RetentionKind = (typeof RETENTION_KINDS)[number];

/** Days each kind is kept (see the table above). */
export type RetentionPolicy = Record<RetentionKind, number>;

export const RETENTION_DAYS = {
  loginAttempts: 90,
  authTokens: 30,
  invitations: 30,
  acceptedInvitations: 90,
  tokenUsage: 400,
  rateLimitCounters: 1,
  deviceSessions: 30,
  ssoLinkIntents: 1,
  notifications: 90,
  webhookDeliveries: 30,
} as const satisfies RetentionPolicy;

/** The per-account mail limit counts reset / verification tokens created in the last hour (services/account-tokens.ts). */
export const MAIL_RATE_WINDOW_MS = 60 * 60 * 1000;
/** The assistant usage report covers the last 30 days, today included (services/chat/limits.ts). */
export const USAGE_REPORT_DAYS = 30;

/**
 * The longest window any rate limit counts over (services/rate-limit.ts refuses longer ones):
 * a counter whose window started earlier than this is over and can go.
 */
export const MAX_RATE_LIMIT_WINDOW_MS = 60 * 60 * 1000;

/** What must survive whatever the policy says: what live features still read. */
export const RETENTION_FLOOR_MS: Record<RetentionKind, number> = {
  loginAttempts: throttleLookbackMs(),
  authTokens: MAIL_RATE_WINDOW_MS,
  invitations: 0,
  acceptedInvitations: 0,
  tokenUsage: (USAGE_REPORT_DAYS + 1) * DAY_MS,
  rateLimitCounters: MAX_RATE_LIMIT_WINDOW_MS,
  deviceSessions: 0,
  ssoLinkIntents: 0,
  notifications: 0,
  webhookDeliveries: 0,
};

export type RetentionCutoffs = {
  /** Delete attempts made before this instant. */
  loginAttemptsBefore: Date;
  /** Delete tokens used or expired before `endedBefore` and created before `createdBefore`. */
  authTokens: { endedBefore: Date; createdBefore: Date };
  /** Delete invitations never accepted that expired or were revoked before this instant. */
  invitationsEndedBefore: Date;
  /** Delete accepted invitations accepted before this instant. */
  acceptedInvitationsBefore: Date;
  /** Delete usage rows for calendar days before this date (UTC). */
  tokenUsageBefore: IsoDate;
  /** Delete rate-limit counters whose window started before this instant. */
  rateLimitWindowsBefore: Date;
  /** Delete device sessions that ended before this instant (open ones never). */
  deviceSessionsEndedBefore: Date;
  /** Delete SSO link intents used or expired before this instant. */
  ssoLinkIntentsEndedBefore: Date;
  /** Delete notifications created before this instant. */
  notificationsBefore: Date;
  /** Delete webhook deliveries (no longer pending) created before this instant. */
  webhookDeliveriesBefore: Date;
};

function keepMs(kind: RetentionKind, policy: RetentionPolicy): number {
  const days = policy[kind];
  if (!Number.isInteger(days) || days < 1)
    throw new RangeError(`Retention for ${kind} must be a whole number of days ≥ 1, not ${days}`);
  return Math.max(days * DAY_MS, RETENTION_FLOOR_MS[kind]);
}

/** The cutoffs for a run at `now`. */
export function retentionCutoffs(now: Date, policy: RetentionPolicy = RETENTION_DAYS): RetentionCutoffs {
  const t = now.getTime();
  const before = (kind: RetentionKind) => new Date(t - keepMs(kind, policy));
  return {
    loginAttemptsBefore: before("loginAttempts"),
    authTokens: {
      endedBefore: before("authTokens"),
      createdBefore: new Date(t - RETENTION_FLOOR_MS.authTokens),
    },
    invitationsEndedBefore: before("invitations"),
    acceptedInvitationsBefore: before("acceptedInvitations"),
    tokenUsageBefore: addDays(dateToIso(now), -Math.round(keepMs("tokenUsage", policy) / DAY_MS)),
    rateLimitWindowsBefore: before("rateLimitCounters"),
    deviceSessionsEndedBefore: before("deviceSessions"),
    ssoLinkIntentsEndedBefore: before("ssoLinkIntents"),
    notificationsBefore: before("notifications"),
    webhookDeliveriesBefore: before("webhookDeliveries"),
  };
}

/* -------------------------------------------------- what each cutoff deletes */

export function loginAttemptExpired(a: { createdAt: Date }, c: RetentionCutoffs): boolean {
  return a.createdAt < c.loginAttemptsBefore;
}

/** A token has ended when it was used or when it expired, whichever came first. */
export function authTokenExpired(
  t: { createdAt: Date; expiresAt: Date; usedAt: Date | null },
  c: RetentionCutoffs,
): boolean {
  const ended = t.usedAt && t.usedAt < t.expiresAt ? t.usedAt : t.expiresAt;
  return ended < c.authTokens.endedBefore && t.createdAt < c.authTokens.createdBefore;
}

export function invitationExpired(
  i: { expiresAt: Date; acceptedAt: Date | null; revokedAt: Date | null },
  c: RetentionCutoffs,
): boolean {
  if (i.acceptedAt) return i.acceptedAt < c.acceptedInvitationsBefore;
  const ended = i.revokedAt && i.revokedAt < i.expiresAt ? i.revokedAt : i.expiresAt;
  return ended < c.invitationsEndedBefore;
}

export function tokenUsageExpired(u: { day: IsoDate }, c: RetentionCutoffs): boolean {
  return u.day < c.tokenUsageBefore;
}

export function rateLimitCounterExpired(r: { windowStart: Date }, c: RetentionCutoffs): boolean {
  return r.windowStart < c.rateLimitWindowsBefore;
}

/** Only ended sessions go; an open one stays however old (it is ended by sign-out or revocation). */
export function deviceSessionExpired(s: { endedAt: Date | null }, c: RetentionCutoffs): boolean {
  return s.endedAt !== null && s.endedAt < c.deviceSessionsEndedBefore;
}

/** An intent has ended when it was used or when it expired, whichever came first. */
export function ssoLinkIntentExpired(
  i: { expiresAt: Date; usedAt: Date | null },
  c: RetentionCutoffs,
): boolean {
  const ended = i.usedAt && i.usedAt < i.expiresAt ? i.usedAt : i.expiresAt;
  return ended < c.ssoLinkIntentsEndedBefore;
}

export function notificationExpired(n: { createdAt: Date }, c: RetentionCutoffs): boolean {
  return n.createdAt < c.notificationsBefore;
}

/** A delivery still being retried stays whatever its age. */
export function webhookDeliveryExpired(d: { createdAt: Date; status: string }, c: RetentionCutoffs): boolean {
  return d.status !== "pending" && d.createdAt < c.webhookDeliveriesBefore;
}
