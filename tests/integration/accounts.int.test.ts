/**
 * Accounts and access through the API: registration with a personal org,
 * sign-in / sign-out and session versions, login throttling, password and
 * profile changes, invitations, member management and removal.
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
import { linkToken } from "./smtp-capture";

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

describe("invitations", () => {
  let projectA: string;
  let projectB: string;

  beforeAll(async () => {
    await makeUser("olga@i.test", "Olga Owner");
    await makeUser("emil@i.test", "Emil Existing");
    await makeUser("wanda@i.test", "Wanda Wrong");
    await systemCaller().org.create({ name: "Invite Co", slug: "invite-co", ownerEmail: "olga@i.test" });
    const olga = await callerFor("olga@i.test");
    projectA = (await olga.project.create({ orgSlug: "invite-co", name: "Alpha" })).id;
    projectB = (await olga.project.create({ orgSlug: "invite-co", name: "Beta" })).id;
  });

  it("an accepted invitation creates the account, which sees exactly the granted project", async () => {
    const olga = await callerFor("olga@i.test");
    const since = smtp.mails.length;
    const inv = await olga.org.invite({
      orgSlug: "invite-co",
      email: "Newbie@I.test",
      role: "member",
      projectRoles: [{ projectId: projectA, role: "team_member" }],
    });
    expect(inv).toMatchObject({ email: "newbie@i.test", role: "member", status: "pending" });
    expect(inv.expiresAt.getTime() - Date.now()).toBeGreaterThan(7 * 24 * 3600_000 - 60_000);
    expect((await olga.org.invitations({ orgSlug: "invite-co" })).map((i) => i.email)).toEqual([
      "newbie@i.test",
    ]);

    const mail = await smtp.waitForMail("newbie@i.test", { match: /accept-invite/, since });
    expect(mail.text).toContain("Join Invite Co on braidMgr");
    const token = linkToken(mail, "/accept-invite");

    const anon = anonymousCaller();
    expect(await anon.auth.invitation({ token })).toMatchObject({
      orgName: "Invite Co",
      email: "newbie@i.test",
      role: "member",
      projectCount: 1,
      status: "pending",
      accountExists: false,
      invitedBy: "Olga Owner",
    });
    const missing = await failureOf(anon.auth.acceptInvitation({ token }));
    expect(missing.fields).toMatchObject({ name: expect.any(Array), password: expect.any(Array) });

    const accepted = await anon.auth.acceptInvitation({
      token,
      name: "Nico Newbie",
      password: "Newbie-Pass-1",
    });
    expect(accepted).toMatchObject({
      email: "newbie@i.test",
      created: true,
      orgSlug: "invite-co",
      role: "member",
    });

    const nico = await callerFor("newbie@i.test");
    const projects = await nico.project.list({ orgSlug: "invite-co" });
    expect(projects.map((p) => [p.id, p.role])).toEqual([[projectA, "team_member"]]);
    expect(await codeOf(nico.project.get({ orgSlug: "invite-co", projectId: projectB }))).toBe("NOT_FOUND");
    expect((await nico.org.list()).map((o) => [o.slug, o.role])).toEqual([["invite-co", "member"]]);
    // Single use.
    expect(
      await codeOf(anon.auth.acceptInvitation({ token, name: "Again", password: "Newbie-Pass-1" })),
    ).toBe("BAD_REQUEST");
    expect(await anon.auth.invitation({ token })).toMatchObject({ status: "accepted" });
    expect(await olga.org.invitations({ orgSlug: "invite-co" })).toEqual([]);
    // Audited as permission changes.
    const audit = await centralAudit({ action: "PERMISSION_CHANGE" });
    expect(audit.some((a) => a.entityType === "invitation")).toBe(true);
    expect(
      audit.some(
        (a) => a.entityType === "org_membership" && (a.after as { via?: string }).via === "invitation",
      ),
    ).toBe(true);
  });

  it("links an existing account when its signed-in owner accepts; others are refused", async () => {
    const olga = await callerFor("olga@i.test");
    const since = smtp.mails.length;
    await olga.org.invite({ orgSlug: "invite-co", email: "emil@i.test", role: "admin" });
    const token = linkToken(
      await smtp.waitForMail("emil@i.test", { match: /accept-invite/, since }),
      "/accept-invite",
    );

    expect(await anonymousCaller().auth.invitation({ token })).toMatchObject({ accountExists: true });
    // Anonymous: an account exists, so the person must sign in.
    expect(
      await codeOf(anonymousCaller().auth.acceptInvitation({ token, name: "X", password: "Some-Pass-12" })),
    ).toBe("CONFLICT");
    // Someone else signed in: refused.
    expect(await codeOf((await callerFor("wanda@i.test")).auth.acceptInvitation({ token }))).toBe(
      "FORBIDDEN",
    );
    // An ended session cannot accept.
    const stale = await sessionFor("emil@i.test");
    await central().user.update({
      where: { email: "emil@i.test" },
      data: { sessionVersion: { increment: 1 } },
    });
    expect(await codeOf(callerWithSession(stale).auth.acceptInvitation({ token }))).toBe("UNAUTHORIZED");

    const emil = await callerFor("emil@i.test");
    expect(await emil.auth.acceptInvitation({ token })).toMatchObject({ created: false, role: "admin" });
    // Org admins see every project.
    expect((await emil.project.list({ orgSlug: "invite-co" })).length).toBe(2);
  });

  it("checks the invite: admins only, known projects, not yet a member; a new invitation replaces the old", async () => {
    const olga = await callerFor("olga@i.test");
    const nico = await callerFor("newbie@i.test");
    expect(await codeOf(nico.org.invite({ orgSlug: "invite-co", email: "x@i.test", role: "member" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(olga.org.invite({ orgSlug: "invite-co", email: "newbie@i.test", role: "member" })),
    ).toBe("CONFLICT");
    expect(
      await codeOf(olga.org.invite({ orgSlug: "invite-co", email: "x@i.test", role: "owner" as "admin" })),
    ).toBe("BAD_REQUEST");
    expect(
      await codeOf(
        olga.org.invite({
          orgSlug: "invite-co",
          email: "x@i.test",
          role: "member",
          projectRoles: [{ projectId: "00000000-0000-4000-8000-000000000000", role: "viewer" }],
        }),
      ),
    ).toBe("NOT_FOUND");

    const first = await olga.org.invite({ orgSlug: "invite-co", email: "late@i.test", role: "member" });
    const second = await olga.org.invite({ orgSlug: "invite-co", email: "late@i.test", role: "admin" });
    const pending = await olga.org.invitations({ orgSlug: "invite-co" });
    expect(pending.map((i) => i.id)).toEqual([second.id]);
    expect(await olga.org.revokeInvitation({ orgSlug: "invite-co", invitationId: second.id })).toEqual({
      revoked: true,
    });
    expect(await olga.org.invitations({ orgSlug: "invite-co" })).toEqual([]);
    expect(first.id).not.toBe(second.id);
  });

  it("refuses an expired invitation", async () => {
    const olga = await callerFor("olga@i.test");
    const since = smtp.mails.length;
    const inv = await olga.org.invite({ orgSlug: "invite-co", email: "slow@i.test", role: "member" });
    const token = linkToken(
      await smtp.waitForMail("slow@i.test", { match: /accept-invite/, since }),
      "/accept-invite",
    );
    await central().invitation.update({
      where: { id: inv.id },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    expect(await anonymousCaller().auth.invitation({ token })).toMatchObject({ status: "expired" });
    expect(
      await codeOf(
        anonymousCaller().auth.acceptInvitation({ token, name: "Slow", password: "Slow-Pass-12" }),
      ),
    ).toBe("BAD_REQUEST");
    expect(await codeOf(anonymousCaller().auth.invitation({ token: "y".repeat(43) }))).toBe("NOT_FOUND");
  });
});

describe("org members: roles, removal, ownership", () => {
  let projectId: string;

  beforeAll(async () => {
    for (const [email, name] of [
      ["owen@m.test", "Owen Owner"],
      ["ada@m.test", "Ada Admin"],
      ["max@m.test", "Max Member"],
      ["rex@m.test", "Rex Removed"],
    ] as const) {
      await makeUser(email, name);
    }
    const sys = systemCaller();
    await sys.org.create({ name: "Members Inc", slug: "members-inc", ownerEmail: "owen@m.test" });
    await sys.org.create({ name: "Rex Home", slug: "rex-home", ownerEmail: "rex@m.test" });
    await sys.org.addMember({ orgSlug: "members-inc", email: "ada@m.test", role: "admin" });
    await sys.org.addMember({ orgSlug: "members-inc", email: "max@m.test", role: "member" });
    await sys.org.addMember({ orgSlug: "members-inc", email: "rex@m.test", role: "member" });
    const owen = await callerFor("owen@m.test");
    projectId = (await owen.project.create({ orgSlug: "members-inc", name: "Gamma" })).id;
    await owen.project.setRole({
      orgSlug: "members-inc",
      projectId,
      email: "rex@m.test",
      role: "project_manager",
    });
    await owen.project.setRole({ orgSlug: "members-inc", projectId, email: "max@m.test", role: "viewer" });
  });

  it("a removed member's old session gets NOT_FOUND for the org; their other orgs still work", async () => {
    const rexSession = await sessionFor("rex@m.test");
    const rex = callerWithSession(rexSession);
    expect((await rex.project.list({ orgSlug: "members-inc" })).map((p) => p.id)).toEqual([projectId]);

    const ada = await callerFor("ada@m.test");
    const rexId = rexSession.user.id;
    expect(await ada.org.removeMember({ orgSlug: "members-inc", userId: rexId })).toMatchObject({
      removed: true,
    });

    expect(await codeOf(rex.org.get({ orgSlug: "members-inc" }))).toBe("NOT_FOUND");
    expect(await codeOf(rex.project.list({ orgSlug: "members-inc" }))).toBe("NOT_FOUND");
    expect(await codeOf(rex.project.get({ orgSlug: "members-inc", projectId }))).toBe("NOT_FOUND");
    expect(await codeOf(rex.item.list({ orgSlug: "members-inc", projectId }))).toBe("NOT_FOUND");
    expect((await rex.org.list()).map((o) => o.slug)).toEqual(["rex-home"]);
    // Gone from the member list and from the project's roles.
    const owen = await callerFor("owen@m.test");
    expect((await owen.org.members({ orgSlug: "members-inc" })).map((m) => m.email)).not.toContain(
      "rex@m.test",
    );
    const projectMembers = (await owen.project.members({ orgSlug: "members-inc", projectId })).map(
      (m) => m.email,
    );
    expect(projectMembers).toContain("max@m.test");
    expect(projectMembers).not.toContain("rex@m.test");
    const audit = await centralAudit({ action: "PERMISSION_CHANGE", entityType: "org_membership" });
    expect(audit.at(-1)).toMatchObject({ actorId: (await sessionFor("ada@m.test")).user.id, after: null });
  });

  it("protects the owner: admins cannot touch ownership, the last owner stays", async () => {
    const owen = await callerFor("owen@m.test");
    const ada = await callerFor("ada@m.test");
    const max = await callerFor("max@m.test");
    const owenId = (await sessionFor("owen@m.test")).user.id;

    expect(
      await codeOf(max.org.setMemberRole({ orgSlug: "members-inc", email: "ada@m.test", role: "member" })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(max.org.removeMember({ orgSlug: "members-inc", email: "ada@m.test" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(ada.org.setMemberRole({ orgSlug: "members-inc", userId: owenId, role: "admin" })),
    ).toBe("FORBIDDEN");
    expect(
      await codeOf(ada.org.setMemberRole({ orgSlug: "members-inc", email: "max@m.test", role: "owner" })),
    ).toBe("FORBIDDEN");
    expect(await codeOf(ada.org.removeMember({ orgSlug: "members-inc", userId: owenId }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(owen.org.removeMember({ orgSlug: "members-inc", userId: owenId }))).toBe(
      "BAD_REQUEST",
    );
    const last = await failureOf(
      owen.org.setMemberRole({ orgSlug: "members-inc", userId: owenId, role: "admin" }),
    );
    expect(last.code).toBe("BAD_REQUEST");
    expect(await codeOf(ada.org.transferOwnership({ orgSlug: "members-inc", email: "max@m.test" }))).toBe(
      "FORBIDDEN",
    );
    expect(
      await codeOf(owen.org.setMemberRole({ orgSlug: "members-inc", email: "nobody@m.test", role: "admin" })),
    ).toBe("NOT_FOUND");
    expect(await codeOf(owen.org.setMemberRole({ orgSlug: "members-inc", role: "admin" }))).toBe(
      "BAD_REQUEST",
    );

    // Admins manage other members' roles.
    expect(
      await ada.org.setMemberRole({ orgSlug: "members-inc", email: "max@m.test", role: "admin" }),
    ).toMatchObject({
      role: "admin",
    });
    expect(
      await ada.org.setMemberRole({ orgSlug: "members-inc", email: "max@m.test", role: "member" }),
    ).toMatchObject({
      role: "member",
    });
  });

  it("transfers ownership: the new owner takes over, the old owner becomes admin", async () => {
    const owen = await callerFor("owen@m.test");
    expect(await owen.org.transferOwnership({ orgSlug: "members-inc", email: "ada@m.test" })).toMatchObject({
      email: "ada@m.test",
    });
    const roles = Object.fromEntries(
      (await owen.org.members({ orgSlug: "members-inc" })).map((m) => [m.email, m.role]),
    );
    expect(roles).toEqual({ "ada@m.test": "owner", "owen@m.test": "admin", "max@m.test": "member" });
    // Role changes take effect on the next request.
    expect(await codeOf(owen.org.transferOwnership({ orgSlug: "members-inc", email: "max@m.test" }))).toBe(
      "FORBIDDEN",
    );
    const audit = await centralAudit({ action: "PERMISSION_CHANGE", entityType: "org_membership" });
    expect(
      audit.filter((a) => (a.after as { via?: string } | null)?.via === "transfer_ownership"),
    ).toHaveLength(2);
  });
});

describe("org.addMember asks first (consent before membership)", () => {
  let projectId: string;

  beforeAll(async () => {
    await makeUser("cora@c.test", "Cora Owner");
    await makeUser("dan@c.test", "Dan Admin");
    await makeUser("ike@c.test", "Ike Invitee");
    await makeUser("zed@c.test", "Zed Other");
    const sys = systemCaller();
    await sys.org.create({ name: "Consent Co", slug: "consent-co", ownerEmail: "cora@c.test" });
    await sys.org.addMember({ orgSlug: "consent-co", email: "dan@c.test", role: "admin" });
    projectId = (
      await (await callerFor("cora@c.test")).project.create({ orgSlug: "consent-co", name: "Delta" })
    ).id;
  });

  it("an existing account is invited, not added: no membership, no access, until they accept", async () => {
    const dan = await callerFor("dan@c.test");
    const since = smtp.mails.length;
    const r = await dan.org.addMember({ orgSlug: "consent-co", email: "IKE@c.test", role: "member" });
    expect(r).toMatchObject({
      status: "invited",
      email: "ike@c.test",
      role: "member",
      userId: null,
      name: null,
    });
    await smtp.waitForMail("ike@c.test", { match: /accept-invite/, since });

    const ike = await callerFor("ike@c.test");
    for (const call of [
      () => ike.org.get({ orgSlug: "consent-co" }),
      () => ike.org.members({ orgSlug: "consent-co" }),
      () => ike.project.list({ orgSlug: "consent-co" }),
      () => ike.project.get({ orgSlug: "consent-co", projectId }),
      () => ike.item.list({ orgSlug: "consent-co", projectId }),
    ]) {
      expect(await codeOf(call())).toBe("NOT_FOUND");
    }
    expect(await ike.org.list()).toEqual([]);
    expect((await dan.org.members({ orgSlug: "consent-co" })).map((m) => m.email)).not.toContain(
      "ike@c.test",
    );
    expect(
      (await dan.org.invitations({ orgSlug: "consent-co" })).map((i) => [i.email, i.status]),
    ).toContainEqual(["ike@c.test", "pending"]);
    // The invitation gives nothing either to the sign-in token's default org.
    const ikeId = (await sessionFor("ike@c.test")).user.id;
    expect(await central().orgMembership.count({ where: { userId: ikeId } })).toBe(0);
  });

  it("the invitee sees it only once their address is confirmed, and accepts it while signed in", async () => {
    const ike = await callerFor("ike@c.test");
    expect(await ike.user.invitations()).toEqual({ emailVerified: false, invitations: [] });
    const inv = (await (await callerFor("cora@c.test")).org.invitations({ orgSlug: "consent-co" })).find(
      (i) => i.email === "ike@c.test",
    )!;
    // Without a confirmed address, not even with the right id (the link in the mail still works).
    expect(await codeOf(ike.user.acceptInvitation({ invitationId: inv.id }))).toBe("NOT_FOUND");

    await central().user.update({ where: { email: "ike@c.test" }, data: { emailVerified: new Date() } });
    const mine = await ike.user.invitations();
    expect(mine.invitations).toEqual([
      expect.objectContaining({
        id: inv.id,
        orgName: "Consent Co",
        orgSlug: "consent-co",
        role: "member",
        invitedBy: "Dan Admin",
      }),
    ]);
    // Someone else, signed in and confirmed, cannot take it.
    await central().user.update({ where: { email: "zed@c.test" }, data: { emailVerified: new Date() } });
    const zed = await callerFor("zed@c.test");
    expect(await codeOf(zed.user.acceptInvitation({ invitationId: inv.id }))).toBe("NOT_FOUND");
    expect(await codeOf(zed.user.declineInvitation({ invitationId: inv.id }))).toBe("NOT_FOUND");
    expect((await zed.user.invitations()).invitations).toEqual([]);
    // Nor by taking on the invited address: a changed address is unconfirmed until its own link is followed.
    await central().invitation.updateMany({ where: { id: inv.id }, data: { email: "zed.new@c.test" } });
    await zed.user.updateProfile({ email: "zed.new@c.test", currentPassword: PASSWORD });
    const zedNew = await callerFor("zed.new@c.test");
    expect(await zedNew.user.invitations()).toEqual({ emailVerified: false, invitations: [] });
    expect(await codeOf(zedNew.user.acceptInvitation({ invitationId: inv.id }))).toBe("NOT_FOUND");
    await central().invitation.updateMany({ where: { id: inv.id }, data: { email: "ike@c.test" } });
    await central().user.update({
      where: { email: "zed.new@c.test" },
      data: { email: "zed@c.test", emailVerified: new Date() },
    });

    expect(await ike.user.acceptInvitation({ invitationId: inv.id })).toMatchObject({
      orgSlug: "consent-co",
      role: "member",
      created: false,
    });
    expect((await ike.org.get({ orgSlug: "consent-co" })).role).toBe("member");
    expect((await ike.user.invitations()).invitations).toEqual([]);
    // Used once.
    expect(await codeOf(ike.user.acceptInvitation({ invitationId: inv.id }))).toBe("BAD_REQUEST");
    const audit = await centralAudit({ action: "PERMISSION_CHANGE", entityType: "org_membership" });
    expect(audit.at(-1)).toMatchObject({
      actorId: (await sessionFor("ike@c.test")).user.id,
      after: expect.objectContaining({ via: "invitation" }),
    });
  });

  it("the e-mailed link of an invitation accepted in the app is spent (no replay)", async () => {
    const cora = await callerFor("cora@c.test");
    const since = smtp.mails.length;
    await cora.org.addMember({ orgSlug: "consent-co", email: "zed@c.test", role: "admin" });
    const token = linkToken(
      await smtp.waitForMail("zed@c.test", { match: /accept-invite/, since }),
      "/accept-invite",
    );
    const zed = await callerFor("zed@c.test");
    const inv = (await zed.user.invitations()).invitations[0]!;
    await zed.user.acceptInvitation({ invitationId: inv.id });
    expect(await codeOf(zed.auth.acceptInvitation({ token }))).toBe("BAD_REQUEST");
    expect(
      await codeOf(anonymousCaller().auth.acceptInvitation({ token, name: "Z", password: "Zed-Pass-123" })),
    ).toBe("BAD_REQUEST");
    expect((await zed.org.get({ orgSlug: "consent-co" })).role).toBe("admin");
  });

  it("an invitation can be declined, in the app or with its link; the admins see it", async () => {
    await makeUser("nat@c.test", "Nat Nope");
    await central().user.update({ where: { email: "nat@c.test" }, data: { emailVerified: new Date() } });
    const cora = await callerFor("cora@c.test");
    let since = smtp.mails.length;
    await cora.org.addMember({ orgSlug: "consent-co", email: "nat@c.test", role: "member" });
    await smtp.waitForMail("nat@c.test", { match: /accept-invite/, since });
    const nat = await callerFor("nat@c.test");
    const inv = (await nat.user.invitations()).invitations[0]!;
    expect(await nat.user.declineInvitation({ invitationId: inv.id })).toMatchObject({ declined: true });
    expect(await codeOf(nat.user.acceptInvitation({ invitationId: inv.id }))).toBe("BAD_REQUEST");
    expect(await codeOf(nat.org.get({ orgSlug: "consent-co" }))).toBe("NOT_FOUND");
    expect(
      (await cora.org.invitations({ orgSlug: "consent-co" })).find((i) => i.id === inv.id),
    ).toMatchObject({ status: "declined" });

    since = smtp.mails.length;
    await cora.org.invite({ orgSlug: "consent-co", email: "nobody-yet@c.test", role: "member" });
    const token = linkToken(
      await smtp.waitForMail("nobody-yet@c.test", { match: /accept-invite/, since }),
      "/accept-invite",
    );
    expect(await anonymousCaller().auth.declineInvitation({ token })).toMatchObject({
      declined: true,
      orgName: "Consent Co",
    });
    expect(await anonymousCaller().auth.invitation({ token })).toMatchObject({ status: "declined" });
    expect(
      await codeOf(
        anonymousCaller().auth.acceptInvitation({ token, name: "Late", password: "Late-Pass-123" }),
      ),
    ).toBe("BAD_REQUEST");
  });

  it("the operator CLI (system actor) still adds an existing account directly", async () => {
    await makeUser("opal@c.test", "Opal Operated");
    expect(
      await systemCaller().org.addMember({ orgSlug: "consent-co", email: "opal@c.test", role: "member" }),
    ).toMatchObject({
      status: "added",
      email: "opal@c.test",
      role: "member",
    });
    expect((await (await callerFor("opal@c.test")).org.get({ orgSlug: "consent-co" })).role).toBe("member");
    expect(
      await codeOf(
        systemCaller().org.addMember({ orgSlug: "consent-co", email: "ghost@c.test", role: "member" }),
      ),
    ).toBe("NOT_FOUND");
  });

  it("an admin cannot demote (or promote) an owner through addMember — setMemberRole's rule", async () => {
    // Two owners, so demoting one would not even hit the last-owner rule.
    await makeUser("otto@c.test", "Otto Second Owner");
    await systemCaller().org.addMember({ orgSlug: "consent-co", email: "otto@c.test", role: "owner" });
    const dan = await callerFor("dan@c.test");
    const cora = await callerFor("cora@c.test");
    for (const role of ["member", "admin"] as const) {
      expect(await codeOf(dan.org.addMember({ orgSlug: "consent-co", email: "cora@c.test", role }))).toBe(
        "FORBIDDEN",
      );
    }
    expect(
      await codeOf(dan.org.addMember({ orgSlug: "consent-co", email: "opal@c.test", role: "owner" })),
    ).toBe("FORBIDDEN");
    expect((await cora.org.get({ orgSlug: "consent-co" })).role).toBe("owner");
    expect(
      await codeOf(dan.org.addMember({ orgSlug: "consent-co", email: "otto@c.test", role: "admin" })),
    ).toBe("FORBIDDEN");
    expect((await (await callerFor("otto@c.test")).org.get({ orgSlug: "consent-co" })).role).toBe("owner");
    // An admin still changes other members' roles this way; the last owner stays an owner.
    expect(
      await dan.org.addMember({ orgSlug: "consent-co", email: "opal@c.test", role: "admin" }),
    ).toMatchObject({ status: "member", role: "admin" });
    // An owner may demote another owner; the last owner stays an owner.
    expect(
      await cora.org.addMember({ orgSlug: "consent-co", email: "otto@c.test", role: "admin" }),
    ).toMatchObject({
      role: "admin",
    });
    expect(
      await codeOf(cora.org.addMember({ orgSlug: "consent-co", email: "cora@c.test", role: "admin" })),
    ).toBe("BAD_REQUEST");
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
