/**
 * Budget imports into an existing project: the v1 Budget YAML alone (all or
 * nothing, refuses to overwrite unless asked) and the timesheet CSV upload
 * (preview writes nothing; a file with a bad row is refused whole). Also the
 * portfolio roll-up over imported projects.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { expected, fixture } from "../support/fixtures";
import { callerFor, codeOf, makeUser, systemCaller } from "./helpers";
import { failureOf, tenantDb } from "./budget-support";
import { rollUpProjectsBudget } from "@/server/services/budget-rollup";

const ORG = "budget-import";
const BUDGET_FILE = expected.budget[0]!.file;
type Caller = Awaited<ReturnType<typeof callerFor>>;
let owner: Caller, pm: Caller;

const camel = (s: string) => s.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());

beforeAll(async () => {
  await makeUser("owner@bi.test", "Olive Owner");
  await makeUser("pm@bi.test", "Pat Manager");
  const sys = systemCaller();
  await sys.org.create({ name: "Budget Import", slug: ORG, ownerEmail: "owner@bi.test" });
  await sys.org.addMember({ orgSlug: ORG, email: "pm@bi.test", role: "member" });
  owner = await callerFor("owner@bi.test");
  pm = await callerFor("pm@bi.test");
});

async function newProject(name: string, workstreams: string[] = []) {
  const { id } = await owner.project.create({ orgSlug: ORG, name, workstreams });
  await owner.project.setRole({ orgSlug: ORG, projectId: id, email: "pm@bi.test", role: "project_manager" });
  return id;
}

async function expectFixtureMetrics(projectId: string) {
  const exp = expected.budget[0]!;
  const m = await pm.budget.metrics({ orgSlug: ORG, projectId });
  for (const [key, value] of Object.entries(exp.metrics)) {
    if (key === "budget_status_icon") continue;
    const got = (m as unknown as Record<string, unknown>)[camel(key)];
    if (typeof value === "number") expect(Math.abs((got as number) - value), key).toBeLessThanOrEqual(0.01);
    else expect(got, key).toBe(value);
  }
  expect(m.weeklyBurn.map((w) => [w.weekEnding, w.cost, w.cumulative])).toEqual(
    exp.weekly_burn.map((w) => [w.week_ending, w.cost, w.cumulative]),
  );
  expect(m.resourceBurn.map((r) => [r.resource, r.hours, r.cost])).toEqual(
    exp.resource_burn.map((r) => [r.resource, r.hours, r.cost]),
  );
  return m;
}

describe("budget YAML into an existing project", () => {
  let projectId: string;
  beforeAll(async () => {
    projectId = await newProject("Harbor Bridge Upgrade");
  });

  it("gives the v1 metrics of the fixture (within a cent)", async () => {
    const r = await pm.budget.importYaml({ orgSlug: ORG, projectId, budget: fixture(BUDGET_FILE) });
    expect(r).toMatchObject({
      projectId,
      rateCard: 4,
      allocations: 2,
      timesheets: 43,
      replaced: null,
      workstreamsCreated: [],
    });
    await expectFixtureMetrics(projectId);
    const db = await tenantDb(ORG);
    const audit = await db.auditLog.findMany({
      where: { projectId, correlationId: { not: null } },
      select: { action: true, entityType: true },
    });
    expect(audit.filter((a) => a.action === "IMPORT" && a.entityType === "budget")).toHaveLength(1);
    expect(audit.filter((a) => a.action === "CREATE" && a.entityType === "timesheet_entry")).toHaveLength(43);
    expect(audit.filter((a) => a.action === "CREATE" && a.entityType === "rate_card")).toHaveLength(4);
    expect(audit.filter((a) => a.action === "CREATE" && a.entityType === "budget_allocation")).toHaveLength(
      2,
    );
  });

  it("refuses to import over existing budget data unless asked to replace it", async () => {
    const f = await failureOf(
      pm.budget.importYaml({ orgSlug: ORG, projectId, budget: fixture(BUDGET_FILE) }),
    );
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(
      /already has budget data \(2 allocations, 43 timesheet entries, 4 project rate-card entries\)/,
    );
    expect((await pm.budget.overview({ orgSlug: ORG, projectId })).counts).toMatchObject({
      allocations: 2,
      timesheets: 43,
      projectRateCard: 4,
    });

    const r = await pm.budget.importYaml({
      orgSlug: ORG,
      projectId,
      budget: fixture(BUDGET_FILE),
      replace: true,
    });
    expect(r.replaced).toEqual({ rateCard: 4, allocations: 2, timesheets: 43 });
    expect((await pm.budget.overview({ orgSlug: ORG, projectId })).counts).toMatchObject({
      allocations: 2,
      timesheets: 43,
      projectRateCard: 4,
    });
    await expectFixtureMetrics(projectId);
    const db = await tenantDb(ORG);
    expect(
      await db.auditLog.count({ where: { projectId, action: "DELETE", entityType: "timesheet_entry" } }),
    ).toBe(43);
  });

  it("refuses a bad file with per-entry errors and writes nothing", async () => {
    const target = await newProject("Empty target");
    const bad = `metadata:
  project_name: Empty target
rate_card:
  - name: Ana
    rate: lots
budget_ledger:
  - amount: 1000
timesheet_data:
  - week_ending: 2025-03-07
    resource: Ana
    hours: 40
    rate: 100
  - week_ending: 2025-02-30
    resource: Ana
    hours: 4.123
    rate: 100
`;
    const f = await failureOf(pm.budget.importYaml({ orgSlug: ORG, projectId: target, budget: bad }));
    expect(f.code).toBe("BAD_REQUEST");
    const errors = (f.details as { errors: { item?: string; line?: number; message: string }[] }).errors;
    expect(errors.find((e) => e.item === "rate_card #1")?.message).toMatch(/rate/);
    expect(
      errors
        .filter((e) => e.item === "timesheet_data #2")
        .map((e) => e.message)
        .join(" "),
    ).toMatch(/week_ending.*hours|hours.*week_ending/s);
    expect(errors.every((e) => typeof e.line === "number")).toBe(true);
    expect(f.fields.budget!.length).toBe(errors.length);
    expect((await pm.budget.overview({ orgSlug: ORG, projectId: target })).counts).toMatchObject({
      allocations: 0,
      timesheets: 0,
      projectRateCard: 0,
    });
    expect(
      await codeOf(pm.budget.importYaml({ orgSlug: ORG, projectId: target, budget: "rate_card: [unclosed" })),
    ).toBe("BAD_REQUEST");
  });

  it("creates the workstreams the ledger names and warns about another project's file", async () => {
    const target = await newProject("Ledger only", ["Civil"]);
    const r = await pm.budget.importYaml({
      orgSlug: ORG,
      projectId: target,
      budget: `metadata:
  project_name: Something else
budget_ledger:
  - amount: 5000
    workstream: civil
  - amount: 2500.5
    workstream: Electrical
  - amount: -500
`,
    });
    expect(r.workstreamsCreated).toEqual(["Electrical"]);
    expect(r.warnings.map((w) => w.message).join(" ")).toMatch(/"Something else"/);
    const m = await pm.budget.metrics({ orgSlug: ORG, projectId: target });
    expect(m.budgetTotal).toBe(7000.5);
    expect(m.workstreamVariance.map((w) => [w.workstream, w.allocated])).toEqual([
      ["Civil", 5000],
      ["Electrical", 2500.5],
    ]);
    const allocs = await pm.budget.allocation.list({ orgSlug: ORG, projectId: target });
    expect(allocs.map((a) => a.workstream)).toEqual(["Civil", "Electrical", null]);
  });
});

describe("timesheet CSV upload", () => {
  let projectId: string;
  const scope = () => ({ orgSlug: ORG, projectId });
  const GOOD = [
    "Week Ending,Resource,Hours,Rate,Complete Week",
    "2025-03-07,Chidi Okafor,37.5,72.50,yes",
    '03/07/2025,"Ruiz, Ana",40,185,yes',
    '"March 14, 2025",Chidi Okafor,7.25,,no',
  ].join("\r\n");
  const MAPPING = { weekEnding: 0, resource: 1, hours: 2, rate: 3, completeWeek: 4 };

  beforeAll(async () => {
    projectId = await newProject("CSV project");
    await pm.budget.rateCard.create({ ...scope(), resourceName: "Chidi Okafor", hourlyRate: "72.50" });
  });

  it("previews columns, a suggested mapping, rows and per-row errors without writing", async () => {
    const bad = `${GOOD}\r\n2025-03-14,Bo Chen,abc,160,yes\r\n2025-02-30,Bo Chen,8,160,yes`;
    const r = await pm.budget.timesheet.previewCsv({ ...scope(), csv: `\uFEFF${bad}` });
    expect(r.headers).toEqual(["Week Ending", "Resource", "Hours", "Rate", "Complete Week"]);
    expect(r.suggestedMapping).toEqual(MAPPING);
    expect(r.columns[2]).toMatchObject({ header: "Hours", samples: ["37.5", "40", "7.25"] });
    expect(r.rows.map((x) => [x.row, x.resource, x.cost, x.rateSource, x.completeWeek])).toEqual([
      [1, "Chidi Okafor", "2718.75", "file", true],
      [2, "Ruiz, Ana", "7400.00", "file", true],
      [3, "Chidi Okafor", "525.63", "rate card", false],
    ]);
    expect(r.errors.map((e) => [e.row, e.line, e.field])).toEqual([
      [4, 5, "hours"],
      [5, 6, "weekEnding"],
    ]);
    expect(r.duplicates.count).toBe(0);
    expect((await pm.budget.timesheet.list(scope())).total).toBe(0);
  });

  it("rejects a CSV with a bad row whole, naming the row", async () => {
    const bad = `${GOOD}\r\n2025-03-14,Bo Chen,8,160,yes\r\n2025-03-14,Bo Chen,8,-160,yes`;
    const f = await failureOf(pm.budget.timesheet.importCsv({ ...scope(), csv: bad, mapping: MAPPING }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.message).toMatch(/Row 5 \(line 6\): rate must not be negative/);
    expect((f.details as { errors: { row: number }[] }).errors.map((e) => e.row)).toEqual([5]);
    expect((await pm.budget.timesheet.list(scope())).total).toBe(0);
  });

  it("imports a good file with cost computed on the server, and audits it", async () => {
    const r = await pm.budget.timesheet.importCsv({ ...scope(), csv: GOOD, mapping: MAPPING });
    expect(r).toMatchObject({ imported: 3, replaced: 0, totals: { hours: "84.75", cost: "10644.38" } });
    const list = await pm.budget.timesheet.list(scope());
    expect(
      list.entries.map((e) => [e.weekEnding, e.resource, e.hours, e.rate, e.cost, e.completeWeek]),
    ).toEqual([
      ["2025-03-14", "Chidi Okafor", "7.25", "72.50", "525.63", false],
      ["2025-03-07", "Chidi Okafor", "37.50", "72.50", "2718.75", true],
      ["2025-03-07", "Ruiz, Ana", "40.00", "185.00", "7400.00", true],
    ]);
    const m = await pm.budget.metrics(scope());
    expect(m.burnToDate).toBe(10118.75); // complete weeks only
    const db = await tenantDb(ORG);
    expect(
      await db.auditLog.count({ where: { projectId, action: "IMPORT", entityType: "timesheet_import" } }),
    ).toBe(1);
    expect(
      await db.auditLog.count({ where: { projectId, action: "CREATE", entityType: "timesheet_entry" } }),
    ).toBe(3);
  });

  it("refuses rows that repeat existing entries unless told to replace or add them", async () => {
    const preview = await pm.budget.timesheet.previewCsv({ ...scope(), csv: GOOD, mapping: MAPPING });
    expect(preview.duplicates).toMatchObject({ count: 3, rows: [1, 2, 3] });

    const f = await failureOf(pm.budget.timesheet.importCsv({ ...scope(), csv: GOOD, mapping: MAPPING }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/3 existing entries.*row 1: Chidi Okafor, week ending 2025-03-07/);
    expect((await pm.budget.timesheet.list(scope())).total).toBe(3);

    const replaced = await pm.budget.timesheet.importCsv({
      ...scope(),
      csv: GOOD,
      mapping: MAPPING,
      duplicates: "replace",
    });
    expect(replaced).toMatchObject({ imported: 3, replaced: 3 });
    expect((await pm.budget.timesheet.list(scope())).total).toBe(3);
    expect((await pm.budget.metrics(scope())).burnToDate).toBe(10118.75);

    const added = await pm.budget.timesheet.importCsv({
      ...scope(),
      csv: GOOD,
      mapping: MAPPING,
      duplicates: "add",
    });
    expect(added).toMatchObject({ imported: 3, replaced: 0 });
    expect((await pm.budget.timesheet.list(scope())).total).toBe(6);
  });

  it("needs the required columns mapped", async () => {
    const f = await failureOf(
      pm.budget.timesheet.importCsv({ ...scope(), csv: GOOD, mapping: { resource: 1, hours: 2 } }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.message).toMatch(/Week ending/);
  });
});

describe("portfolio roll-up", () => {
  it("sums the budgets of imported projects", async () => {
    const sys = systemCaller();
    const a = (
      await sys.project.importYaml({
        orgSlug: ORG,
        raid: fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml"),
        budget: fixture(BUDGET_FILE),
      })
    ).projectId;
    const b = await newProject("Second project");
    await pm.budget.importYaml({
      orgSlug: ORG,
      projectId: b,
      budget: `budget_ledger:
  - amount: 20000
timesheet_data:
  - {week_ending: 2025-03-07, resource: Ana Ruiz, hours: 10, rate: 185}
  - {week_ending: 2025-03-14, resource: Zoe Park, hours: 20, rate: 100}
`,
    });
    const none = await newProject("No budget yet");

    const db = await tenantDb(ORG);
    const r = await rollUpProjectsBudget(db, [a, b, none, a]);
    const ma = await sys.budget.metrics({ orgSlug: ORG, projectId: a });
    const mb = await sys.budget.metrics({ orgSlug: ORG, projectId: b });

    expect(r.projectCount).toBe(2);
    expect(r.budgetTotal).toBe(550000 + 20000);
    expect(r.burnToDate).toBe(159600 + 1850 + 2000);
    expect(r.budgetRemaining).toBeCloseTo(ma.budgetRemaining + mb.budgetRemaining, 2);
    expect(r.projStart).toBe("2024-12-06");
    expect(r.updatesThru).toBe("2025-03-14");
    expect(r.burnPct).toBe(Math.round(((159600 + 3850) / 570000) * 1000) / 10);
    expect(r.weeklyBurn.at(-1)!.cumulative).toBe(r.burnToDate);
    const ana = r.resourceBurn.find((x) => x.resource === "Ana Ruiz")!;
    const anaA = ma.resourceBurn.find((x) => x.resource === "Ana Ruiz")!;
    expect(ana.cost).toBe(anaA.cost + 1850);
    expect(r.projects.map((p) => [p.name, p.hasBudget])).toEqual([
      ["Harbor Bridge Upgrade", true],
      ["No budget yet", false],
      ["Second project", true],
    ]);
    expect(r.projects.find((p) => p.projectId === b)).toMatchObject({
      budgetTotal: 20000,
      burnToDate: 3850,
      budgetStatus: mb.budgetStatus,
    });
  });
});
