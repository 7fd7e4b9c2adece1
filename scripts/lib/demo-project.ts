/**
 * The demo project: the Harbor Bridge fixture (kept in prisma/demo/), moved
 * in whole weeks so that its reference date lands on today. It then shows,
 * on any day it is started, late items, trending-late and due-soon ones, a
 * critical path through its dependencies, and a budget mid-flight. It goes in
 * through the same import procedure users call; a "plan of record" baseline
 * from three weeks earlier is added beside the one the import takes, so the
 * timeline's baseline comparison has slips to show at once.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { createCaller } from "../../src/server/api/root";
import { addDays, todayIn } from "../../src/domain/dates";
import { getCentralDb } from "../../src/server/db/central";
import { getTenantDb } from "../../src/server/db/tenant";
import { loadProjectRecords } from "../../src/server/services/records";
import { insertBaseline } from "../../src/server/services/risk-schedule";
import { DEMO_BASELINE_DAYS_AGO, DEMO_BASELINE_NAME, demoBaselinePlan } from "./demo-baseline";
import { shiftBudget, shiftProject, weeksShift } from "../../src/domain/shift";
import { parseBudgetYaml, parseRaidYaml, serializeBudgetYaml, serializeRaidYaml } from "../../src/domain/yaml-v1";
import { ROOT } from "./local-env";
import type { DemoLogin } from "./seed";

type Caller = ReturnType<typeof createCaller>;

/** The fixture day that becomes "today": a few items late, one trending late, two due within the week. */
const FIXTURE_TODAY = "2025-03-24";
const DEMO_DIR = path.join(ROOT, "prisma", "demo");

const appToday = () => todayIn(process.env.APP_TIME_ZONE || "UTC");

export function demoFiles(today = appToday()) {
  const raid = parseRaidYaml(readFileSync(path.join(DEMO_DIR, "RAID-Log-Harbor-Bridge-Upgrade.yaml"), "utf8"));
  const budget = parseBudgetYaml(readFileSync(path.join(DEMO_DIR, "Budget-Harbor-Bridge-Upgrade.yaml"), "utf8"));
  if (!raid.ok || !budget.ok) throw new Error("The demo files in prisma/demo do not parse");
  const days = weeksShift(FIXTURE_TODAY, today);
  const moved = shiftProject(raid.project, raid.items, days);
  return {
    raid: serializeRaidYaml(moved.project, moved.items),
    budget: serializeBudgetYaml(shiftBudget(budget.budget, days)),
  };
}

export async function seedDemoProject(sys: Caller, login: DemoLogin): Promise<string> {
  const files = demoFiles();
  const { projectId } = await sys.project.importYaml({ orgSlug: login.org, raid: files.raid, budget: files.budget });
  const owner = { orgSlug: login.org, projectId };
  // A small team so the members and permissions screens have people in them.
  for (const [email, name, role] of [
    ["pat.manager@braidmgr.local", "Pat Manager", "project_manager"],
    ["tina.member@braidmgr.local", "Tina Member", "team_member"],
    ["vic.viewer@braidmgr.local", "Vic Viewer", "viewer"],
  ] as const) {
    await sys.user.create({ email, name, password: login.password });
    await sys.org.addMember({ orgSlug: login.org, email, role: "member" });
    await sys.project.setRole({ ...owner, email, role });
  }
  await seedPlanOfRecord(login.org, projectId, appToday());
  return projectId;
}

/** The "plan of record" baseline, taken (as far as anyone can tell) three weeks ago. */
async function seedPlanOfRecord(orgSlug: string, projectId: string, today: string) {
  const db = getTenantDb(await getCentralDb().organization.findUniqueOrThrow({ where: { slug: orgSlug } }));
  const { items } = await loadProjectRecords(db, projectId, { withNotes: false });
  const takenAt = new Date(`${addDays(today, -DEMO_BASELINE_DAYS_AGO)}T09:00:00Z`);
  const actor = { userId: null, name: "system", correlationId: randomUUID() };
  await db.$transaction((tx) =>
    insertBaseline(tx, actor, projectId, DEMO_BASELINE_NAME, demoBaselinePlan(items, today), "manual", {
      takenAt,
    }),
  );
}
