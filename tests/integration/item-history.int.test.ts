/**
 * item.history: the editor's History section — who changed what on one item,
 * newest first, with field labels and before → after; its notes and
 * dependencies too; nothing from other items; any project member may read it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "history-org";
let projectId: string;
const P = () => ({ orgSlug: ORG, projectId });

beforeAll(async () => {
  await makeUser("owner@h.test", "Olive Owner");
  await makeUser("pm@h.test", "Pat Manager");
  await makeUser("viewer@h.test", "Vic Viewer");
  await makeUser("stranger@h.test", "Sam Stranger");
  const sys = systemCaller();
  await sys.org.create({ name: "History Org", slug: ORG, ownerEmail: "owner@h.test" });
  for (const email of ["pm@h.test", "viewer@h.test", "stranger@h.test"])
    await sys.org.addMember({ orgSlug: ORG, email, role: "member" });
  const owner = await callerFor("owner@h.test");
  projectId = (await owner.project.create({ orgSlug: ORG, name: "Lighthouse", workstreams: ["Ops"] })).id;
  await owner.project.setRole({ ...P(), email: "pm@h.test", role: "project_manager" });
  await owner.project.setRole({ ...P(), email: "viewer@h.test", role: "viewer" });
});

describe("item.history", () => {
  it("tells who changed what, newest first, in words people use", async () => {
    const owner = await callerFor("owner@h.test");
    const pm = await callerFor("pm@h.test");
    const a = await owner.item.create({ ...P(), type: "Action Item", title: "Book the crane" });
    const other = await owner.item.create({ ...P(), type: "Risk", title: "Wind delays the lift" });
    const edited = await pm.item.update({
      ...P(),
      itemNum: a.itemNum,
      version: a.version,
      percentComplete: 40,
      priority: "High",
    });
    await pm.item.update({
      ...P(),
      itemNum: a.itemNum,
      version: edited.version,
      title: "Book the 60 t crane",
    });
    await pm.item.addNote({ ...P(), itemNum: a.itemNum, content: "Vendor confirmed Tuesday" });
    await pm.item.setDependencies({ ...P(), itemNum: a.itemNum, dependsOn: [other.itemNum] });
    await owner.item.update({
      ...P(),
      itemNum: other.itemNum,
      version: other.version,
      title: "Not this one",
    });

    const viewer = await callerFor("viewer@h.test");
    const { entries, truncated } = await viewer.item.history({ ...P(), itemNum: a.itemNum });
    expect(truncated).toBe(false);
    expect(entries.map((e) => [e.who, e.summary])).toEqual([
      ["Pat Manager", `now depends on #${other.itemNum}`],
      ["Pat Manager", "added a note"],
      ["Pat Manager", "changed Title"],
      ["Pat Manager", "changed 3 fields"],
      ["Olive Owner", "created the item"],
    ]);
    expect(entries[1]!.note).toBe("Vendor confirmed Tuesday");
    expect(entries[2]!.changes).toEqual([
      { field: "title", label: "Title", before: "Book the crane", after: "Book the 60 t crane" },
    ]);
    // % complete and priority, and the indicator the edit moved.
    expect(entries[3]!.changes.map((c) => [c.label, c.before, c.after])).toEqual(
      expect.arrayContaining([
        ["% complete", "0", "40"],
        ["Priority", "—", "High"],
        ["Indicator", "—", "In Progress"],
      ]),
    );
  });

  it("is for the project's members only, and a missing item is NOT_FOUND", async () => {
    const stranger = await callerFor("stranger@h.test");
    expect(await codeOf(stranger.item.history({ ...P(), itemNum: 1 }))).toMatch(/NOT_FOUND|FORBIDDEN/);
    const owner = await callerFor("owner@h.test");
    expect(await codeOf(owner.item.history({ ...P(), itemNum: 999 }))).toBe("NOT_FOUND");
  });

  it("keeps assistant conversations out of the audit log unless asked for by name", async () => {
    const owner = await callerFor("owner@h.test");
    const session = await owner.chat.create({ orgSlug: ORG, projectId, title: "Private thoughts" });
    const log = await owner.audit.list({ orgSlug: ORG, projectId });
    expect(log.entries.some((e) => e.entityType === "chat_session")).toBe(false);
    expect(log.entries.some((e) => e.entityType === "item")).toBe(true);
    const asked = await owner.audit.list({ orgSlug: ORG, entityType: "chat_session" });
    expect(asked.entries.map((e) => e.entityId)).toContain(session.id);
  });
});
