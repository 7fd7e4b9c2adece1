/**
 * SPEC §6, table-driven: every project/item procedure called by every kind of
 * caller, and the outcome must be exactly what the spec's table says.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "matrix";
const OTHER = "elsewhere";
type Caller = Awaited<ReturnType<typeof callerFor>>;

const CALLERS = ["viewer", "team_member", "project_manager", "admin", "org_admin", "other_org"] as const;
type Who = (typeof CALLERS)[number];

let projectId: string;
// One fresh item per (procedure, caller) so outcomes never depend on test order.
const fresh = async (title: string) =>
  (await systemCaller().item.create({ orgSlug: ORG, projectId, type: "Action Item", title })).itemNum;

type Case = { name: string; call: (api: Caller) => Promise<unknown>; allowed: Who[] };

const VIEW: Who[] = ["viewer", "team_member", "project_manager", "admin", "org_admin"];
const CREATE: Who[] = ["team_member", "project_manager", "admin", "org_admin"];
const MANAGE: Who[] = ["project_manager", "admin", "org_admin"];
const ADMIN: Who[] = ["admin", "org_admin"];

const cases = (): Case[] => [
  { name: "project.get", call: (a) => a.project.get({ orgSlug: ORG, projectId }), allowed: VIEW },
  { name: "project.dashboard", call: (a) => a.project.dashboard({ orgSlug: ORG, projectId }), allowed: VIEW },
  {
    name: "project.export",
    call: (a) => a.project.export({ orgSlug: ORG, projectId, format: "csv" }),
    allowed: VIEW,
  },
  { name: "budget.metrics", call: (a) => a.budget.metrics({ orgSlug: ORG, projectId }), allowed: VIEW },
  { name: "item.list", call: (a) => a.item.list({ orgSlug: ORG, projectId }), allowed: VIEW },
  {
    name: "item.get",
    call: async (a) => a.item.get({ orgSlug: ORG, projectId, itemNum: await fresh("get") }),
    allowed: VIEW,
  },
  {
    name: "item.create",
    call: (a) => a.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "new" }),
    allowed: CREATE,
  },
  {
    name: "item.update (someone else's item)",
    call: async (a) =>
      a.item.update({ orgSlug: ORG, projectId, itemNum: await fresh("upd"), version: 1, percentComplete: 5 }),
    allowed: MANAGE,
  },
  {
    name: "item.delete",
    call: async (a) => a.item.delete({ orgSlug: ORG, projectId, itemNum: await fresh("del") }),
    allowed: MANAGE,
  },
  {
    name: "item.restore",
    call: async (a) => {
      const n = await fresh("res");
      await systemCaller().item.delete({ orgSlug: ORG, projectId, itemNum: n });
      return a.item.restore({ orgSlug: ORG, projectId, itemNum: n });
    },
    allowed: MANAGE,
  },
  {
    name: "item.recalculateIndicators",
    call: (a) => a.item.recalculateIndicators({ orgSlug: ORG, projectId }),
    allowed: MANAGE,
  },
  {
    name: "project.setRole",
    call: (a) => a.project.setRole({ orgSlug: ORG, projectId, email: "spare@m.test", role: "viewer" }),
    allowed: ADMIN,
  },
];

const callers = {} as Record<Who, Caller>;

beforeAll(async () => {
  const sys = systemCaller();
  await makeUser("owner@m.test", "Owner");
  await makeUser("other@o.test", "Other");
  await sys.org.create({ name: "Matrix", slug: ORG, ownerEmail: "owner@m.test" });
  await sys.org.create({ name: "Elsewhere", slug: OTHER, ownerEmail: "other@o.test" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Matrix project" })).id;
  for (const who of ["viewer", "team_member", "project_manager", "admin", "org_admin", "spare"]) {
    const email = `${who}@m.test`;
    await makeUser(email, who);
    await sys.org.addMember({ orgSlug: ORG, email, role: who === "org_admin" ? "admin" : "member" });
    if (["viewer", "team_member", "project_manager", "admin"].includes(who)) {
      await sys.project.setRole({ orgSlug: ORG, projectId, email, role: who as "viewer" });
    }
  }
  for (const who of CALLERS)
    callers[who] = await callerFor(who === "other_org" ? "other@o.test" : `${who}@m.test`);
});

describe("SPEC §6 role matrix", () => {
  const table = cases().flatMap((c) => CALLERS.map((who) => [c.name, who] as const));
  it.each(table)("%s as %s", async (name, who) => {
    const c = cases().find((x) => x.name === name)!;
    const expectedCode = c.allowed.includes(who) ? "OK" : who === "other_org" ? "NOT_FOUND" : "FORBIDDEN";
    expect(await codeOf(c.call(callers[who]))).toBe(expectedCode);
  });

  it("hides the project from a member without a role (NOT_FOUND, not FORBIDDEN)", async () => {
    const spare = await callerFor("spare@m.test");
    // spare may have been granted viewer by the setRole cases above; remove it first.
    await systemCaller().project.setRole({ orgSlug: ORG, projectId, email: "spare@m.test", role: null });
    expect(await codeOf(spare.project.get({ orgSlug: ORG, projectId }))).toBe("NOT_FOUND");
    expect((await spare.project.list({ orgSlug: ORG })).map((p) => p.id)).not.toContain(projectId);
  });

  it("takes role changes into account on the very next request", async () => {
    const spare = await callerFor("spare@m.test");
    await systemCaller().project.setRole({ orgSlug: ORG, projectId, email: "spare@m.test", role: "viewer" });
    expect(await codeOf(spare.project.get({ orgSlug: ORG, projectId }))).toBe("OK");
    await systemCaller().project.setRole({ orgSlug: ORG, projectId, email: "spare@m.test", role: null });
    expect(await codeOf(spare.project.get({ orgSlug: ORG, projectId }))).toBe("NOT_FOUND");
  });
});
