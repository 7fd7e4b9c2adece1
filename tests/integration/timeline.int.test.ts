/**
 * project.timeline (issue #17.5): the Gantt chart's typed data. It must carry
 * exactly what the chart used to read from the JSON export — every item,
 * drafts included, with today's indicator and its dependencies.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { JsonExport } from "@/domain/export/json";
import { today } from "@/server/clock";
import { addDays } from "@/domain/dates";
import { makeUser, callerFor, systemCaller } from "./helpers";

const ORG = "gantt";
const sys = systemCaller();
let projectId: string;

beforeAll(async () => {
  await makeUser("pam@g.test", "Pam Planner");
  await makeUser("val@g.test", "Val Viewer");
  await sys.org.create({ name: "Gantt", slug: ORG, ownerEmail: "pam@g.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "val@g.test", role: "member" });
  projectId = (await sys.project.create({ orgSlug: ORG, name: "Bridge", workstreams: ["Civil"] })).id;
  await sys.project.setRole({ orgSlug: ORG, projectId, email: "val@g.test", role: "viewer" });
  const t = today();
  const base = { orgSlug: ORG, projectId };
  await sys.item.create({
    ...base,
    type: "Plan Item",
    title: "Survey",
    start: addDays(t, -20),
    finish: addDays(t, -5),
    workstream: "Civil",
  });
  await sys.item.create({
    ...base,
    type: "Deliverable",
    title: "Foundations",
    start: addDays(t, -4),
    finish: addDays(t, 30),
  });
  await sys.item.create({ ...base, type: "Action Item", title: "Draft idea", draft: true });
  await sys.item.setDependencies({ ...base, itemNum: 2, dependsOn: [1] });
});

describe("project.timeline", () => {
  it("gives a viewer every item with today's indicator and its dependencies", async () => {
    const val = await callerFor("val@g.test");
    const tl = await val.project.timeline({ orgSlug: ORG, projectId });
    expect(tl.today).toBe(today());
    expect(tl.items.map((i) => [i.itemNum, i.title, i.draft, i.dependsOn])).toEqual([
      [1, "Survey", false, []],
      [2, "Foundations", false, [1]],
      [3, "Draft idea", true, []],
    ]);
    expect(tl.items[0]).toMatchObject({
      workstream: "Civil",
      finish: addDays(today(), -5),
      indicator: "Late Finish!!",
    });
  });

  it("matches the JSON export field for field", async () => {
    const tl = await sys.project.timeline({ orgSlug: ORG, projectId });
    const exp = await sys.project.export({ orgSlug: ORG, projectId, format: "json" });
    const data = JSON.parse(exp.content) as JsonExport;
    expect(data.asOf).toBe(tl.today);
    const fields = (i: (typeof tl.items)[number]) => Object.keys(i) as (keyof typeof i)[];
    expect(
      data.items.map((e) =>
        Object.fromEntries(fields(tl.items[0]!).map((k) => [k, e[k] ?? (k === "dependsOn" ? [] : null)])),
      ),
    ).toEqual(tl.items);
  });
});
