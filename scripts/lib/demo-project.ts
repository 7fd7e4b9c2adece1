/**
 * The demo project. Until the v1 YAML import lands this builds a small project
 * by hand, with dates around today so the indicators look alive.
 */
import type { createCaller } from "../../src/server/api/root";
import { addDays, todayIn } from "../../src/domain/dates";
import type { DemoLogin } from "./seed";

type Caller = ReturnType<typeof createCaller>;

export async function seedDemoProject(sys: Caller, login: DemoLogin): Promise<string> {
  const t = todayIn("UTC");
  const d = (n: number) => addDays(t, n);
  const orgSlug = login.org;
  const project = await sys.project.create({
    orgSlug,
    name: "Harbor Bridge Upgrade",
    clientName: "Port Authority",
    projectStart: d(-120),
    projectEnd: d(150),
    workstreams: ["Design", "Build", "Test", "Rollout", "Change Mgmt"],
  });
  const projectId = project.id;
  const items = [
    { type: "Risk", title: "Steel delivery may slip past the lift window", workstream: "Build", assignedTo: "Bo Chen", start: d(-30), finish: d(-2), percentComplete: 60, priority: "High" },
    { type: "Action Item", title: "Confirm crane permit with the city", workstream: "Rollout", assignedTo: "Ana Ruiz", start: d(-10), finish: d(9), duration: 15, percentComplete: 10, priority: "High" },
    { type: "Issue", title: "Load test rig calibration failed", workstream: "Test", assignedTo: "Dana Kowalski", deadline: d(-3), percentComplete: 20, priority: "High" },
    { type: "Decision", title: "Use night shifts for deck replacement", workstream: "Build", assignedTo: "Bo Chen", start: d(-40), finish: d(-5), percentComplete: 100, priority: "Medium" },
    { type: "Deliverable", title: "Traffic management plan v2", workstream: "Change Mgmt", assignedTo: "Fatima Zahra", start: d(-7), finish: d(6), percentComplete: 50, priority: "Medium" },
    { type: "Plan Item", title: "Cable inspection", workstream: "Test", assignedTo: "Chidi Okafor", start: d(5), finish: d(30), percentComplete: 0, priority: "Medium" },
    { type: "Action Item", title: "Stakeholder briefing pack", workstream: "Change Mgmt", assignedTo: "Ana Ruiz", start: d(-3), finish: d(40), percentComplete: 30, priority: "Low" },
    { type: "Budget", title: "Contingency drawdown for bearings", workstream: "Build", assignedTo: "Bo Chen", budgetAmount: "18500.00", priority: "Medium" },
  ] as const;
  for (const item of items) await sys.item.create({ orgSlug, projectId, ...item });
  return projectId;
}
