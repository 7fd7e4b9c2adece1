/**
 * Accounts through the API: registration with a personal org, sign-in /
 * sign-out and session versions, login throttling, password and profile
 * changes, and the same answer (in about the same time) whether or not an
 * address has an account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createCaller } from "@/server/api/root";
import { createInnerContext } from "@/server/api/trpc";
import { authOptions } from "@/server/auth/config";
import { getCentralDb } from "@/server/db/central";
import { registerUser } from "@/server/services/registration";
import { requestPasswordReset } from "@/server/services/password-reset";
import { signInWithPassword } from "@/server/services/sign-in";
import { REGISTRATION_ATTEMPT, REGISTRATIONS_PER_IP_PER_HOUR } from "@/server/services/limits";
import { PEER_HEADER, peerHeaderValue } from "@/server/auth/ip";
import { anonymousCaller, callerFor, codeOf, makeUser, PASSWORD, sessionFor, systemCaller } from "./helpers";
import { callerWithSession, centralAudit, failureOf, meta, useSmtpCapture } from "./account-support";

let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;
const central = () => getCentralDb();

beforeAll(async () => {
  smtp = await useSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
});

describe("registration", () => {
  it("creates the user and their own organization, which they own", async () => {
    const anon = anonymousCaller();
    const reg = await anon.auth.register({
      name: "Nora Newcomer",
      email: "Nora@N.test",
      password: "Nora-Pass-1",
    });
    expect(reg).toEqual({ ok: true, email: "nora@n.test" });

    const nora = await callerFor("nora@n.test");
    const orgs = await nora.org.list();
    expect(orgs.map((o) => [o.slug, o.name, o.role])).toEqual([
      ["nora-newcomer", "Nora's workspace", "owner"],
    ]);
    // The org is usable at once (its database exists and is migrated).
    const project = await nora.project.create({ orgSlug: "nora-newcomer", name: "First project" });
    expect((await nora.project.list({ orgSlug: "nora-newcomer" })).map((p) => p.id)).toEqual([project.id]);
    // A second registration with the same e-mail creates nothing (and says the same: see "enumeration").
    expect(
      await anon.auth.register({ name: "Nora 2", email: "nora@n.test", password: "Nora-Pass-2" }),
    ).toEqual(reg);
    expect(await central().user.count({ where: { email: "nora@n.test" } })).toBe(1);
    expect((await central().user.findUniqueOrThrow({ where: { email: "nora@n.test" } })).name).toBe(
      "Nora Newcomer",
    );
    // A weak password is refused.
    const weak = await failureOf(
      anon.auth.register({ name: "W", email: "weak@n.test", password: "password" }),
    );
    expect(weak.code).toBe("BAD_REQUEST");
    expect(weak.fields.password).toEqual(
      expect.arrayContaining(["Include an upper-case letter", "Include a digit"]),
    );
    // Two people with the same name get distinct org slugs.
    await anon.auth.register({ name: "Nora Newcomer", email: "nora2@n.test", password: "Nora-Pass-1" });
    expect((await (await callerFor("nora2@n.test")).org.list()).map((o) => o.slug)).toEqual([
      "nora-newcomer-2",
    ]);
  });

  it("limits registrations per IP address", async () => {
    const ip = "198.51.100.99";
    await getCentralDb().centralAuditLog.createMany({
      data: Array.from({ length: REGISTRATIONS_PER_IP_PER_HOUR }, () => ({
        action: "CREATE",
        entityType: REGISTRATION_ATTEMPT,
        ip,
      })),
    });
    // The peer address as the server hook records it (see src/server/auth/ip.ts).
    const fromIp = createCaller(
      createInnerContext({ session: null, headers: new Headers({ [PEER_HEADER]: peerHeaderValue(ip) }) }),
    );
    expect(
      await codeOf(fromIp.auth.register({ name: "Flood", email: "flood@n.test", password: "Flood-Pass-1" })),
    ).toBe("TOO_MANY_REQUESTS");
    expect(await getCentralDb().user.count({ where: { email: "flood@n.test" } })).toBe(0);
  });
});

describe("sign-in and sign-out", () => {
  beforeAll(async () => {
    await makeUser("sam@s.test", "Sam Session");
  });

  it("signs in with the password, audits LOGIN, and sign-out ends every session", async () => {
    const ok = await signInWithPassword(
      central(),
      { email: "SAM@s.test", password: PASSWORD },
      meta("198.51.100.1"),
    );
    expect(ok).toMatchObject({ ok: true, user: { email: "sam@s.test" } });
    const login = await centralAudit({ action: "LOGIN", entityId: ok.ok ? ok.user.id : "" });
    expect(login.at(-1)).toMatchObject({ ip: "198.51.100.1" });

    const session = await sessionFor("sam@s.test");
    expect(await callerWithSession(session).user.me()).toMatchObject({ email: "sam@s.test" });

    // next-auth's signOut event (what POST /api/auth/signout runs).
    await authOptions().events!.signOut!({
      token: { uid: session.user.id, sv: session.sessionVersion },
      session: null as never,
    });
    const after = await central().user.findUniqueOrThrow({ where: { email: "sam@s.test" } });
    expect(after.sessionVersion).toBe(session.sessionVersion + 1);
    expect(await codeOf(callerWithSession(session).user.me())).toBe("UNAUTHORIZED");
    expect(await codeOf(callerWithSession(session).org.list())).toBe("UNAUTHORIZED");
    expect((await centralAudit({ action: "LOGOUT", entityId: session.user.id })).length).toBe(1);

    // Signing in again gives a working session.
    expect(await (await callerFor("sam@s.test")).user.me()).toMatchObject({ email: "sam@s.test" });
  });

  it("answers the same for an unknown e-mail and a wrong password", async () => {
    const a = await signInWithPassword(central(), { email: "ghost@s.test", password: PASSWORD }, meta());
    const b = await signInWithPassword(central(), { email: "sam@s.test", password: "Wrong-Pass-1" }, meta());
    expect(a).toEqual({ ok: false, reason: "invalid" });
    expect(b).toEqual(a);
  });
});

describe("login throttling", () => {
  beforeAll(async () => {
    await makeUser("tess@t.test", "Tess Throttle");
  });

  it("after five failures the account is locked for 15 minutes, even for the right password", async () => {
    const attempt = (password: string) =>
      signInWithPassword(central(), { email: "tess@t.test", password }, meta(null));
    for (let i = 0; i < 5; i++)
      expect(await attempt("Wrong-Pass-1")).toEqual({ ok: false, reason: "invalid" });
    const sixth = await attempt("Wrong-Pass-1");
    expect(sixth).toMatchObject({ ok: false, reason: "throttled" });
    const retryAt = (sixth as { retryAt: Date }).retryAt.getTime();
    expect(retryAt - Date.now()).toBeGreaterThan(14 * 60_000);
    expect(retryAt - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    // The right password is refused while locked.
    expect(await attempt(PASSWORD)).toMatchObject({ ok: false, reason: "throttled" });

    const failed = await centralAudit({ action: "LOGIN_FAILED" });
    const mine = failed.filter((a) => (a.after as { email?: string }).email === "tess@t.test");
    expect(mine).toHaveLength(7);
    expect(
      mine.filter((a) => String((a.after as { reason?: string }).reason).startsWith("throttled")),
    ).toHaveLength(2);
    // Refused attempts are not counted, so the lock ends on time.
    expect(await central().loginAttempt.count({ where: { email: "tess@t.test" } })).toBe(5);

    // Once the failures are older than the lock, the right password works again.
    await central().loginAttempt.updateMany({
      where: { email: "tess@t.test" },
      data: { createdAt: new Date(Date.now() - 16 * 60_000) },
    });
    expect(await attempt(PASSWORD)).toMatchObject({ ok: true });
  });

  it("locks an IP address after five failures across accounts", async () => {
    const ip = "203.0.113.77";
    for (let i = 0; i < 5; i++) {
      await signInWithPassword(central(), { email: `spray${i}@t.test`, password: "Wrong-Pass-1" }, meta(ip));
    }
    expect(
      await signInWithPassword(central(), { email: "tess@t.test", password: PASSWORD }, meta(ip)),
    ).toMatchObject({
      ok: false,
      reason: "throttled",
    });
    // Another address is not affected.
    expect(
      await signInWithPassword(central(), { email: "tess@t.test", password: PASSWORD }, meta("203.0.113.78")),
    ).toMatchObject({ ok: true });
  });
});

describe("password change and profile", () => {
  beforeAll(async () => {
    await makeUser("pia@p.test", "Pia Profile");
  });

  it("a password change needs the current password and ends existing sessions", async () => {
    const session = await sessionFor("pia@p.test");
    const pia = callerWithSession(session);
    const wrong = await failureOf(
      pia.user.changePassword({ currentPassword: "Nope-Nope-1", newPassword: "Next-Pass-22" }),
    );
    expect(wrong).toMatchObject({
      code: "BAD_REQUEST",
      fields: { currentPassword: ["The current password is not correct"] },
    });
    const weak = await failureOf(
      pia.user.changePassword({ currentPassword: PASSWORD, newPassword: "short" }),
    );
    expect(weak.fields.newPassword?.length).toBeGreaterThan(0);

    expect(await pia.user.changePassword({ currentPassword: PASSWORD, newPassword: "Next-Pass-22" })).toEqual(
      {
        ok: true,
        sessionsEnded: true,
      },
    );
    expect(await codeOf(pia.user.me())).toBe("UNAUTHORIZED");
    expect(
      (await signInWithPassword(central(), { email: "pia@p.test", password: "Next-Pass-22" }, meta())).ok,
    ).toBe(true);
  });

  it("updates name and avatar (https only) and audits the change", async () => {
    const pia = await callerFor("pia@p.test");
    const bad = await failureOf(pia.user.updateProfile({ avatarUrl: "javascript:alert(1)" }));
    expect(bad.fields.avatarUrl).toBeDefined();
    const p = await pia.user.updateProfile({
      name: "Pia P. Profile",
      avatarUrl: "https://img.example.com/pia.png",
    });
    expect(p).toMatchObject({ name: "Pia P. Profile", avatarUrl: "https://img.example.com/pia.png" });
    expect((await pia.user.updateProfile({ avatarUrl: "" })).avatarUrl).toBeNull();
    const audit = await centralAudit({ action: "UPDATE", entityId: p.id });
    expect(audit.some((a) => (a.after as { name?: string }).name === "Pia P. Profile")).toBe(true);
    // E-mail taken by someone else → CONFLICT on the field.
    const taken = await failureOf(
      pia.user.updateProfile({ email: "sam@s.test", currentPassword: "Next-Pass-22" }),
    );
    expect(taken).toMatchObject({ code: "CONFLICT", fields: { email: expect.any(Array) } });
  });
});

describe("enumeration: the same answer, in about the same time", () => {
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const timed = async (f: () => Promise<unknown>) => {
    const t = performance.now();
    const r = await f();
    return { r, ms: performance.now() - t };
  };

  it("registration: a taken address gets the same answer, the same hashing and a similar time; its owner is told", async () => {
    await makeUser("taken@e.test", "Tia Taken");
    const m = (i: number) => ({ ip: null, correlationId: `enum-reg-${i}-0001` });
    const fresh: number[] = [];
    const taken: number[] = [];
    const audited = () => central().centralAuditLog.count({ where: { entityType: "registration" } });
    const auditedBefore = await audited();
    for (let i = 0; i < 3; i++) {
      const a = await timed(() =>
        registerUser(
          central(),
          { name: `Fresh ${i}`, email: `fresh${i}@e.test`, password: "Fresh-Pass-1" },
          m(i),
        ),
      );
      fresh.push(a.ms);
      const since = smtp.mails.length;
      const b = await timed(() =>
        registerUser(central(), { name: "Not Tia", email: "Taken@E.test", password: "Other-Pass-1" }, m(i)),
      );
      taken.push(b.ms);
      expect(Object.keys(b.r as object).sort()).toEqual(Object.keys(a.r as object).sort());
      expect(b.r).toEqual({ ok: true, email: "taken@e.test" });
      if (i === 0)
        expect((await smtp.waitForMail("taken@e.test", { since })).text).toContain("you already have one");
    }
    expect(median(taken)).toBeGreaterThan(0.5 * median(fresh));
    expect(await central().user.count({ where: { email: "taken@e.test" } })).toBe(1);
    expect((await (await callerFor("taken@e.test")).org.list()).length).toBe(0);
    // Both kinds count against the per-address registration cap.
    expect((await audited()) - auditedBefore).toBe(6);
  });

  it("password-reset requests: unknown addresses take about as long as real ones", async () => {
    await makeUser("rhea@e.test", "Rhea Reset");
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 5; i++) {
      known.push((await timed(() => requestPasswordReset(central(), { email: "rhea@e.test" }, meta()))).ms);
      unknown.push(
        (await timed(() => requestPasswordReset(central(), { email: `nobody${i}@e.test` }, meta()))).ms,
      );
    }
    expect(median(unknown)).toBeGreaterThan(0.5 * median(known));
  });

  it("addMember / invite: the same answer whether or not the address has an account", async () => {
    await makeUser("has-account@e.test", "Hal Account");
    const sys = systemCaller();
    await makeUser("erin@e.test", "Erin Enum");
    await sys.org.create({ name: "Enum Co", slug: "enum-co", ownerEmail: "erin@e.test" });
    const erin = await callerFor("erin@e.test");
    const shape = (r: Record<string, unknown>) =>
      Object.fromEntries(
        Object.entries(r).map(([k, v]) => [
          k,
          k === "email" || v instanceof Date || k === "invitationId" || k === "id" ? typeof v : v,
        ]),
      );
    const a = await erin.org.addMember({ orgSlug: "enum-co", email: "has-account@e.test", role: "member" });
    const b = await erin.org.addMember({ orgSlug: "enum-co", email: "no-account@e.test", role: "member" });
    expect(shape(a)).toEqual(shape(b));
    const c = await erin.org.invite({ orgSlug: "enum-co", email: "has-account@e.test", role: "admin" });
    const d = await erin.org.invite({ orgSlug: "enum-co", email: "no-account@e.test", role: "admin" });
    expect(shape(c)).toEqual(shape(d));
  });
});
