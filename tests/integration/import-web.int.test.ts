/**
 * Imports from the web app (issue #16.1): the YAML preview (counts, errors
 * with their lines, a 10,000-item log), importing into an existing empty
 * project (refused when it has items; all or nothing), and CSV / Excel item
 * tables with a column mapping (round trip through the CSV export and an
 * exceljs workbook; bad rows flagged by row and column, nothing created).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS, CSV_RISK_COLUMNS } from "@/domain/export/csv";
import { loadProjectRecords } from "@/server/services/records";
import { generateRaidYaml } from "../../scripts/lib/v1-generator";
import { FIXTURES } from "../support/fixtures";
import { failureOf, tenantDb } from "./budget-support";
import { makeUser, systemCaller } from "./helpers";

const ORG = "web-import";
const sys = systemCaller();
const fixture = (name: string) => readFileSync(path.join(FIXTURES, name), "utf8");
const SAMPLE = () => fixture("RAID-Log-Sample-Platform-Upgrade.yaml");
const HARBOR = () => fixture("RAID-Log-Harbor-Bridge-Upgrade.yaml");
const BUDGET = () => fixture("Budget-Harbor-Bridge-Upgrade.yaml");

beforeAll(async () => {
  await makeUser("web-import@x.test", "Web Import");
  await sys.org.create({ name: "Web import", slug: ORG, ownerEmail: "web-import@x.test" });
});

const db = () => tenantDb(ORG);
const projectCount = async () => (await db()).project.count();
const itemCount = async () => (await db()).item.count();

/** The fields a CSV export carries, for comparing items across a round trip. */
async function tableFields(projectId: string) {
  const { items } = await loadProjectRecords(await db(), projectId);
  return items
    .sort((a, b) => a.itemNum - b.itemNum)
    .map((i) => ({
      itemNum: i.itemNum,
      type: i.type,
      title: i.title,
      description: i.description,
      workstream: i.workstream,
      assignedTo: i.assignedTo,
      start: i.start,
      finish: i.finish,
      deadline: i.deadline,
      percentComplete: i.percentComplete,
      priority: i.priority,
      draft: i.draft,
      clientVisible: i.clientVisible,
      probability: i.probability,
      impact: i.impact,
      residualProbability: i.residualProbability,
      residualImpact: i.residualImpact,
      riskOwner: i.riskOwner,
      mitigation: i.mitigation,
      contingency: i.contingency,
      costImpact: i.costImpact,
      scheduleImpactDays: i.scheduleImpactDays,
    }));
}

describe("project.importPreview", () => {
  it("counts a valid log and its budget file, and writes nothing", async () => {
    const before = await projectCount();
    const p = await sys.project.importPreview({ orgSlug: ORG, raid: HARBOR(), budget: BUDGET() });
    expect(p.raid.ok).toBe(true);
    expect(p.raid.project?.name).toBe("Harbor Bridge Upgrade");
    const items = p.raid.summary!.items;
    expect(items).toBe(40);
    expect(Object.values(p.raid.summary!.byType).reduce((a, b) => a + b, 0)).toBe(items);
    expect(p.raid.summary!.workstreams.length).toBeGreaterThan(0);
    expect(p.raid.summary!.dateRange!.from <= p.raid.summary!.dateRange!.to).toBe(true);
    expect(p.budget).toMatchObject({ ok: true, errorCount: 0 });
    expect(p.budget!.timesheets + p.budget!.allocations + p.budget!.rateCard).toBeGreaterThan(0);
    expect(await projectCount()).toBe(before);
    // The import then brings in exactly what the preview counted.
    const r = await sys.project.importYaml({ orgSlug: ORG, raid: HARBOR(), budget: BUDGET() });
    expect(r.items).toBe(items);
    expect(r.budget).toEqual({
      rateCard: p.budget!.rateCard,
      allocations: p.budget!.allocations,
      timesheets: p.budget!.timesheets,
    });
  });

  it("lists every error with its item and line", async () => {
    const bad = SAMPLE()
      .replace('type: "Risk"', 'type: "Riskk"')
      .replace(/start: "2024-01-2\d"/, 'start: "2024-13-45"');
    const lines = bad.split("\n");
    const typeLine = lines.findIndex((l) => l.includes('"Riskk"')) + 1;
    const p = await sys.project.importPreview({ orgSlug: ORG, raid: bad, budget: "rate_card: 7\n" });
    expect(p.raid.ok).toBe(false);
    expect(p.raid.summary).toBeNull();
    expect(p.raid.errorCount).toBeGreaterThanOrEqual(2);
    expect(p.raid.errors).toContainEqual(
      expect.objectContaining({
        item: 1,
        line: typeLine,
        field: "type",
        message: expect.stringMatching(/Riskk/),
      }),
    );
    expect(p.raid.errors.some((e) => e.field === "start" && typeof e.line === "number")).toBe(true);
    expect(p.budget!.ok).toBe(false);
    expect(p.budget!.errors[0]!.message).toBeTruthy();
  });

  it("previews a generated 10,000-item log", { timeout: 120_000 }, async () => {
    const { yaml, stats } = generateRaidYaml({ items: 10_000, seed: 7 });
    const before = await projectCount();
    const started = Date.now();
    const p = await sys.project.importPreview({ orgSlug: ORG, raid: yaml });
    expect(Date.now() - started).toBeLessThan(60_000);
    expect(p.raid.ok).toBe(true);
    expect(p.raid.summary).toMatchObject({
      items: 10_000,
      notes: stats.notes,
      dependencies: stats.dependencies,
    });
    expect([...p.raid.summary!.workstreams].sort()).toEqual([...stats.workstreams].sort());
    expect(await projectCount()).toBe(before);
  });
});

describe("project.importInto", () => {
  it("imports into an empty project, with the same audit as a new-project import", async () => {
    const { id: projectId } = await sys.project.create({
      orgSlug: ORG,
      name: "Empty one",
      workstreams: ["Testing"],
    });
    const r = await sys.project.importInto({ orgSlug: ORG, projectId, raid: SAMPLE() });
    expect(r.projectId).toBe(projectId);
    expect(r.name).toBe("Empty one");
    const d = await db();
    expect(await d.item.count({ where: { projectId } })).toBe(r.items);
    const project = await d.project.findUniqueOrThrow({
      where: { id: projectId },
      include: { workstreams: true },
    });
    expect(project.clientName).toBe("Acme Corporation");
    expect(project.nextItemNum).toBeGreaterThan(r.items);
    // "Testing" was there already: not added twice.
    expect(project.workstreams.filter((w) => w.name.toLowerCase() === "testing")).toHaveLength(1);
    expect(await d.auditLog.count({ where: { projectId, action: "IMPORT", entityType: "project" } })).toBe(1);
    expect(await d.auditLog.count({ where: { projectId, action: "CREATE", entityType: "item" } })).toBe(
      r.items,
    );
    expect(await d.baseline.count({ where: { projectId } })).toBe(1);
  });

  it("refuses a project that has items, and changes nothing", async () => {
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "Has items" });
    await sys.item.create({ orgSlug: ORG, projectId, type: "Risk", title: "Already here" });
    const before = await itemCount();
    const f = await failureOf(sys.project.importInto({ orgSlug: ORG, projectId, raid: SAMPLE() }));
    expect(f.code).toBe("CONFLICT");
    expect(f.message).toMatch(/already has 1 item/);
    expect(await itemCount()).toBe(before);
  });

  it("is all or nothing: a bad file adds no item, workstream or field", async () => {
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "Stays empty" });
    const bad = SAMPLE().replace('title: "Database migration may exceed timeline"', 'title: ""');
    const f = await failureOf(sys.project.importInto({ orgSlug: ORG, projectId, raid: bad }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields.raid?.[0]).toMatch(/item 1, line \d+/);
    const d = await db();
    expect(await d.item.count({ where: { projectId } })).toBe(0);
    expect(await d.workstream.count({ where: { projectId } })).toBe(0);
    const project = await d.project.findUniqueOrThrow({ where: { id: projectId } });
    expect(project.clientName).toBeNull();
  });
});

describe("CSV and Excel item tables", () => {
  let sourceId = "";
  beforeAll(async () => {
    sourceId = (await sys.project.importYaml({ orgSlug: ORG, raid: HARBOR(), name: "Table source" }))
      .projectId;
  });

  it("round-trips the CSV export: headings map 1:1 and the items come back the same", async () => {
    const { content: csv } = await sys.project.export({
      orgSlug: ORG,
      projectId: sourceId,
      format: "csv",
      filter: { includeDrafts: true },
    });
    const file = { kind: "csv" as const, data: csv };
    const p = await sys.project.importTablePreview({ orgSlug: ORG, file });
    expect(p.errorCount).toBe(0);
    expect(p.headers.slice(0, CSV_COLUMNS.length)).toEqual([...CSV_COLUMNS]);
    expect(p.mapping).toMatchObject({ itemNum: 0, type: 1, workstream: 2, title: 3, percentComplete: 9 });
    expect(p.sampleRows).toHaveLength(5);
    const source = await tableFields(sourceId);
    expect(p.summary.items).toBe(source.length);

    const r = await sys.project.importTable({ orgSlug: ORG, file, mapping: p.mapping, name: "From CSV" });
    expect(await tableFields(r.projectId)).toEqual(source);
    const d = await db();
    const audit = await d.auditLog.findFirstOrThrow({
      where: { projectId: r.projectId, action: "IMPORT", entityType: "project" },
    });
    expect(audit.after).toMatchObject({ source: "CSV", items: source.length });
  });

  it("reads an Excel workbook built with exceljs, into an existing empty project", async () => {
    const source = await tableFields(sourceId);
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Items");
    sheet.addRow([...CSV_COLUMNS, ...CSV_RISK_COLUMNS]);
    const dateCell = (d: string | null) => (d ? new Date(`${d}T00:00:00Z`) : null);
    for (const i of source) {
      sheet.addRow([
        i.itemNum,
        i.type,
        i.workstream,
        i.title,
        i.description,
        i.assignedTo,
        dateCell(i.start),
        dateCell(i.finish),
        dateCell(i.deadline),
        i.percentComplete / 100,
        "ignored indicator",
        i.priority,
        i.draft ? "Yes" : "No",
        i.clientVisible,
        i.probability,
        i.impact,
        i.residualProbability,
        i.residualImpact,
        i.riskOwner,
        i.mitigation,
        i.contingency,
        i.costImpact === null ? null : Number(i.costImpact),
        i.scheduleImpactDays,
      ]);
    }
    sheet.getColumn(10).numFmt = "0%";
    const data = Buffer.from(await wb.xlsx.writeBuffer()).toString("base64");
    const file = { kind: "xlsx" as const, data };
    const p = await sys.project.importTablePreview({ orgSlug: ORG, file });
    expect(p.errors).toEqual([]);
    const { id: projectId } = await sys.project.create({ orgSlug: ORG, name: "Excel target" });
    const r = await sys.project.importTableInto({ orgSlug: ORG, projectId, file, mapping: p.mapping });
    expect(r.projectId).toBe(projectId);
    expect(await tableFields(projectId)).toEqual(source);
  });

  it("flags bad rows by row and column, and creates nothing", async () => {
    const csv = [
      "Title,Kind,Begins,Done",
      "Fine,Risk,2025-01-06,10",
      "Typo,Riskk,2025-01-06,10",
      "Bad date,Issue,2025-02-30,10",
      "Bad percent,Decision,2025-01-06,150%",
      ",Decision,,",
    ].join("\n");
    const file = { kind: "csv" as const, data: csv };
    const p = await sys.project.importTablePreview({ orgSlug: ORG, file });
    // "Kind" is another name for the type; "Begins" and "Done" are left for the user to map.
    expect(p.mapping).toMatchObject({ title: 0, type: 1 });
    const mapping = { title: 0, type: 1, start: 2, percentComplete: 3 };
    const q = await sys.project.importTablePreview({ orgSlug: ORG, file, mapping });
    expect(q.errors.map((e) => [e.row, e.line, e.column, e.field])).toEqual([
      [2, 3, "Kind", "type"],
      [3, 4, "Begins", "start"],
      [4, 5, "Done", "percentComplete"],
      [5, 6, "Title", "title"],
    ]);
    expect(q.summary.items).toBe(1);

    const projects = await projectCount();
    const items = await itemCount();
    const f = await failureOf(sys.project.importTable({ orgSlug: ORG, file, mapping, name: "Never" }));
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields.file?.[0]).toBe(
      'Row 2 (line 3), column "Kind": Type "Riskk" is not an item type (use one of Budget, Risk, Action Item, Issue, Decision, Deliverable, Plan Item)',
    );
    expect(await projectCount()).toBe(projects);
    expect(await itemCount()).toBe(items);

    const missing = await failureOf(
      sys.project.importTable({ orgSlug: ORG, file, mapping: { title: 0 }, name: "Never" }),
    );
    expect(missing.fields.file?.[0]).toMatch(/Choose the column that holds "Type"/);
  });

  it("refuses a file that is not a workbook", async () => {
    const f = await failureOf(
      sys.project.importTablePreview({ orgSlug: ORG, file: { kind: "xlsx", data: "bm90IGEgemlw" } }),
    );
    expect(f.code).toBe("BAD_REQUEST");
    expect(f.fields.file?.[0]).toMatch(/not an Excel workbook/);
  });
});
