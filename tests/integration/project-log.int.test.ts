/** The project log at its core: notes, dependencies, workstreams, listing, project settings and the audit trail. */
import { beforeAll, describe, expect, it } from "vitest";
import { fixture } from "../support/fixtures";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";

const ORG = "core";
const sys = systemCaller();
let projectId: string;
let pm: Awaited<ReturnType<typeof callerFor>>;
const scope = () => ({ orgSlug: ORG, projectId });

beforeAll(async () => {
  await makeUser("owner@core.test", "Owner");
  await makeUser("pm@core.test", "Pat Manager");
  await makeUser("tm@core.test", "Tina Member");
  await sys.org.create({ name: "Core", slug: ORG, ownerEmail: "owner@core.test" });
  for (const e of ["pm@core.test", "tm@core.test"])
    await sys.org.addMember({ orgSlug: ORG, email: e, role: "member" });
  projectId = (
    await sys.project.importYaml({ orgSlug: ORG, raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml") })
  ).projectId;
  await sys.project.setRole({ ...scope(), email: "pm@core.test", role: "project_manager" });
  await sys.project.setRole({ ...scope(), email: "tm@core.test", role: "team_member" });
  pm = await callerFor("pm@core.test");
});

describe("notes", () => {
  it("adds dated notes, newest first, with the author", async () => {
    await pm.item.addNote({ ...scope(), itemNum: 7, date: "2030-01-02", content: "Later note" });
    await pm.item.addNote({ ...scope(), itemNum: 7, date: "2030-01-01", content: "Earlier note" });
    const item = await pm.item.get({ ...scope(), itemNum: 7 });
    expect(item.notes.slice(0, 2).map((n) => [n.date, n.content, n.author])).toEqual([
      ["2030-01-02", "Later note", "Pat Manager"],
      ["2030-01-01", "Earlier note", "Pat Manager"],
    ]);
  });

  it("imports v1 notes as separate dated notes", async () => {
    const item = await pm.item.get({ ...scope(), itemNum: 1 });
    expect(item.notes.map((n) => n.date)).toEqual(["2025-03-11", "2025-02-22"]);
    expect(item.notes[0]!.content).toContain("https://example.com/ticket/1");
  });

  it("lets only the author or a manager delete a note", async () => {
    const tm = await callerFor("tm@core.test");
    const mine = await tm.item.addNote({ ...scope(), itemNum: 8, content: "tm note" });
    const pms = await pm.item.addNote({ ...scope(), itemNum: 8, content: "pm note" });
    expect(await codeOf(tm.item.deleteNote({ ...scope(), itemNum: 8, noteId: pms.id }))).toBe("FORBIDDEN");
    expect(await codeOf(tm.item.deleteNote({ ...scope(), itemNum: 8, noteId: mine.id }))).toBe("OK");
    expect(await codeOf(pm.item.deleteNote({ ...scope(), itemNum: 8, noteId: pms.id }))).toBe("OK");
  });
});

describe("dependencies", () => {
  it("sets dependencies and shows them both ways", async () => {
    await pm.item.setDependencies({ ...scope(), itemNum: 30, dependsOn: [31, 32] });
    const item = await pm.item.get({ ...scope(), itemNum: 30 });
    expect(item.dependsOn.map((d) => d.itemNum)).toEqual([31, 32]);
    expect((await pm.item.get({ ...scope(), itemNum: 31 })).dependents.map((d) => d.itemNum)).toContain(30);
  });

  it("refuses a cycle and names it", async () => {
    const [a, b, c] = await Promise.all(
      ["A", "B", "C"].map((t) => pm.item.create({ ...scope(), type: "Plan Item", title: t })),
    );
    await pm.item.setDependencies({ ...scope(), itemNum: a!.itemNum, dependsOn: [b!.itemNum] });
    await pm.item.setDependencies({ ...scope(), itemNum: b!.itemNum, dependsOn: [c!.itemNum] });
    const err = await pm.item
      .setDependencies({ ...scope(), itemNum: c!.itemNum, dependsOn: [a!.itemNum] })
      .catch((e: Error & { code: string }) => e);
    expect((err as { code: string }).code).toBe("BAD_REQUEST");
    const names = [a, b, c].map((i) => `#${i!.itemNum}`);
    expect((err as Error).message).toContain("dependency cycle");
    for (const n of names) expect((err as Error).message).toContain(n);
    expect((await pm.item.get({ ...scope(), itemNum: c!.itemNum })).dependsOn).toEqual([]);
  });

  it("refuses self and missing items", async () => {
    expect(await codeOf(pm.item.setDependencies({ ...scope(), itemNum: 36, dependsOn: [36] }))).toBe(
      "BAD_REQUEST",
    );
    expect(await codeOf(pm.item.setDependencies({ ...scope(), itemNum: 36, dependsOn: [999] }))).toBe(
      "BAD_REQUEST",
    );
  });
});

describe("workstreams", () => {
  it("adds, renames, reorders and removes; items keep a sane state", async () => {
    const added = await pm.project.workstream.add({ ...scope(), name: "Ops" });
    expect(await codeOf(pm.project.workstream.add({ ...scope(), name: "ops" }))).toBe("CONFLICT");
    const renamed = await pm.project.workstream.rename({
      ...scope(),
      workstreamId: added.id,
      name: "Operations",
    });
    expect(renamed.name).toBe("Operations");
    const list = await pm.project.workstream.list(scope());
    const reversed = list.map((w) => w.id).reverse();
    expect((await pm.project.workstream.reorder({ ...scope(), order: reversed })).map((w) => w.id)).toEqual(
      reversed,
    );
    expect(await codeOf(pm.project.workstream.reorder({ ...scope(), order: reversed.slice(1) }))).toBe(
      "BAD_REQUEST",
    );

    const design = list.find((w) => w.name === "Design")!;
    const before = await pm.item.list({ ...scope(), workstreams: ["Design"] });
    expect(before.total).toBeGreaterThan(0);
    const res = await pm.project.workstream.remove({ ...scope(), workstreamId: design.id });
    expect(res.itemsCleared).toBe(before.total);
    const item = await pm.item.get({ ...scope(), itemNum: before.items[0]!.itemNum });
    expect(item.workstream).toBeNull();
    expect(item.version).toBe(before.items[0]!.version + 1);
  });

  it("is for managers only", async () => {
    const tm = await callerFor("tm@core.test");
    expect(await codeOf(tm.project.workstream.add({ ...scope(), name: "Nope" }))).toBe("FORBIDDEN");
  });
});

describe("listing", () => {
  it("filters server-side and combines filters with AND", async () => {
    const risks = await pm.item.list({ ...scope(), types: ["Risk"] });
    expect(risks.items.every((i) => i.type === "Risk")).toBe(true);
    const openRisks = await pm.item.list({ ...scope(), types: ["Risk"], openOnly: true });
    expect(
      openRisks.items.every(
        (i) => i.type === "Risk" && i.indicator !== "Completed" && i.indicator !== "Completed Recently",
      ),
    ).toBe(true);
    expect(openRisks.total).toBeLessThanOrEqual(risks.total);
    const critical = await pm.item.list({ ...scope(), criticalOnly: true });
    expect(critical.items.every((i) => i.severity === "critical")).toBe(true);
    const bySeverity = await pm.item.list({ ...scope(), severities: ["critical"] });
    expect(bySeverity.total).toBe(critical.total);
    const search = await pm.item.list({ ...scope(), search: "audit" });
    expect(
      search.items
        .map((i) => i.title.toLowerCase())
        .every(
          (t, k) =>
            t.includes("audit") || (search.items[k]!.description ?? "").toLowerCase().includes("audit"),
        ),
    ).toBe(true);
    expect((await pm.item.list({ ...scope(), search: "#12" })).items.map((i) => i.itemNum)).toContain(12);
    const noDrafts = await pm.item.list({ ...scope(), includeDrafts: false });
    expect(noDrafts.items.some((i) => i.draft)).toBe(false);
  });

  it("sorts by severity then deadline, and pages stably", async () => {
    const all = await pm.item.list({ ...scope(), sort: { by: "severity", dir: "asc" }, limit: 1000 });
    const ranks = all.items.map(
      (i) =>
        ["critical", "warning", "active", "upcoming", "completed", "done"].indexOf(i.severity ?? "") +
        (i.severity ? 0 : 99),
    );
    expect([...ranks].sort((a, b) => a - b)).toEqual(ranks);
    const page1 = await pm.item.list({ ...scope(), sort: { by: "severity", dir: "asc" }, limit: 10 });
    const page2 = await pm.item.list({
      ...scope(),
      sort: { by: "severity", dir: "asc" },
      limit: 10,
      cursor: page1.nextCursor!,
    });
    expect([...page1.items, ...page2.items].map((i) => i.itemNum)).toEqual(
      all.items.slice(0, 20).map((i) => i.itemNum),
    );
  });

  it("sorts risks by score (probability × impact, unscored last) and by risk owner", async () => {
    const made = [];
    for (const [p, i, owner] of [
      [3, 4, "Zoe"],
      [5, 5, "Ann"],
      [null, null, null],
      [2, 1, "Mia"],
    ] as const)
      made.push(
        await pm.item.create({
          ...scope(),
          type: "Risk",
          title: `Sortrisk ${p}x${i}`,
          probability: p,
          impact: i,
          riskOwner: owner,
        }),
      );
    const list = async (by: "riskScore" | "riskOwner", dir: "asc" | "desc") =>
      (await pm.item.list({ ...scope(), search: "Sortrisk", sort: { by, dir } })).items;
    expect((await list("riskScore", "desc")).map((i) => i.riskScore)).toEqual([25, 12, 2, null]);
    expect((await list("riskScore", "asc")).map((i) => i.riskScore)).toEqual([2, 12, 25, null]);
    expect((await list("riskOwner", "asc")).map((i) => i.riskOwner)).toEqual(["Ann", "Mia", "Zoe", null]);
    for (const m of made) await pm.item.delete({ ...scope(), itemNum: m.itemNum });
  });

  it("offers facets for the filter controls", async () => {
    const f = await pm.item.facets(scope());
    expect(f.assignees).toContain("Ana Ruiz");
    expect(f.rptOut).toEqual(expect.arrayContaining(["SR", "CL", "EXEC"]));
  });
});

describe("project settings and audit", () => {
  it("updates settings with validation and audits it", async () => {
    const updated = await pm.project.update({
      ...scope(),
      clientName: "Harbor Authority",
      projectEnd: "2025-12-31",
    });
    expect(updated.clientName).toBe("Harbor Authority");
    expect(
      await codeOf(pm.project.update({ ...scope(), projectStart: "2026-01-01", projectEnd: "2025-01-01" })),
    ).toBe("BAD_REQUEST");
    const owner = await callerFor("owner@core.test");
    const trail = await owner.audit.list({
      orgSlug: ORG,
      projectId,
      entityType: "project",
      action: "UPDATE",
    });
    expect(trail.entries[0]!.after).toMatchObject({ clientName: "Harbor Authority" });
  });

  it("keeps the audit log for admins", async () => {
    const tm = await callerFor("tm@core.test");
    expect(await codeOf(tm.audit.list({ orgSlug: ORG }))).toBe("FORBIDDEN");
    expect(await codeOf(pm.audit.list({ orgSlug: ORG, projectId }))).toBe("FORBIDDEN");
    const owner = await callerFor("owner@core.test");
    const page = await owner.audit.list({ orgSlug: ORG, limit: 5 });
    expect(page.entries).toHaveLength(5);
    const next = await owner.audit.list({ orgSlug: ORG, limit: 5, cursor: page.nextCursor! });
    expect(Number(next.entries[0]!.id)).toBeLessThan(Number(page.entries[4]!.id));
  });

  it("deletes a project only for project admins, with confirmation", async () => {
    const p = await sys.project.create({ orgSlug: ORG, name: "Temp" });
    await sys.project.setRole({
      orgSlug: ORG,
      projectId: p.id,
      email: "pm@core.test",
      role: "project_manager",
    });
    expect(await codeOf(pm.project.delete({ orgSlug: ORG, projectId: p.id, confirmName: "Temp" }))).toBe(
      "FORBIDDEN",
    );
    const owner = await callerFor("owner@core.test");
    expect(await codeOf(owner.project.delete({ orgSlug: ORG, projectId: p.id, confirmName: "nope" }))).toBe(
      "BAD_REQUEST",
    );
    await owner.project.delete({ orgSlug: ORG, projectId: p.id, confirmName: "Temp" });
    expect(await codeOf(owner.project.get({ orgSlug: ORG, projectId: p.id }))).toBe("NOT_FOUND");
  });
});

describe("what the UI asks for", () => {
  it("says whether the caller may edit an item and who wrote each note", async () => {
    const tm = await callerFor("tm@core.test");
    const mine = await tm.item.create({ ...scope(), type: "Action Item", title: "Tina's" });
    await tm.item.addNote({ ...scope(), itemNum: mine.itemNum, content: "note" });
    const got = await tm.item.get({ ...scope(), itemNum: mine.itemNum });
    expect(got.canEdit).toBe(true);
    expect(got.notes[0]!.authorId).toBeTruthy();
    expect((await tm.item.get({ ...scope(), itemNum: 2 })).canEdit).toBe(false);
    expect((await pm.item.get({ ...scope(), itemNum: 2 })).canEdit).toBe(true);
  });

  it("gives each project card its open and critical counts", async () => {
    const [p] = (await pm.project.list({ orgSlug: ORG })).filter((x) => x.id === projectId);
    const dash = await pm.project.dashboard(scope());
    expect(p!.criticalCount).toBe(dash.counts.critical);
    expect(p!.openCount).toBe(dash.counts.open);
  });
});
