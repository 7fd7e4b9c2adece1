import { describe, expect, it } from "vitest";
import {
  authTokenExpired,
  DAY_MS,
  deviceSessionExpired,
  invitationExpired,
  loginAttemptExpired,
  MAX_RATE_LIMIT_WINDOW_MS,
  rateLimitCounterExpired,
  RETENTION_DAYS,
  retentionCutoffs,
  ssoLinkIntentExpired,
  webhookDeliveryExpired,
  tokenUsageExpired,
} from "./retention";
import { throttleLookbackMs } from "./throttle";

const NOW = new Date("2026-06-15T12:00:00Z");
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const days = (n: number) => n * DAY_MS;
const hours = (n: number) => n * 3_600_000;
const c = retentionCutoffs(NOW);

describe("retentionCutoffs", () => {
  it("computes each cutoff from now and the default policy", () => {
    expect(c).toEqual({
      loginAttemptsBefore: ago(days(90)),
      authTokens: { endedBefore: ago(days(30)), createdBefore: ago(hours(1)) },
      invitationsEndedBefore: ago(days(30)),
      acceptedInvitationsBefore: ago(days(90)),
      tokenUsageBefore: "2025-05-11", // 400 days before 2026-06-15
      rateLimitWindowsBefore: ago(days(1)),
      deviceSessionsEndedBefore: ago(days(30)),
      ssoLinkIntentsEndedBefore: ago(days(1)),
      notificationsBefore: ago(days(90)),
      webhookDeliveriesBefore: ago(days(30)),
    });
  });

  it("never cuts into what live features still read, whatever the policy", () => {
    const tight = retentionCutoffs(NOW, {
      loginAttempts: 1,
      authTokens: 1,
      invitations: 1,
      acceptedInvitations: 1,
      tokenUsage: 1,
      rateLimitCounters: 1,
      deviceSessions: 1,
      ssoLinkIntents: 1,
      notifications: 1,
      webhookDeliveries: 1,
    });
    expect(NOW.getTime() - tight.loginAttemptsBefore.getTime()).toBeGreaterThanOrEqual(throttleLookbackMs());
    expect(NOW.getTime() - tight.rateLimitWindowsBefore.getTime()).toBeGreaterThanOrEqual(
      MAX_RATE_LIMIT_WINDOW_MS,
    );
    expect(tight.tokenUsageBefore).toBe("2026-05-15"); // the 30-day usage report stays whole
  });

  it.each([0, -3, 1.5, Number.NaN])("refuses %s days", (n) => {
    expect(() => retentionCutoffs(NOW, { ...RETENTION_DAYS, authTokens: n })).toThrow(RangeError);
  });
});

describe("login attempts", () => {
  it.each([
    { name: "made a minute ago (the throttle reads it)", at: ago(60_000), deleted: false },
    { name: "made 89 days ago", at: ago(days(89)), deleted: false },
    { name: "made exactly 90 days ago", at: ago(days(90)), deleted: false },
    { name: "made 90 days and a second ago", at: ago(days(90) + 1000), deleted: true },
    { name: "made a year ago", at: ago(days(365)), deleted: true },
  ])("$name → deleted: $deleted", ({ at, deleted }) => {
    expect(loginAttemptExpired({ createdAt: at }, c)).toBe(deleted);
  });
});

describe("auth tokens", () => {
  it.each([
    {
      name: "pending, not yet expired",
      created: ago(hours(0.5)),
      expires: ago(-hours(0.5)),
      used: null,
      deleted: false,
    },
    {
      name: "expired yesterday",
      created: ago(days(1) + hours(1)),
      expires: ago(days(1)),
      used: null,
      deleted: false,
    },
    {
      name: "expired 29 days ago",
      created: ago(days(29) + hours(1)),
      expires: ago(days(29)),
      used: null,
      deleted: false,
    },
    {
      name: "expired 31 days ago",
      created: ago(days(31) + hours(1)),
      expires: ago(days(31)),
      used: null,
      deleted: true,
    },
    {
      name: "used 31 days ago",
      created: ago(days(31) + 60_000),
      expires: ago(days(31) - hours(1)),
      used: ago(days(31)),
      deleted: true,
    },
    {
      name: "used 10 days ago",
      created: ago(days(10) + 60_000),
      expires: ago(days(10) - hours(1)),
      used: ago(days(10)),
      deleted: false,
    },
    // A verification link (24 h) used right away 31 days ago: use ends it, not expiry.
    {
      name: "verification used early",
      created: ago(days(31)),
      expires: ago(days(30) - hours(23)),
      used: ago(days(31) - 1000),
      deleted: true,
    },
  ])("$name → deleted: $deleted", ({ created, expires, used, deleted }) => {
    expect(authTokenExpired({ createdAt: created, expiresAt: expires, usedAt: used }, c)).toBe(deleted);
  });

  it("keeps tokens created within the mail rate-limit hour even under the tightest policy", () => {
    const tight = retentionCutoffs(NOW, { ...RETENTION_DAYS, authTokens: 1 });
    const justUsed = { createdAt: ago(hours(0.5)), expiresAt: ago(days(2)), usedAt: ago(days(2)) }; // odd clock, still kept
    expect(authTokenExpired(justUsed, tight)).toBe(false);
  });
});

describe("invitations", () => {
  it.each([
    { name: "pending", expires: ago(-days(3)), accepted: null, revoked: null, deleted: false },
    {
      name: "expired 10 days ago (still listed to admins)",
      expires: ago(days(10)),
      accepted: null,
      revoked: null,
      deleted: false,
    },
    { name: "expired 31 days ago", expires: ago(days(31)), accepted: null, revoked: null, deleted: true },
    {
      name: "revoked 31 days ago, before it expired",
      expires: ago(days(25)),
      accepted: null,
      revoked: ago(days(31)),
      deleted: true,
    },
    {
      name: "revoked 5 days ago",
      expires: ago(-days(2)),
      accepted: null,
      revoked: ago(days(5)),
      deleted: false,
    },
    {
      name: "accepted 31 days ago",
      expires: ago(days(25)),
      accepted: ago(days(31)),
      revoked: null,
      deleted: false,
    },
    {
      name: "accepted 91 days ago",
      expires: ago(days(85)),
      accepted: ago(days(91)),
      revoked: null,
      deleted: true,
    },
  ])("$name → deleted: $deleted", ({ expires, accepted, revoked, deleted }) => {
    expect(invitationExpired({ expiresAt: expires, acceptedAt: accepted, revokedAt: revoked }, c)).toBe(
      deleted,
    );
  });
});

describe("assistant token usage", () => {
  it.each([
    { day: "2026-06-15", deleted: false },
    { day: "2026-05-16", deleted: false },
    { day: "2025-05-11", deleted: false },
    { day: "2025-05-10", deleted: true },
    { day: "2024-01-01", deleted: true },
  ])("$day → deleted: $deleted", ({ day, deleted }) => {
    expect(tokenUsageExpired({ day }, c)).toBe(deleted);
  });
});

describe("rate-limit counters", () => {
  it.each([
    { name: "window started a minute ago (still counting)", start: ago(60_000), deleted: false },
    {
      name: "window started 50 minutes ago (an hour-long window is still open)",
      start: ago(hours(0.83)),
      deleted: false,
    },
    { name: "window started 23 hours ago", start: ago(hours(23)), deleted: false },
    { name: "window started a day and a second ago", start: ago(days(1) + 1000), deleted: true },
    { name: "window started a month ago", start: ago(days(30)), deleted: true },
  ])("$name → deleted: $deleted", ({ start, deleted }) => {
    expect(rateLimitCounterExpired({ windowStart: start }, c)).toBe(deleted);
  });

  it("never deletes a counter inside the longest window, even under the tightest policy", () => {
    const tight = retentionCutoffs(NOW, { ...RETENTION_DAYS, rateLimitCounters: 1 });
    const open = { windowStart: ago(MAX_RATE_LIMIT_WINDOW_MS - 1000) };
    expect(rateLimitCounterExpired(open, tight)).toBe(false);
  });
});

describe("device sessions", () => {
  it.each([
    { name: "open, started a year ago (never deleted while open)", ended: null, deleted: false },
    { name: "signed out yesterday", ended: ago(days(1)), deleted: false },
    { name: "revoked 29 days ago", ended: ago(days(29)), deleted: false },
    { name: "ended exactly 30 days ago", ended: ago(days(30)), deleted: false },
    { name: "ended 31 days ago", ended: ago(days(31)), deleted: true },
  ])("$name → deleted: $deleted", ({ ended, deleted }) => {
    expect(deviceSessionExpired({ endedAt: ended }, c)).toBe(deleted);
  });
});

describe("SSO link intents", () => {
  it.each([
    { name: "pending, expires in 5 minutes", expires: ago(-60_000 * 5), used: null, deleted: false },
    { name: "used an hour ago", expires: ago(hours(0.9)), used: ago(hours(1)), deleted: false },
    { name: "expired two days ago, never used", expires: ago(days(2)), used: null, deleted: true },
    { name: "used two days ago", expires: ago(days(2) - 600_000), used: ago(days(2)), deleted: true },
    { name: "expired 23 hours ago", expires: ago(hours(23)), used: null, deleted: false },
  ])("$name → deleted: $deleted", ({ expires, used, deleted }) => {
    expect(ssoLinkIntentExpired({ expiresAt: expires, usedAt: used }, c)).toBe(deleted);
  });
});

describe("webhook deliveries", () => {
  const c = retentionCutoffs(NOW);
  it.each([
    [days(31), "succeeded", true],
    [days(31), "failed", true],
    [days(31), "pending", false], // still being retried: kept
    [days(29), "succeeded", false],
  ])("created %s ms ago, %s → deleted %s", (age, status, deleted) => {
    expect(webhookDeliveryExpired({ createdAt: ago(age), status }, c)).toBe(deleted);
  });
});
