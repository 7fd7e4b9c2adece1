/**
 * Org membership through the API: roles, removal (a removed member's old
 * session loses the org at once), the owner's protections and ownership
 * transfer.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { callerFor, codeOf, makeUser, sessionFor, systemCaller } from "./helpers";
import { callerWithSession, centralAudit, failureOf, useSmtpCapture } from "./account-support";

let smtp: Awaited<ReturnType<typeof useSmtpCapture>>;

beforeAll(async () => {
  smtp = await useSmtpCapture();
});
afterAll(async () => {
  await smtp.close();
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
