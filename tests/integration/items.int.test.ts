import pg from "pg";
import { beforeAll, describe, expect, it } from "vitest";
import { getCentralDb } from "@/server/db/central";
import { orgDatabaseUrl } from "@/server/db/clusters";
import { getTenantDb } from "@/server/db/tenant";
import { addDays, dateToIso } from "@/domain/dates";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "items-org";
let projectId: string;

beforeAll(async () => {
  for (const [email, name] of [
    ["owner@i.test", "Olive Owner"],
    ["pm@i.test", "Pat Manager"],
    ["tm@i.test", "Tina Member"],
    ["viewer@i.test", "Vic Viewer"],
  ] as const) {
    await makeUser(email, name);
  }
  const sys = systemCaller();
  await sys.org.create({ name: "Items Org", slug: ORG, ownerEmail: "owner@i.test" });
  for (const email of ["pm@i.test", "tm@i.test", "viewer@i.test"])
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  const owner = await callerFor("owner@i.test");
  projectId = (await owner.project.create({ orgSlug: ORG, name: "Harbor", workstreams: ["Design", "Build"] }))
    .id;
  await owner.project.setRole({ orgSlug: ORG, projectId, email: "pm@i.test", role: "project_manager" });
  await owner.project.setRole({ orgSlug: ORG, projectId, email: "tm@i.test", role: "team_member" });
  await owner.project.setRole({ orgSlug: ORG, projectId, email: "viewer@i.test", role: "viewer" });
});

describe("items", () => {
  it("numbers 20 concurrent creates 1..20 with no gaps or duplicates", async () => {
    const pm = await callerFor("pm@i.test");
    const created = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        pm.item.create({ orgSlug: ORG, projectId, type: "Action Item", title: `Task ${i}` }),
      ),
    );
    expect(created.map((c) => c.itemNum).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    const project = await pm.project.get({ orgSlug: ORG, projectId });
    expect(project.nextItemNum).toBe(21);
  });

  it("never reuses a number after a delete", async () => {
    const pm = await callerFor("pm@i.test");
    const a = await pm.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Soon gone" });
    await pm.item.delete({ orgSlug: ORG, projectId, itemNum: a.itemNum });
    const b = await pm.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Next" });
    expect(b.itemNum).toBe(a.itemNum + 1);
    expect(await codeOf(pm.item.get({ orgSlug: ORG, projectId, itemNum: a.itemNum }))).toBe("NOT_FOUND");
    await pm.item.restore({ orgSlug: ORG, projectId, itemNum: a.itemNum });
    expect((await pm.item.get({ orgSlug: ORG, projectId, itemNum: a.itemNum })).title).toBe("Soon gone");
  });

  it("computes the indicator on save", async () => {
    const pm = await callerFor("pm@i.test");
    const late = await pm.item.create({
      orgSlug: ORG,
      projectId,
      type: "Deliverable",
      title: "Late one",
      deadline: "2000-01-01",
    });
    expect(late.indicator).toBe("Beyond Deadline!!!");
    expect(late.severity).toBe("critical");
    const draft = await pm.item.create({
      orgSlug: ORG,
      projectId,
      type: "Issue",
      title: "Draft",
      draft: true,
      deadline: "2000-01-01",
    });
    expect(draft.indicator).toBeNull();
    const done = await pm.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: late.itemNum,
      version: late.version,
      percentComplete: 100,
    });
    expect(done.indicator).toBe("Completed");
    expect(done.version).toBe(late.version + 1);
  });

  it("keeps stored values for fields sent as undefined, and computes the indicator from what is stored", async () => {
    const pm = await callerFor("pm@i.test");
    const today = dateToIso(new Date());
    const start = addDays(today, -5);
    const finish = addDays(today, 60);
    const item = await pm.item.create({
      orgSlug: ORG,
      projectId,
      type: "Action Item",
      title: "Started late",
      start,
      finish,
    });
    expect(item.indicator).toBe("Late Start!!");
    // superjson carries explicit undefineds: they must mean "unchanged", like an absent field.
    const renamed = await pm.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: item.itemNum,
      version: item.version,
      title: "Still started late",
      start: undefined,
      finish: undefined,
      percentComplete: undefined,
    });
    expect(renamed).toMatchObject({
      title: "Still started late",
      start,
      finish,
      percentComplete: 0,
      indicator: "Late Start!!",
    });
    const stored = await pm.item.get({ orgSlug: ORG, projectId, itemNum: item.itemNum });
    expect(stored).toMatchObject({ start, finish, indicator: "Late Start!!" });
  });

  it("refuses item numbers and versions past the database's integer range as bad input (400), not a 500", async () => {
    const pm = await callerFor("pm@i.test");
    const item = await pm.item.create({ orgSlug: ORG, projectId, type: "Issue", title: "Range" });
    for (const call of [
      () => pm.item.get({ orgSlug: ORG, projectId, itemNum: 2 ** 31 }),
      () => pm.item.get({ orgSlug: ORG, projectId, itemNum: Number.MAX_SAFE_INTEGER }),
      () => pm.item.update({ orgSlug: ORG, projectId, itemNum: item.itemNum, version: 2 ** 40, title: "x" }),
      () => pm.item.setDependencies({ orgSlug: ORG, projectId, itemNum: item.itemNum, dependsOn: [2 ** 31] }),
      () => pm.item.list({ orgSlug: ORG, projectId, cursor: 2 ** 31 }),
    ]) {
      expect(await codeOf(call())).toBe("BAD_REQUEST");
    }
    expect(await codeOf(pm.item.get({ orgSlug: ORG, projectId, itemNum: 2 ** 31 - 1 }))).toBe("NOT_FOUND");
  });

  it("refuses a viewer FORBIDDEN and changes nothing", async () => {
    const viewer = await callerFor("viewer@i.test");
    const before = await viewer.item.list({ orgSlug: ORG, projectId });
    expect(await codeOf(viewer.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Nope" }))).toBe(
      "FORBIDDEN",
    );
    const after = await viewer.item.list({ orgSlug: ORG, projectId });
    expect(after.total).toBe(before.total);
  });

  it("lets a team member edit only their own items", async () => {
    const tm = await callerFor("tm@i.test");
    const pm = await callerFor("pm@i.test");
    const mine = await tm.item.create({ orgSlug: ORG, projectId, type: "Action Item", title: "Mine" });
    const edited = await tm.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: mine.itemNum,
      version: mine.version,
      percentComplete: 40,
    });
    expect(edited.percentComplete).toBe(40);
    const assigned = await pm.item.create({
      orgSlug: ORG,
      projectId,
      type: "Action Item",
      title: "For Tina",
      assignedTo: "Tina Member",
    });
    expect(
      (
        await tm.item.update({
          orgSlug: ORG,
          projectId,
          itemNum: assigned.itemNum,
          version: 1,
          percentComplete: 10,
        })
      ).percentComplete,
    ).toBe(10);
    const others = await pm.item.create({
      orgSlug: ORG,
      projectId,
      type: "Action Item",
      title: "Not Tina's",
    });
    expect(
      await codeOf(
        tm.item.update({ orgSlug: ORG, projectId, itemNum: others.itemNum, version: 1, title: "hijack" }),
      ),
    ).toBe("FORBIDDEN");
    expect(await codeOf(tm.item.delete({ orgSlug: ORG, projectId, itemNum: mine.itemNum }))).toBe(
      "FORBIDDEN",
    );
  });

  it("gives exactly one of two same-version updates the win; the other gets CONFLICT with the current item", async () => {
    const pm = await callerFor("pm@i.test");
    const owner = await callerFor("owner@i.test");
    const item = await pm.item.create({ orgSlug: ORG, projectId, type: "Issue", title: "Contended" });
    const results = await Promise.allSettled([
      pm.item.update({
        orgSlug: ORG,
        projectId,
        itemNum: item.itemNum,
        version: item.version,
        title: "PM's title",
      }),
      owner.item.update({
        orgSlug: ORG,
        projectId,
        itemNum: item.itemNum,
        version: item.version,
        percentComplete: 50,
      }),
    ]);
    const ok = results.filter((r) => r.status === "fulfilled");
    const failed = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]!.reason.code).toBe("CONFLICT");
    const current = await pm.item.get({ orgSlug: ORG, projectId, itemNum: item.itemNum });
    expect(current.version).toBe(item.version + 1);
  });

  it("validates input field by field and writes nothing", async () => {
    const pm = await callerFor("pm@i.test");
    const before = (await pm.item.list({ orgSlug: ORG, projectId })).total;
    const err = await pm.item
      .create({
        orgSlug: ORG,
        projectId,
        type: "Risk",
        title: "",
        percentComplete: 150,
        start: "2025-13-40",
      } as never)
      .catch((e: unknown) => e as { code: string; cause: { issues: { path: string[] }[] } });
    expect((err as { code: string }).code).toBe("BAD_REQUEST");
    const paths = (err as { cause: { issues: { path: string[] }[] } }).cause.issues.map((i) =>
      i.path.join("."),
    );
    expect(paths).toEqual(expect.arrayContaining(["title", "percentComplete", "start"]));
    expect(
      await codeOf(pm.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "x", workstream: "Nope" })),
    ).toBe("BAD_REQUEST");
    expect((await pm.item.list({ orgSlug: ORG, projectId })).total).toBe(before);
  });

  it("audits every change with before/after state and actor, in an append-only log", async () => {
    const pm = await callerFor("pm@i.test");
    const item = await pm.item.create({
      orgSlug: ORG,
      projectId,
      type: "Decision",
      title: "Audited",
      workstream: "Design",
    });
    await pm.item.update({
      orgSlug: ORG,
      projectId,
      itemNum: item.itemNum,
      version: 1,
      title: "Audited twice",
    });
    const org = await getCentralDb().organization.findUniqueOrThrow({ where: { slug: ORG } });
    const db = getTenantDb(org);
    const rows = await db.auditLog.findMany({
      where: { entityType: "item", entityId: item.id },
      orderBy: { id: "asc" },
    });
    expect(rows.map((r) => r.action)).toEqual(["CREATE", "UPDATE"]);
    const pmUser = await getCentralDb().user.findUniqueOrThrow({ where: { email: "pm@i.test" } });
    expect(rows.every((r) => r.actorId === pmUser.id && r.correlationId)).toBe(true);
    expect((rows[1]!.before as { title: string }).title).toBe("Audited");
    expect((rows[1]!.after as { title: string }).title).toBe("Audited twice");
    expect((rows[0]!.after as { workstream: string }).workstream).toBe("Design");

    const c = new pg.Client({ connectionString: orgDatabaseUrl(org) });
    await c.connect();
    try {
      await expect(c.query("UPDATE audit_log SET action = 'X'")).rejects.toThrow(/append-only/);
      await expect(c.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
      await expect(c.query("TRUNCATE audit_log")).rejects.toThrow(/append-only/);
    } finally {
      await c.end();
    }
    const central = new pg.Client({ connectionString: process.env.DATABASE_URL });
    await central.connect();
    try {
      await expect(central.query("DELETE FROM audit_log")).rejects.toThrow(/append-only/);
    } finally {
      await central.end();
    }
  });
});
