/**
 * Limits that must hold when requests arrive together: sign-in throttles
 * (per account and per IP address), verification mails and the org-creation
 * quota. Each test fires its requests at once; with count-then-insert checks
 * they all saw "room left" and all got through.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/env";
import { LOGIN_THROTTLE } from "@/domain/throttle";
import { getCentralDb } from "@/server/db/central";
import { sendVerificationEmail } from "@/server/services/email-verification";
import { signInWithPassword } from "@/server/services/sign-in";
import { callerFor, codeOf, makeUser, PASSWORD, systemCaller } from "./helpers";
import { meta, useSmtpCapture } from "./account-support";

const central = () => getCentralDb();
let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;

beforeAll(async () => {
  smtp = await useSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
});
afterEach(() => {
  delete process.env.ORGS_PER_USER_MAX;
  delete process.env.ORGS_PER_USER_PER_DAY;
  resetEnvCache();
});

async function verified(email: string) {
  await makeUser(email);
  await central().user.update({ where: { email }, data: { emailVerified: new Date() } });
}

describe("sign-in throttles under concurrency", () => {
  it("checks at most five of twenty simultaneous guesses at one account", async () => {
    await makeUser("target@l.test");
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWithPassword(
          central(),
          { email: "target@l.test", password: `Wrong-Guess-${i}` },
          meta(`192.0.2.${i + 1}`),
        ),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(LOGIN_THROTTLE.maxFailures);
    expect(reasons.filter((r) => r === "throttled")).toHaveLength(20 - LOGIN_THROTTLE.maxFailures);
    // The right password is refused while locked.
    const right = await signInWithPassword(
      central(),
      { email: "target@l.test", password: PASSWORD },
      meta("192.0.2.99"),
    );
    expect(right).toMatchObject({ ok: false, reason: "throttled" });
  });

  it("checks at most five of twenty simultaneous guesses from one address at different accounts", async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        signInWithPassword(
          central(),
          { email: `spray${i}@l.test`, password: "Wrong-Guess-1" },
          meta("198.51.100.66"),
        ),
      ),
    );
    const reasons = results.map((r) => (r.ok ? "ok" : r.reason));
    expect(reasons.filter((r) => r === "invalid")).toHaveLength(LOGIN_THROTTLE.maxFailures);
    const rows = await central().loginAttempt.count({ where: { ip: "198.51.100.66" } });
    expect(rows).toBe(LOGIN_THROTTLE.maxFailures);
  });

  it("a successful sign-in is recorded once, as a success", async () => {
    await makeUser("fine@l.test");
    const r = await signInWithPassword(
      central(),
      { email: "fine@l.test", password: PASSWORD },
      meta("192.0.2.200"),
    );
    expect(r.ok).toBe(true);
    const rows = await central().loginAttempt.findMany({ where: { email: "fine@l.test" } });
    expect(rows.map((x) => x.success)).toEqual([true]);
  });
});

describe("verification mails under concurrency", () => {
  it("sends at most five links an hour even when eight requests arrive together", async () => {
    const u = await makeUser("mails@l.test");
    const results = await Promise.allSettled(
      Array.from({ length: 8 }, () => sendVerificationEmail(central(), u.id, meta("192.0.2.7"))),
    );
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(await central().authToken.count({ where: { userId: u.id, purpose: "email_verify" } })).toBe(5);
  });
});

describe("org.create quota", () => {
  it("lets a user create at most ORGS_PER_USER_PER_DAY organizations a day, even all at once", async () => {
    await verified("maker@l.test");
    const maker = await callerFor("maker@l.test");
    const results = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        codeOf(maker.org.create({ name: `Maker ${i}`, slug: `maker-${i}` })),
      ),
    );
    expect(results.filter((c) => c === "OK")).toHaveLength(3);
    expect(results.filter((c) => c === "TOO_MANY_REQUESTS")).toHaveLength(2);
    expect((await maker.org.list()).length).toBe(3);
  });

  it("stops at ORGS_PER_USER_MAX organizations owned", async () => {
    process.env.ORGS_PER_USER_MAX = "2";
    process.env.ORGS_PER_USER_PER_DAY = "10";
    resetEnvCache();
    await verified("owner@l.test");
    await systemCaller().org.create({ name: "Given", slug: "given-1", ownerEmail: "owner@l.test" });
    const owner = await callerFor("owner@l.test");
    expect(await codeOf(owner.org.create({ name: "Mine", slug: "mine-1" }))).toBe("OK");
    const third = owner.org.create({ name: "Too many", slug: "mine-2" });
    await expect(third).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/most one account may have \(2\)/),
    });
    expect(await central().organization.count({ where: { slug: "mine-2" } })).toBe(0);
  });

  it("needs a confirmed e-mail address before a second organization", async () => {
    await makeUser("fresh@l.test");
    const fresh = await callerFor("fresh@l.test");
    expect(await codeOf(fresh.org.create({ name: "First", slug: "fresh-1" }))).toBe("OK");
    await expect(fresh.org.create({ name: "Second", slug: "fresh-2" })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: expect.stringMatching(/Confirm your e-mail address/),
    });
    await central().user.update({ where: { email: "fresh@l.test" }, data: { emailVerified: new Date() } });
    expect(await codeOf(fresh.org.create({ name: "Second", slug: "fresh-2" }))).toBe("OK");
  });

  it("does not hold operators (the CLI) to the quota", async () => {
    await makeUser("ops-target@l.test");
    for (let i = 0; i < 4; i++) {
      expect(
        await codeOf(
          systemCaller().org.create({ name: `Ops ${i}`, slug: `ops-${i}`, ownerEmail: "ops-target@l.test" }),
        ),
      ).toBe("OK");
    }
  });
});
