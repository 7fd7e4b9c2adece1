/**
 * audit.central: the org admins' access log from the central audit trail — what concerns this org
 * (members and roles, invitations, SSO and domain settings) and its members' sign-ins — and
 * nothing about other orgs or people outside it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { signInWithPassword } from "@/server/services/sign-in";
import { describeAccessEntry } from "@/lib/access-log";
import { callerFor, codeOf, makeUser, PASSWORD, systemCaller } from "./helpers";
import { meta } from "./account-support";

const ORG = "access-co";

beforeAll(async () => {
  for (const [email, name] of [
    ["alma@a.test", "Alma Owner"],
    ["abe@a.test", "Abe Admin"],
    ["mia@a.test", "Mia Member"],
    ["out@o.test", "Otis Outsider"],
  ] as const) {
    await makeUser(email, name);
  }
  const sys = systemCaller();
  await sys.org.create({ name: "Access Co", slug: ORG, ownerEmail: "alma@a.test" });
  await sys.org.create({ name: "Other Co", slug: "other-co", ownerEmail: "out@o.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "abe@a.test", role: "admin" });
  await sys.org.addMember({ orgSlug: ORG, email: "mia@a.test", role: "member" });
  await sys.org.addMember({ orgSlug: "other-co", email: "mia@a.test", role: "member" });
});

describe("audit.central", () => {
  it("shows this org's changes and its members' sign-ins, newest first, in readable words", async () => {
    const alma = await callerFor("alma@a.test");
    await signInWithPassword(
      getCentralDb(),
      { email: "mia@a.test", password: PASSWORD },
      meta("203.0.113.9"),
    );
    await signInWithPassword(getCentralDb(), { email: "out@o.test", password: PASSWORD }, meta());
    await alma.org.setMemberRole({ orgSlug: ORG, email: "mia@a.test", role: "admin" });
    await alma.org.invite({ orgSlug: ORG, email: "new@a.test", role: "member" });
    await alma.org.domain.add({ orgSlug: ORG, domain: "a.test" });
    // Other Co's own changes are not Access Co's business.
    await (
      await callerFor("out@o.test")
    ).org.invite({ orgSlug: "other-co", email: "x@o.test", role: "member" });

    const { entries } = await alma.audit.central({ orgSlug: ORG });
    const words = entries.map((e) => describeAccessEntry(e));
    expect(words.slice(0, 4)).toEqual([
      "Domain claimed: a.test",
      "Invitation sent to new@a.test as member",
      "Role changed for mia@a.test: member → admin",
      "Mia Member signed in with password",
    ]);
    const login = entries.find((e) => e.action === "LOGIN")!;
    expect(login).toMatchObject({ ip: "203.0.113.9", subject: { email: "mia@a.test" }, before: null });
    expect(entries.some((e) => JSON.stringify(e).includes("out@o.test"))).toBe(false);
    expect(entries.some((e) => JSON.stringify(e).includes("x@o.test"))).toBe(false);
    const ids = entries.map((e) => BigInt(e.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
  });

  it("filters by kind and pages by cursor", async () => {
    const abe = await callerFor("abe@a.test");
    const signins = await abe.audit.central({ orgSlug: ORG, kind: "signins" });
    expect(
      signins.entries.every((e) => ["LOGIN", "LOGIN_FAILED", "LOGOUT", "LINK", "UNLINK"].includes(e.action)),
    ).toBe(true);
    const members = await abe.audit.central({ orgSlug: ORG, kind: "members" });
    expect(members.entries.every((e) => e.entityType === "org_membership")).toBe(true);
    expect((await abe.audit.central({ orgSlug: ORG, kind: "sso" })).entries.map((e) => e.entityType)).toEqual(
      ["organization_domain"],
    );

    const all = (await abe.audit.central({ orgSlug: ORG, limit: 200 })).entries;
    const first = await abe.audit.central({ orgSlug: ORG, limit: 2 });
    expect(first.entries.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
    const second = await abe.audit.central({ orgSlug: ORG, limit: 2, cursor: first.nextCursor! });
    expect(second.entries.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    expect(await codeOf(abe.audit.central({ orgSlug: ORG, cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });

  it("is for owners and admins: a member is refused, an outsider sees no org", async () => {
    await systemCaller().org.setMemberRole({ orgSlug: ORG, email: "mia@a.test", role: "member" });
    expect(await codeOf((await callerFor("mia@a.test")).audit.central({ orgSlug: ORG }))).toBe("FORBIDDEN");
    expect(await codeOf((await callerFor("out@o.test")).audit.central({ orgSlug: ORG }))).toBe("NOT_FOUND");
  });
});
