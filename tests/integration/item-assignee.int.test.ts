/**
 * Edit rights follow the assignee's user id, never a display name (#14.5):
 * a team member who renames themselves to another member's name gains
 * nothing. Assignees are linked to members when picked (by id), typed as an
 * e-mail or a name no other member shares, and on import.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { failureOf, tenantDb, userId } from "./budget-support";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "assignee-org";
const sys = systemCaller();
let projectId: string;
let alice: string;
let mallory: string;

beforeAll(async () => {
  await makeUser("owner@assign.test", "Olga Owner");
  await sys.org.create({ name: "Assign", slug: ORG, ownerEmail: "owner@assign.test" });
  for (const [email, name] of [
    ["alice@assign.test", "Alice Smith"],
    ["mallory@assign.test", "Mallory Jones"],
    ["bo1@assign.test", "Bo Chen"],
    ["bo2@assign.test", "Bo Chen"],
  ]) {
    await makeUser(email!, name);
    await sys.org.addMember({ orgSlug: ORG, email: email!, role: "member" });
  }
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Assignments" })).id;
  for (const email of ["alice@assign.test", "mallory@assign.test"]) {
    await sys.project.setRole({ orgSlug: ORG, projectId, email, role: "team_member" });
  }
  alice = await userId("alice@assign.test");
  mallory = await userId("mallory@assign.test");
});

const scope = () => ({ orgSlug: ORG, projectId });

describe("edit rights by user id", () => {
  it("a member renamed to Alice's display name cannot edit Alice's item; Alice can", async () => {
    const owner = await callerFor("owner@assign.test");
    // Assigned by typing her name (as the API and quick edits do): linked to Alice, the only member so called.
    const item = await owner.item.create({
      ...scope(),
      type: "Action Item",
      title: "Alice's task",
      assignedTo: "Alice Smith",
    });
    expect(item.assignedToUserId).toBe(alice);

    const asMallory = await callerFor("mallory@assign.test");
    await asMallory.user.updateProfile({ name: "Alice Smith" });
    const renamed = await callerFor("mallory@assign.test"); // a fresh session with the new name
    expect(
      await codeOf(
        renamed.item.update({ ...scope(), itemNum: item.itemNum, version: item.version, title: "Hijacked" }),
      ),
    ).toBe("FORBIDDEN");
    expect((await renamed.item.get({ ...scope(), itemNum: item.itemNum })).canEdit).toBe(false);

    const asAlice = await callerFor("alice@assign.test");
    expect((await asAlice.item.get({ ...scope(), itemNum: item.itemNum })).canEdit).toBe(true);
    const saved = await asAlice.item.update({
      ...scope(),
      itemNum: item.itemNum,
      version: item.version,
      percentComplete: 50,
    });
    expect(saved.percentComplete).toBe(50);

    // Now two members are called "Alice Smith": a new item typed with that name links to no one.
    const ambiguous = await owner.item.create({
      ...scope(),
      type: "Risk",
      title: "Whose?",
      assignedTo: "Alice Smith",
    });
    expect(ambiguous.assignedToUserId).toBeNull();
    expect(
      await codeOf(
        renamed.item.update({
          ...scope(),
          itemNum: ambiguous.itemNum,
          version: ambiguous.version,
          title: "x",
        }),
      ),
    ).toBe("FORBIDDEN");
    await asMallory.user.updateProfile({ name: "Mallory Jones" });
  });

  it("links a member picked by id and shows their name; refuses someone outside the org", async () => {
    const owner = await callerFor("owner@assign.test");
    const item = await owner.item.create({
      ...scope(),
      type: "Issue",
      title: "Picked",
      assignedToUserId: mallory,
      assignedTo: "Someone else",
      probability: 3,
      impact: 4,
      costImpact: "1200.50",
      scheduleImpactDays: 6,
      start: "2026-03-02",
      finish: "2026-04-30",
      deadline: "2026-05-15",
      budgetAmount: "25000",
      rptOut: ["SC"],
    });
    expect(item).toMatchObject({ assignedToUserId: mallory, assignedTo: "Mallory Jones" });
    // The list (plain SQL) carries the same fields as item.get, the link included.
    const listed = (await owner.item.list({ ...scope() })).items.find((r) => r.itemNum === item.itemNum);
    const got = await owner.item.get({ ...scope(), itemNum: item.itemNum });
    expect(listed).toMatchObject({ assignedToUserId: mallory, assignedTo: "Mallory Jones" });
    const onlyOnGet = Object.keys(got).filter((k) => !(k in listed!));
    // Everything else is the same field list (a column missing from the SQL shows up here).
    expect(onlyOnGet.sort()).toEqual(["canEdit", "dependents", "dependsOn", "notes"]);
    const shared = Object.keys(listed!);
    expect(Object.fromEntries(shared.map((k) => [k, got[k as keyof typeof got]]))).toEqual(listed);
    // And both hot reads (plain SQL through the pool) give exactly what Prisma's row gives.
    expect(listed).toEqual(item);
    expect(listed).toMatchObject({
      start: "2026-03-02",
      budgetAmount: "25000.00",
      costImpact: "1200.50",
      rptOut: ["SC"],
    });

    await makeUser("outsider@else.test", "Outsider");
    const f = await failureOf(
      owner.item.create({
        ...scope(),
        type: "Issue",
        title: "No",
        assignedToUserId: await userId("outsider@else.test"),
      }),
    );
    expect(f).toMatchObject({
      code: "BAD_REQUEST",
      fields: { assignedToUserId: ["That person is not a member of this organization"] },
    });
  });

  it("reassigning by text moves the rights: the old assignee loses them, an e-mail picks the right namesake", async () => {
    const owner = await callerFor("owner@assign.test");
    const item = await owner.item.create({
      ...scope(),
      type: "Action Item",
      title: "Moves",
      assignedToUserId: alice,
    });
    const moved = await owner.item.update({
      ...scope(),
      itemNum: item.itemNum,
      version: item.version,
      assignedTo: "Vendor PM",
    });
    expect(moved).toMatchObject({ assignedTo: "Vendor PM", assignedToUserId: null });
    const asAlice = await callerFor("alice@assign.test");
    expect(
      await codeOf(
        asAlice.item.update({ ...scope(), itemNum: item.itemNum, version: moved.version, title: "x" }),
      ),
    ).toBe("FORBIDDEN");

    const bo = await owner.item.update({
      ...scope(),
      itemNum: item.itemNum,
      version: moved.version,
      assignedTo: "bo2@assign.test",
    });
    expect(bo.assignedToUserId).toBe(await userId("bo2@assign.test"));
  });
});

describe("assignees on import", () => {
  it("links by e-mail or a unique name, never a shared one, and links older items on request", async () => {
    const raid = [
      "metadata:",
      "  project_name: Imported",
      "items:",
      ...[
        [1, "Alice Smith"],
        [2, "MALLORY@assign.test"],
        [3, "Bo Chen"],
        [4, "Vendor PM"],
        [5, "mallory   jones"],
      ].map(([n, who]) => `- item_num: ${n}\n  type: Risk\n  title: T${n}\n  assigned_to: ${who}`),
    ].join("\n");
    const { projectId: imported } = await sys.project.importYaml({ orgSlug: ORG, raid });
    const db = await tenantDb(ORG);
    const links = await db.item.findMany({
      where: { projectId: imported },
      orderBy: { itemNum: "asc" },
      select: { itemNum: true, assignedToUserId: true },
    });
    expect(links.map((l) => l.assignedToUserId)).toEqual([alice, mallory, null, null, mallory]);

    // Items saved by name before members were linked: the link is made on request.
    await db.item.updateMany({ where: { projectId: imported }, data: { assignedToUserId: null } });
    const r = await sys.project.linkAssignees({ orgSlug: ORG, projectId: imported });
    expect(r.linked).toBe(3);
    const again = await db.item.findMany({
      where: { projectId: imported },
      orderBy: { itemNum: "asc" },
      select: { assignedToUserId: true },
    });
    expect(again.map((l) => l.assignedToUserId)).toEqual([alice, mallory, null, null, mallory]);
  });
});
