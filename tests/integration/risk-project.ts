/**
 * The hand-worked project of src/domain/risk-schedule.hand.test.ts, built through
 * item.create (risk fields, dates, dependencies), with a project manager, a viewer
 * and an outsider from another org — shared by risk-register.int and schedule.int.
 * Call `setUpRiskProject()` once per file; the exported lets are live bindings.
 */
import { beforeAll } from "vitest";
import { callerFor, makeUser, systemCaller } from "./helpers";
import { tenantDb } from "./budget-support";

export const ORG = "risk-org";
export const FOREIGN = "risk-foreign";
export let projectId: string;
export const P = () => ({ orgSlug: ORG, projectId });
export type Caller = Awaited<ReturnType<typeof callerFor>>;
export let pm: Caller;
export let viewer: Caller;
export let outsider: Caller;

export const d = (md: string | null) => (md ? `2025-${md}` : null);

/** Creates the people, orgs and the hand-worked project (once per file). */
export function setUpRiskProject(): void {
  beforeAll(async () => {
    await makeUser("owner@risk.test", "Olive Owner");
    await makeUser("viewer@risk.test", "Vic Viewer");
    await makeUser("out@risk.test", "Otto Outsider");
    const sys = systemCaller();
    await sys.org.create({ name: "Risk Org", slug: ORG, ownerEmail: "owner@risk.test" });
    await sys.org.create({ name: "Foreign", slug: FOREIGN, ownerEmail: "out@risk.test" });
    await sys.org.addMember({ orgSlug: ORG, email: "viewer@risk.test", role: "member" });
    pm = await callerFor("owner@risk.test");
    viewer = await callerFor("viewer@risk.test");
    outsider = await callerFor("out@risk.test");
    projectId = (await pm.project.create({ orgSlug: ORG, name: "Hand worked", clientName: "ACME" })).id;
    await pm.project.setRole({ ...P(), email: "viewer@risk.test", role: "viewer" });

    // The hand-worked table (see src/domain/risk-schedule.hand.test.ts); items 1..11 in order.
    const plan = (
      title: string,
      type: "Plan Item" | "Deliverable" | "Action Item",
      s: string,
      f: string,
      pct: number,
    ) => pm.item.create({ ...P(), type, title, start: d(s), finish: d(f), percentComplete: pct });
    await plan("Design", "Plan Item", "04-01", "04-04", 100);
    await plan("Build", "Plan Item", "04-07", "04-18", 30);
    await plan("Test", "Deliverable", "04-19", "04-23", 0);
    await plan("Docs", "Action Item", "04-07", "04-11", 0);
    await plan("Go-live", "Deliverable", "04-24", "04-24", 0);
    await pm.item.create({
      ...P(),
      type: "Risk",
      title: "Supplier late",
      finish: d("04-30"),
      probability: 4,
      impact: 4,
      residualProbability: 2,
      residualImpact: 3,
      costImpact: "40000.00",
      scheduleImpactDays: 10,
      riskOwner: "Ana Ruiz",
      mitigation: "Second supplier on standby",
      contingency: "Air freight",
    });
    await pm.item.create({
      ...P(),
      type: "Risk",
      title: "Key person leaves",
      probability: 3,
      impact: 5,
      costImpact: "25000.55",
      scheduleImpactDays: 15,
      clientVisible: false,
    });
    await pm.item.create({
      ...P(),
      type: "Risk",
      title: "Permit refused",
      finish: d("04-05"),
      percentComplete: 100,
      probability: 5,
      impact: 5,
      costImpact: "99999.00",
      scheduleImpactDays: 30,
    });
    await pm.item.create({
      ...P(),
      type: "Risk",
      title: "Weather",
      draft: true,
      probability: 4,
      impact: 3,
      costImpact: "5000.00",
      scheduleImpactDays: 5,
    });
    await pm.item.create({
      ...P(),
      type: "Issue",
      title: "Crane broken",
      percentComplete: 10,
      probability: 5,
      impact: 4,
      costImpact: "8000.00",
      scheduleImpactDays: 3,
    });
    await pm.item.create({
      ...P(),
      type: "Plan Item",
      title: "Phase 2",
      start: d("04-01"),
      finish: d("05-30"),
      draft: true,
    });
    // Dependencies, through the tenant database (the dependency procedures are elsewhere).
    const db = await tenantDb(ORG);
    const ids = new Map(
      (await db.item.findMany({ where: { projectId }, select: { id: true, itemNum: true } })).map((i) => [
        i.itemNum,
        i.id,
      ]),
    );
    const deps: [number, number][] = [
      [2, 1],
      [3, 2],
      [4, 1],
      [5, 3],
      [5, 4],
      [11, 5],
    ];
    await db.itemDependency.createMany({
      data: deps.map(([a, b]) => ({ itemId: ids.get(a)!, dependsOnId: ids.get(b)! })),
    });
  });
}
