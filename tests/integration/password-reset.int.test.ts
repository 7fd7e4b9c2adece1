/**
 * Password reset and e-mail verification through a real SMTP server: the
 * mail is captured, its link followed (the token handed to the procedure),
 * and the rules checked: 1-hour single-use links, only hashes stored, old
 * sessions ended, no account enumeration.
 */
import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { RESET_ATTEMPTS_PER_IP, resetPassword } from "@/server/services/password-reset";
import { signInWithPassword } from "@/server/services/sign-in";
import { hashPassword } from "@/server/services/users";
import { authenticateApiToken } from "@/server/services/api-tokens";
import { anonymousCaller, callerFor, codeOf, makeUser, PASSWORD, sessionFor, systemCaller } from "./helpers";
import { callerWithSession, centralAudit, failureOf, meta, useSmtpCapture } from "./account-support";
import { linkToken } from "./smtp-capture";

// Watches (and still runs) the real Argon2 hashing, to see when the reset pays for it.
vi.mock("@/server/services/users", async (importOriginal) => {
  const real = await importOriginal<typeof import("@/server/services/users")>();
  return { ...real, hashPassword: vi.fn(real.hashPassword) };
});

let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;
const sha256 = (s: string) => createHash("sha256").update(s).digest("hex");

beforeAll(async () => {
  smtp = await useSmtpCapture();
  await makeUser("rita@r.test", "Rita Reset");
});
afterAll(async () => {
  await smtp.close();
});

describe("password reset by e-mail", () => {
  it("mails a 1-hour single-use link; following it sets the password and ends old sessions", async () => {
    const oldSession = await sessionFor("rita@r.test");
    expect(await callerWithSession(oldSession).user.me()).toMatchObject({ email: "rita@r.test" });

    const anon = anonymousCaller();
    expect(await anon.auth.requestPasswordReset({ email: "  Rita@R.test " })).toEqual({ ok: true });
    const mail = await smtp.waitForMail("rita@r.test", { match: /reset-password/ });
    expect(mail.text).toMatch(/Subject: Reset your braidMgr password/);
    expect(mail.text).toContain("http://braid.test:3000/reset-password?token=");
    const token = linkToken(mail, "/reset-password");

    // Only the SHA-256 of the token is stored, valid for one hour.
    const row = await getCentralDb().authToken.findFirstOrThrow({
      where: { user: { email: "rita@r.test" }, purpose: "password_reset" },
    });
    expect(row.tokenHash).toBe(sha256(token));
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(59 * 60_000);
    expect(row.expiresAt.getTime() - row.createdAt.getTime()).toBeLessThanOrEqual(60 * 60_000 + 1000);

    expect(await anon.auth.resetPassword({ token, password: "Brand-New-Pass-2" })).toEqual({
      ok: true,
      email: "rita@r.test",
    });

    // The session from before the reset is over.
    expect(await codeOf(callerWithSession(oldSession).user.me())).toBe("UNAUTHORIZED");
    // New password works, the old one does not.
    expect(
      (await signInWithPassword(getCentralDb(), { email: "rita@r.test", password: PASSWORD }, meta())).ok,
    ).toBe(false);
    expect(
      (
        await signInWithPassword(
          getCentralDb(),
          { email: "rita@r.test", password: "Brand-New-Pass-2" },
          meta(),
        )
      ).ok,
    ).toBe(true);
    // Single use.
    const again = await failureOf(anon.auth.resetPassword({ token, password: "Another-Pass-3" }));
    expect(again.code).toBe("BAD_REQUEST");
    expect(again.fields.token).toBeDefined();
    // Audited without the password.
    const audit = await centralAudit({ action: "UPDATE", entityType: "user" });
    const entry = audit.find((a) => (a.after as { password?: string } | null)?.password === "reset");
    expect(entry).toBeDefined();
    expect(JSON.stringify(audit, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v))).not.toContain(
      "Brand-New-Pass-2",
    );
  });

  it("revokes the account's API tokens: whoever held the account cannot keep a way in", async () => {
    await makeUser("tara@r.test", "Tara Token");
    await systemCaller().org.create({
      name: "Token Org",
      slug: "token-reset-org",
      ownerEmail: "tara@r.test",
    });
    const tara = await callerFor("tara@r.test");
    const { token } = await tara.apiToken.create({ orgSlug: "token-reset-org", name: "laptop script" });
    const use = () =>
      authenticateApiToken(getCentralDb(), token, { ip: null, correlationId: "t", path: "project.list" });
    expect(await use()).toMatchObject({ ok: true });

    const before = smtp.mails.length;
    await anonymousCaller().auth.requestPasswordReset({ email: "tara@r.test" });
    const mail = await smtp.waitForMail("tara@r.test", { match: /reset-password/, since: before });
    await anonymousCaller().auth.resetPassword({
      token: linkToken(mail, "/reset-password"),
      password: "Fresh-Start-77",
    });

    expect(await use()).toMatchObject({
      ok: false,
      code: "UNAUTHORIZED",
      message: expect.stringMatching(/revoked/),
    });
    expect(await (await callerFor("tara@r.test")).apiToken.list({ orgSlug: "token-reset-org" })).toEqual([]);
  });

  it("refuses expired links and weak passwords", async () => {
    const anon = anonymousCaller();
    const before = smtp.mails.length;
    await anon.auth.requestPasswordReset({ email: "rita@r.test" });
    const mail = await smtp.waitForMail("rita@r.test", { match: /reset-password/, since: before });
    const token = linkToken(mail, "/reset-password");

    const weak = await failureOf(anon.auth.resetPassword({ token, password: "weakpass" }));
    expect(weak.code).toBe("BAD_REQUEST");
    expect(weak.fields.password?.length).toBeGreaterThan(0);

    await getCentralDb().authToken.update({
      where: { tokenHash: sha256(token) },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await codeOf(anon.auth.resetPassword({ token, password: "Valid-Pass-42" }))).toBe("BAD_REQUEST");
    expect(await codeOf(anon.auth.resetPassword({ token: "x".repeat(43), password: "Valid-Pass-42" }))).toBe(
      "BAD_REQUEST",
    );
  });

  it("answers the same for an unknown address and sends nothing", async () => {
    const anon = anonymousCaller();
    expect(await anon.auth.requestPasswordReset({ email: "nobody@r.test" })).toEqual({ ok: true });
    await new Promise((r) => setTimeout(r, 400));
    expect(smtp.mails.some((m) => m.to.includes("nobody@r.test"))).toBe(false);
  });
});

describe("registration and e-mail verification", () => {
  it("mails a confirmation link that verifies the address once", async () => {
    const anon = anonymousCaller();
    await anon.auth.register({ name: "Vera Verify", email: "vera@r.test", password: "Vera-Pass-123" });
    const reg = {
      userId: (await getCentralDb().user.findUniqueOrThrow({ where: { email: "vera@r.test" } })).id,
    };
    const mail = await smtp.waitForMail("vera@r.test", { match: /verify-email/ });
    const token = linkToken(mail, "/verify-email");
    expect(
      (await getCentralDb().user.findUniqueOrThrow({ where: { id: reg.userId } })).emailVerified,
    ).toBeNull();

    expect(await anon.auth.verifyEmail({ token })).toEqual({ verified: true, email: "vera@r.test" });
    expect(
      (await getCentralDb().user.findUniqueOrThrow({ where: { id: reg.userId } })).emailVerified,
    ).not.toBeNull();
    expect(await codeOf(anon.auth.verifyEmail({ token }))).toBe("BAD_REQUEST");

    // Verified accounts are not sent more links.
    const vera = callerWithSession(await sessionFor("vera@r.test"));
    expect(await vera.user.resendVerification()).toEqual({ sent: false, alreadyVerified: true });
  });

  it("a new e-mail address is unverified until its own link is followed", async () => {
    const session = await sessionFor("vera@r.test");
    const vera = callerWithSession(session);
    const noPassword = await failureOf(vera.user.updateProfile({ email: "vera.new@r.test" }));
    expect(noPassword.code).toBe("BAD_REQUEST");
    expect(noPassword.fields.currentPassword).toBeDefined();

    const p = await vera.user.updateProfile({ email: "vera.new@r.test", currentPassword: "Vera-Pass-123" });
    expect(p).toMatchObject({ email: "vera.new@r.test", emailVerified: null });
    const mail = await smtp.waitForMail("vera.new@r.test", { match: /verify-email/ });
    await anonymousCaller().auth.verifyEmail({ token: linkToken(mail, "/verify-email") });
    expect((await vera.user.profile()).emailVerified).not.toBeNull();
  });
});

describe("reset: cheap to refuse, throttled, and it proves the address", () => {
  async function resetLink(email: string) {
    const before = smtp.mails.length;
    await anonymousCaller().auth.requestPasswordReset({ email });
    return linkToken(
      await smtp.waitForMail(email, { match: /reset-password/, since: before }),
      "/reset-password",
    );
  }

  it("checks the link before hashing the new password", async () => {
    const hashed = vi.mocked(hashPassword);
    hashed.mockClear();
    for (let i = 0; i < 3; i++) {
      expect(
        await codeOf(
          anonymousCaller().auth.resetPassword({
            token: `made-up-token-${i}-${"x".repeat(30)}`,
            password: "Valid-Pass-42",
          }),
        ),
      ).toBe("BAD_REQUEST");
    }
    expect(hashed).not.toHaveBeenCalled();
    await makeUser("hugo@r.test", "Hugo Hash");
    const token = await resetLink("hugo@r.test");
    hashed.mockClear();
    await anonymousCaller().auth.resetPassword({ token, password: "Hugo-New-Pass-1" });
    expect(hashed).toHaveBeenCalledTimes(1);
  });

  it(`allows ${RESET_ATTEMPTS_PER_IP} attempts per client address per quarter hour, then refuses even a valid link`, async () => {
    await makeUser("tom@r.test", "Tom Throttle");
    const token = await resetLink("tom@r.test");
    const ip = "198.51.100.23";
    const m = { ip, correlationId: "reset-throttle-01" };
    for (let i = 0; i < RESET_ATTEMPTS_PER_IP; i++) {
      await expect(
        resetPassword(
          getCentralDb(),
          { token: `guess-${i}-${"y".repeat(40)}`, password: "Valid-Pass-42" },
          m,
        ),
      ).rejects.toMatchObject({
        code: "INVALID",
      });
    }
    await expect(
      resetPassword(getCentralDb(), { token, password: "Valid-Pass-42" }, m),
    ).rejects.toMatchObject({ code: "TOO_MANY_REQUESTS" });
    // Another address is not affected, and the link still works there.
    expect(
      await resetPassword(
        getCentralDb(),
        { token, password: "Valid-Pass-42" },
        { ...m, ip: "198.51.100.24" },
      ),
    ).toMatchObject({ ok: true });
    // The window passes.
    await getCentralDb().rateLimitCounter.update({
      where: { bucket: `reset-password:ip:${ip}` },
      data: { windowStart: new Date(Date.now() - 16 * 60_000) },
    });
    await expect(
      resetPassword(getCentralDb(), { token: "z".repeat(43), password: "Valid-Pass-42" }, m),
    ).rejects.toMatchObject({ code: "INVALID" });
  });

  it("drops external sign-ins linked before the address was proved, keeps the ones linked after", async () => {
    await makeUser("lou@r.test", "Lou Linked");
    const lou = await getCentralDb().user.findUniqueOrThrow({ where: { email: "lou@r.test" } });
    // Linked while the address was unproved (e.g. an IdP that asserted it): goes.
    await getCentralDb().account.create({
      data: { userId: lou.id, provider: "azure-ad", providerAccountId: "before-proof" },
    });
    let token = await resetLink("lou@r.test");
    await anonymousCaller().auth.resetPassword({ token, password: "Lou-New-Pass-1" });
    let after = await getCentralDb().user.findUniqueOrThrow({
      where: { id: lou.id },
      include: { accounts: true },
    });
    expect(after.emailVerified).not.toBeNull();
    expect(after.accounts).toEqual([]);
    const unlink = await centralAudit({ action: "UNLINK", entityId: lou.id });
    expect(unlink.at(-1)).toMatchObject({ before: { providers: ["azure-ad"] } });

    // Linked after the address was proved: stays through the next reset.
    await getCentralDb().account.create({
      data: { userId: lou.id, provider: "google", providerAccountId: "after-proof" },
    });
    token = await resetLink("lou@r.test");
    await anonymousCaller().auth.resetPassword({ token, password: "Lou-Newer-Pass-2" });
    after = await getCentralDb().user.findUniqueOrThrow({
      where: { id: lou.id },
      include: { accounts: true },
    });
    expect(after.accounts.map((a) => a.providerAccountId)).toEqual(["after-proof"]);
  });
});
