/**
 * Retention against a real database: exactly the records past their period
 * go (in batches), what the login throttle, the mail rate limit, admins and
 * the usage report still read stays, one central audit entry sums a run up,
 * and audit logs are never touched.
 */
import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { getTenantDb } from "@/server/db/tenant";
import { pruneExpiredRecords } from "@/server/services/retention";
import { loginThrottle } from "@/server/services/limits";
import { hitRateLimit } from "@/server/services/rate-limit";
import { sessionLive } from "@/server/services/sessions";
import { DAY_MS } from "@/domain/retention";
import { addDays, dateToIso, isoToDate } from "@/domain/dates";
import { makeUser, systemCaller } from "./helpers";

const central = getCentralDb();
const NOW = new Date();
const ago = (ms: number) => new Date(NOW.getTime() - ms);
const days = (n: number) => n * DAY_MS;
const hash = () => randomBytes(32).toString("hex");

let userId: string;
let orgId: string;
const tenant = async () =>
  getTenantDb(await central.organization.findUniqueOrThrow({ where: { slug: "ret" } }));

beforeAll(async () => {
  userId = (await makeUser("ret@x.test", "Ret")).id;
  await systemCaller().org.create({ name: "Ret", slug: "ret", ownerEmail: "ret@x.test" });
  orgId = (await central.organization.findUniqueOrThrow({ where: { slug: "ret" } })).id;
});

async function seed() {
  // Login attempts: the throttle reads the last 30 minutes.
  await central.loginAttempt.createMany({
    data: [
      ...Array.from({ length: 5 }, (_, i) => ({
        email: "old@x.test",
        ip: "10.0.0.1",
        success: false,
        createdAt: ago(days(91) + i * 1000),
      })),
      { email: "mid@x.test", ip: "10.0.0.2", success: true, createdAt: ago(days(89)) },
      // Five failures in the last few minutes: this account is locked right now.
      ...Array.from({ length: 5 }, (_, i) => ({
        email: "locked@x.test",
        ip: "10.0.0.3",
        success: false,
        createdAt: ago(60_000 * (5 - i)),
      })),
    ],
  });
  const token = (t: { createdAt: Date; expiresAt: Date; usedAt?: Date | null }) => ({
    userId,
    purpose: "password_reset" as const,
    tokenHash: hash(),
    createdAt: t.createdAt,
    expiresAt: t.expiresAt,
    usedAt: t.usedAt ?? null,
  });
  await central.authToken.createMany({
    data: [
      token({ createdAt: ago(days(31) + 3_600_000), expiresAt: ago(days(31)) }), // expired 31 days ago: goes
      token({
        createdAt: ago(days(40) + 60_000),
        expiresAt: ago(days(40) - 3_600_000),
        usedAt: ago(days(40)),
      }), // used 40 days ago: goes
      token({ createdAt: ago(days(29) + 3_600_000), expiresAt: ago(days(29)) }), // expired 29 days ago: stays
      token({ createdAt: ago(600_000), expiresAt: ago(-3_000_000) }), // pending: stays
    ],
  });
  const invitation = (i: { expiresAt: Date; acceptedAt?: Date; revokedAt?: Date; email: string }) => ({
    orgId,
    email: i.email,
    orgRole: "member" as const,
    tokenHash: hash(),
    expiresAt: i.expiresAt,
    acceptedAt: i.acceptedAt ?? null,
    revokedAt: i.revokedAt ?? null,
  });
  await central.invitation.createMany({
    data: [
      invitation({ email: "gone-expired@x.test", expiresAt: ago(days(31)) }),
      invitation({ email: "gone-revoked@x.test", expiresAt: ago(days(28)), revokedAt: ago(days(35)) }),
      invitation({ email: "gone-accepted@x.test", expiresAt: ago(days(100)), acceptedAt: ago(days(101)) }),
      invitation({ email: "kept-expired@x.test", expiresAt: ago(days(10)) }),
      invitation({ email: "kept-pending@x.test", expiresAt: ago(-days(5)) }),
      invitation({ email: "kept-accepted@x.test", expiresAt: ago(days(20)), acceptedAt: ago(days(25)) }),
    ],
  });
  await central.notification.createMany({
    data: [
      { userId, orgId, kind: "assigned", title: "old", createdAt: ago(days(91)) }, // goes
      { userId, orgId, kind: "assigned", title: "recent", createdAt: ago(days(89)) }, // stays
    ],
  });
  const today = dateToIso(NOW);
  const db = await tenant();
  await db.tokenUsage.createMany({
    data: [
      { userId, day: isoToDate(addDays(today, -500)), messages: 3 },
      { userId, day: isoToDate(addDays(today, -401)), messages: 2 },
      { userId, day: isoToDate(addDays(today, -20)), messages: 7 },
      { userId, day: isoToDate(today), messages: 1 },
    ],
  });
}

describe("pruneExpiredRecords", () => {
  it("deletes exactly what is past retention, in batches, and audits the run once", async () => {
    await seed();
    const auditBefore = await central.centralAuditLog.count();
    const lastId = (await central.centralAuditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;
    const tenantAuditBefore = await (await tenant()).auditLog.count();

    const r = await pruneExpiredRecords(central, NOW, { tenantDb: getTenantDb, batchSize: 2 });

    expect(r.deleted).toEqual({
      loginAttempts: 5,
      authTokens: 2,
      invitations: 2,
      acceptedInvitations: 1,
      tokenUsage: 2,
      rateLimitCounters: 0,
      deviceSessions: 0,
      ssoLinkIntents: 0,
      notifications: 1,
      webhookDeliveries: 0, // tests/integration/webhooks.int.test.ts
    });
    expect(r.total).toBe(13);
    expect((await central.notification.findMany({ select: { title: true } })).map((n) => n.title)).toEqual([
      "recent",
    ]);
    expect(r.capped).toEqual([]);
    expect(r.orgs).toBe(1);
    expect(r.orgsFailed).toEqual([]);

    expect(
      (await central.loginAttempt.findMany({ select: { email: true } })).map((a) => a.email).sort(),
    ).toEqual([...Array(5).fill("locked@x.test"), "mid@x.test"]);
    // The throttle still sees the recent failures.
    expect(await loginThrottle(central, "locked@x.test", "10.0.0.3", NOW)).toMatchObject({ locked: true });
    const tokens = await central.authToken.findMany({ select: { expiresAt: true } });
    expect(tokens.map((t) => t.expiresAt.getTime()).sort()).toEqual(
      [ago(days(29)).getTime(), ago(-3_000_000).getTime()].sort(),
    );
    expect(
      (await central.invitation.findMany({ select: { email: true } })).map((i) => i.email).sort(),
    ).toEqual(["kept-accepted@x.test", "kept-expired@x.test", "kept-pending@x.test"]);
    const db = await tenant();
    expect((await db.tokenUsage.findMany({ orderBy: { day: "asc" } })).map((u) => u.messages)).toEqual([
      7, 1,
    ]);

    // One summary entry in the central audit log, by the system; org audit logs untouched.
    const entries = await central.centralAuditLog.findMany({
      where: { id: { gt: lastId } },
      orderBy: { id: "asc" },
    });
    expect(entries).toHaveLength(1);
    expect(entries[0]).toMatchObject({
      actorId: null,
      action: "DELETE",
      entityType: "retention",
      entityId: null,
    });
    expect(entries[0]!.after).toMatchObject({
      total: 13,
      deleted: { loginAttempts: 5, authTokens: 2, invitations: 2, acceptedInvitations: 1, tokenUsage: 2 },
      orgs: 1,
      orgsFailed: [],
    });
    expect(await db.auditLog.count()).toBe(tenantAuditBefore);

    // A second run finds nothing and writes nothing.
    const again = await pruneExpiredRecords(central, NOW, { tenantDb: getTenantDb });
    expect(again.total).toBe(0);
    expect(await central.centralAuditLog.count()).toBe(auditBefore + 1);
  });

  it("stops at the batch limit and says so; the next run carries on", async () => {
    await central.loginAttempt.createMany({
      data: Array.from({ length: 7 }, (_, i) => ({
        email: `b${i}@x.test`,
        ip: null,
        success: false,
        createdAt: ago(days(200)),
      })),
    });
    const first = await pruneExpiredRecords(central, NOW, { batchSize: 2, maxBatches: 2 });
    expect(first.deleted.loginAttempts).toBe(4);
    expect(first.capped).toEqual(["loginAttempts"]);
    expect(first.orgs).toBe(0); // no tenantDb: central records only
    const second = await pruneExpiredRecords(central, NOW, { batchSize: 2, maxBatches: 10 });
    expect(second.deleted.loginAttempts).toBe(3);
    expect(second.capped).toEqual([]);
    expect(await central.loginAttempt.count({ where: { email: { startsWith: "b" } } })).toBe(0);
  });

  it("carries on past an org whose database fails", async () => {
    await central.loginAttempt.create({
      data: { email: "x@x.test", ip: null, success: false, createdAt: ago(days(100)) },
    });
    const r = await pruneExpiredRecords(central, NOW, {
      tenantDb: () => {
        throw new Error("database unreachable");
      },
    });
    expect(r.deleted.loginAttempts).toBe(1);
    expect(r.orgsFailed).toEqual([{ slug: "ret", error: "database unreachable" }]);
    const last = await central.centralAuditLog.findFirstOrThrow({
      where: { entityType: "retention" },
      orderBy: { id: "desc" },
    });
    expect(last.after).toMatchObject({ orgsFailed: ["ret"] });
  });
});

describe("pruneExpiredRecords: counters, device sessions, SSO link intents", () => {
  it("deletes rate-limit counters past their window, sessions ended over 30 days ago and spent link intents — nothing live", async () => {
    // Rate-limit counters: one whose window is still open (and limiting), two long over.
    await central.rateLimitCounter.createMany({
      data: [
        { bucket: "ret:open", windowStart: ago(10 * 60_000), count: 30 },
        { bucket: "ret:old-1", windowStart: ago(days(2)), count: 3 },
        { bucket: "ret:old-2", windowStart: ago(days(40)), count: 1 },
      ],
    });
    // Device sessions: open (however old), ended recently, ended long ago.
    const session = (s: { createdAt: Date; endedAt: Date | null }) => ({
      userId,
      userAgent: "test",
      createdAt: s.createdAt,
      lastSeenAt: s.endedAt ?? s.createdAt,
      endedAt: s.endedAt,
      endReason: s.endedAt ? "signed_out" : null,
    });
    const open = await central.userSession.create({
      data: session({ createdAt: ago(days(200)), endedAt: null }),
    });
    const recent = await central.userSession.create({
      data: session({ createdAt: ago(days(20)), endedAt: ago(days(10)) }),
    });
    await central.userSession.create({ data: session({ createdAt: ago(days(60)), endedAt: ago(days(31)) }) });
    // SSO link intents: pending, used two days ago, expired two days ago unused, used an hour ago.
    const intent = (i: { expiresAt: Date; usedAt?: Date }) => ({
      userId,
      orgId,
      expiresAt: i.expiresAt,
      usedAt: i.usedAt ?? null,
      createdAt: new Date(i.expiresAt.getTime() - 600_000),
    });
    const pending = await central.ssoLinkIntent.create({ data: intent({ expiresAt: ago(-600_000) }) });
    const usedRecently = await central.ssoLinkIntent.create({
      data: intent({ expiresAt: ago(-300_000), usedAt: ago(3_600_000) }),
    });
    await central.ssoLinkIntent.create({
      data: intent({ expiresAt: ago(days(2)), usedAt: ago(days(2) + 60_000) }),
    });
    await central.ssoLinkIntent.create({ data: intent({ expiresAt: ago(days(2)) }) });

    const r = await pruneExpiredRecords(central, NOW, { batchSize: 1 });
    expect(r.deleted).toMatchObject({ rateLimitCounters: 2, deviceSessions: 1, ssoLinkIntents: 2 });
    expect(r.capped).toEqual([]);

    expect(
      (await central.rateLimitCounter.findMany({ where: { bucket: { startsWith: "ret:" } } })).map(
        (c) => c.bucket,
      ),
    ).toEqual(["ret:open"]);
    // The open window still limits: its count carried on, not restarted.
    expect((await hitRateLimit(central, "ret:open", 30, 3_600_000, NOW)).allowed).toBe(false);
    expect((await central.userSession.findMany({ select: { id: true } })).map((x) => x.id).sort()).toEqual(
      [open.id, recent.id].sort(),
    );
    expect(await sessionLive(central, userId, open.id)).toBe(true);
    expect((await central.ssoLinkIntent.findMany({ select: { id: true } })).map((x) => x.id).sort()).toEqual(
      [pending.id, usedRecently.id].sort(),
    );

    const last = await central.centralAuditLog.findFirstOrThrow({
      where: { entityType: "retention" },
      orderBy: { id: "desc" },
    });
    expect(last.after).toMatchObject({
      deleted: { rateLimitCounters: 2, deviceSessions: 1, ssoLinkIntents: 2 },
    });
  });
});
