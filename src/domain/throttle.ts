/**
 * Login throttling (SPEC §9): after MAX_FAILURES failed sign-ins for one
 * account, or from one IP address, within WINDOW_MS, further attempts are
 * refused for LOCK_MS. A successful sign-in clears the account's count (not
 * the IP's, so an attacker cannot reset an IP lock with an account of their
 * own). Attempts refused while locked are not counted, so a lock ends on time.
 */

export const LOGIN_THROTTLE = {
  maxFailures: 5,
  windowMs: 15 * 60 * 1000,
  lockMs: 15 * 60 * 1000,
} as const;

export type ThrottlePolicy = { maxFailures: number; windowMs: number; lockMs: number };

/** How far back attempts matter: a window that ended just before a lock began. */
export function throttleLookbackMs(policy: ThrottlePolicy = LOGIN_THROTTLE): number {
  return policy.windowMs + policy.lockMs;
}

/** The end of the latest lock these failures cause, or null when they cause none. */
export function lockedUntil(failures: readonly Date[], policy: ThrottlePolicy = LOGIN_THROTTLE): Date | null {
  const t = failures.map((d) => d.getTime()).sort((a, b) => a - b);
  let until: number | null = null;
  for (let i = policy.maxFailures - 1; i < t.length; i++) {
    if (t[i]! - t[i - policy.maxFailures + 1]! <= policy.windowMs) {
      const end = t[i]! + policy.lockMs;
      if (until === null || end > until) until = end;
    }
  }
  return until === null ? null : new Date(until);
}

export type Attempt = { at: Date; success: boolean };

/** Failures that count for an account: those after its latest success. */
export function accountFailures(attempts: readonly Attempt[]): Date[] {
  const lastSuccess = attempts.reduce<number>(
    (max, a) => (a.success && a.at.getTime() > max ? a.at.getTime() : max),
    Number.NEGATIVE_INFINITY,
  );
  return attempts.filter((a) => !a.success && a.at.getTime() > lastSuccess).map((a) => a.at);
}

export type ThrottleDecision = { locked: false } | { locked: true; retryAt: Date; scope: "account" | "ip" };

export function throttleDecision(
  input: { account: readonly Attempt[]; ipFailures: readonly Date[] },
  now: Date,
  policy: ThrottlePolicy = LOGIN_THROTTLE,
): ThrottleDecision {
  const byAccount = lockedUntil(accountFailures(input.account), policy);
  const byIp = lockedUntil(input.ipFailures, policy);
  const candidates = [
    byAccount && byAccount > now ? { retryAt: byAccount, scope: "account" as const } : null,
    byIp && byIp > now ? { retryAt: byIp, scope: "ip" as const } : null,
  ].filter((c): c is { retryAt: Date; scope: "account" | "ip" } => c !== null);
  if (!candidates.length) return { locked: false };
  const latest = candidates.reduce((a, b) => (b.retryAt > a.retryAt ? b : a));
  return { locked: true, ...latest };
}
