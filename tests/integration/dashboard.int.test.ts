/**
 * project.dashboard: counts by severity (drafts apart), the overdue list (critical
 * items, earliest due first, due = deadline else finish), the week ahead (open
 * items due within 7 days, finished ones left out) and the budget block (null
 * until the project keeps budget data).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { addDays } from "@/domain/dates";
import { today } from "@/server/clock";
import { callerFor, makeUser, systemCaller } from "./helpers";

const ORG = "dash-org";
let projectId: string;
const scope = () => ({ orgSlug: ORG, projectId });
const t = today();
const d = (n: number) => addDays(t, n);

beforeAll(async () => {
  await makeUser("owner@dash.test", "Dana Owner");
  await systemCaller().org.create({ name: "Dash Org", slug: ORG, ownerEmail: "owner@dash.test" });
  const owner = await callerFor("owner@dash.test");
  projectId = (await owner.project.create({ orgSlug: ORG, name: "Lighthouse", workstreams: ["Ops"] })).id;
  const add = (title: string, fields: Record<string, unknown>) =>
    owner.item.create({ ...scope(), type: "Action Item", title, ...fields });
  await add("Late by finish", { start: d(-30), finish: d(-2), percentComplete: 40, workstream: "Ops" }); // #1 critical, due -2
  await add("Past its deadline", { deadline: d(-9), percentComplete: 10 }); // #2 critical, due -9
  await add("Late start", { start: d(-5), finish: d(40) }); // #3 critical, due +40
  await add("Due in three days", { start: d(-1), finish: d(3), percentComplete: 50 }); // #4 open, due +3
  await add("Deadline in five", { deadline: d(5) }); // #5 open, due +5 (deadline wins)
  await add("Finished already", { start: d(-10), finish: d(2), percentComplete: 100 }); // #6 completed: not in the week
  await add("Next month", { start: d(20), finish: d(30) }); // #7 not due this week
  await add("A draft, late", { finish: d(-3), draft: true }); // #8 draft: counted apart
  await add("Long past its deadline", { deadline: d(-20) }); // #9 critical, 20 days past its deadline
});

describe("project.dashboard", () => {
  it("counts by severity with drafts apart, and lists overdue and the week ahead", async () => {
    const owner = await callerFor("owner@dash.test");
    const dash = await owner.project.dashboard(scope());
    expect(dash.project).toMatchObject({ name: "Lighthouse" });
    expect(dash.today).toBe(t);
    expect(dash.counts).toMatchObject({ critical: 4, completed: 1, drafts: 1, total: 8, open: 7 });
    expect(dash.overdueCount).toBe(4);
    // Worst kind first (past deadline, late finish, late start), each with the date it missed.
    expect(dash.overdue.map((r) => [r.itemNum, r.indicator, r.lateSince, r.due])).toEqual([
      [9, "Beyond Deadline!!!", d(-20), d(-20)],
      [2, "Beyond Deadline!!!", d(-9), d(-9)],
      [1, "Late Finish!!", d(-2), d(-2)],
      [3, "Late Start!!", d(-5), d(40)],
    ]);
    expect(dash.overdueKinds).toEqual({ pastDeadline: 2, lateFinish: 1, lateStart: 1 });
    expect(dash.overdue[2]).toMatchObject({
      title: "Late by finish",
      workstream: "Ops",
      percentComplete: 40,
    });
    expect(dash.dueThisWeek.map((r) => [r.itemNum, r.due])).toEqual([
      [4, d(3)],
      [5, d(5)],
    ]);
    expect(dash.budget).toBeNull();
  });

  it("shows the budget once the project has an allocation, the same figures as budget.metrics", async () => {
    const owner = await callerFor("owner@dash.test");
    await owner.budget.allocation.create({ ...scope(), amount: "12000", date: d(-20), note: "Initial" });
    const dash = await owner.project.dashboard(scope());
    const m = await owner.budget.metrics(scope());
    expect(dash.budget).toEqual({
      status: m.budgetStatus,
      budgetTotal: m.budgetTotal,
      burnToDate: m.burnToDate,
      burnPct: m.burnPct,
      budgetRemaining: m.budgetRemaining,
      estTotalBurn: m.estTotalBurn,
      updatesThru: m.updatesThru,
    });
    expect(m.budgetTotal).toBe(12000);
  });
});
