/**
 * Invitations through the API: accepting one creates (or links) the account
 * with exactly the granted project; who may invite and what; expiry; and
 * org.addMember asking first — consent before membership, spent links,
 * declining, the operator CLI's direct add, owners untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { anonymousCaller, callerFor, codeOf, makeUser, PASSWORD, sessionFor, systemCaller } from "./helpers";
import { callerWithSession, centralAudit, failureOf, useSmtpCapture } from "./account-support";
import { linkToken } from "./smtp-capture";

let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;
const central = () => getCentralDb();

beforeAll(async () => {
  smtp = await useSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
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
