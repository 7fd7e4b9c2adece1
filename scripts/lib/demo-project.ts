/**
 * The demo: Harbor Bridge Upgrade (40 items and a budget) and Cruise Terminal
 * Wi-Fi Refresh (14 items), written as v1 YAML in prisma/demo/ and gathered in
 * a portfolio. Both are moved in whole weeks so that their reference date lands
 * on today: on any day they show late, trending-late and due-soon items, a
 * critical path through their dependencies, and a budget mid-flight. They go in
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
import {
  parseBudgetYaml,
  parseRaidYaml,
  serializeBudgetYaml,
  serializeRaidYaml,
} from "../../src/domain/yaml-v1";
import { ROOT } from "./local-env";
import type { DemoLogin } from "./seed";
import type { RiskData } from "../../src/domain/types";

type Caller = ReturnType<typeof createCaller>;

/** The fixture day that becomes "today": a few items late, one trending late, two due within the week. */
const FIXTURE_TODAY = "2025-03-24";
const DEMO_DIR = path.join(ROOT, "prisma", "demo");

/**
 * Risk assessments for the demo's Risks and Issues (the v1 fixture has none), so the Risks tab,
 * the heat maps and the exposure figures have something to show on day one. Open risks spread
 * over the bands; #3 and #37 are finished, so they are listed but not counted.
 */
const DEMO_RISKS: Record<number, Partial<RiskData>> = {
  40: {
    probability: 4,
    impact: 5,
    residualProbability: 3,
    residualImpact: 4,
    riskOwner: "Dana Kowalski",
    mitigation: "Book the security reviewer two weeks early; share the threat model in advance.",
    contingency: "Go live with the reviewed scope only; defer the admin console.",
    costImpact: "40000.00",
    scheduleImpactDays: 15,
  },
  32: {
    probability: 4,
    impact: 4,
    riskOwner: "Ana Ruiz",
    mitigation: "Compare the twelve most-used legacy reports line by line each sprint.",
    contingency: "Keep the legacy reporting server running for one more quarter.",
    costImpact: "18000.00",
    scheduleImpactDays: 10,
  },
  15: {
    probability: 3,
    impact: 5,
    residualProbability: 2,
    residualImpact: 4,
    riskOwner: "Fatima Zahra",
    mitigation: "Rehearse a full restore in the staging environment before cut-over.",
    contingency: "Restore from the vendor's cold backup (48 h).",
    costImpact: "25000.00",
    scheduleImpactDays: 5,
  },
  14: {
    probability: 2,
    impact: 2,
    riskOwner: "Eitan Levi",
    mitigation: "Test the release notes on the three main mail clients.",
    costImpact: "1500.00",
    scheduleImpactDays: 1,
  },
  3: {
    probability: 3,
    impact: 3,
    residualProbability: 1,
    residualImpact: 3,
    riskOwner: "Ana Ruiz",
    mitigation: "External WCAG audit booked and passed.",
    costImpact: "6000.00",
    scheduleImpactDays: 3,
  },
  37: { probability: 2, impact: 4, riskOwner: "Ana Ruiz", mitigation: "Renewal signed for two years." },
  23: {
    probability: 5,
    impact: 3,
    riskOwner: "Ana Ruiz",
    mitigation: "Second rehearsal with production-sized data.",
    contingency: "Migrate in two waves.",
    costImpact: "12000.00",
    scheduleImpactDays: 7,
  },
  28: {
    probability: 3,
    impact: 4,
    riskOwner: "Bo Chen",
    mitigation: "Agree the go/no-go criteria with the sponsor this week.",
    scheduleImpactDays: 5,
  },
};

const appToday = () => todayIn(process.env.APP_TIME_ZONE || "UTC");

/** The demo's RAID (and Budget) files, moved so the fixture day lands on `today`. */
export function demoFiles(today = appToday()) {
  const days = weeksShift(FIXTURE_TODAY, today);
  const raid = readRaid("RAID-Log-Harbor-Bridge-Upgrade.yaml", days, DEMO_RISKS);
  const budget = parseBudgetYaml(
    readFileSync(path.join(DEMO_DIR, "Budget-Harbor-Bridge-Upgrade.yaml"), "utf8"),
  );
  if (!budget.ok) throw new Error("The demo budget in prisma/demo does not parse");
  return { raid, budget: serializeBudgetYaml(shiftBudget(budget.budget, days)) };
}

/** The second, smaller demo project (no budget), moved like the first. */
export function secondDemoFile(today = appToday()) {
  return readRaid("RAID-Log-Cruise-Terminal-Wi-Fi.yaml", weeksShift(FIXTURE_TODAY, today), {});
}

function readRaid(file: string, days: number, risks: Record<number, Partial<RiskData>>): string {
  const raid = parseRaidYaml(readFileSync(path.join(DEMO_DIR, file), "utf8"));
  if (!raid.ok) throw new Error(`The demo file prisma/demo/${file} does not parse`);
  const moved = shiftProject(
    raid.project,
    raid.items.map((i) => ({ ...i, ...risks[i.itemNum] })),
    days,
  );
  return serializeRaidYaml(moved.project, moved.items);
}

export async function seedDemoProject(sys: Caller, login: DemoLogin): Promise<string> {
  const files = demoFiles();
  const { projectId } = await sys.project.importYaml({
    orgSlug: login.org,
    raid: files.raid,
    budget: files.budget,
  });
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

  // A second project and a portfolio over both, so the portfolio and cross-project views have content.
  const second = await sys.project.importYaml({ orgSlug: login.org, raid: secondDemoFile() });
  await sys.project.setRole({
    orgSlug: login.org,
    projectId: second.projectId,
    email: "pat.manager@braidmgr.local",
    role: "project_manager",
  });
  await sys.portfolio.create({
    orgSlug: login.org,
    name: "Port Authority programme",
    description: "Everything the team runs for the Port Authority this year.",
    projectIds: [projectId, second.projectId],
  });
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
